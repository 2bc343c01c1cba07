public import ArgumentParser
import Delivery
import ReportRendering

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The options of what a run hands on: the email, checks for CI, the job summary.
public struct DeliveryOptions: ParsableArguments {
    @Flag(help: "Also write report.eml, email.html and charts/*.png (implied by any --mail-* option).")
    var email = false

    @Option(help: ArgumentHelp("The email's sender: user@example.com or \"Name <user@example.com>\".", valueName: "address"))
    var mailFrom: String?

    @Option(help: ArgumentHelp("A recipient of the email (repeatable); needed for sendmail -t.", valueName: "address"))
    var mailTo: [String] = []

    @Option(help: ArgumentHelp("A copy recipient, in the Cc header (repeatable).", valueName: "address"))
    var mailCc: [String] = []

    @Option(
        help: ArgumentHelp(
            "A blind copy recipient (repeatable): only in the SMTP envelope of --smtp-url, never written into report.eml.",
            valueName: "address"))
    var mailBcc: [String] = []

    @Option(help: ArgumentHelp("The email's subject (default: \"TITLE: the 7 days to DATE\").", valueName: "text"))
    var mailSubject: String?

    @Option(
        name: .customLong("check"),
        help: ArgumentHelp(
            "A condition on an insights.json key, such as 'activity.activePercent >= 40' (repeatable): exit 1 when any fails.",
            valueName: "expr"),
        transform: { (text: String) throws -> Check in try Check(parsing: text) })
    var checks: [Check] = []

    @Flag(help: "Append the summary (and the checks) to the file named by $GITHUB_STEP_SUMMARY, kept under 1 MiB.")
    var githubSummary = false

    @Option(
        name: .customLong("report-url"),
        help: ArgumentHelp(
            "Where the output folder is published (an http or https URL): summary.md, the email and the chat messages link to its report.html (FOLDER/report.html for each project of a batch, index.html for a digest).",
            valueName: "url"))
    var reportURL: String?

    public init() {}

    public func validate() throws {
        do {
            try emailOptions()?.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        if let reportURL, let problem = ReportOptions.problem(reportURL: reportURL) {
            throw ValidationError("--report-url: \(problem)")
        }
        if githubSummary && (stepSummaryFile ?? "").isEmpty {
            throw ValidationError("--github-summary needs the GITHUB_STEP_SUMMARY environment variable (set by GitHub Actions)")
        }
    }

    /// The email options, when an email is asked for (`--smtp-url` asks for one too).
    func emailOptions(sending: Bool = false) -> EmailOptions? {
        Self.emailOptions(
            email: email || sending, mailFrom: mailFrom, mailTo: mailTo, mailCc: mailCc, mailBcc: mailBcc, mailSubject: mailSubject)
    }

    /// `--email` and the `--mail-*` options as the pipeline takes them: nil when none is given.
    static func emailOptions(
        email: Bool, mailFrom: String?, mailTo: [String], mailCc: [String] = [], mailBcc: [String] = [], mailSubject: String?
    ) -> EmailOptions? {
        guard email || mailFrom != nil || !mailTo.isEmpty || !mailCc.isEmpty || !mailBcc.isEmpty || mailSubject != nil
        else { return nil }
        var options = EmailOptions(to: mailTo, cc: mailCc, bcc: mailBcc, subject: mailSubject)
        if let mailFrom { options.from = mailFrom }
        return options
    }

    /// `$GITHUB_STEP_SUMMARY` with `--github-summary`.
    var stepSummaryFile: String? {
        guard githubSummary else { return nil }
        return getenv("GITHUB_STEP_SUMMARY").map { String(cString: $0) }
    }
}
