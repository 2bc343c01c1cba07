import ActivityModel

/// The rules that read `views` (`--views`); see `docs/insights.md`.
extension Findings {
    /// Stickiness falls or rises by this much (0-1) or more before it is news.
    static let stickinessStep = 0.05

    /// `views-single-viewer`: dashboards (and charts) whose views all come from one person.
    static func singleViewer(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let v = s.views else { return nil }
        let dashboards = v.singleViewer.filter { $0.kind == .dashboard }.count
        let charts = v.singleViewer.filter { $0.kind == .chart }.count
        guard dashboards + charts > 0 else { return nil }
        let title: Phrase =
            dashboards > 0
            ? "\(count(dashboards, "dashboard is", "dashboards are")) viewed by one person only"
            : "\(count(charts, "chart is", "charts are")) viewed by one person only"
        let detail: Phrase =
            "In \(v.windowPhrase), all views of \(count(dashboards, "dashboard")) and \(count(charts, "chart")) came from a single identified user and none from anonymous or embedded viewers: candidates to share more widely or to retire."
        return Finding(id: "views-single-viewer", severity: .info, title: title, detail: detail)
    }

    /// `views-stickiness`: stickiness (mean DAU / MAU over 30 days) against the 30 days before.
    static func stickinessChange(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let v = s.views, let now = v.stickiness, let then = v.stickinessBefore else { return nil }
        let a = Format.decimal(then, places: 2)
        let b = Format.decimal(now, places: 2)
        let detail: Phrase =
            "Stickiness is the mean of daily active users over 30 days divided by the users active in those 30 days (from the views export, \(v.windowPhrase)); 1 means everyone comes every day."
        if then - now >= stickinessStep {
            return Finding(
                id: "views-stickiness", severity: .watch, title: "Stickiness fell from \(.number(a)) to \(.number(b))", detail: detail)
        }
        if now - then >= stickinessStep {
            return Finding(
                id: "views-stickiness", severity: .good, title: "Stickiness rose from \(.number(a)) to \(.number(b))", detail: detail)
        }
        return nil
    }
}
