import Delivery

/// Write: a rendered report into the staging folder of the output folder (``OutputFolder``),
/// and, once the output folder is committed, what goes beside it (`--save-raw`, the
/// `--history` record, `--github-summary`). The only stage that writes files.
public enum ReportWriter {
    /// A report staged in the output folder, and what goes beside it after the commit.
    public struct Staged: Sendable {
        /// The report's folder, relative to the output folder (empty: the output folder itself).
        public var folder: String
        /// The report's files as they will be once committed, in writing order.
        public var paths: [String]
        /// Its `manifest.json`, which the manifest of a batch's output folder lists.
        public var manifest: [UInt8]
        /// `--save-raw`: where to keep the payload, and its bytes.
        var raw: (path: String, bytes: [UInt8])?
        /// `--save-raw DIR`: the folder and its files (index last).
        var rawFolder: (path: String, files: [(path: String, bytes: [UInt8])])?
        /// `--github-summary`: what to append.
        var stepSummary: [UInt8]?
        /// `--history`: this run's record.
        var history: HistoryStore.Pending?
    }

    /// Writes `report` into the staging folder of `output`, under `folder` (empty: the output
    /// folder itself). On failure, nothing of it stays in the staging folder.
    public static func stage(
        _ report: RenderedReport, payload: Payload, into output: OutputFolder, folder: String, settings: RunSettings
    ) throws(ReportError) -> Staged {
        let paths: [String]
        do {
            paths = try output.write(report.files.map { ($0.path, $0.bytes) }, into: folder)
        } catch {
            if !folder.isEmpty { output.discard(folder) }
            throw .write(error)
        }
        return Staged(
            folder: folder, paths: paths, manifest: report.files.last { $0.path == "manifest.json" }?.bytes ?? [],
            raw: payload.rawFolder ? nil : payload.rawCopy.map { ($0, payload.bytes) },
            rawFolder: payload.rawFolder ? payload.rawCopy.map { ($0, RawFolder.files(payload, project: payload.project)) } : nil,
            stepSummary: settings.stepSummaryFile == nil ? nil : StepSummary.fit(report.summary))
    }

    /// After the output folder was committed: `--save-raw` and the `--history` record (written
    /// atomically) and `--github-summary` (appended). The paths written, and the error that stopped them.
    public static func deliver(_ staged: Staged, settings: RunSettings) -> (paths: [String], error: ReportError?) {
        var paths: [String] = []
        if let raw = staged.raw {
            do {
                paths += try AtomicWriter.write([(AtomicWriter.base(raw.path), raw.bytes)], to: AtomicWriter.parent(raw.path))
            } catch {
                return (paths, .saveRaw(error))
            }
        }
        if let folder = staged.rawFolder {
            do {
                // The index last, in a write of its own: a reader never meets an index naming missing files.
                paths += try AtomicWriter.write(Array(folder.files.dropLast()), to: folder.path)
                paths += try AtomicWriter.write(Array(folder.files.suffix(1)), to: folder.path)
            } catch {
                return (paths, .saveRaw(error))
            }
        }
        if let history = staged.history {
            do throws(ReportError) {
                paths += try HistoryStore.write(history)
            } catch {
                return (paths, error)
            }
        }
        if let summary = staged.stepSummary, let file = settings.stepSummaryFile {
            do {
                try FileIO.append(summary, to: file)
            } catch {
                return (paths, .stepSummary(path: file, error))
            }
        }
        return (paths, nil)
    }
}
