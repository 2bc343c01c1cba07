import ActivityModel
import Delivery
import Markup
import ReportRendering
import Secrets

/// The one runner of reports, for one input or many, from files or a server: each source only
/// provides its Load step. Bounded concurrency, the index, the failure summary, the commit of
/// the output folder and the exit status of the run exist here and only here.
public enum ReportRun {
    /// What a run did.
    public struct Result: Sendable {
        public var status: ExitStatus
        /// Every path written, in the order of the jobs, the index last.
        public var written: [String]
    }

    /// Where the reports go.
    public enum Layout: Sendable {
        /// One report, straight into the output folder.
        case single
        /// A folder per report, and `index.html`, `summary.md` and `manifest.json` comparing and listing them.
        case batch
    }

    /// Makes the report of every job, `concurrency` at a time, into a staging folder, then puts
    /// it in place of the output folder in one step (``OutputFolder``); the output folder is
    /// left as it was when no report could be made. Once the folder is in place, `sender` sends
    /// each report's messages, or with `--digest` one message for the run. `operations` is
    /// injected by tests.
    public static func run(
        _ jobs: [ReportJob], layout: Layout, source: some PayloadSource, inputs: RunInputs, concurrency: Int,
        events: some RunEvents, sender: Sender? = nil, operations: FolderOperations = .system
    ) async -> Result {
        let secrets = inputs.secrets.merging(source.secrets)
        let events = RedactingEvents(inner: events, secrets: secrets)
        Library.initialize()  // libxml2 wants its set-up on one thread before others render
        let output: OutputFolder
        do {
            output = try OutputFolder.begin(inputs.settings.outputDirectory, operations: operations)
        } catch {
            return failed(.write(error), events: events)
        }
        events.begin(total: jobs.count)
        let width = max(1, min(concurrency, jobs.count))
        var outcomes = [JobOutcome?](repeating: nil, count: jobs.count)
        await withTaskGroup(of: (Int, JobOutcome).self) { group in
            var next = 0
            func add() {
                let index = next
                group.addTask {
                    (
                        index,
                        await run(
                            jobs[index], layout: layout, source: source, inputs: inputs, output: output, secrets: secrets, events: events)
                    )
                }
                next += 1
            }
            while next < width { add() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < jobs.count { add() }
            }
        }
        events.end()
        var results = outcomes.compactMap { $0 }
        var written: [String] = []
        let digest = sender.flatMap { layout == .batch && $0.inputs.settings.digest ? $0 : nil }
        var indexMail: [UInt8]?
        if results.contains(where: { $0.staged != nil }) {
            do throws(ReportError) {
                written = results.flatMap { $0.staged?.paths ?? [] }
                if layout == .batch {
                    let index = try writeIndex(results, settings: inputs.settings, output: output, mail: digest?.inputs.smtp != nil)
                    written += index.paths
                    indexMail = index.mail
                }
                do {
                    try output.commit()
                } catch {
                    throw ReportError.write(error)
                }
            } catch {
                output.abandon()
                events.message(RunMessage(.error, error.description))
                return Result(status: error.status, written: [])
            }
            for (index, result) in results.enumerated() {
                guard let staged = result.staged else { continue }
                let delivered = ReportWriter.deliver(staged, settings: inputs.settings)
                written += delivered.paths
                if let error = delivered.error {
                    events.message(RunMessage(.error, subject: layout == .batch ? jobs[index].label : nil, error.description))
                    results[index].error = error
                }
            }
        } else {
            output.abandon()
        }
        // Send, once the reports are in place: they stay whatever happens to the messages.
        if let sender, digest == nil {
            for (index, result) in results.enumerated() {
                guard result.staged != nil, let outgoing = result.outgoing else { continue }
                let subject = layout == .batch ? jobs[index].label : nil
                let failures = await sender.send(outgoing) { events.message(RunMessage($0, subject: subject, $1)) }
                for failure in failures { events.message(RunMessage(.error, subject: subject, failure.description)) }
                if results[index].error == nil, let first = failures.first { results[index].error = .send(first) }
            }
        }
        let failures = zip(jobs, results).filter { $0.1.error != nil }
        if layout == .batch && !failures.isEmpty {
            let others = failures.count < jobs.count ? "; the others' reports and the index were written" : ""
            let list = failures.map { "\n  \($0.0.label): \($0.1.error?.summary ?? "failed")" }.joined()
            let noun = source.noun + (jobs.count == 1 ? "" : "s")
            events.message(RunMessage(.error, "\(failures.count) of \(jobs.count) \(noun) failed\(others):" + list))
        }
        var digestFailure: ReportError?
        if let digest, results.contains(where: { $0.staged != nil }) {
            digestFailure = await sendDigest(results.map(\.row), mail: indexMail, sender: digest, settings: inputs.settings, events: events)
        }
        let status = status(results)
        if let digestFailure, status == .ok || status == .checkFailed { return Result(status: digestFailure.status, written: written) }
        return Result(status: status, written: written)
    }

