import ActivityModel
import Insights
public import ActivitySource
import Foundation
import ReportRendering

/// `report --url ...`: Load from a Lightdash server (one project, or many with an index),
/// then the same Validate -> Analyze -> Render -> Write as `--input`.
public enum FetchRun {
    /// One project to fetch and where its report goes.
    struct Job: Sendable {
        var uuid: String
        var name: String?
        /// Relative to the output folder; empty for a single project.
        var folder: String

        /// For progress and messages: the name (made safe for a terminal) and the uuid.
        var label: String {
            guard let name, !name.isEmpty else { return uuid }
            return "\(Terminal.safe(name)) (\(uuid))"
        }
    }

    struct Outcome: Sendable {
        var status: ExitStatus
        var written: [String] = []
        /// One line, for the end-of-run summary.
        var failure: String?
        var row: ProjectIndexRow?
    }

    /// Runs `plan`: paths written go to `console.out`; errors, notes and progress to `progress`.
    public static func run(
        _ plan: FetchPlan, config: RunConfiguration, console: inout some Console, progress: FetchProgress,
        timing: RetryTiming = .live
    ) async -> ExitStatus {
        let client = LightdashClient(settings: plan.settings, timing: timing)
        let status = await run(plan, client: client, config: config, console: &console, progress: progress)
        await client.shutdown()
        progress.end()
        return status
    }

