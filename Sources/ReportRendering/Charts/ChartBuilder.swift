public import ActivityModel
public import Charts
public import Insights

/// Builds the report's charts: activity + insights -> scenes -> SVG documents (drawn by `Charts`).
///
/// Every number a chart states or draws that the analysis derives (totals, the week-over-week
/// change, the inactivity buckets, the home dashboards, the top dashboard and chart, the role
/// buckets) is read from ``Insights``, so a chart cannot disagree with insights.json. Only the
/// raw rows drawn as bars and points (the ranked lists, the daily series) come from the
/// ``UserActivity``.
public enum ChartBuilder {
    /// The nine charts, in order: active users, average queries, roles, top queriers, chart
    /// editors, dashboard views, chart views, inactivity, home dashboards.
    public static func build(_ activity: UserActivity, insights: Insights, theme: Theme = .standard) -> ChartSet {
        ChartSet(
            charts: specs(activity, insights: insights, theme: theme).map { spec in
                RenderedChart(name: spec.name, scene: spec.scene, table: spec.table, theme: theme)
            })
    }

    /// A chart before rendering: name, scene and data table.
    public struct Spec: Equatable, Sendable {
        public var name: String
        public var scene: Scene
        public var table: DataTable
    }

    /// The nine charts as scenes (no libxml2 involved), and "over-time" with `--history`.
    public static func specs(_ activity: UserActivity, insights: Insights, theme: Theme = .standard) -> [Spec] {
        [
            activeUsers(activity, insights, theme), averageQueries(activity, theme), roles(insights, theme),
            topQueriers(activity, insights, theme), chartEditors(activity, insights, theme),
            contentViews(activity.dashboardViews, top: insights.content.topDashboard, name: "dashboard-views", kind: "dashboard", theme),
            contentViews(activity.chartViews, top: insights.content.topChart, name: "chart-views", kind: "chart", theme),
            inactivity(insights, theme), homeDashboards(insights, theme),
        ] + (insights.overTime.map { [overTime($0, theme)] } ?? []) + (insights.views.map { views($0, theme) } ?? [])
    }

    /// How many bars the ranked charts show.
    public static let topCount = 10

    // MARK: - Names

    /// A person's display name, or "Unnamed user" (pending invitations have no name).
    public static func personName(_ name: String) -> String {
        name.trimmingWhitespace().isEmpty ? "Unnamed user" : name
    }

    static func isBlank(_ name: String) -> Bool { name.trimmingWhitespace().isEmpty }

    /// A dashboard's or chart's name, or "Untitled".
    public static func contentName(_ name: String) -> String {
        name.trimmingWhitespace().isEmpty ? "Untitled" : name
    }

    // MARK: - Words

    static func rankedTable(_ rows: [(String, Int)], what: String, value: String) -> DataTable {
        DataTable(
            columns: ["#", what, value],
            rows: rows.enumerated().map { i, r in [String(i + 1), r.0, ChartFormat.integer(r.1)] },
            numeric: [true, false, true])
    }

    /// `; the chart shows the top 10 of 20 users`, or nothing when every item is shown.
    static func shown(_ count: Int, of total: Int, _ noun: String) -> String {
        count < total ? "; the chart shows the top \(ChartFormat.integer(count)) of \(ChartFormat.integer(total)) \(noun)s" : ""
    }

    /// `top 10 of 20 charts`, `all 7 charts`, `1 chart`.
    static func topOf(_ count: Int, _ total: Int, _ noun: String) -> String {
        if total == 1 { return "1 \(noun)" }
        return count < total
            ? "top \(ChartFormat.integer(count)) of \(ChartFormat.integer(total)) \(noun)s" : "all \(ChartFormat.integer(total)) \(noun)s"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func listJoin(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
    }
}
