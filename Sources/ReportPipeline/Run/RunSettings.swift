public import Delivery
public import Insights
public import Secrets

/// What the command line asks of a run, already parsed, before any file is read.
public struct RunSettings: Sendable {
    /// The folder the report (or, for several inputs, the reports and their index) goes into.
    public var outputDirectory: String
    public var title: String
    /// Rows per list in report.html before "and N more".
    public var maxRows: Int
    /// Rows per list in summary.md.
    public var summaryRows: Int
    /// `--templates`: a folder with report.html and/or report.css.
    public var templatesDirectory: String?
    /// Inputs (and `--previous`) larger than this are refused.
    public var maxInputBytes: Int
    /// Seconds since the epoch stamped on the report (`SOURCE_DATE_EPOCH` or the clock).
    public var generatedAt: Int64
    /// Keep data notes and progress off stderr.
    public var quiet: Bool
    /// `--previous`: an earlier payload or insights.json (`-` for standard input).
    public var previous: String?
    /// `--config`: a JSON file of thresholds.
    public var configFile: String?
    /// `--threshold NAME=VALUE`, applied after the config file.
    public var thresholdOverrides: [ThresholdAssignment]
    /// `--email` and `--mail-*`: nil when no email is asked for.
    public var email: EmailOptions?
    /// `--check` conditions.
    public var checks: [Check]
    /// `--github-summary`: the file to append each summary to.
    public var stepSummaryFile: String?
    /// The run's secrets besides the server's (which the fetch plan adds) and the sending's (which
    /// `RunInputs` adds when it reads them): taken out of every message, index line and file of the
    /// run. Register a new secret here when an option brings one.
    public var secrets: Redactor
    /// `--smtp-url`, the webhook files, `--digest` ...: what is sent after writing.
    public var send: SendSettings
    /// `--report-url`: where the full report is published (summary.md and the email link to it).
    public var reportURL: String?
    /// `--history`: the folder of earlier runs' records, where this run's record is kept too.
    public var history: String?
    /// `--history-raw`: keep the payload beside the record.
    public var historyRaw: Bool = false
    /// `--views`: the raw views CSV, or `auto` to download each project's with `--url`.
    public var views: String?
    /// `--timezone`: the tz database name the heatmap of views is drawn in.
    public var timeZone: String = "UTC"
    /// `--show-recipients`: the clean-up part names email recipients of deliveries (otherwise only counts them).
    public var showRecipients = false

    public init(
        outputDirectory: String = "output", title: String = "Lightdash user activity", maxRows: Int = 50,
        summaryRows: Int = 10, templatesDirectory: String? = nil, maxInputBytes: Int = 512 << 20, generatedAt: Int64,
        quiet: Bool = false, previous: String? = nil, configFile: String? = nil,
        thresholdOverrides: [ThresholdAssignment] = [], email: EmailOptions? = nil, checks: [Check] = [],
        stepSummaryFile: String? = nil, secrets: Redactor = Redactor(), send: SendSettings = SendSettings(), reportURL: String? = nil
    ) {
        self.reportURL = reportURL
        self.outputDirectory = outputDirectory
        self.title = title
        self.maxRows = maxRows
        self.summaryRows = summaryRows
        self.templatesDirectory = templatesDirectory
        self.maxInputBytes = maxInputBytes
        self.generatedAt = generatedAt
        self.quiet = quiet
        self.previous = previous
        self.configFile = configFile
        self.thresholdOverrides = thresholdOverrides
        self.email = email
        self.checks = checks
        self.stepSummaryFile = stepSummaryFile
        self.secrets = secrets
        self.send = send
    }
}
