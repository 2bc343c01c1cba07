public import ActivityModel
import Charts
public import Delivery
public import Insights
public import ReportRendering

/// One file of a report: its path relative to the report's folder, and its bytes.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    public init(_ path: String, _ bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Render's output: every file of one report, and what the run says about it.
public struct RenderedReport: Sendable {
    /// In writing order; `manifest.json` last.
    public var files: [OutputFile]
    /// The outcome of every `--check`, in the order given.
    public var checks: [Check.Result]
    /// The data notes of the loader and the analyzer (also in the report).
    public var notes: [Diagnostic]
    /// The report's line in the index of a batch.
    public var indexRow: ProjectIndexRow
    /// summary.md with the checks: what `--github-summary` appends.
    public var summary: [UInt8]
    /// What a Slack or Teams message says about the report, when one is to be sent.
    public var post: ChatPost?

    /// Whether any check failed.
    public var checksFailed: Bool { checks.contains { !$0.passed } }
}

/// Validate -> Analyze -> Render for one payload: pure, in memory, no file or network touched
/// (Load and Write are the batch runner's and the writer's).
public enum Stages {
    /// Validate: bytes -> typed activity and data notes.
    public static func validate(_ payload: Payload) throws(ReportError) -> LoadedActivity {
        do {
            let input = payload.input
            return try input.withUnsafeBufferPointer { buffer throws(LoadError) in
                // A mapped file's pages go back to the system as they are read.
                try PayloadDecoder.decode(buffer, progress: input.isMapped ? { input.releasePages(before: $0) } : nil)
            }
        } catch {
            throw .payload(error)
        }
    }

    /// Analyze: the metrics, the changes since `--previous`, the weeks of `--history` (the
    /// job's records, when given) and the findings.
    public static func analyze(
        _ loaded: LoadedActivity, inputs: RunInputs, history: History? = nil, views: ViewsLog? = nil, zone: ZoneOffsets = .utc,
        cleanup: CleanupData? = nil
    ) -> Insights {
        Analyzer.analyze(
            loaded, previous: inputs.previous, history: history, thresholds: inputs.thresholds, views: views, zone: zone,
            cleanup: cleanup, now: inputs.settings.generatedAt, showRecipients: inputs.settings.showRecipients)
    }

    /// Validate for the clean-up answers: nil without them.
    public static func validateCleanup(_ payload: Payload) throws(ReportError) -> CleanupData? {
        guard let responses = payload.cleanup else { return nil }
        do {
            return try CleanupDecoder.decode(responses)
        } catch {
            throw .cleanup(error)
        }
    }

    /// Render: every file of the report, the checks and the index row.
    public static func render(
        _ loaded: LoadedActivity, _ insights: Insights, job: ReportJob, inputs: RunInputs
    ) throws(ReportError) -> RenderedReport {
        let settings = inputs.settings
        let activity = loaded.activity
        var options = inputs.reportOptions(title: job.title, folder: job.folder)
        // A report in a folder of its own belongs to a batch: its page links back to the index.
        if !job.folder.isEmpty { options.indexLink = "../index.html" }
        // What people read gets names capped for display; the CSV files and insights.json keep them whole.
        let shown = (activity: activity.cappingNames(), insights: insights.cappingNames())
        let charts = ChartBuilder.build(shown.activity, insights: shown.insights)
        var files: [OutputFile] = []
        do {
            files.append(
                OutputFile(
                    "report.html",
                    try HTMLReport.render(
                        activity: shown.activity, insights: shown.insights, options: options, templates: inputs.templates, charts: charts,
                        narrowCharts: ChartBuilder.build(shown.activity, insights: shown.insights, theme: Theme.standard.narrow))))
        } catch {
            throw .render(error)
        }
        var summary = MarkdownSummary.render(activity: shown.activity, insights: shown.insights, options: options)
        let tree = InsightsJSON.tree(insights)
        var checks: [Check.Result] = []
        for check in settings.checks {
            do {
                checks.append(try check.evaluate(tree: tree))
            } catch {
                throw .check(error)
            }
        }
        if !checks.isEmpty { summary += Array(checksSection(checks).utf8) }
        files.append(OutputFile("summary.md", summary))
        files.append(OutputFile("insights.json", InsightsJSON.encode(tree: tree)))
        files += CSVExport.files(activity).map { OutputFile($0.path, $0.bytes) }
        files += CSVExport.viewsFiles(insights).map { OutputFile($0.path, $0.bytes) }
        files += CSVExport.cleanupFiles(insights).map { OutputFile($0.path, $0.bytes) }
        files += charts.charts.map { OutputFile("charts/\($0.name).svg", $0.svgBytes()) }
        if let email = settings.email {
            do {
                // The PNGs' labels are cut to the widths librsvg draws them at on this machine. The
                // email carries the compact "Over time" (a 12-week sparkline), not the full chart.
                let emailCharts = ChartBuilder.emailCharts(
                    shown.activity, insights: shown.insights, theme: Theme.standard.measured(by: PNGRenderer.textMeasure))
                files += try EmailPackage.files(
                    title: job.title, insights: shown.insights, activity: shown.activity, charts: emailCharts.charts,
                    sparkline: emailCharts.sparkline, plainText: summary, generatedAt: settings.generatedAt, options: email,
                    reportURL: options.reportURL
                ).map { OutputFile($0.path, $0.bytes) }
            } catch {
                throw .email(error)
            }
        }
        files.append(OutputFile("manifest.json", Manifest.render(files.map { ($0.path, $0.bytes) })))
        let row = ProjectIndexRow(
            name: job.name, uuid: job.key, folder: job.folder, insights: insights, activeUserIDs: ProjectIndexRow.activeUserIDs(activity))
        var post: ChatPost?
        if let send = inputs.send, send.slack != nil || send.teams != nil {
            post = ChatPost.report(
                title: job.title, insights: shown.insights, generatedAt: settings.generatedAt, link: send.settings.link(folder: job.folder))
        }
        return RenderedReport(files: files, checks: checks, notes: insights.dataNotes, indexRow: row, summary: summary, post: post)
    }

    /// `## Checks` for summary.md.
    static func checksSection(_ results: [Check.Result]) -> String {
        var section = "\n## Checks\n\n"
        for result in results {
            section += "- \(result.passed ? "✅ pass" : "❌ FAIL"): `\(result.check)` (actual: \(result.actual))\n"
        }
        return section
    }
}