    /// `--digest`: one message for the run, after the index: `index.eml` and the index's table.
    static func sendDigest(
        _ rows: [ProjectIndexRow], mail: [UInt8]?, sender: Sender, settings run: RunSettings, events: some RunEvents
    ) async -> ReportError? {
        let settings = sender.inputs.settings
        var post: ChatPost?
        if sender.inputs.slack != nil || sender.inputs.teams != nil {
            post = ChatPost.digest(
                rows, title: run.title, generatedAt: run.generatedAt, link: settings.link(folder: nil),
                reportLink: { settings.link(folder: $0) })
        }
        let failures = await sender.send(.init(mail: mail.map { (name: "index.eml", bytes: $0) }, post: post)) {
            events.message(RunMessage($0, subject: "digest", $1))
        }
        for failure in failures { events.message(RunMessage(.error, subject: "digest", failure.description)) }
        return failures.first.map(ReportError.send)
    }

    /// The run's exit status: the first failure's (in the order of the jobs); else 1 when a
    /// check failed; else 0.
    static func status(_ results: [JobOutcome]) -> ExitStatus {
        if let failure = results.lazy.compactMap(\.error).first { return failure.status }
        return results.contains(where: \.checksFailed) ? .checkFailed : .ok
    }

    /// `index.html`, `summary.md` and `manifest.json` of a batch, and `index.eml` (the index as an
    /// email) when `mail`, staged: the paths, and the message. The manifest lists the index files
    /// and each report's own `manifest.json` (which lists that report's files), so every file of
    /// the output folder is in exactly one manifest.
    static func writeIndex(_ results: [JobOutcome], settings: RunSettings, output: OutputFolder, mail: Bool = false) throws(ReportError)
        -> (paths: [String], mail: [UInt8]?)
    {
        var files: [(path: String, bytes: [UInt8])]
        let rows = results.map(\.row)
        let summary = ProjectIndex.markdown(rows, title: settings.title, generatedAt: settings.generatedAt)
        do {
            files = [
                ("index.html", try ProjectIndex.html(rows, title: settings.title, generatedAt: settings.generatedAt)),
                ("summary.md", summary),
            ]
        } catch {
            throw .render(error)
        }
        var message: [UInt8]?
        if mail, let email = settings.email {
            do {
                var m = MailMessage(
                    from: try MIMEHeader.Mailbox(parsing: email.from), to: try EmailPackage.mailboxes(email.to),
                    subject: email.subject ?? "\(settings.title): \(Format.count(rows.count, "project"))", date: settings.generatedAt,
                    text: summary, html: ProjectIndex.email(rows, title: settings.title, generatedAt: settings.generatedAt), images: [])
                m.cc = try EmailPackage.mailboxes(email.cc)
                message = m.serialize()
            } catch {
                throw .email(error)
            }
            files.append(("index.eml", message ?? []))
        }
        let reports = results.compactMap { result in result.staged.map { ($0.folder + "/manifest.json", $0.manifest) } }
        files.append(("manifest.json", Manifest.render(files + reports)))
        do {
            return (try output.write(files), message)
        } catch {
            throw .writeIndex(error)
        }
    }
}
