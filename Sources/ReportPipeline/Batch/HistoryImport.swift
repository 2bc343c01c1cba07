import Insights

/// `report history import DIR FILE...`: turns saved payloads (`--save-raw` files, hand-exported
/// JSON) or earlier insights.json files into records of DIR, so a folder of old payloads gives a
/// year of history at once. Each record keeps the file it came from (`record.source`).
public enum HistoryImport {
    /// What the import wrote, and its exit status: the first failure's, else 0.
    public struct Result: Sendable {
        public var written: [String] = []
        public var status: ExitStatus = .ok
    }

    /// Imports `paths` into `folder` in the order given (a later file of the same day replaces
    /// an earlier one, as a later run does). A file that cannot be read or used is reported and
    /// skipped; the others are imported.
    public static func run(
        _ paths: [String], into folder: String, project: String?, maxInputBytes: Int = 512 << 20,
        files: some FileReading = LocalFiles(), events: some RunEvents
    ) -> Result {
        var result = Result()
        func fail(_ error: ReportError, _ subject: String?) {
            events.message(RunMessage(.error, subject: subject, error.description))
            if result.status == .ok { result.status = error.status }
        }
        do throws(ReportError) {
            try HistoryStore.checkWritable(folder)
        } catch {
            fail(error, nil)
            return result
        }
        for path in paths {
            let name = FileSource.name(path)
            do throws(ReportError) {
                let bytes: [UInt8]
                do {
                    bytes = try files.read(path, limit: maxInputBytes)
                } catch {
                    throw .input(error)
                }
                let insights: Insights
                do {
                    insights = try Previous.load(bytes).insights()
                } catch {
                    throw .historyImport("neither a payload nor an insights.json: \(error)")
                }
                guard insights.trend.asOf != nil else {
                    throw .historyImport("the payload has no daily series, so it covers no day and makes no record")
                }
                if let pending = HistoryStore.record(
                    insights, payload: Payload(bytes: bytes, source: name), source: name, folder: folder, project: project, raw: false)
                {
                    result.written += try HistoryStore.write(pending)
                }
            } catch {
                fail(error, name)
            }
        }
        return result
    }
}
