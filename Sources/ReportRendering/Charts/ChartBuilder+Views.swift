import ActivityModel
import Charts
import Insights

/// The charts of the "Views" part (`--views`): daily, weekly and monthly actives with stickiness,
/// and when people work (weekday × hour). Every number comes from `insights.views`.
extension ChartBuilder {
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func views(_ v: Views, _ theme: Theme) -> [Spec] {
        [viewsActives(v, theme), viewsHeatmap(v, theme)]
    }

    /// DAU, WAU, MAU and stickiness per day of the export's window.
    static func viewsActives(_ v: Views, _ theme: Theme) -> Spec {
        let title = "Daily, weekly and monthly active viewers"
        let table = DataTable(
            columns: ["Day", "DAU", "WAU", "MAU", "Stickiness"],
            rows: v.daily.reversed().map { d in
                [
                    d.day.long, Format.integer(d.dau), Format.integer(d.wau) + (d.fullWeek ? "" : " (partial week)"),
                    Format.integer(d.mau) + (d.fullMonth ? "" : " (partial 30 days)"),
                    d.stickiness.map { Format.decimal($0, places: 2) } ?? "none",
                ]
            }, numeric: [false, true, true, true, true])
        guard let latest = v.latest else {
            return Spec(
                name: "views-actives",
                scene: Layouts.empty(
                    title: title, summary: "No views in the export.", detail: "The views export holds no views.", theme: theme),
                table: table)
        }
        func series(_ name: String, _ value: @escaping (Views.DailyActives) -> Double?, ratio: Bool = false, secondary: Bool = false)
            -> DailySeries
        {
            DailySeries(
                name: name, values: v.daily.map { DailyValue(day: $0.day, value: value($0)) }, line: secondary ? .secondaryLine : .line,
                point: secondary ? .pointSecondary : .point, domain: ratio ? 0...1 : nil, integer: !ratio, tickFormat: .number,
                valueText: { ratio ? Format.decimal($0, places: 2) : ChartFormat.integer(Int($0)) },
                tooltip: { d in
                    "\(d.day.long): " + (d.value.map { ratio ? Format.decimal($0, places: 2) : Format.integer(Int($0)) } ?? "none")
                        + " \(name)"
                })
        }
        var summary =
            "On \(latest.day.long): \(Format.integer(latest.dau)) daily, \(Format.integer(latest.wau)) weekly and \(Format.integer(latest.mau)) monthly active viewers"
        if let s = v.stickiness { summary += "; stickiness \(Format.decimal(s, places: 2))" }
        if let before = v.stickinessBefore { summary += " (\(Format.decimal(before, places: 2)) 30 days earlier)" }
        summary += "; over \(v.windowPhrase)."
        let scene = TimeSeriesLayout.scene(
            title: title, summary: summary,
            headline: "\(Format.integer(latest.mau)) MAU · \(Format.integer(latest.wau)) WAU · \(Format.integer(latest.dau)) DAU",
            panels: [
                .init(title: "Monthly active viewers (MAU, trailing 30 days)", series: series("MAU", { Double($0.mau) }), height: 90),
                .init(title: "Weekly active viewers (WAU, trailing 7 days)", series: series("WAU", { Double($0.wau) }), height: 70),
                .init(title: "Daily active viewers (DAU)", series: series("DAU", { Double($0.dau) }), height: 70),
                .init(
                    title: "Stickiness (mean DAU over 30 days / MAU)",
                    series: series("stickiness", { $0.stickiness }, ratio: true, secondary: true),
                    height: 60),
            ], legend: [], theme: theme)
        return Spec(name: "views-actives", scene: scene, table: table)
    }

    /// `09:00`.
    static func hour(_ h: Int) -> String { (h < 10 ? "0" : "") + "\(h):00" }

    /// Views by weekday and hour in the zone of `--timezone`: a punch card and its table.
    static func viewsHeatmap(_ v: Views, _ theme: Theme) -> Spec {
        let title = "When people view charts and dashboards"
        let zone = v.timeZone
        let table = DataTable(
            columns: ["Weekday"] + (0..<24).map(hour),
            rows: v.heatmap.enumerated().map { d, row in [weekdays[d]] + row.map(Format.integer) },
            numeric: [false] + Array(repeating: true, count: 24))
        var busiest: (day: Int, hour: Int, views: Int)?
        for (d, row) in v.heatmap.enumerated() {
            for (h, n) in row.enumerated() where n > (busiest?.views ?? 0) { busiest = (d, h, n) }
        }
        guard let top = busiest else {
            return Spec(
                name: "views-heatmap",
                scene: Layouts.empty(
                    title: title, summary: "No views in the export.", detail: "The views export holds no views.", theme: theme),
                table: table)
        }
        let weekday = v.heatmap.prefix(5).reduce(0) { $0 + $1.reduce(0, +) }
        let total = v.heatmap.reduce(0) { $0 + $1.reduce(0, +) }
        let summary =
            "Views by weekday and hour (\(zone)) over \(v.windowPhrase): the busiest hour is \(weekdays[top.day]) \(hour(top.hour))-\(hour((top.hour + 1) % 24)) with \(Format.count(top.views, "view")); \(Format.percent(100 * Double(weekday) / Double(max(total, 1)))) of the views fall on weekdays."
        let cells = v.heatmap.enumerated().map { d, row in
            row.enumerated().map { h, n in
                Layouts.PunchCell(
                    value: Double(n), label: "\(weekdays[d].prefix(3)) \(hour(h))",
                    tooltip: "\(weekdays[d]) \(hour(h))-\(hour((h + 1) % 24)) (\(zone)): \(Format.count(n, "view"))")
            }
        }
        let scene = Layouts.punchCard(
            title: title, summary: summary, caption: "Views by hour of the day (\(zone)); the larger the dot, the more views",
            rowLabels: weekdays.map { String($0.prefix(3)) }, columnLabels: (0..<24).map { String($0) },
            columnLabelStep: theme.width < 400 ? 6 : 3, cells: cells, theme: theme)
        return Spec(name: "views-heatmap", scene: scene, table: table)
    }
}