    static func run(
        _ plan: FetchPlan, client: LightdashClient, config: RunConfiguration, console: inout some Console, progress: FetchProgress
    ) async -> ExitStatus {
        let token = plan.settings.token
        func report(_ failure: FetchFailure) {
            for line in token.redact("error: " + failure.description).split(separator: "\n") { progress.message(String(line)) }
        }
        // Which projects, and their names for the folders.
        var list: [Job] = []
        switch plan.selection {
        case .all:
            let projects: [ProjectSummary]
            do {
                projects = try await client.projects(onRetry: { progress.retrying("project list", $0) })
            } catch {
                report(error)
                return status(error.kind)
            }
            if projects.isEmpty {
                progress.message("error: the organisation has no projects that this token can see")
                return .noInput
            }
            list = projects.map { Job(uuid: $0.uuid, name: $0.name, folder: Slug.folder(name: $0.name, uuid: $0.uuid)) }
        case .projects(let uuids) where !plan.batch:
            list = uuids.map { Job(uuid: $0, name: nil, folder: "") }
        case .projects(let uuids):
            var names: [String: String] = [:]
            do {
                for p in try await client.projects(onRetry: { progress.retrying("project list", $0) }) { names[p.uuid] = p.name }
            } catch {
                if !config.quiet {
                    progress.message("warning: cannot list the organisation's projects for their names, so folders are named by uuid: \(token.redact(error.message))")
                }
            }
            list = uuids.map { Job(uuid: $0, name: names[$0], folder: Slug.folder(name: names[$0] ?? "", uuid: $0)) }
        }

        // Fetch and report, `concurrency` projects at a time.
        progress.begin(total: list.count)
        let ticker: Task<Void, Never>? = progress.isLive
            ? Task {
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: 1_000_000_000)  // cancellation ends the loop
                    progress.tick()
                }
            } : nil
        let jobs = list
        var outcomes = [Outcome?](repeating: nil, count: jobs.count)
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            while next < min(plan.concurrency, jobs.count) {
                let index = next
                group.addTask { (index, await runJob(jobs[index], plan: plan, client: client, config: config, progress: progress)) }
                next += 1
            }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < jobs.count {
                    let index = next
                    group.addTask { (index, await runJob(jobs[index], plan: plan, client: client, config: config, progress: progress)) }
                    next += 1
                }
            }
        }
        ticker?.cancel()
        progress.end()
        let results = outcomes.compactMap { $0 }
        for outcome in results { for path in outcome.written { console.out(path) } }
        // A failed --check still wrote its report: it is not a failed project, but the exit status says so.
        let failures = zip(jobs, results).filter { $0.1.status != .ok && $0.1.status != .checkFailed }

        if plan.batch {
            // The index, when at least one report was written.
            if failures.count < jobs.count {
                let rows = zip(jobs, results).map { job, outcome in
                    outcome.row ?? ProjectIndexRow(name: job.name ?? "", uuid: job.uuid, failure: outcome.failure ?? "failed")
                }
                let title = config.title
                do {
                    let html = try ProjectIndex.html(rows, title: title, generatedAt: config.generatedAt)
                    let md = ProjectIndex.markdown(rows, title: title, generatedAt: config.generatedAt)
                    for path in try AtomicWriter.write([("index.html", html), ("summary.md", md)], to: config.outputDirectory) {
                        console.out(path)
                    }
                } catch let error as FileError {
                    progress.message("error: cannot write the index: \(error)")
                    return .cannotWrite
                } catch {
                    progress.message("error: cannot render the index: \(error)")
                    return .dataInvalid
                }
            }
            if !failures.isEmpty {
                progress.message("error: \(failures.count) of \(jobs.count) projects failed\(failures.count < jobs.count ? "; the others' reports and the index were written" : ""):")
                for (job, outcome) in failures {
                    progress.message("  \(job.label): \(outcome.failure ?? "failed")")
                }
            }
        }
        guard let first = failures.first else { return results.contains { $0.status == .checkFailed } ? .checkFailed : .ok }
        return failures.allSatisfy({ $0.1.status == first.1.status }) ? first.1.status : .unavailable
    }

    /// Fetch -> the report pipeline for one project. Writes nothing when anything fails.
    static func runJob(_ job: Job, plan: FetchPlan, client: LightdashClient, config: RunConfiguration, progress: FetchProgress) async -> Outcome {
        let token = plan.settings.token
        let started = Date()
        progress.started(job.label)
        let url = plan.settings.endpoint.url("/api/v1/analytics/user-activity/\(job.uuid)")
        var outcome: Outcome
        do {
            let bytes = try await client.userActivity(project: job.uuid, onRetry: { progress.retrying(job.label, $0) })
            outcome = render(bytes, job: job, url: url, plan: plan, config: config, progress: progress)
        } catch {
            for line in token.redact("error: " + (plan.batch ? "\(job.label): " : "") + error.description).split(separator: "\n") {
                progress.message(String(line))
            }
            outcome = Outcome(status: status(error.kind), failure: token.redact(error.message))
        }
        progress.finished(job.label, ok: outcome.status == .ok, seconds: Date().timeIntervalSince(started))
        return outcome
    }

    static func render(_ bytes: [UInt8], job: Job, url: String, plan: FetchPlan, config: RunConfiguration, progress: FetchProgress) -> Outcome {
        let token = plan.settings.token
        var c = config
        c.input = url
        c.outputDirectory = job.folder.isEmpty ? config.outputDirectory : AtomicWriter.join(config.outputDirectory, job.folder)
        if let name = job.name, !name.isEmpty, plan.batch { c.title = "\(config.title): \(name)" }
        var console = RecordingConsole()
        var insights: Insights?
        var status = Pipeline.process(bytes, source: url, c, console: &console, insights: &insights)
        let prefix = plan.batch ? "\(job.label): " : ""
        for line in console.stderr {
            let text = line.hasPrefix("error: ") ? "error: " + prefix + line.dropFirst(7) : line.hasPrefix("note: ") ? "note: " + prefix + line.dropFirst(6) : prefix + line
            progress.message(token.redact(text))
        }
        var outcome = Outcome(status: status, written: console.stdout)
        guard status == .ok || status == .checkFailed else {
            outcome.failure = console.stderr.first(where: { $0.hasPrefix("error: ") }).map { token.redact(String($0.dropFirst(7))) } ?? "the report could not be made"
            return outcome
        }
        if let raw = plan.saveRaw {
            do {
                outcome.written += try AtomicWriter.write([(AtomicWriter.base(raw), bytes)], to: AtomicWriter.parent(raw))
            } catch {
                progress.message("error: cannot write --save-raw: \(error)")
                status = .cannotWrite
                outcome.status = status
                outcome.failure = "cannot write --save-raw: \(error)"
                return outcome
            }
        }
        if plan.batch, let insights {
            // The insights the pipeline computed: the payload is not decoded a second time.
            outcome.row = ProjectIndexRow(name: job.name ?? "", uuid: job.uuid, folder: job.folder, insights: insights)
        }
        return outcome
    }

    /// The exit status for a failed fetch.
    public static func status(_ kind: FetchFailure.Kind) -> ExitStatus {
        switch kind {
        case .refused: return .noPermission
        case .unknownProject: return .noInput
        case .unavailable: return .unavailable
        case .tooLarge: return .dataInvalid
        }
    }
}

/// Folder names for projects: a slug of the name, then the uuid that keeps it unique.
enum Slug {
    /// The slug alone: lower-case ASCII letters and digits joined by `-`, at most 40; "report" when empty.
    static func plain(_ name: String) -> String {
        let slug = folder(name: name, uuid: "")
        let trimmed = slug.hasSuffix("-") ? String(slug.dropLast()) : slug
        return trimmed.isEmpty ? "report" : trimmed
    }

    static func folder(name: String, uuid: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            if (v >= 97 && v <= 122) || (v >= 48 && v <= 57) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
            if slug.count >= 40 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? uuid : slug + "-" + uuid
    }
}

/// Text from a server made safe for a terminal: no escape sequences or other control characters.
enum Terminal {
    static func safe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                out += "?"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out.count > 80 ? String(out.prefix(79)) + "…" : out
    }
}
