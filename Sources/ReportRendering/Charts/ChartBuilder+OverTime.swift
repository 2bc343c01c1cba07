public import ActivityModel
public import Charts
public import Insights

/// The "Over time" chart (`--history`): the weekly points of `insights.overTime`, gaps as gaps.
extension ChartBuilder {
    /// `+35% since 13 weeks ago`-style words for a change of active users; nil without one.
    package static func overTimeChangeText(_ change: Insights.Change) -> String? {
        guard let d = change.delta(.activeUsers), let c = d.change else { return nil }
        let span = change.weeks == 1 ? "a week ago" : "\(change.weeks) weeks ago"
        let amount = d.changePercent.map { Format.signedPercent($0) } ?? Format.signed(Int(c))
        return "\(amount) vs \(span)"
    }

    /// Weekly active users, their share, users with access and inactive users over the weeks of
    /// `insights.overTime`, oldest first; a week without a record or daily value breaks the lines.
    static func overTime(_ o: Insights.OverTime, _ theme: Theme) -> Spec {
        let title = "Over time"
        let weeks = o.weeks
        let gaps = weeks.filter(\.isGap).count
        let table = DataTable(
            columns: [
                "Week ending", "From", "Active users", "Active %", "Users", "Inactive", "Admins", "Editors", "Interactive viewers",
                "Viewers", "Other roles",
            ],
            rows: weeks.reversed().map { w in
                [
                    w.ending.long, sourceText(w), w.activeUsers.map(Format.integer) ?? "none",
                    w.activePercent.map { Format.percent($0) } ?? "none", w.users.map { Format.integer($0.total) } ?? "none",
                    w.inactive.map(Format.integer) ?? "none", w.users.map { Format.integer($0.admins) } ?? "none",
                    w.users.map { Format.integer($0.editors) } ?? "none",
                    w.users.map { Format.integer($0.interactiveViewers) } ?? "none",
                    w.users.map { Format.integer($0.viewers) } ?? "none", w.users.map { Format.integer($0.other) } ?? "none",
                ]
            },
            numeric: [false, false, true, true, true, true, true, true, true, true, true])
        guard let now = o.current, let active = now.activeUsers else {
            return Spec(
                name: "over-time",
                scene: Layouts.empty(title: title, summary: "No weekly values.", detail: "No weekly values.", theme: theme), table: table)
        }
        func series(_ name: String, _ value: (Insights.Week) -> Double?, percent: Bool = false, secondary: Bool = false) -> DailySeries {
            var s = DailySeries(
                name: name, values: weeks.map { DailyValue(day: $0.ending, value: value($0)) },
                line: secondary ? .secondaryLine : .line, point: secondary ? .pointSecondary : .point,
                domain: percent ? 0...100 : nil, integer: !percent, tickFormat: percent ? .percent : .number,
                valueText: { percent ? Format.percent($0) : ChartFormat.integer(Int($0)) },
                tooltip: { v in
                    "Week ending \(v.day.long): " + (v.value.map { percent ? Format.percent($0) : Format.integer(Int($0)) } ?? "no value")
                        + " " + name.lowercased()
                })
            s.stepDays = 7
            return s
        }
        let span = weeks.count == 1 ? "1 week" : "\(Format.integer(weeks.count)) weeks"
        var summary =
            "\(Format.count(active, "active user")) in the 7 days to \(o.asOf.long); weekly points over \(span) from \(Format.count(o.records, "record")) of earlier runs and this run's daily series"
        let changes = o.changes.compactMap { c in overTimeChangeText(c) }
        if !changes.isEmpty { summary += "; " + changes.joined(separator: ", ") }
        if gaps > 0 { summary += "; \(Format.count(gaps, "week")) without a value \(gaps == 1 ? "is a gap" : "are gaps") in the lines" }
        summary += "."
        var headline = "\(Format.count(active, "active user")) · \(span)"
        if let longest = o.changes.reversed().first(where: { overTimeChangeText($0) != nil }), let text = overTimeChangeText(longest) {
            headline = "\(Format.count(active, "active user")) · " + text
        }
        let scene = TimeSeriesLayout.scene(
            title: title, summary: summary, headline: headline,
            panels: [
                .init(title: "Active users, weekly", series: series("Active users", { $0.activeUsers.map(Double.init) }), height: 120),
                .init(
                    title: "As a percent of the users", series: series("Active %", \.activePercent, percent: true, secondary: true),
                    height: 60),
                .init(title: "Users with access", series: series("Users", { $0.users.map { Double($0.total) } }), height: 60),
                .init(
                    title: "Inactive users (no chart view for 90 days)",
                    series: series("Inactive users", { $0.inactive.map(Double.init) }, secondary: true), height: 60),
            ],
            legend: gaps > 0 ? [LegendItem(.box(.gap), "\(Format.count(gaps, "week")) with no record: no value, the line breaks")] : [],
            theme: theme)
        return Spec(name: "over-time", scene: scene, table: table)
    }

