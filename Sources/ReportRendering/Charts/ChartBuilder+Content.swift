import ActivityModel
import Charts
import Insights

/// The charts of content: the most viewed dashboards and charts (the top one is
/// `insights.content.topDashboard`/`topChart`) and the home dashboards
/// (`insights.content.homeDashboards`, in its order).
extension ChartBuilder {
    /// Bars: the first rows of `list`; the summary names `top`, the analysis' most viewed item.
    static func contentViews(_ list: [ContentViews], top item: Insights.TopItem?, name: String, kind: String, _ theme: Theme) -> Spec {
        let title = "Most viewed \(kind)s, all time"
        let top = Array(list.prefix(topCount))
        let table = rankedTable(
            top.map { (contentName($0.name), $0.count) }, what: kind.prefix(1).uppercased() + kind.dropFirst(), value: "Views (all time)")
        guard let item, !top.isEmpty else {
            let summary = "No \(kind) has been viewed yet."
            return Spec(name: name, scene: Layouts.empty(title: title, summary: summary, detail: summary, theme: theme), table: table)
        }
        let summary =
            "“\(contentName(item.name))” is the most viewed \(kind) of all time with \(ChartFormat.integer(item.views)) \(item.views == 1 ? "view" : "views")"
            + shown(top.count, of: list.count, kind) + "."
        let items = top.map { c in
            BarItem(
                label: contentName(c.name), value: Double(c.count), valueText: ChartFormat.integer(c.count),
                tooltip: "\(contentName(c.name)): \(Format.count(c.count, "view"))", placeholder: isBlank(c.name))
        }
        let caption = "Views of all time: " + topOf(top.count, list.count, kind)
        return Spec(
            name: name, scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme),
            table: table)
    }

    /// Bars: the first entries of `insights.content.homeDashboards`, in its order and with its
    /// names (ties and several names for one dashboard are settled there).
    static func homeDashboards(_ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Dashboards that users view most"
        let ranked = insights.content.homeDashboards
        let top = Array(ranked.prefix(topCount))
        let table = rankedTable(
            top.map { (contentName($0.name), $0.users) }, what: "Dashboard", value: "Users who view it most")
        guard let first = top.first else {
            let summary = "No user has viewed a dashboard yet."
            return Spec(
                name: "home-dashboards", scene: Layouts.empty(title: title, summary: summary, detail: summary, theme: theme), table: table)
        }
        let viewers = insights.content.homeDashboardViewers
        let summary =
            "“\(contentName(first.name))” is the most viewed dashboard for \(ChartFormat.integer(first.users)) of \(ChartFormat.integer(viewers)) \(viewers == 1 ? "user" : "users") who viewed a dashboard"
            + shown(top.count, of: ranked.count, "dashboard") + "."
        let items = top.map { d in
            let name = contentName(d.name)
            return BarItem(
                label: name, value: Double(d.users), valueText: ChartFormat.integer(d.users),
                tooltip: "\(name): the most viewed dashboard of \(ChartFormat.integer(d.users)) \(d.users == 1 ? "user" : "users")",
                placeholder: isBlank(d.name))
        }
        let caption = "Users who view it most: " + topOf(top.count, ranked.count, "dashboard")
        return Spec(
            name: "home-dashboards",
            scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme), table: table)
    }
}
