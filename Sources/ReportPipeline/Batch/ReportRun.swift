import ActivityModel
import Delivery
import Markup
import ReportRendering

/// The one runner of reports, for one input or many, from files or a server: each source only
/// provides its Load step. Bounded concurrency, the index, the failure summary and the exit
/// status of the run exist here and only here.
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
        /// A folder per report, and `index.html` and `summary.md` comparing them.
        case batch
    }

    /// Makes the report of every job, `concurrency` at a time; `sender` sends each report's
    /// messages after writing it, or with `--digest` one message after the index.
    public static func run(
        _ jobs: [ReportJob], layout: Layout, source: some PayloadSource, inputs: RunInputs, concurrency: Int,
        events: some RunEvents, sender: Sender? = nil
    ) async -> Result {
        Library.initialize()  // libxml2 wants its set-up on one thread before others render
        events.begin(total: jobs.count)
        let width = max(1, min(concurrency, jobs.count))
        var outcomes = [JobOutcome?](repeating: nil, count: jobs.count)
        await withTaskGroup(of: (Int, JobOutcome).self) { group in
            var next = 0
            func add() {
                let index = next
                group.addTask {
                    (index, await run(jobs[index], layout: layout, source: source, inputs: inputs, events: events, sender: sender))
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
        let results = outcomes.compactMap { $0 }
        var written = results.flatMap(\.written)
        let failures = zip(jobs, results).filter { $0.1.error != nil }
        var digestFailure: ReportError?
        if layout == .batch {
            if failures.count < jobs.count {
                let digest = sender.flatMap { $0.inputs.settings.digest ? $0 : nil }
                do {
                    let index = try writeIndex(results.map(\.row), settings: inputs.settings, mail: digest?.inputs.smtp != nil)
                    written += index.paths
                    if let digest {
                        digestFailure = await sendDigest(
                            results.map(\.row), mail: index.mail, sender: digest, settings: inputs.settings, events: events)
                    }
                } catch {
                    events.message(RunMessage(.error, error.description))
                    return Result(status: error.status, written: written)
                }
            }
            if !failures.isEmpty {
                let others = failures.count < jobs.count ? "; the others' reports and the index were written" : ""
                let list = failures.map { "\n  \($0.0.label): \($0.1.error?.summary ?? "failed")" }.joined()
                let noun = source.noun + (jobs.count == 1 ? "" : "s")
                events.message(RunMessage(.error, "\(failures.count) of \(jobs.count) \(noun) failed\(others):" + source.redact(list)))
            }
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

    /// `index.html` and `summary.md` of a batch, and `index.eml` (the index as an email) when
    /// `mail`: the paths written, and the message.
    static func writeIndex(_ rows: [ProjectIndexRow], settings: RunSettings, mail: Bool = false) throws(ReportError) -> (
        paths: [String], mail: [UInt8]?
    ) {
        var files: [(path: String, bytes: [UInt8])]
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
        do {
            return (try AtomicWriter.write(files, to: settings.outputDirectory), message)
        } catch {
            throw .writeIndex(error)
        }
    }
}
