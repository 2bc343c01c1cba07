public import ActivityModel
public import Charts
public import Insights

/// Builds the report's charts: activity + insights -> scenes -> SVG documents.
public enum ChartBuilder {
    /// The nine charts, in order: active users, average queries, roles, top queriers, chart
    /// editors, dashboard views, chart views, inactivity, home dashboards.
    public static func build(_ activity: UserActivity, insights: Insights, theme: Theme = .standard) -> ChartSet {
        ChartSet(charts: specs(activity, insights: insights, theme: theme).map { spec in
            RenderedChart(name: spec.name, scene: spec.scene, table: spec.table, theme: theme)
        })
    }

    /// A chart before rendering: name, scene and data table.
    public struct Spec: Equatable, Sendable {
        public var name: String
        public var scene: Scene
        public var table: DataTable
    }

    /// The nine charts as scenes (no libxml2 involved).
    public static func specs(_ activity: UserActivity, insights: Insights, theme: Theme = .standard) -> [Spec] {
        [
            activeUsers(activity, insights, theme), averageQueries(activity, insights, theme), roles(activity, theme),
            topQueriers(activity, theme), chartEditors(activity, theme),
            contentViews(activity.dashboardViews, name: "dashboard-views", kind: "dashboard", theme),
            contentViews(activity.chartViews, name: "chart-views", kind: "chart", theme),
            inactivity(activity, theme), homeDashboards(activity, theme),
        ]
    }

    /// How many bars the ranked charts show.
    public static let topCount = 10

    // MARK: - Names

    /// A person's display name, or "Unnamed user" (pending invitations have no name).
    public static func personName(_ name: String) -> String {
        name.trimmingWhitespace() .isEmpty ? "Unnamed user" : name
    }

    static func isBlank(_ name: String) -> Bool { name.trimmingWhitespace().isEmpty }

    /// A dashboard's or chart's name, or "Untitled".
    public static func contentName(_ name: String) -> String {
        name.trimmingWhitespace().isEmpty ? "Untitled" : name
    }

    // MARK: - Daily series

    /// Daily charts show at most this many of the newest days (Lightdash sends 43; a synthetic
    /// 10-year series would make a 1.5 MB chart). Every day is in `data/daily-activity.csv`.
    public static let maxDays = 180

    /// " (the newest 180 of 3,650 days; every day is in data/daily-activity.csv)" when capped.
    static func capNote(_ total: Int) -> String {
        total > maxDays ? " (the newest \(maxDays) of \(ChartFormat.integer(total)) days are drawn; every day is in data/daily-activity.csv)" : ""
    }

    static func activeUsers(_ a: UserActivity, _ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Active users per day"
        let series = Array(a.activeUsersSeries.suffix(maxDays))
        let table = DataTable(
            columns: ["Day", "Active users (7 days)", "% of users"],
            rows: series.map { [$0.day.long, ChartFormat.integer($0.activeUsers), ChartFormat.percent($0.activePercent, maxDecimals: 1)] },
            numeric: [false, true, true])
        guard let latest = series.last else {
            let summary = "There is no daily activity in the data for this period."
            return Spec(name: "active-users", scene: Layouts.empty(title: title, summary: summary, detail: "The server sent no daily active-user rows.", theme: theme), table: table)
        }
        let weekAgo = series.last(where: { $0.day == latest.day.adding(days: -7) })
        let total = insights.users.total
        let pct = ChartFormat.percent(latest.activePercent, maxDecimals: 1)
        var summary = total >= latest.activeUsers
            ? "\(ChartFormat.integer(latest.activeUsers)) of \(ChartFormat.integer(total)) \(total == 1 ? "user" : "users") (\(pct)) \(latest.activeUsers == 1 ? "was" : "were") active in the 7 days to \(latest.day.long)"
            : "\(ChartFormat.integer(latest.activeUsers)) \(latest.activeUsers == 1 ? "user" : "users") (\(pct)) \(latest.activeUsers == 1 ? "was" : "were") active in the 7 days to \(latest.day.long)"
        var headline = "\(ChartFormat.integer(latest.activeUsers)) active \(latest.activeUsers == 1 ? "user" : "users") (\(pct)) on \(latest.day.short)"
        if let w = weekAgo {
            let change = latest.activeUsers - w.activeUsers
            let from = ChartFormat.integer(w.activeUsers)
            summary += change > 0 ? ", up from \(from) a week earlier" : change < 0 ? ", down from \(from) a week earlier" : ", the same as a week earlier"
            headline += change == 0 ? " · no change vs \(w.day.short)" : " · " + (change > 0 ? "+" : "") + ChartFormat.integer(change) + " vs \(w.day.short)"
        }
        summary += capNote(a.activeUsersSeries.count) + "."
        let count = DailySeries(
            name: "Active users", values: series.map { DailyValue(day: $0.day, value: Double($0.activeUsers)) },
            area: true, integer: true,
            valueText: { ChartFormat.integer(Int($0)) },
            tooltip: { v in "\(v.day.long): \(ChartFormat.integer(Int(v.value ?? 0))) active users" })
        let percent = DailySeries(
            name: "% of users", values: series.map { DailyValue(day: $0.day, value: $0.activePercent) },
            line: .secondaryLine, point: .pointSecondary, domain: 0...100, tickFormat: .percent,
            valueText: { ChartFormat.percent($0, maxDecimals: 1) },
            tooltip: { v in "\(v.day.long): \(ChartFormat.percent(v.value ?? 0, maxDecimals: 1)) of users active" })
        let scene = TimeSeriesLayout.scene(
            title: title, summary: summary, headline: headline,
            panels: [
                .init(title: "Users active in the trailing 7 days, per day", series: count, height: 140),
                .init(title: "As a percent of the users that day", series: percent, height: 70),
            ],
            highlight: weekAgo?.day,
            legend: [LegendItem(.point(.pointHighlight), "latest day" + (weekAgo == nil ? "" : " and a week earlier"))]
                + (weekAgo.map { [LegendItem(.line(.reference), "\($0.day.short), 7 days before the latest")] } ?? []),
            theme: theme)
        return Spec(name: "active-users", scene: scene, table: table)
    }

