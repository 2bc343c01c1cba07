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

    /// Makes the report of every job, `concurrency` at a time.
    public static func run(
        _ jobs: [ReportJob], layout: Layout, source: some PayloadSource, inputs: RunInputs, concurrency: Int,
        events: some RunEvents
    ) async -> Result {
        Library.initialize()  // libxml2 wants its set-up on one thread before others render
        events.begin(total: jobs.count)
        let width = max(1, min(concurrency, jobs.count))
        var outcomes = [JobOutcome?](repeating: nil, count: jobs.count)
        await withTaskGroup(of: (Int, JobOutcome).self) { group in
            var next = 0
            func add() {
                let index = next
                group.addTask { (index, await run(jobs[index], layout: layout, source: source, inputs: inputs, events: events)) }
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
        if layout == .batch {
            if failures.count < jobs.count {
                do {
                    written += try writeIndex(results.map(\.row), settings: inputs.settings)
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
        return Result(status: status(results), written: written)
    }

    /// The run's exit status: the first failure's (in the order of the jobs); else 1 when a
    /// check failed; else 0.
    static func status(_ results: [JobOutcome]) -> ExitStatus {
        if let failure = results.lazy.compactMap(\.error).first { return failure.status }
        return results.contains(where: \.checksFailed) ? .checkFailed : .ok
    }

    /// `index.html` and `summary.md` of a batch.
    static func writeIndex(_ rows: [ProjectIndexRow], settings: RunSettings) throws(ReportError) -> [String] {
        let files: [(path: String, bytes: [UInt8])]
        do {
            files = [
                ("index.html", try ProjectIndex.html(rows, title: settings.title, generatedAt: settings.generatedAt)),
                ("summary.md", ProjectIndex.markdown(rows, title: settings.title, generatedAt: settings.generatedAt)),
            ]
        } catch {
            throw .render(error)
        }
        do {
            return try AtomicWriter.write(files, to: settings.outputDirectory)
        } catch {
            throw .writeIndex(error)
        }
    }
}
