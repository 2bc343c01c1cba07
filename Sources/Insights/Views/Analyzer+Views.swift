import ActivityModel

extension Analyzer {
    /// Sets `views` from an export, with data notes for its bad rows and the server's cap.
    static func addViews(_ insights: inout Insights, log: ViewsLog, activity: UserActivity, zone: ZoneOffsets) {
        let v = Views.analyze(log, activity: activity, zone: zone)
        insights.views = v
        if log.badRows > 0 {
            let lines = log.badLines.map { String($0) }.joined(separator: ", ")
            let more = log.badRows > log.badLines.count ? ", …" : ""
            insights.dataNotes.append(
                Diagnostic(
                    code: "views-bad-rows",
                    message:
                        "The views export has \(Format.count(log.badRows, "row")) that could not be read (line\(log.badRows == 1 ? "" : "s") \(lines)\(more)); \(log.badRows == 1 ? "it is" : "they are") left out."
                ))
        }
        if v.window.capped {
            insights.dataNotes.append(
                Diagnostic(
                    code: "views-capped",
                    message:
                        "The views export holds \(Format.integer(v.window.rows + v.window.badRows)) rows, the most the server writes: older views were cut, so the view numbers cover \(v.windowPhrase)."
                ))
        }
    }
}