    static func averageQueries(_ a: UserActivity, _ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Average queries per active user"
        let series = Array(a.averageQueriesSeries.suffix(maxDays))
        let table = DataTable(
            columns: ["Day", "Average queries per active user (7 days)"],
            rows: series.map { [$0.day.long, $0.averageQueries.map { ChartFormat.fixed($0, decimals: 2) } ?? "no active user"] },
            numeric: [false, true])
        let present = series.compactMap(\.averageQueries)
        guard let last = series.last(where: { $0.averageQueries != nil }), let lastValue = last.averageQueries else {
            let summary = series.isEmpty
                ? "There is no daily activity in the data for this period."
                : "No user was active on any of the \(series.count) days, so there is no average."
            let detail = series.isEmpty ? "The server sent no daily rows." : "No active user on any day, so there is no average."
            return Spec(name: "average-queries", scene: Layouts.empty(title: title, summary: summary, detail: detail, theme: theme), table: table)
        }
        let missing = series.count - present.count
        let lo = present.min() ?? lastValue
        let hi = present.max() ?? lastValue
        var summary = "Active users averaged \(ChartFormat.fixed(lastValue, decimals: 2)) queries each in the 7 days to \(last.day.long)"
        if present.count > 1 {
            summary += ", between \(ChartFormat.fixed(lo, decimals: 2)) and \(ChartFormat.fixed(hi, decimals: 2)) over the \(series.count) days shown"
        }
        if missing > 0 {
            summary += "; \(missing) \(missing == 1 ? "day has" : "days have") no average because no user was active"
        }
        summary += capNote(a.averageQueriesSeries.count) + "."
        let s = DailySeries(
            name: "Average queries", values: series.map { DailyValue(day: $0.day, value: $0.averageQueries) },
            valueText: { ChartFormat.fixed($0, decimals: 2) },
            tooltip: { v in "\(v.day.long): \(ChartFormat.fixed(v.value ?? 0, decimals: 2)) queries per active user" })
        let legend = missing > 0 ? [LegendItem(.box(.gap), "\(missing) \(missing == 1 ? "day" : "days") with no active user: no average, the line breaks")] : []
        let scene = TimeSeriesLayout.scene(
            title: title, summary: summary,
            headline: "\(ChartFormat.fixed(lastValue, decimals: 2)) queries per active user on \(last.day.short)",
            panels: [.init(title: "Average queries per active user over the trailing 7 days", series: s, height: 150)],
            legend: legend, theme: theme)
        return Spec(name: "average-queries", scene: scene, table: table)
    }

    // MARK: - Bars

