import Delivery
public import Insights
public import ReportRendering
public import Secrets

/// Everything a run reads besides its payloads, read and parsed once and shared by every report
/// of a batch: the thresholds, the previous run, the templates; with the settings they came from.
public struct RunInputs: Sendable {
    public var settings: RunSettings
    /// Defaults, then `--config`, then `--threshold`.
    public var thresholds: Thresholds
    /// `--previous`, parsed.
    public var previous: Previous?
    /// The built-in templates, or the user's.
    public var templates: Templates
    /// The SMTP password, the webhook URLs and the rest of what sending needs; nil when nothing is sent.
    public var send: SendInputs?
    /// What each job reads its `--history` records through.
    public var files: any FileReading
    /// `--views FILE`: its bytes, read once for every job; nil without it or with `--views auto`.
    public var viewsFile: ViewsInput?

    public init(
        settings: RunSettings, thresholds: Thresholds = Thresholds(), previous: Previous? = nil, templates: Templates = .builtIn,
        send: SendInputs? = nil, files: any FileReading = LocalFiles()
    ) {
        self.files = files
        self.settings = settings
        self.thresholds = thresholds
        self.previous = previous
        self.templates = templates
        self.send = send
    }

    /// Every secret the run knows besides the server's: the settings' (``RunSettings/secrets``)
    /// and the sending's (the SMTP password, the webhook URLs), as the run's one ``Redactor``.
    public var secrets: Redactor { settings.secrets.merging(send?.redactor ?? Redactor()) }

    /// Reads `--config`, `--previous`, `--templates` and what sending needs (the password and
    /// webhook files; `SMTP_PASSWORD`, `SSL_CERT_FILE` from `environment`) through `files`, each once.
    public static func load(
        _ settings: RunSettings, files: some FileReading = LocalFiles(), environment: [String: String] = ProcessEnvironment.current
    ) throws(ReportError) -> RunInputs {
        let send = try SendInputs.load(settings.send, email: settings.email, environment: environment, files: files)
        var thresholds = Thresholds()
        if let path = settings.configFile {
            let bytes: [UInt8]
            do {
                bytes = try files.read(path, limit: 1 << 20)
            } catch {
                throw .configUnreadable(error)
            }
            do {
                try thresholds.apply(config: bytes)
            } catch {
                throw .configInvalid(path: path, error)
            }
        }
        for assignment in settings.thresholdOverrides { thresholds.set(assignment) }
        var previous: Previous?
        if let path = settings.previous {
            let bytes: [UInt8]
            do {
                bytes = try files.read(path, limit: settings.maxInputBytes)
            } catch {
                throw .previousUnreadable(error)
            }
            do {
                previous = try Previous.load(bytes)
            } catch {
                throw .previousInvalid(path: path, error)
            }
        }
        let templates = try loadTemplates(settings.templatesDirectory, files: files)
        if settings.email != nil {
            // librsvg is loaded here, once, so that a run without it stops before any report.
            do {
                try PNGRenderer.load()
            } catch {
                throw .library(error)
            }
        }
        var inputs = RunInputs(
            settings: settings, thresholds: thresholds, previous: previous, templates: templates, send: send, files: files)
        inputs.viewsFile = try ViewsInput.load(settings, files: files)
        return inputs
    }

    /// The built-in templates, or the user's `DIR/report.html` and `DIR/report.css`
    /// (either may be missing: the built-in one is used for it).
    static func loadTemplates(_ directory: String?, files: some FileReading) throws(ReportError) -> Templates {
        guard let directory else { return .builtIn }
        guard files.isFolder(directory) else { throw .templates("--templates \(directory): no such folder") }
        var templates = Templates.builtIn
        let page = AtomicWriter.join(directory, "report.html")
        let css = AtomicWriter.join(directory, "report.css")
        var found = false
        do {
            if files.exists(page) {
                templates.page = try files.read(page, limit: 16 << 20)
                templates.pageName = page
                found = true
            }
            if files.exists(css) {
                templates.stylesheet = String(decoding: try files.read(css, limit: 16 << 20), as: UTF8.self)
                found = true
            }
        } catch {
            throw .templates("\(error)")
        }
        if !found { throw .templates("--templates \(directory) holds neither report.html nor report.css") }
        return templates
    }

    /// The options the renderers take, with the title of a job and the link to its report in
    /// `folder` (under `--report-url`).
    func reportOptions(title: String, folder: String) -> ReportOptions {
        ReportOptions(
            title: title, maxRows: settings.maxRows, summaryRows: settings.summaryRows, generatedAt: settings.generatedAt,
            reportURL: ReportOptions.link(base: settings.reportURL, folder: folder))
    }
}
