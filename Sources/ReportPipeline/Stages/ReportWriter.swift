import Delivery

/// Write: a rendered report into its folder, then what goes beside it (`--save-raw`,
/// `--github-summary`). The only stage that writes files.
public enum ReportWriter {
    /// What was written, and the error that stopped the writing (the paths before it stay written).
    public struct Outcome: Sendable {
        public var paths: [String] = []
        public var error: ReportError?
    }

    /// Writes `report` into `directory` (created when missing), every file or none.
    public static func write(_ report: RenderedReport, payload: Payload, to directory: String, settings: RunSettings) -> Outcome {
        var outcome = Outcome()
        do {
            outcome.paths = try AtomicWriter.write(report.files.map { ($0.path, $0.bytes) }, to: directory)
        } catch {
            outcome.error = .write(error)
            return outcome
        }
        if let raw = payload.rawCopy {
            do {
                outcome.paths += try AtomicWriter.write([(AtomicWriter.base(raw), payload.bytes)], to: AtomicWriter.parent(raw))
            } catch {
                outcome.error = .saveRaw(error)
                return outcome
            }
        }
        if let summaryFile = settings.stepSummaryFile {
            do {
                try FileIO.append(StepSummary.fit(report.summary), to: summaryFile)
            } catch {
                outcome.error = .stepSummary(path: summaryFile, error)
            }
        }
        return outcome
    }
}
