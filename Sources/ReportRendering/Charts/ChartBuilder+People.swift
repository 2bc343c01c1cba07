import ActivityModel
import Charts
import Insights

/// The charts of people: roles (`insights.users`), top queriers (totals of `insights.activity`),
/// chart editors (totals of `insights.creators`) and inactivity (`insights.inactive`).
extension ChartBuilder {
    static func roles(_ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Users by role"
        let u = insights.users
        var buckets: [(String, Int)] = [
            ("Admins", u.admins), ("Editors", u.editors), ("Interactive viewers", u.interactiveViewers), ("Viewers", u.viewers),
        ]
        if u.other > 0 { buckets.append(("Other roles", u.other)) }
        let total = u.total
        func share(_ n: Int) -> String {
            total > 0 ? ChartFormat.percent(Double(n) * 100 / Double(total)) : "n/a"
        }
        let table = DataTable(
            columns: ["Role", "Users", "% of users"],
            rows: buckets.map { [$0.0, ChartFormat.integer($0.1), share($0.1)] }, numeric: [false, true, true])
        let names = ["admin", "editor", "interactive viewer", "viewer", "other role"]
        let parts = buckets.enumerated().map { i, bucket in
            "\(ChartFormat.integer(bucket.1)) \(bucket.1 == 1 ? names[i] : names[i] + "s")"
        }
        guard total > 0 || buckets.contains(where: { $0.1 > 0 }) else {
            let summary = "The project has no users."
            return Spec(
                name: "roles", scene: Layouts.empty(title: title, summary: summary, detail: "The project has no users yet.", theme: theme),
                table: table)
        }
        let summary =
            "Of \(ChartFormat.integer(total)) \(total == 1 ? "user" : "users"), " + listJoin(parts)
            + (u.other > 0 ? " (custom roles are in no bucket)" : "") + "; editors include developers."
        let items = buckets.map { name, n in
            BarItem(
                label: name, value: Double(n), valueText: "\(ChartFormat.integer(n)) (\(share(n)))",
                tooltip: "\(name): \(ChartFormat.integer(n)) of \(ChartFormat.integer(total)) users")
        }
        let caption = "Users per role (editors include developers)"
        return Spec(
            name: "roles", scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme),
            table: table)
    }

    /// Bars: the first rows of `tableMostQueries`; the total of queries and of active users:
    /// `insights.activity`.
    static func topQueriers(_ a: UserActivity, _ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Top users by queries, last 7 days"
        let top = Array(a.mostQueries.prefix(topCount))
        let table = rankedTable(top.map { (personName($0.name), $0.count) }, what: "User", value: "Queries (7 days)")
        guard let first = top.first else {
            let summary = "No user ran a query in the last 7 days."
            return Spec(
                name: "top-queriers", scene: Layouts.empty(title: title, summary: summary, detail: summary, theme: theme), table: table)
        }
        let total = insights.activity.queries7d
        let users = insights.activity.activeUsers
        let summary =
            "\(personName(first.name)) ran the most queries in the last 7 days (\(ChartFormat.integer(first.count)) of \(ChartFormat.integer(total)) by \(ChartFormat.integer(users)) active \(users == 1 ? "user" : "users"))"
            + shown(top.count, of: users, "user") + "."
        let items = top.map { u in
            BarItem(
                label: personName(u.name), value: Double(u.count), valueText: ChartFormat.integer(u.count),
                tooltip: "\(personName(u.name)): \(ChartFormat.integer(u.count)) queries", placeholder: isBlank(u.name))
        }
        let caption = "Queries in the last 7 days: " + topOf(top.count, users, "active user")
        return Spec(
            name: "top-queriers",
            scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme), table: table)
    }

    /// Bars: the first rows of `tableMostCreatedCharts`; the number of editors and of chart
    /// versions: `insights.creators`.
    static func chartEditors(_ a: UserActivity, _ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Users by chart updates, last 7 days"
        let top = Array(a.mostCreatedCharts.prefix(topCount))
        let table = rankedTable(top.map { (personName($0.name), $0.count) }, what: "User", value: "Chart versions saved (7 days)")
        guard let first = top.first else {
            let summary = "No chart was created or updated in the last 7 days."
            return Spec(
                name: "chart-editors", scene: Layouts.empty(title: title, summary: summary, detail: summary, theme: theme), table: table)
        }
        let editors = insights.creators.count
        let versions = ChartFormat.integer(insights.creators.chartUpdates7d)
        var summary = "\(personName(first.name)) saved the most chart versions in the last 7 days (\(ChartFormat.integer(first.count))); "
        summary +=
            editors > top.count
            ? "the \(ChartFormat.integer(editors)) users saved \(versions) in all" + shown(top.count, of: editors, "user") + "."
            : "the \(editors) \(editors == 1 ? "user" : "users") shown saved \(versions) in all."
        let items = top.map { u in
            BarItem(
                label: personName(u.name), value: Double(u.count), valueText: ChartFormat.integer(u.count),
                tooltip: "\(personName(u.name)): \(ChartFormat.integer(u.count)) chart versions saved", placeholder: isBlank(u.name))
        }
        let caption = "Chart versions saved in the last 7 days"
        return Spec(
            name: "chart-editors",
            scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme), table: table)
    }

    /// The label of each bucket of `insights.inactive`, by its JSON key.
    static let inactivityLabels = ["90-179": "90–179 days", "180-364": "180–364 days", "365+": "365+ days"]

    /// Columns: the buckets of `insights.inactive`, in their order.
    static func inactivity(_ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Inactive users by days since their last query"
        let inactive = insights.inactive
        let buckets = inactive.buckets.map { (label: inactivityLabels[$0.key] ?? $0.key, count: $0.count) }
        let table = DataTable(
            columns: ["Days since last query", "Users"],
            rows: buckets.map { [$0.label, ChartFormat.integer($0.count)] }, numeric: [false, true])
        guard insights.users.total > 0 || inactive.count > 0 else {
            let summary = "The project has no users, so none is inactive."
            return Spec(
                name: "inactivity",
                scene: Layouts.empty(title: title, summary: summary, detail: "The project has no users yet.", theme: theme), table: table)
        }
        let n = inactive.count
        let summary =
            n == 0
            ? "No user has gone without a query for over 90 days."
            : "\(ChartFormat.integer(n)) \(n == 1 ? "user has" : "users have") not run a query for over 90 days: \(ChartFormat.integer(inactive.days90to179)) for 90 to 179 days, \(ChartFormat.integer(inactive.days180to364)) for 180 to 364 days and \(ChartFormat.integer(inactive.days365plus)) for a year or more."
        let items = buckets.map { bucket in
            BarItem(
                label: bucket.label, value: Double(bucket.count), valueText: ChartFormat.integer(bucket.count),
                tooltip: "\(ChartFormat.integer(bucket.count)) \(bucket.count == 1 ? "user" : "users") inactive for \(bucket.label)")
        }
        return Spec(
            name: "inactivity",
            scene: Layouts.columns(
                title: title, summary: summary, items: items, valueAxisTitle: "Inactive users, by days since their last query", theme: theme
            ), table: table)
    }
}
