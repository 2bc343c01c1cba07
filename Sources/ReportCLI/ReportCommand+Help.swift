import ReportPipeline

extension ReportCommand {
    /// The long help: what the command writes, where the token comes from, exit codes, examples.
    static let discussion = """
        Reads the JSON of GET /api/v1/analytics/user-activity/{projectUuid} (the whole response \
        or its "results" object) from a file, or fetches it from a Lightdash server with --url, \
        and writes into the output folder:
          report.html   a self-contained page: no network, no script
          summary.md    GitHub-flavoured Markdown, under 1 MiB
          insights.json the metrics and findings for machines (schemas/insights.schema.json)
          data/*.csv    every list in full, RFC 4180, formula-safe
          manifest.json every other file written, with its size and SHA-256
        With --email (or any --mail-* option) also:
          report.eml    a MIME message for sendmail -t or a mail API, charts as PNG by Content-ID
          email.html    the same HTML for tools that take an HTML body (images: charts/*.png)
          charts/*.png  the charts at 2x, drawn by librsvg from the SVGs
        The paths written are printed on stdout, one a line; data notes and errors go to stderr.
        The output folder is replaced as a whole: every file goes into a staging folder beside it \
        (.NAME.staging-XXXXXX), which then takes its place in one step; a failure or a kill leaves \
        the old report whole, and the folder always holds exactly what its manifest.json lists. \
        An existing folder is replaced only when empty or holding an earlier report. Names are \
        shown with at most 100 characters (whole in data/*.csv and insights.json).

        The generation time is SOURCE_DATE_EPOCH (seconds since 1970-01-01 UTC) when set, \
        otherwise the current time: the same input, options and SOURCE_DATE_EPOCH give \
        byte-identical files.

        From a server: the token comes from LIGHTDASH_API_KEY or --api-key-file, never from the \
        command line; tokens starting ldsvc_ are sent as "Bearer", others as "ApiKey". \
        LIGHTDASH_PROXY_AUTHORIZATION is sent as Proxy-Authorization; https_proxy, http_proxy \
        and no_proxy are respected. Secrets are taken out of whatever the server sends before it \
        is read or shown. Each attempt, head and body, is cut after 10 x --timeout (at least \
        60 s); --deadline bounds the whole run. Up to 4 attempts on connection failures, timeouts, 429, 502, \
        503 and 504, waiting 1, 2, 4 s (with jitter) or as Retry-After says (at most 60 s). With \
        several projects (--project repeated, --projects-file, --all-projects) each report goes \
        into its own folder (name-uuid) and the output folder gets index.html and summary.md \
        comparing them. A failing input or project does not stop the others; the run then ends \
        with the exit code of the first failure in the order given.

        Sending: --smtp-url sends report.eml through an SMTP server once the files are written \
        (STARTTLS required on smtp://, TLS from the start on smtps://; the password from \
        SMTP_PASSWORD or --smtp-password-file; --smtp-ca-file or SSL_CERT_FILE for a private CA; \
        certificates are always verified). --slack-webhook-file and --teams-webhook-file post the \
        findings and headline numbers (the URL is read from the file and never printed). \
        Connection failures, SMTP 4xx and HTTP 429/502/503/504 are tried again as above; SMTP 5xx \
        replies are final. --digest sends one message after the index of a many-report run; \
        --dry-run-send only says what would be sent to whom.

        History: --history DIR keeps a record of each run (its insights.json, DIR[/PROJECT]/DAY.insights.json, \
        written after the report) and reads the earlier ones: the report gains an "Over time" section of \
        up to 52 weeks. report history import DIR FILE... turns saved payloads into records.

        Exit codes:
        \(ExitStatus.table)

        Example:
          report --input examples/activity.json --output output
          curl -s ... | report --input - --title "Analytics: Sales"
          LIGHTDASH_API_KEY=ldpat_... report --url https://lightdash.example.com --project 3675b69e-8324-4110-bdca-059031aa8da3
          report --url https://lightdash.example.com --api-key-file ~/.lightdash-token --all-projects --output weekly
          SMTP_PASSWORD=... report -i activity.json --smtp-url smtp://me%40example.com@smtp.example.com:587 --mail-to data@example.com
        """
}
