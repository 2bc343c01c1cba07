import ActivityModel
public import Insights

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--history DIR`: where a job's records live, reading them (a stage input of the job, read
/// once, like `--previous` for a run) and writing this run's record after the report.
public enum HistoryStore {
    /// Records larger than this are skipped (a record is a few KB).
    public static let recordLimit = 4 << 20

    /// The folder of a job's records: `DIR/PROJECT-UUID` for a project of a server, `DIR/FOLDER`
    /// for one of several input files (the report's folder), `DIR` itself for a single input.
    public static func folder(_ root: String, job: ReportJob) -> String {
        if let project = job.project, !project.isEmpty { return AtomicWriter.join(root, safeName(project)) }
        return job.folder.isEmpty ? root : AtomicWriter.join(root, job.folder)
    }

    /// A project uuid as a folder name: kept when it is letters, digits, `-` and `_` only, else its slug.
    static func safeName(_ name: String) -> String {
        let plain = name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
        }
        return plain && !name.hasPrefix("-") ? name : Slug.plain(name)
    }

    /// Load: checks that `folder` can take this run's record (so that a read-only history stops
    /// the job before anything is written), then reads every record in it through `files`.
    /// A file that cannot be read or used is skipped with a data note.
    public static func load(_ folder: String, project: String?, files: some FileReading) throws(ReportError) -> History {
        try checkWritable(folder)
        var read: [(name: String, bytes: [UInt8])] = []
        var unreadable: [Diagnostic] = []
        for name in files.list(folder) ?? [] where HistoryRecord.isRecordName(name) {
            do {
                read.append((name, try files.read(AtomicWriter.join(folder, name), limit: recordLimit)))
            } catch {
                unreadable.append(Diagnostic(code: "history-skipped", message: "History record \(name) was skipped: \(error)."))
            }
        }
        var history = History.read(read, project: project)
        history.notes = unreadable + history.notes
        return history
    }

    /// Throws `.history` unless `folder` (or, when it does not exist yet, its nearest existing
    /// parent) is a folder this process may create files in.
    static func checkWritable(_ folder: String) throws(ReportError) {
        var path = folder
        while true {
            var st = stat()
            if stat(path, &st) == 0 {
                guard (st.st_mode & S_IFMT) == S_IFDIR else {
                    throw .history(FileError(path: path, reason: "is not a folder, so the history cannot be kept there"))
                }
                if access(path, W_OK | X_OK) != 0 {
                    throw .history(FileError(path: path, reason: "cannot write here: " + FileIO.errnoText()))
                }
                return
            }
            let up = AtomicWriter.parent(path)
            if up == path { return }
            path = up
        }
    }

    /// This run's record waiting for the output folder's commit: where it goes and its files.
    public struct Pending: Sendable {
        public var folder: String
        public var files: [(path: String, bytes: [UInt8])]
    }

    /// This run's record (`DAY.insights.json`) and, with `raw`, the payload beside it
    /// (`DAY.payload.json`); nil when the run covers no day.
    public static func record(
        _ insights: Insights, payload: Payload, source: String, folder: String, project: String?, raw: Bool
    ) -> Pending? {
        guard let day = insights.trend.asOf else { return nil }
        var files = [(HistoryRecord.fileName(day), HistoryRecord.encode(insights, day: day, project: project, source: source))]
        if raw { files.append((HistoryRecord.rawFileName(day), payload.bytes)) }
        return Pending(folder: folder, files: files)
    }

    /// Write: a pending record, atomically (each file is renamed into place whole, so a second
    /// run of the same day replaces the day's record). Returns the paths written.
    public static func write(_ pending: Pending) throws(ReportError) -> [String] {
        do {
            return try AtomicWriter.write(pending.files, to: pending.folder)
        } catch {
            throw .history(error)
        }
    }
}
