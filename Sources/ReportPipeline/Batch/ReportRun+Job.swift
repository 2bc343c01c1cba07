import ActivityModel
import ReportRendering
import Secrets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What became of one job.
struct JobOutcome: Sendable {
    /// The report in the staging folder; nil when there is none.
    var staged: ReportWriter.Staged?
    /// Why there is no report (or why what goes beside it is missing); nil when it was written.
    var error: ReportError?
    var checksFailed = false
    var row: ProjectIndexRow
    /// What the report sends once it is in place.
    var outgoing: Sender.Outgoing?
}

extension ReportRun {
    /// Load -> Validate -> Analyze -> Render -> Write for one job. Its messages name the job in a
    /// batch; alone, only those about the input name it.
    static func run(
        _ job: ReportJob, layout: Layout, source: some PayloadSource, inputs: RunInputs, output: OutputFolder, secrets: Redactor,
        events: some RunEvents
    ) async -> JobOutcome {
        let started = ContinuousClock.now
        events.started(job)
        let batch = layout == .batch
        func say(_ kind: RunMessage.Kind, _ text: String) {
            events.message(RunMessage(kind, subject: batch ? job.label : nil, text))
        }
        var sourceName = job.label
        var outcome = JobOutcome(row: ProjectIndexRow(name: job.name, uuid: job.key, folder: job.folder, failure: "failed"))
        do throws(ReportError) {
            let loaded: LoadedActivity
            let payload: Payload
            let fetchedViews: ViewsInput?
            let cleanup: CleanupData?
            do {
                let input = try await source.load(job, events: events)
                sourceName = input.source
                fetchedViews = input.views
                loaded = try Stages.validate(input)
                cleanup = try Stages.validateCleanup(input)
                // The bytes are kept only for --save-raw: a large (mapped) input is given back
                // before the report is made.
                payload = input.rawCopy == nil && !inputs.settings.historyRaw ? Payload(bytes: [], source: input.source) : input
            }
            let historyFolder = inputs.settings.history.map { HistoryStore.folder($0, job: job) }
            let history = try historyFolder.map { f throws(ReportError) in
                try HistoryStore.load(f, project: job.project, files: inputs.files)
            }
            let viewsInput = fetchedViews ?? inputs.viewsFile
            let viewsLog = try viewsInput.map { v throws(ReportError) in try Stages.readViews(v) }
            let zone = try viewsLog.map { log throws(ReportError) in try ViewsInput.zone(inputs.settings.timeZone, for: log) } ?? .utc
            let insights = Stages.analyze(loaded, inputs: inputs, history: history, views: viewsLog, zone: zone, cleanup: cleanup)
            for note in insights.dataNotes { say(.note, note.message) }
            let report = try Stages.render(loaded, insights, job: job, inputs: inputs)
            for check in report.checks { say(.check, check.line) }
            outcome.staged = try ReportWriter.stage(report, payload: payload, into: output, folder: job.folder, settings: inputs.settings)
            outcome.checksFailed = report.checksFailed
            outcome.row = report.indexRow
            if let historyFolder {
                // Written after the output folder is committed (ReportWriter.deliver): the record of
                // a run whose report failed is not kept.
                outcome.staged?.history = HistoryStore.record(
                    insights, payload: payload, source: secrets.redact(payload.source), folder: historyFolder, project: job.project,
                    raw: inputs.settings.historyRaw)
            }
            // Sent once the output folder is committed: the files stay whatever happens to the messages.
            let mail = report.files.first { $0.path == "report.eml" }.map { (name: "report.eml", bytes: $0.bytes) }
            outcome.outgoing = Sender.Outgoing(mail: mail, post: report.post)
        } catch {
            let subject = batch ? job.label : error.concernsInput ? sourceName : nil
            events.message(RunMessage(.error, subject: subject, error.description))
            outcome.error = error
            outcome.row = ProjectIndexRow(name: job.name, uuid: job.key, folder: job.folder, failure: secrets.redact(error.summary))
        }
        let elapsed = ContinuousClock.now - started
        events.finished(
            job, ok: outcome.error == nil, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        return outcome
    }
}