    static func sourceText(_ w: Insights.Week) -> String {
        switch w.source {
        case .run: "this run"
        case .record: "record of \(w.day?.long ?? w.ending.long)"
        case .daily: "daily series, \(w.day?.long ?? w.ending.long)"
        case nil: "no record"
        }
    }
}

/// The email's compact version of "Over time" (`--history`): 12 weeks of active users.
extension ChartBuilder {
    /// The name of the email's sparkline (`charts/over-time-sparkline.png`).
    package static let overTimeSparklineName = "over-time-sparkline"

    /// The last ``OverTimeSection/compactWeeks`` weekly points of active users, gaps as gaps,
    /// with this run's value and its 13- and 4-week changes in words beside them; the summary
    /// (the alt text) states every weekly value and both changes. Every number is read from
    /// `insights.overTime`.
    package static func overTimeSparkline(_ o: Insights.OverTime, theme: Theme = .standard) -> Spec {
        let weeks = Array(o.weeks.suffix(OverTimeSection.compactWeeks))
        let values = OverTimeSection.compactValues(o)
        let active = o.current?.activeUsers
        let value = active.map { Format.count($0, "active user") } ?? "No value this week"
        let lines = OverTimeSection.compactChangeWeeks.compactMap { o.change($0) }.map(OverTimeSection.changeWords)
        var summary = OverTimeSection.weeklyValuesSentence(o)
        if let active {
            summary += " \(Format.count(active, "active user")) in the 7 days to \(o.asOf.long)"
            summary += lines.isEmpty ? "." : ": " + lines.joined(separator: ", ") + "."
        }
        let content = TrendStrip.Content(
            title: "Over time: active users, last \(Format.count(values.count, "week"))", summary: summary,
            caption: "Active users, weekly, last \(Format.count(values.count, "week"))", values: values,
            labels: weeks.map { "Week ending \($0.ending.long)" }, value: value, lines: lines)
        let table = DataTable(
            columns: ["Week ending", "Active users"],
            rows: weeks.reversed().map { [$0.ending.long, $0.activeUsers.map(Format.integer) ?? "no record"] }, numeric: [false, true])
        return Spec(name: overTimeSparklineName, scene: TrendStrip.scene(content, theme: theme), table: table)
    }

    /// The email's charts: the nine without the full "Over time" chart (the page has it), and the
    /// sparkline when there is history.
    public static func emailCharts(_ activity: UserActivity, insights: Insights, theme: Theme) -> (
        charts: ChartSet, sparkline: RenderedChart?
    ) {
        let charts = specs(activity, insights: insights, theme: theme).filter { $0.name != "over-time" && $0.name != "views-heatmap" }.map {
            spec in
            RenderedChart(name: spec.name, scene: spec.scene, table: spec.table, theme: theme)
        }
        let sparkline = insights.overTime.map { o in
            let spec = overTimeSparkline(o, theme: theme)
            return RenderedChart(name: spec.name, scene: spec.scene, table: spec.table, theme: theme)
        }
        return (ChartSet(charts: charts), sparkline)
    }
}
