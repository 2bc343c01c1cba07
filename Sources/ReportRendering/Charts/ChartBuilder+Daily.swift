import ActivityModel
import Charts
import Insights

/// The two daily charts: active users (with the week-over-week change of `insights.trend`) and
/// the chart-days per active user. Their data tables list the days newest first, like the
/// page's daily table.
extension ChartBuilder {
    /// Daily charts show at most this many of the newest days (Lightdash sends 43; a synthetic
    /// 10-year series would make a 1.5 MB chart). Every day is in `data/daily-activity.csv`.
    public static let maxDays = 180

    /// " (the newest 180 of 3,650 days; every day is in data/daily-activity.csv)" when capped.
    static func capNote(_ total: Int) -> String {
        total > maxDays
            ? " (the newest \(maxDays) of \(Format.integer(total)) days are drawn; data/daily-activity.csv, beside the report, has every day)"
            : ""
    }

    /// The points are the newest ``maxDays`` rows of the series; the latest day, the day a week
    /// before it and the change between them are `insights.trend`'s.
    static func activeUsers(_ a: UserActivity, _ insights: Insights, _ theme: Theme) -> Spec {
        let title = "Active users per day"
        let series = Array(a.activeUsersSeries.suffix(maxDays))
        let table = DataTable(
            columns: ["Day", "Active users", "Active %"],
            rows: series.reversed().map { [$0.day.long, Format.integer($0.activeUsers), Format.percent($0.activePercent)] },
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
        let pct = Format.percent(latest.activePercent)
        var summary =
            total >= latest.activeUsers
            ? "\(ChartFormat.integer(latest.activeUsers)) of \(ChartFormat.integer(total)) \(total == 1 ? "user" : "users") (\(pct)) \(latest.activeUsers == 1 ? "was" : "were") active in the 7 days to \(latest.day.long)"
            : "\(ChartFormat.integer(latest.activeUsers)) \(latest.activeUsers == 1 ? "user" : "users") (\(pct)) \(latest.activeUsers == 1 ? "was" : "were") active in the 7 days to \(latest.day.long)"
        // The headline fits the chart's width: the newest day, or the change against a week
        // earlier (the summary under the chart has both dates).
        let subject = "\(Format.integer(latest.activeUsers)) active \(latest.activeUsers == 1 ? "user" : "users") (\(pct))"
        var headline = subject + " on \(latest.day.long)"
        if let w = weekAgo, let change = trend.changeActiveUsers {
            let from = Format.integer(w.activeUsers)
            summary +=
                change > 0
                ? ", up from \(from) a week earlier" : change < 0 ? ", down from \(from) a week earlier" : ", the same as a week earlier"
            headline = subject + " · " + (change == 0 ? "no change" : Format.signed(change)) + " vs a week earlier"
        }
        summary += capNote(trend.days) + "."
        let count = DailySeries(
            name: "Active users", values: series.map { DailyValue(day: $0.day, value: Double($0.activeUsers)) },
            area: true, integer: true,
            valueText: { ChartFormat.integer(Int($0)) },
            tooltip: { v in "\(v.day.long): \(Format.count(Int(v.value ?? 0), "active user"))" })
        let percent = DailySeries(
            name: "% of users", values: series.map { DailyValue(day: $0.day, value: $0.activePercent) },
            line: .secondaryLine, point: .pointSecondary, domain: 0...100, tickFormat: .percent,
            valueText: { Format.percent($0) },
            tooltip: { v in "\(v.day.long): \(Format.percent(v.value ?? 0)) of users active" })
        let scene = TimeSeriesLayout.scene(
            title: title, summary: summary, headline: headline,
            panels: [
                .init(title: "Users active in the trailing 7 days, per day", series: count, height: 140),
                .init(title: "As a percent of the users that day", series: percent, height: 70),
            ],
            highlight: weekAgo?.day,
            legend: [LegendItem(.point(.pointHighlight), "latest day" + (weekAgo == nil ? "" : " and a week earlier"))]
                + (weekAgo.map { [LegendItem(.line(.reference), "\($0.day.long), 7 days before the latest")] } ?? []),
            theme: theme)
        return Spec(name: "active-users", scene: scene, table: table)
    }

    /// Lightdash's daily average, the chart-days per active user (``Glossary/chartDays``). What
    /// this chart states (the newest value, the range and the days without one) are properties
    /// of the drawn points themselves; insights.json has no counterpart (its
    /// `trend.latest.averageQueries` is the value on the newest active-users day, which may be null).
    static func averageQueries(_ a: UserActivity, _ theme: Theme) -> Spec {
        let title = Glossary.chartDays.term
        let series = Array(a.averageQueriesSeries.suffix(maxDays))
        let table = DataTable(
            columns: ["Day", Glossary.chartDays.term],
            rows: series.reversed().map { [$0.day.long, $0.averageQueries.map { Format.fixed2($0) } ?? "none"] },
            numeric: [false, true])
        let present = series.compactMap(\.averageQueries)
        guard let last = series.last(where: { $0.averageQueries != nil }), let lastValue = last.averageQueries else {
            let summary =
                series.isEmpty
                ? "There is no daily activity in the data for this period."
                : "No user was active on any of the \(Format.count(series.count, "day")), so there are no chart-days per active user."
            let detail = series.isEmpty ? "The server sent no daily rows." : "No active user on any day, so there are no chart-days."
            return Spec(
                name: "average-queries", scene: Layouts.empty(title: title, summary: summary, detail: detail, theme: theme), table: table)
        }
        let missing = series.count - present.count
        let lo = present.min() ?? lastValue
        let hi = present.max() ?? lastValue
        var summary = "Active users had \(Format.fixed2(lastValue)) chart-days each on average in the 7 days to \(last.day.long)"
        if present.count > 1 {
            summary += ", between \(Format.fixed2(lo)) and \(Format.fixed2(hi)) over the \(Format.integer(series.count)) days shown"
        }
        if missing > 0 {
            summary += "; \(Format.integer(missing)) \(missing == 1 ? "day has" : "days have") none because no user was active"
        }
        summary += capNote(a.averageQueriesSeries.count) + "."
        let s = DailySeries(
            name: Glossary.chartDays.term, values: series.map { DailyValue(day: $0.day, value: $0.averageQueries) },
            valueText: { Format.fixed2($0) },
            tooltip: { v in "\(v.day.long): \(Format.fixed2(v.value ?? 0)) chart-days per active user" })
        let legend =
            missing > 0
            ? [LegendItem(.box(.gap), "\(Format.count(missing, "day")) with no active user: no value, the line breaks")] : []
        let scene = TimeSeriesLayout.scene(
            title: title, summary: summary,
            headline: "\(Format.fixed2(lastValue)) chart-days per active user on \(last.day.long)",
            panels: [.init(title: "Chart-days per active user over the trailing 7 days", series: s, height: 150)],
            legend: legend, theme: theme)
        return Spec(name: "average-queries", scene: scene, table: table)
    }
}