    static func roles(_ a: UserActivity, _ theme: Theme) -> Spec {
        let title = "Users by role"
        var buckets: [(String, Int)] = [
            ("Admins", a.numberAdmins), ("Editors", a.numberEditors),
            ("Interactive viewers", a.numberInteractiveViewers), ("Viewers", a.numberViewers),
        ]
        if a.otherRoles > 0 { buckets.append(("Other roles", a.otherRoles)) }
        let total = a.numberUsers
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
            return Spec(name: "roles", scene: Layouts.empty(title: title, summary: summary, detail: "The project has no users yet.", theme: theme), table: table)
        }
        let summary = "Of \(ChartFormat.integer(total)) \(total == 1 ? "user" : "users"), " + listJoin(parts)
            + (a.otherRoles > 0 ? " (custom roles are in no bucket)" : "") + "; editors include developers."
        let items = buckets.map { name, n in
            BarItem(label: name, value: Double(n), valueText: "\(ChartFormat.integer(n)) (\(share(n)))", tooltip: "\(name): \(ChartFormat.integer(n)) of \(ChartFormat.integer(total)) users")
        }
        let caption = "Users per role (editors include developers)"
        return Spec(name: "roles", scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme), table: table)
    }

    static func topQueriers(_ a: UserActivity, _ theme: Theme) -> Spec {
        let title = "Top users by queries, last 7 days"
        let top = Array(a.mostQueries.prefix(topCount))
        let table = rankedTable(top.map { (personName($0.name), $0.count) }, what: "User", value: "Queries (7 days)")
        guard let first = top.first else {
            let summary = "No user ran a query in the last 7 days."
            return Spec(name: "top-queriers", scene: Layouts.empty(title: title, summary: summary, detail: summary, theme: theme), table: table)
        }
        let total = a.mostQueries.reduce(0) { $0 &+ $1.count }
        let users = a.mostQueries.count
        let summary = "\(personName(first.name)) ran the most queries in the last 7 days (\(ChartFormat.integer(first.count)) of \(ChartFormat.integer(total)) by \(ChartFormat.integer(users)) active \(users == 1 ? "user" : "users"))" + shown(top.count, of: users, "user") + "."
        let items = top.map { u in
            BarItem(label: personName(u.name), value: Double(u.count), valueText: ChartFormat.integer(u.count), tooltip: "\(personName(u.name)): \(ChartFormat.integer(u.count)) queries", placeholder: isBlank(u.name))
        }
        let caption = "Queries in the last 7 days: " + topOf(top.count, users, "active user")
        return Spec(name: "top-queriers", scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme), table: table)
    }

    static func chartEditors(_ a: UserActivity, _ theme: Theme) -> Spec {
        let title = "Users by chart updates, last 7 days"
        let top = Array(a.mostCreatedCharts.prefix(topCount))
        let table = rankedTable(top.map { (personName($0.name), $0.count) }, what: "User", value: "Chart versions saved (7 days)")
        guard let first = top.first else {
            let summary = "No chart was created or updated in the last 7 days."
            return Spec(name: "chart-editors", scene: Layouts.empty(title: title, summary: summary, detail: summary, theme: theme), table: table)
        }
        let total = top.reduce(0) { $0 &+ $1.count }
        let summary = "\(personName(first.name)) saved the most chart versions in the last 7 days (\(ChartFormat.integer(first.count))); the \(top.count) \(top.count == 1 ? "user" : "users") shown saved \(ChartFormat.integer(total)) in all."
        let items = top.map { u in
            BarItem(label: personName(u.name), value: Double(u.count), valueText: ChartFormat.integer(u.count), tooltip: "\(personName(u.name)): \(ChartFormat.integer(u.count)) chart versions saved", placeholder: isBlank(u.name))
        }
        let caption = "Chart versions saved in the last 7 days"
        return Spec(name: "chart-editors", scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme), table: table)
    }

    static func contentViews(_ list: [ContentViews], name: String, kind: String, _ theme: Theme) -> Spec {
        let title = "Most viewed \(kind)s, all time"
        let top = Array(list.prefix(topCount))
        let table = rankedTable(top.map { (contentName($0.name), $0.count) }, what: kind.prefix(1).uppercased() + kind.dropFirst(), value: "Views (all time)")
        guard let first = top.first else {
            let summary = "No \(kind) has been viewed yet."
            return Spec(name: name, scene: Layouts.empty(title: title, summary: summary, detail: summary, theme: theme), table: table)
        }
        let summary = "“\(contentName(first.name))” is the most viewed \(kind) of all time with \(ChartFormat.integer(first.count)) \(first.count == 1 ? "view" : "views")" + shown(top.count, of: list.count, kind) + "."
        let items = top.map { c in
            BarItem(label: contentName(c.name), value: Double(c.count), valueText: ChartFormat.integer(c.count), tooltip: "\(contentName(c.name)): \(ChartFormat.integer(c.count)) views", placeholder: isBlank(c.name))
        }
        let caption = "Views of all time: " + topOf(top.count, list.count, kind)
        return Spec(name: name, scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme), table: table)
    }

    /// Inactivity buckets: lower bounds in days and labels.
    public static let inactivityBuckets: [(Int, String)] = [(90, "90–179 days"), (180, "180–364 days"), (365, "365+ days")]

    static func inactivity(_ a: UserActivity, _ theme: Theme) -> Spec {
        let title = "Inactive users by days since their last query"
        var counts = [0, 0, 0]
        for user in a.noQueries {
            counts[user.count >= 365 ? 2 : user.count >= 180 ? 1 : 0] += 1
        }
        let table = DataTable(
            columns: ["Days since last query", "Users"],
            rows: zip(inactivityBuckets, counts).map { [$0.1, ChartFormat.integer($1)] }, numeric: [false, true])
        guard a.numberUsers > 0 || !a.noQueries.isEmpty else {
            let summary = "The project has no users, so none is inactive."
            return Spec(name: "inactivity", scene: Layouts.empty(title: title, summary: summary, detail: "The project has no users yet.", theme: theme), table: table)
        }
        let n = a.noQueries.count
        let summary = n == 0
            ? "No user has gone without a query for over 90 days."
            : "\(ChartFormat.integer(n)) \(n == 1 ? "user has" : "users have") not run a query for over 90 days: \(ChartFormat.integer(counts[0])) for 90 to 179 days, \(ChartFormat.integer(counts[1])) for 180 to 364 days and \(ChartFormat.integer(counts[2])) for a year or more."
        let items = zip(inactivityBuckets, counts).map { bucket, c in
            BarItem(label: bucket.1, value: Double(c), valueText: ChartFormat.integer(c), tooltip: "\(ChartFormat.integer(c)) \(c == 1 ? "user" : "users") inactive for \(bucket.1)")
        }
        return Spec(name: "inactivity", scene: Layouts.columns(title: title, summary: summary, items: items, valueAxisTitle: "Inactive users, by days since their last query", theme: theme), table: table)
    }

    static func homeDashboards(_ a: UserActivity, _ theme: Theme) -> Spec {
        let title = "Dashboards that users view most"
        // Group by dashboard (uuid when the server sends it, else the name).
        var groups: [String: (name: String, raw: String, users: Int)] = [:]
        for row in a.userMostViewedDashboards {
            let key = row.dashboardUuid.map { "uuid:" + $0 } ?? "name:" + row.dashboardName
            groups[key, default: (contentName(row.dashboardName), row.dashboardName, 0)].users += 1
        }
        let ranked = groups.sorted { x, y in
            x.value.users != y.value.users ? x.value.users > y.value.users : x.value.name != y.value.name ? x.value.name < y.value.name : x.key < y.key
        }
        let top = Array(ranked.prefix(topCount))
        let table = rankedTable(top.map { ($0.value.name, $0.value.users) }, what: "Dashboard", value: "Users for whom it is the most viewed")
        guard let first = top.first else {
            let summary = "No user has viewed a dashboard yet."
            return Spec(name: "home-dashboards", scene: Layouts.empty(title: title, summary: summary, detail: summary, theme: theme), table: table)
        }
        let viewers = a.userMostViewedDashboards.count
        let summary = "“\(first.value.name)” is the most viewed dashboard for \(ChartFormat.integer(first.value.users)) of \(ChartFormat.integer(viewers)) \(viewers == 1 ? "user" : "users") who viewed a dashboard" + shown(top.count, of: ranked.count, "dashboard") + "."
        let items = top.map { g in
            BarItem(label: g.value.name, value: Double(g.value.users), valueText: ChartFormat.integer(g.value.users), tooltip: "\(g.value.name): the most viewed dashboard of \(ChartFormat.integer(g.value.users)) \(g.value.users == 1 ? "user" : "users")", placeholder: g.value.name == "Untitled" && isBlank(g.value.raw))
        }
        let caption = "Users whose most viewed dashboard it is: " + topOf(top.count, ranked.count, "dashboard")
        return Spec(name: "home-dashboards", scene: Layouts.horizontalBars(title: title, summary: summary, caption: caption, items: items, theme: theme), table: table)
    }

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
        return count < total ? "top \(ChartFormat.integer(count)) of \(ChartFormat.integer(total)) \(noun)s" : "all \(ChartFormat.integer(total)) \(noun)s"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func listJoin(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
    }
}

