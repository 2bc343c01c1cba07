public import ArgumentParser
import Delivery
import Insights

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `report`: the command line. Thin: it parses options and hands a ``RunConfiguration`` to
/// ``Pipeline``.
public struct ReportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Turn Lightdash's user-activity analytics into a report people read.",
        discussion: """
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
            Files are written to temporary files and renamed, so a failure leaves nothing partial.

            The generation time is SOURCE_DATE_EPOCH (seconds since 1970-01-01 UTC) when set, \
            otherwise the current time: the same input, options and SOURCE_DATE_EPOCH give \
            byte-identical files.

            From a server: the token comes from LIGHTDASH_API_KEY or --api-key-file, never from the \
            command line; tokens starting ldsvc_ are sent as "Bearer", others as "ApiKey". \
            LIGHTDASH_PROXY_AUTHORIZATION is sent as Proxy-Authorization; https_proxy, http_proxy \
            and no_proxy are respected. Up to 4 attempts on connection failures, timeouts, 429, 502, \
            503 and 504, waiting 1, 2, 4 s (with jitter) or as Retry-After says (at most 60 s). With \
            several projects (--project repeated, --projects-file, --all-projects) each report goes \
            into its own folder (name-uuid) and the output folder gets index.html and summary.md \
            comparing them; a failing project does not stop the others.

            Exit codes:
            \(ExitStatus.table)

            Example:
              report --input examples/activity.json --output output
              curl -s ... | report --input - --title "Analytics: Sales"
              LIGHTDASH_API_KEY=ldpat_... report --url https://lightdash.example.com --project 3675b69e-8324-4110-bdca-059031aa8da3
              report --url https://lightdash.example.com --api-key-file ~/.lightdash-token --all-projects --output weekly
            """
    )

    @Option(
        name: [.short, .long], parsing: .upToNextOption,
        help: ArgumentHelp(
            "The payload: a JSON file, or - for standard input (or use --url). Several files (--input a.json b.json ...) make one report each, in a folder named after the file under the output folder, rendered on every core, plus an index.html and summary.md comparing them.",
            valueName: "path"))
    var input: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("The folder to write into, created when missing.", valueName: "dir"))
    var output: String = "output"

    @Option(help: ArgumentHelp("The report's title.", valueName: "text"))
    var title: String = "Lightdash user activity"

    @Option(help: ArgumentHelp("Rows shown per list in report.html before \"and N more\".", valueName: "n"))
    var maxRows: Int = 50

    @Option(help: ArgumentHelp("Rows shown per list in summary.md before \"and N more\".", valueName: "n"))
    var summaryRows: Int = 10

    @Option(help: ArgumentHelp(
        "A folder with report.html and/or report.css to use instead of the built-in templates (see templates/ in the repository).",
        valueName: "dir"))
    var templates: String?

    @Option(help: ArgumentHelp("Refuse inputs larger than this many bytes.", valueName: "bytes"))
    var maxInputBytes: Int = 512 << 20

    @Flag(name: [.short, .long], help: "Do not print data notes or progress on stderr (errors are still printed).")
    var quiet = false

    @Option(help: ArgumentHelp(
        "An earlier payload or insights.json to compare with: every headline number then shows its change.",
        valueName: "file"))
    var previous: String?

    @Option(help: ArgumentHelp(
        "A JSON file of thresholds for the findings: {\"thresholds\": {\"inactivePercentWatch\": 15}}.", valueName: "file"))
    var config: String?

    @Option(
        name: .customLong("threshold"),
        help: ArgumentHelp(
            "Override one threshold of the findings (repeatable; wins over --config). Names and defaults: docs/insights.md.",
            valueName: "name=value"))
    var thresholds: [String] = []

    @Flag(help: "Also write report.eml, email.html and charts/*.png (implied by any --mail-* option).")
    var email = false

    @Option(help: ArgumentHelp("The email's sender: user@example.com or \"Name <user@example.com>\".", valueName: "address"))
    var mailFrom: String?

    @Option(help: ArgumentHelp("A recipient of the email (repeatable); needed for sendmail -t.", valueName: "address"))
    var mailTo: [String] = []

    @Option(help: ArgumentHelp("The email's subject (default: \"TITLE: the 7 days to DATE\").", valueName: "text"))
    var mailSubject: String?

    @Option(
        name: .customLong("check"),
        help: ArgumentHelp(
            "A condition on an insights.json key, such as 'activity.activePercent >= 40' (repeatable): exit 1 when any fails.",
            valueName: "expr"))
    var checks: [String] = []

    @Flag(help: "Append the summary (and the checks) to the file named by $GITHUB_STEP_SUMMARY, kept under 1 MiB.")
    var githubSummary = false

    @OptionGroup(title: "Fetching from a Lightdash server")
    var server: ServerOptions

    public init() {}

    public func validate() throws {
        if maxRows < 1 { throw ValidationError("--max-rows must be at least 1, got \(maxRows)") }
        if summaryRows < 1 { throw ValidationError("--summary-rows must be at least 1, got \(summaryRows)") }
        if maxInputBytes < 1 { throw ValidationError("--max-input-bytes must be at least 1, got \(maxInputBytes)") }
        if input.contains(where: \.isEmpty) { throw ValidationError("--input needs a path, or - for standard input") }
        if !input.isEmpty && server.used { throw ValidationError("--input reads a file; --url and its options fetch from a server: give one or the other") }
        if input.count > 1 && input.contains("-") { throw ValidationError("standard input (-) can only be read alone, not among several --input files") }
        if output.isEmpty { throw ValidationError("--output needs a folder") }
        if previous == "-" && input.contains("-") { throw ValidationError("--input and --previous cannot both read standard input") }
        if previous?.isEmpty == true { throw ValidationError("--previous needs a path") }
        for expression in checks {
            do {
                _ = try Check(parsing: expression)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        do {
            try emailOptions?.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        if githubSummary && (getenv("GITHUB_STEP_SUMMARY").map { String(cString: $0) } ?? "").isEmpty {
            throw ValidationError("--github-summary needs the GITHUB_STEP_SUMMARY environment variable (set by GitHub Actions)")
        }
        var check = Thresholds()
        for assignment in thresholds {
            do {
                try check.set(assignment: assignment)
            } catch {
                throw ValidationError("--threshold: \(error)")
            }
        }
    }

    public func run() async throws {
        let generatedAt: Int64
        switch SourceDateEpoch.parse(getenv("SOURCE_DATE_EPOCH").map { String(cString: $0) }) {
        case .success(let seconds): generatedAt = seconds ?? Int64(time(nil))
        case .failure(let error):
            var console = StandardConsole()
            console.err("error: \(error)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        guard let first = input.first else {
            let status = await fetch(generatedAt: generatedAt)
            if status != .ok { throw ExitCode(status.rawValue) }
            return
        }
        var config = RunConfiguration(
            input: first, outputDirectory: output, title: title, maxRows: maxRows, summaryRows: summaryRows,
            templatesDirectory: templates, maxInputBytes: maxInputBytes, generatedAt: generatedAt, quiet: quiet,
            previous: previous, configFile: config, thresholdOverrides: thresholds)
        var console = StandardConsole()
        config = withDelivery(config)
        let status = input.count == 1
            ? Pipeline.run(config, console: &console)
            : await FileBatch.run(input, config: config, concurrency: server.concurrency, console: &console)
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}

extension ReportCommand {
    /// `--url`: fetch, then report.
    func fetch(generatedAt: Int64) async -> ExitStatus {
        var console = StandardConsole()
        let plan: FetchPlan
        do {
            plan = try FetchPlan.make(server, environment: ProcessEnvironment.current, maxInputBytes: maxInputBytes)
        } catch {
            console.err("error: \(error)")
            return error.status
        }
        let config = RunConfiguration(
            input: plan.settings.endpoint.origin, outputDirectory: output, title: title, maxRows: maxRows,
            summaryRows: summaryRows, templatesDirectory: templates, maxInputBytes: maxInputBytes,
            generatedAt: generatedAt, quiet: quiet, previous: previous, configFile: self.config,
            thresholdOverrides: thresholds)
        return await FetchRun.run(plan, config: withDelivery(config), console: &console, progress: .standardError(quiet: quiet))
    }
}

extension ReportCommand {
    /// The email options, when an email is asked for.
    var emailOptions: EmailOptions? {
        guard email || mailFrom != nil || !mailTo.isEmpty || mailSubject != nil else { return nil }
        var options = EmailOptions(to: mailTo, subject: mailSubject)
        if let mailFrom { options.from = mailFrom }
        return options
    }

    /// `config` with the email, checks and job summary options (already validated).
    func withDelivery(_ config: RunConfiguration) -> RunConfiguration {
        var config = config
        config.email = emailOptions
        config.checks = checks.compactMap { try? Check(parsing: $0) }  // parsed without error in validate()
        if githubSummary { config.stepSummaryFile = getenv("GITHUB_STEP_SUMMARY").map { String(cString: $0) } }
        return config
    }
}

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org): a whole number of seconds since 1970-01-01 UTC.
public enum SourceDateEpoch {
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public var value: String
        public var description: String {
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC (such as 1770768000), got \"\(value)\""
        }
    }

    /// Nil when unset or empty; an error when set to anything but digits (up to year 9999).
    public static func parse(_ value: String?) -> Result<Int64?, Invalid> {
        guard let value, !value.isEmpty else { return .success(nil) }
        guard value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), value.utf8.count <= 12, let seconds = Int64(value),
            seconds <= 253_402_300_799
        else { return .failure(Invalid(value: value)) }
        return .success(seconds)
    }
}
