import ReportRendering

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What became of one job.
struct JobOutcome: Sendable {
    var written: [String] = []
    /// Why there is no report (or why it is incomplete); nil when it was written.
    var error: ReportError?
    var checksFailed = false
    var row: ProjectIndexRow
}

extension ReportRun {
    /// Load -> Validate -> Analyze -> Render -> Write for one job. Its messages name the job in a
    /// batch; alone, only those about the input name it.
    static func run(
        _ job: ReportJob, layout: Layout, source: some PayloadSource, inputs: RunInputs, events: some RunEvents, sender: Sender?
    ) async -> JobOutcome {
        let started = ContinuousClock.now
        events.started(job)
        let batch = layout == .batch
        func say(_ kind: RunMessage.Kind, _ text: String) {
            events.message(RunMessage(kind, subject: batch ? job.label : nil, source.redact(text)))
        }
        var sourceName = job.label
        var outcome = JobOutcome(row: ProjectIndexRow(name: job.name, uuid: job.key, failure: "failed"))
        var outgoing: Sender.Outgoing?
        do throws(ReportError) {
            let payload = try await source.load(job, events: events)
            sourceName = payload.source
            let loaded = try Stages.validate(payload)
            let historyFolder = inputs.settings.history.map { HistoryStore.folder($0, job: job) }
            let history = try historyFolder.map { f throws(ReportError) in
                try HistoryStore.load(f, project: job.project, files: inputs.files)
            }
            let insights = Stages.analyze(loaded, inputs: inputs, history: history)
            for note in insights.dataNotes { say(.note, note.message) }
            let report = try Stages.render(loaded, insights, job: job, inputs: inputs)
            for check in report.checks { say(.check, check.line) }
            let folder =
                job.folder.isEmpty ? inputs.settings.outputDirectory : AtomicWriter.join(inputs.settings.outputDirectory, job.folder)
            let written = ReportWriter.write(report, payload: payload, to: folder, settings: inputs.settings)
            outcome.written = written.paths
            outcome.checksFailed = report.checksFailed
            if !written.paths.isEmpty { outcome.row = report.indexRow }
            if let error = written.error { throw error }
            if let historyFolder {
                // After the report is in place: the record of a run whose report failed is not kept.
                outcome.written += try HistoryStore.write(
                    insights, payload: payload, source: source.redact(payload.source), folder: historyFolder, project: job.project,
                    raw: inputs.settings.historyRaw)
            }
            // Send, once the files are written: they stay whatever happens to the messages.
            let mail = report.files.first { $0.path == "report.eml" }.map { (name: "report.eml", bytes: $0.bytes) }
            outgoing = Sender.Outgoing(mail: mail, post: report.post)
        } catch {
            let subject = batch ? job.label : error.concernsInput ? sourceName : nil
            events.message(RunMessage(.error, subject: subject, source.redact(error.description)))
            outcome.error = error
            if outcome.written.isEmpty {
                outcome.row = ProjectIndexRow(name: job.name, uuid: job.key, failure: source.redact(error.summary))
            }
        }
        if let sender, let outgoing, !(batch && sender.inputs.settings.digest) {
            let failures = await sender.send(outgoing) { say($0, $1) }
            for failure in failures { events.message(RunMessage(.error, subject: batch ? job.label : nil, failure.description)) }
            if outcome.error == nil, let first = failures.first { outcome.error = .send(first) }
        }
        let elapsed = ContinuousClock.now - started
        events.finished(
            job, ok: outcome.error == nil, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        return outcome
    }
}
