public import ArgumentParser
import Delivery
import Insights
import ReportPipeline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `report`: the command line. Thin: it parses options, then hands them to ``ReportRun``.
public struct ReportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Turn Lightdash's user-activity analytics into a report people read.",
        discussion: discussion, subcommands: [HistoryCommand.self])

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

    @OptionGroup(title: "Email and CI")
    var delivery: DeliveryOptions

    @OptionGroup(title: "Sending: SMTP, Slack, Microsoft Teams")
    var sending: SendOptions

    @OptionGroup(title: "Fetching from a Lightdash server")
    var server: ServerOptions

    public init() {}

    public func validate() throws {
        if maxRows < 1 { throw ValidationError("--max-rows must be at least 1, got \(maxRows)") }
        if summaryRows < 1 { throw ValidationError("--summary-rows must be at least 1, got \(summaryRows)") }
        if maxInputBytes < 1 { throw ValidationError("--max-input-bytes must be at least 1, got \(maxInputBytes)") }
        if input.contains(where: \.isEmpty) { throw ValidationError("--input needs a path, or - for standard input") }
        if !input.isEmpty && server.used {
            throw ValidationError("--input reads a file; --url and its options fetch from a server: give one or the other")
        }
        if input.count > 1 && input.contains("-") {
            throw ValidationError("standard input (-) can only be read alone, not among several --input files")
        }
        if output.isEmpty { throw ValidationError("--output needs a folder") }
        if previous == "-" && input.contains("-") { throw ValidationError("--input and --previous cannot both read standard input") }
        if previous?.isEmpty == true { throw ValidationError("--previous needs a path") }
    }

    public func run() async throws {
        let generatedAt: Int64
        switch SourceDateEpoch.parse(getenv("SOURCE_DATE_EPOCH").map { String(cString: $0) }) {
        case .success(let seconds): generatedAt = seconds ?? Int64(time(nil))
        case .failure(let error):
            StandardError.write("error: \(error)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        var settings = RunSettings(
            outputDirectory: output, title: title, maxRows: maxRows, summaryRows: summaryRows, templatesDirectory: templates,
            maxInputBytes: maxInputBytes, generatedAt: generatedAt, quiet: quiet, previous: previous, configFile: config,
            thresholdOverrides: thresholds, email: delivery.emailOptions(sending: sending.needsEmail), checks: delivery.checks,
            stepSummaryFile: delivery.stepSummaryFile,
            send: sending.settings(timeout: server.timeout, retryBaseDelay: server.retryBaseDelay, reportURL: delivery.reportURL),
            reportURL: delivery.reportURL)
        history.apply(to: &settings)
        let result: ReportRun.Result
        if input.isEmpty {
            let events = ConsoleProgress.standardError(quiet: quiet)
            result = await ReportRun.server(server.request, settings: settings, environment: ProcessEnvironment.current, events: events)
        } else {
            let events = ConsoleProgress.standardError(quiet: quiet, reportLines: false, activity: "reporting on")
            result = await ReportRun.files(input, settings: settings, concurrency: server.concurrency, events: events)
        }
        for path in result.written { print(path) }
        if result.status != .ok { throw ExitCode(result.status.rawValue) }
    }
}
