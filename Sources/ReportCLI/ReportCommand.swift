public import ArgumentParser
import Delivery
import Insights
import ReportPipeline

/// `report`: the command line. Thin: it parses options, then hands them to ``ReportRun``.
public struct ReportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Turn Lightdash's user-activity analytics into a report people read.",
        discussion: discussion, version: version, subcommands: [HistoryCommand.self])

    /// `report --version`.
    public static let version = "0.1.0"

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

    @Option(
        help: ArgumentHelp(
            "A folder with report.html and/or report.css to use instead of the built-in templates (see templates/ in the repository).",
            valueName: "dir"))
    var templates: String?

    @Option(help: ArgumentHelp("Refuse inputs larger than this many bytes.", valueName: "bytes"))
    var maxInputBytes: Int = 512 << 20

    @Flag(name: [.short, .long], help: "Do not print data notes or progress on stderr (errors are still printed).")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "An earlier payload or insights.json to compare with: every headline number then shows its change.",
            valueName: "file"))
    var previous: String?

    @Option(
        help: ArgumentHelp(
            "A JSON file of thresholds for the findings: {\"thresholds\": {\"inactivePercentWatch\": 15}}.", valueName: "file"))
    var config: String?

    @Option(
        name: .customLong("threshold"),
        help: ArgumentHelp(
            "Override one threshold of the findings (repeatable; wins over --config). Names and defaults: docs/insights.md.",
            valueName: "name=value"),
        transform: { (text: String) throws -> ThresholdAssignment in try ThresholdAssignment(parsing: text) })
    var thresholds: [ThresholdAssignment] = []

    @OptionGroup(title: "History")
    var history: HistoryOptions

    @OptionGroup(title: "Views")
    var views: ViewsOptions

    @OptionGroup(title: "Email and CI")
    var delivery: DeliveryOptions

    @OptionGroup(title: "Sending: SMTP, Slack, Microsoft Teams")
    var sending: SendOptions

    @OptionGroup(title: "Fetching from a Lightdash server")
    var server: ServerOptions

    @OptionGroup(title: "Clean-up")
    var cleanup: CleanupOptions

    public init() {}

    // Not optimized: swiftc 6.3.1's release SimplifyCFG (jump threading) crashes on this function
    // ("cannot get borrow introducers for unknown guaranteed value"); it runs once per process.
    @_optimize(none)
    public func validate() throws {
        if let problem = Invocation.usageProblem(
            input: input, output: output, maxRows: maxRows, summaryRows: summaryRows, maxInputBytes: maxInputBytes,
            previous: previous, serverUsed: server.used || cleanup.cleanup)
        {
            throw ValidationError(problem)
        }
        if views.views == "auto" && !server.used {
            throw ValidationError("--views auto downloads each project's views CSV: give --url, or the path of an exported CSV")
        }
    }

    /// The options as a run takes them.
    var invocation: Invocation {
        var v = Invocation(
            input: input, output: output, title: title, maxRows: maxRows, summaryRows: summaryRows, templates: templates,
            maxInputBytes: maxInputBytes, quiet: quiet, previous: previous, config: config, thresholds: thresholds,
            email: delivery.emailOptions(sending: sending.needsEmail), checks: delivery.checks,
            stepSummaryFile: delivery.stepSummaryFile, server: server.request,
            send: sending.settings(timeout: server.timeout, retryBaseDelay: server.retryBaseDelay, reportURL: delivery.reportURL),
            reportURL: delivery.reportURL)
        history.apply(to: &v)
        views.apply(to: &v)
        cleanup.apply(to: &v)
        return v
    }

    public func run() async throws {
        let status = await invocation.run()
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}
