import ActivityModel
import Insights
import Markup
import ReportRendering

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `report --input a.json b.json ...`: one report per file, rendered on every core, each in a
/// folder named after its file, plus `index.html` and `summary.md` comparing them.
enum FileBatch {
    struct Outcome: Sendable {
        var status: ExitStatus
        var written: [String]
        var messages: [String]
        var row: ProjectIndexRow
    }

    static func run(_ files: [String], config: RunConfiguration, concurrency: Int, console: inout some Console) async -> ExitStatus {
        Library.initialize()  // libxml2 wants its set-up on the main thread before others render
        let folders = folderNames(files)
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let width = max(1, min(concurrency, cores, files.count))
        var outcomes = [Outcome?](repeating: nil, count: files.count)
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            func add(_ index: Int) {
                let (file, folder) = (files[index], folders[index])
                group.addTask { (index, job(file: file, folder: folder, config: config)) }
            }
            while next < width {
                add(next)
                next += 1
            }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < files.count {
                    add(next)
                    next += 1
                }
            }
        }
        let results = outcomes.compactMap { $0 }
        for outcome in results {
            for line in outcome.messages { console.err(line) }
            for path in outcome.written { console.out(path) }
        }
        // A failed --check still wrote its report: not a failed input, but the exit status says so.
        let failures = results.filter { $0.status != .ok && $0.status != .checkFailed }
        if failures.count < results.count {
            do {
                let rows = results.map(\.row)
                let html = try ProjectIndex.html(rows, title: config.title, generatedAt: config.generatedAt)
                let md = ProjectIndex.markdown(rows, title: config.title, generatedAt: config.generatedAt)
                for path in try AtomicWriter.write([("index.html", html), ("summary.md", md)], to: config.outputDirectory) {
                    console.out(path)
                }
            } catch let error as FileError {
                console.err("error: cannot write the index: \(error)")
                return .cannotWrite
            } catch {
                console.err("error: cannot render the index: \(error)")
                return .dataInvalid
            }
        }
        guard let first = failures.first else { return results.contains { $0.status == .checkFailed } ? .checkFailed : .ok }
        console.err("error: \(failures.count) of \(results.count) inputs failed\(failures.count < results.count ? "; the others' reports and the index were written" : "")")
        return failures.allSatisfy({ $0.status == first.status }) ? first.status : .dataInvalid
    }

    /// One file through the whole pipeline into its folder; its messages are kept, prefixed with the file.
    static func job(file: String, folder: String, config: RunConfiguration) -> Outcome {
        var c = config
        c.input = file
        c.outputDirectory = AtomicWriter.join(config.outputDirectory, folder)
        var recorder = RecordingConsole()
        var insights: Insights?
        let status: ExitStatus
        switch Result(catching: { () throws(InputError) in try FileIO.read(file, limit: config.maxInputBytes) }) {
        case .success(let bytes):
            status = Pipeline.process(bytes, source: file, c, console: &recorder, insights: &insights)
        case .failure(let error):
            recorder.err("error: \(error)")
            if case .tooLarge = error { status = .dataInvalid } else { status = .noInput }
        }
        let messages = recorder.stderr.map { line in
            for prefix in ["error: ", "note: "] where line.hasPrefix(prefix) {
                let rest = line.dropFirst(prefix.count)
                return rest.hasPrefix(file + ":") || rest.hasPrefix("cannot read input " + file) ? line : prefix + file + ": " + rest
            }
            return file + ": " + line
        }
        var name = AtomicWriter.base(file)
        if name.lowercased().hasSuffix(".json") { name.removeLast(5) }
        let row: ProjectIndexRow
        if status == .ok || status == .checkFailed, let insights {
            row = ProjectIndexRow(name: name, uuid: file, folder: folder, insights: insights)
        } else {
            let failure = recorder.stderr.first(where: { $0.hasPrefix("error: ") }).map { String($0.dropFirst(7)) } ?? "failed"
            row = ProjectIndexRow(name: name, uuid: file, failure: failure)
        }
        return Outcome(status: status, written: recorder.stdout, messages: messages, row: row)
    }

    /// A folder per file: the slug of its name without `.json`, made unique with `-2`, `-3`, ...
    static func folderNames(_ files: [String]) -> [String] {
        var used: [String: Int] = [:]
        return files.map { file in
            var stem = AtomicWriter.base(file)
            if stem.lowercased().hasSuffix(".json") { stem.removeLast(5) }
            let base = Slug.plain(stem)
            let n = (used[base] ?? 0) + 1
            used[base] = n
            return n == 1 ? base : "\(base)-\(n)"
        }
    }
}
