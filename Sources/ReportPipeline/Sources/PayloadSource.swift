public import Secrets

/// A Load step: where a run's payloads come from. The batch runner does the rest.
public protocol PayloadSource: Sendable {
    /// What one input is called in the failure summary: "input", "project".
    var noun: String { get }
    /// The payload of `job`; retries and the like are reported through `events`.
    func load(_ job: ReportJob, events: some RunEvents) async throws(ReportError) -> Payload
    /// Every secret the source holds: the runner takes them out of whatever it shows or writes.
    var secrets: Redactor { get }
}

/// `--input`: files, or standard input.
public struct FileSource: PayloadSource {
    public let files: any FileReading
    public let maxInputBytes: Int

    public init(files: any FileReading = LocalFiles(), maxInputBytes: Int) {
        self.files = files
        self.maxInputBytes = maxInputBytes
    }

    public var noun: String { "input" }

    public func load(_ job: ReportJob, events: some RunEvents) async throws(ReportError) -> Payload {
        // A folder written by --save-raw DIR: the payload and the clean-up answers it holds.
        if job.input != "-" && files.isFolder(job.input) { return try RawFolder.read(job.input, files: files, limit: maxInputBytes) }
        do {
            return Payload(input: try files.payload(job.input, limit: maxInputBytes), source: Self.name(job.input))
        } catch {
            throw .input(error)
        }
    }

    public var secrets: Redactor { Redactor() }

    /// One job per path. One path: the report goes straight into the output folder; several:
    /// each into a folder named after its file (`-2`, `-3` for repeated names), titled
    /// "TITLE: NAME" with the file's name. A file has no uuid: the index names it by its file's
    /// name and never shows its path.
    public static func jobs(_ paths: [String], title: String) -> [ReportJob] {
        guard paths.count > 1 else {
            return paths.map { ReportJob(input: $0, label: name($0), name: stem($0), key: "", folder: "", title: title) }
        }
        return zip(paths, folderNames(paths)).map { path, folder in
            ReportJob(input: path, label: name(path), name: stem(path), key: "", folder: folder, title: "\(title): \(stem(path))")
        }
    }

    /// "standard input" for `-`.
    static func name(_ path: String) -> String { path == "-" ? "standard input" : path }

    /// The file's name without `.json`.
    static func stem(_ path: String) -> String {
        var name = AtomicWriter.base(path)
        if name.lowercased().hasSuffix(".json") { name.removeLast(5) }
        return name
    }

    /// A folder per file: the slug of its name without `.json`, made unique with `-2`, `-3`, ...
    static func folderNames(_ paths: [String]) -> [String] {
        var used: [String: Int] = [:]
        return paths.map { path in
            let base = Slug.plain(stem(path))
            let n = (used[base] ?? 0) + 1
            used[base] = n
            return n == 1 ? base : "\(base)-\(n)"
        }
    }
}
