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
            total > 0 ? Format.percent(Double(n) * 100 / Double(total)) : "n/a"
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

    /// Bars: the first rows of `tableMostQueries`; the total of chart views and of active users:
    /// `insights.activity`.
    static func topQueriers(_ a: UserActivity, _ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Top users by chart views, last 7 days"
        let top = Array(a.mostQueries.prefix(topCount))
        let table = rankedTable(top.map { (personName($0.name), $0.count) }, what: "User", value: "Chart views")
        guard let first = top.first else {
            let summary = "No user viewed a chart in the last 7 days."
            return Spec(
                name: "top-queriers", scene: Layouts.empty(title: title, summary: summary, detail: summary, theme: theme), table: table)
        }
        let total = insights.activity.queries7d
        let users = insights.activity.activeUsers
        let summary =
            "\(personName(first.name)) had the most chart views in the last 7 days (\(Format.integer(first.count)) of \(Format.integer(total)), by \(Format.count(users, "active user")))"
            + shown(top.count, of: users, "user") + "."
        let items = top.map { u in
            BarItem(
                label: personName(u.name), value: Double(u.count), valueText: ChartFormat.integer(u.count),
                tooltip: "\(personName(u.name)): \(Format.count(u.count, "chart view"))", placeholder: isBlank(u.name))
        }
        let caption = "Chart views in the last 7 days: " + topOf(top.count, users, "active user")
        return Spec(
            name: "top-queriers",
            scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme), table: table)
    }

    /// Bars: the first rows of `tableMostCreatedCharts`; the number of users and of chart
    /// saves: `insights.creators`.
    static func chartEditors(_ a: UserActivity, _ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Users by chart saves, last 7 days"
        let top = Array(a.mostCreatedCharts.prefix(topCount))
        let table = rankedTable(top.map { (personName($0.name), $0.count) }, what: "User", value: "Chart saves")
        guard let first = top.first else {
            let summary = "No user saved a chart in the last 7 days."
            return Spec(
                name: "chart-editors", scene: Layouts.empty(title: title, summary: summary, detail: summary, theme: theme), table: table)
        }
        let editors = insights.creators.count
        let saves = Format.count(insights.creators.chartUpdates7d, "chart save")
        var summary = "\(personName(first.name)) had the most chart saves in the last 7 days (\(Format.integer(first.count))); "
        summary +=
            editors > top.count
            ? "the \(Format.integer(editors)) users made \(saves) in all" + shown(top.count, of: editors, "user") + "."
            : (editors == 1 ? "the 1 user shown made \(saves)." : "the \(Format.integer(editors)) users shown made \(saves) in all.")
        let items = top.map { u in
            BarItem(
                label: personName(u.name), value: Double(u.count), valueText: ChartFormat.integer(u.count),
                tooltip: "\(personName(u.name)): \(Format.count(u.count, "chart save"))", placeholder: isBlank(u.name))
        }
        let caption = "Chart saves in the last 7 days"
        return Spec(
            name: "chart-editors",
            scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme), table: table)
    }

    /// The label of each bucket of `insights.inactive`, by its JSON key.
    static let inactivityLabels = ["90-179": "90–179 days", "180-364": "180–364 days", "365+": "365+ days"]

    /// Columns: the buckets of `insights.inactive`, in their order.
    static func inactivity(_ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Inactive users by days since their last chart view"
        let inactive = insights.inactive
        let buckets = inactive.buckets.map { (label: inactivityLabels[$0.key] ?? $0.key, count: $0.count) }
        let table = DataTable(
            columns: ["Days since last chart view", "Users"],
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
            ? "No inactive users: every user " + Findings.noInactiveUsers
            : "\(Format.integer(n)) \(n == 1 ? "user has" : "users have") had no chart view for 90 days or more: \(Format.integer(inactive.days90to179)) for 90\u{2013}179 days, \(Format.integer(inactive.days180to364)) for 180\u{2013}364 days and \(Format.integer(inactive.days365plus)) for a year or more."
        let items = buckets.map { bucket in
            BarItem(
                label: bucket.label, value: Double(bucket.count), valueText: ChartFormat.integer(bucket.count),
                tooltip: "\(Format.count(bucket.count, "user")) inactive for \(bucket.label)")
        }
        return Spec(
            name: "inactivity",
            scene: Layouts.columns(
                title: title, summary: summary, items: items, valueAxisTitle: "Inactive users, by days since their last chart view",
                theme: theme
            ), table: table)
    }
}
