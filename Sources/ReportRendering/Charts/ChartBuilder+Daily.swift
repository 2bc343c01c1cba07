import ActivityModel
import Charts
import Insights

/// The two daily charts: active users (with the week-over-week change of `insights.trend`) and
/// the average queries per active user.
extension ChartBuilder {
    /// Daily charts show at most this many of the newest days (Lightdash sends 43; a synthetic
    /// 10-year series would make a 1.5 MB chart). Every day is in `data/daily-activity.csv`.
    public static let maxDays = 180

    /// " (the newest 180 of 3,650 days; every day is in data/daily-activity.csv)" when capped.
    static func capNote(_ total: Int) -> String {
        total > maxDays
            ? " (the newest \(maxDays) of \(ChartFormat.integer(total)) days are drawn; every day is in data/daily-activity.csv)" : ""
    }

    /// The points are the newest ``maxDays`` rows of the series; the latest day, the day a week
    /// before it and the change between them are `insights.trend`'s.
    static func activeUsers(_ a: UserActivity, _ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Active users per day"
        let series = Array(a.activeUsersSeries.suffix(maxDays))
        let table = DataTable(
            columns: ["Day", "Active users (7 days)", "% of users"],
            rows: series.map { [$0.day.long, ChartFormat.integer($0.activeUsers), ChartFormat.percent($0.activePercent, maxDecimals: 1)] },
            numeric: [false, true, true])
        let trend = insights.trend
        guard let latest = trend.latest else {
            let summary = "There is no daily activity in the data for this period."
            return Spec(
                name: "active-users",
                scene: Layouts.empty(title: title, summary: summary, detail: "The server sent no daily active-user rows.", theme: theme),
                table: table)
        }
        let weekAgo = trend.weekAgo
        let total = insights.users.total
        let pct = ChartFormat.percent(latest.activePercent, maxDecimals: 1)
        var summary =
            total >= latest.activeUsers
            ? "\(ChartFormat.integer(latest.activeUsers)) of \(ChartFormat.integer(total)) \(total == 1 ? "user" : "users") (\(pct)) \(latest.activeUsers == 1 ? "was" : "were") active in the 7 days to \(latest.day.long)"
            : "\(ChartFormat.integer(latest.activeUsers)) \(latest.activeUsers == 1 ? "user" : "users") (\(pct)) \(latest.activeUsers == 1 ? "was" : "were") active in the 7 days to \(latest.day.long)"
        var headline =
            "\(ChartFormat.integer(latest.activeUsers)) active \(latest.activeUsers == 1 ? "user" : "users") (\(pct)) on \(latest.day.short)"
        if let w = weekAgo, let change = trend.changeActiveUsers {
            let from = ChartFormat.integer(w.activeUsers)
            summary +=
                change > 0
                ? ", up from \(from) a week earlier" : change < 0 ? ", down from \(from) a week earlier" : ", the same as a week earlier"
            headline +=
                change == 0
                ? " · no change vs \(w.day.short)" : " · " + (change > 0 ? "+" : "") + ChartFormat.integer(change) + " vs \(w.day.short)"
        }
        summary += capNote(trend.days) + "."
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

    /// What this chart states (the newest average, the range and the days without one) are
    /// properties of the drawn points themselves; insights.json has no counterpart (its
    /// `trend.latest.averageQueries` is the average on the newest active-users day, which may be null).
    static func averageQueries(_ a: UserActivity, _ theme: Theme) -> Spec {
        let title = "Average queries per active user"
        let series = Array(a.averageQueriesSeries.suffix(maxDays))
        let table = DataTable(
            columns: ["Day", "Average queries per active user (7 days)"],
            rows: series.map { [$0.day.long, $0.averageQueries.map { ChartFormat.fixed($0, decimals: 2) } ?? "no active user"] },
            numeric: [false, true])
        let present = series.compactMap(\.averageQueries)
        guard let last = series.last(where: { $0.averageQueries != nil }), let lastValue = last.averageQueries else {
            let summary =
                series.isEmpty
                ? "There is no daily activity in the data for this period."
                : "No user was active on any of the \(series.count) days, so there is no average."
            let detail = series.isEmpty ? "The server sent no daily rows." : "No active user on any day, so there is no average."
            return Spec(
                name: "average-queries", scene: Layouts.empty(title: title, summary: summary, detail: detail, theme: theme), table: table)
        }
        let missing = series.count - present.count
        let lo = present.min() ?? lastValue
        let hi = present.max() ?? lastValue
        var summary = "Active users averaged \(ChartFormat.fixed(lastValue, decimals: 2)) queries each in the 7 days to \(last.day.long)"
        if present.count > 1 {
            summary +=
                ", between \(ChartFormat.fixed(lo, decimals: 2)) and \(ChartFormat.fixed(hi, decimals: 2)) over the \(series.count) days shown"
        }
        if missing > 0 {
            summary += "; \(missing) \(missing == 1 ? "day has" : "days have") no average because no user was active"
        }
        summary += capNote(a.averageQueriesSeries.count) + "."
        let s = DailySeries(
            name: "Average queries", values: series.map { DailyValue(day: $0.day, value: $0.averageQueries) },
            valueText: { ChartFormat.fixed($0, decimals: 2) },
            tooltip: { v in "\(v.day.long): \(ChartFormat.fixed(v.value ?? 0, decimals: 2)) queries per active user" })
        let legend =
            missing > 0
            ? [LegendItem(.box(.gap), "\(missing) \(missing == 1 ? "day" : "days") with no active user: no average, the line breaks")] : []
        let scene = TimeSeriesLayout.scene(
            title: title, summary: summary,
            headline: "\(ChartFormat.fixed(lastValue, decimals: 2)) queries per active user on \(last.day.short)",
            panels: [.init(title: "Average queries per active user over the trailing 7 days", series: s, height: 150)],
            legend: legend, theme: theme)
        return Spec(name: "average-queries", scene: scene, table: table)
    }
}
