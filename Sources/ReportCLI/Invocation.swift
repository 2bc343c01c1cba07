import Delivery
import Insights
import ReportPipeline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one command line asks for, whichever parser read it (``ReportCommand`` through
/// ArgumentParser, or ``QuickParse``): the options' values, and the run they make.
struct Invocation: Equatable {
    var input: [String] = []
    var output = "output"
    var title = "Lightdash user activity"
    var maxRows = 50
    var summaryRows = 10
    var templates: String?
    var maxInputBytes = 512 << 20
    var quiet = false
    var previous: String?
    var config: String?
    var thresholds: [ThresholdAssignment] = []
    /// `--email` and `--mail-*`: nil when no email is asked for.
    var email: EmailOptions?
    var checks: [Check] = []
    /// `$GITHUB_STEP_SUMMARY` with `--github-summary`.
    var stepSummaryFile: String?
    /// The server options; `concurrency` also bounds a batch of files.
    var server = FetchRequest()
    /// SMTP, Slack and Teams: nothing is sent unless an option says where.
    var send = Invocation.sendSettings(FetchRequest())
    /// `--report-url`: where the output folder is published, for the links of the email and summary.
    var reportURL: String?
    /// `--history`, `--history-raw` (read by ArgumentParser only).
    var history: String?
    var historyRaw = false
    /// `--views`, `--timezone` (read by ArgumentParser only).
    var views: String?
    var timeZone = "UTC"
    /// `--show-recipients` (read by ArgumentParser only).
    var showRecipients = false

    /// The send settings of a command line without sending options: the server options' timeout
    /// and retry delay, as ``SendOptions/settings(timeout:retryBaseDelay:)`` takes them.
    static func sendSettings(_ server: FetchRequest) -> SendSettings {
        var s = SendSettings()
        s.timeout = server.timeout
        s.retry.baseDelay = server.retryBaseDelay
        return s
    }

    /// Why the options cannot make a run (ArgumentParser's validation message), or nil.
    static func usageProblem(
        input: [String], output: String, maxRows: Int, summaryRows: Int, maxInputBytes: Int, previous: String?,
        serverUsed: Bool
    ) -> String? {
        if maxRows < 1 { return "--max-rows must be at least 1, got \(maxRows)" }
        if summaryRows < 1 { return "--summary-rows must be at least 1, got \(summaryRows)" }
        if maxInputBytes < 1 { return "--max-input-bytes must be at least 1, got \(maxInputBytes)" }
        if input.contains(where: \.isEmpty) { return "--input needs a path, or - for standard input" }
        if !input.isEmpty && serverUsed {
            return "--input reads a file; --url and its options fetch from a server: give one or the other"
        }
        if input.count > 1 && input.contains("-") {
            return "standard input (-) can only be read alone, not among several --input files"
        }
        if output.isEmpty { return "--output needs a folder" }
        if previous == "-" && input.contains("-") { return "--input and --previous cannot both read standard input" }
        if previous?.isEmpty == true { return "--previous needs a path" }
        return nil
    }

    /// Makes the reports; the exit status of a run that is not `ok`.
    func run() async -> ExitStatus {
        let generatedAt: Int64
        switch SourceDateEpoch.parse(getenv("SOURCE_DATE_EPOCH").map { String(cString: $0) }) {
        case .success(let seconds): generatedAt = seconds ?? Int64(time(nil))
        case .failure(let error):
            StandardError.write("error: \(error)\n")
            return .usage
        }
        var settings = RunSettings(
            outputDirectory: output, title: title, maxRows: maxRows, summaryRows: summaryRows, templatesDirectory: templates,
            maxInputBytes: maxInputBytes, generatedAt: generatedAt, quiet: quiet, previous: previous, configFile: config,
            thresholdOverrides: thresholds, email: email, checks: checks, stepSummaryFile: stepSummaryFile, send: send,
            reportURL: reportURL)
        settings.history = history
        settings.historyRaw = historyRaw
        settings.views = views
        settings.timeZone = timeZone
        settings.showRecipients = showRecipients
        let result: ReportRun.Result
        if input.isEmpty {
            let events = ConsoleProgress.standardError(quiet: quiet)
            result = await ReportRun.server(server, settings: settings, environment: ProcessEnvironment.current, events: events)
        } else {
            let events = ConsoleProgress.standardError(quiet: quiet, reportLines: false, activity: "reporting on")
            result = await ReportRun.files(input, settings: settings, concurrency: server.concurrency, events: events)
        }
        StandardOutput.writeLines(result.written)
        return result.status
    }
}
