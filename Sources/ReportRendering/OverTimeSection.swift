import ActivityModel
import Charts
import Insights
import Markup

/// The "Over time" section of report.html (`--history`): the changes over 1, 4 and 13 weeks as
/// a table, then the weekly chart with its data.
enum OverTimeSection {
    /// The rows of the changes table: metric, then the change over each span of `changes`.
    package static func rows(_ o: Insights.OverTime) -> [(label: String, cells: [String])] {
        let metrics: [(HeadlineMetric, String)] = [
            (.activeUsers, "Active users"), (.activePercent, "Active %"), (.usersTotal, "Users with access"),
            (.inactiveCount, "Inactive users"),
        ]
        return metrics.map { metric, label in
            (label, o.changes.map { c in c.delta(metric).map(cell) ?? "no record" })
        }
    }

    /// `+16 (+20%) (80 → 96)`, `-3 points (45% → 42%)`, `no record` when that week is a gap.
    static func cell(_ d: Delta) -> String {
        guard let then = d.previous, let now = d.current, let change = d.change else { return "no record" }
        if d.metric.isPercentage {
            return "\(Format.signedPoints(d.points ?? 0)) points (\(Format.percent(then)) \u{2192} \(Format.percent(now)))"
        }
        let percent = d.changePercent.map { " (\(Format.signedPercent($0)))" } ?? ""
        return "\(Format.signed(Int(change)))\(percent) (\(Format.integer(Int(then))) \u{2192} \(Format.integer(Int(now))))"
    }

    static func append(_ parent: Element, _ insights: Insights, charts: ChartFigures.Pair) {
        guard let o = insights.overTime else { return }
        let section = parent.append("section", ["id": "over-time", "aria-labelledby": "over-time-title"])
        section.append("h2", ["id": "over-time-title"], text: "Over time")
        let gaps = o.weeks.filter(\.isGap).count
        section.append(
            "p", ["class": "window"],
            text:
                "Weekly, over the \(Format.count(o.weeks.count, "week")) to \(o.asOf.long): \(Format.count(o.records, "record")) of earlier runs kept with --history, this run, and its daily series where a week has no record."
                + (gaps > 0 ? " \(Format.count(gaps, "week")) without either \(gaps == 1 ? "is a gap" : "are gaps"): not a zero." : ""))
        let wrap = section.append("div", ["class": "table-wrap"])
        let table = wrap.append("table", ["aria-labelledby": "over-time-title"])
        let head = table.append("thead").append("tr")
        head.append("th", ["scope": "col"], text: "Change")
        for c in o.changes {
            head.append("th", ["scope": "col", "class": "num"], text: c.weeks == 1 ? "Since a week ago" : "Since \(c.weeks) weeks ago")
        }
        let body = table.append("tbody")
        for row in rows(o) {
            let tr = body.append("tr")
            tr.append("th", ["scope": "row"], text: row.label)
            for cell in row.cells { tr.append("td", ["class": "num"], text: cell) }
        }
        if let chart = charts.wide["over-time"] {
            ChartFigures.figure(chart, narrow: charts.narrow["over-time"], into: section, dataTable: true)
        }
    }
}

extension OverTimeSection {
    /// The weeks the compact versions (summary.md, the email, the index) show.
    package static let compactWeeks = 12

    /// Active users of the newest ``compactWeeks`` weeks, oldest first; nil for a gap.
    package static func compactValues(_ o: Insights.OverTime) -> [Double?] {
        o.weeks.suffix(compactWeeks).map { $0.activeUsers.map(Double.init) }
    }

    /// A text sparkline of `values` with the eight block characters, `·` for a gap.
    package static func blocks(_ values: [Double?]) -> String {
        let present = values.compactMap { $0 }
        guard let lo = present.min(), let hi = present.max() else { return String(repeating: "·", count: values.count) }
        let bars = Array("▁▂▃▄▅▆▇█")
        return String(
            values.map { v in
                guard let v else { return "·" }
                let level = hi == lo ? 3 : Int(((v - lo) / (hi - lo) * 7).rounded())
                return bars[min(7, max(0, level))]
            })
    }

    /// The compact line of summary.md and the chat posts (plain words): active users now, the
    /// text sparkline of the last ``compactWeeks`` weeks, then the changes over 1, 4 and 13
    /// weeks; nil without `overTime`.
    package static func compactLine(_ o: Insights.OverTime) -> String? {
        guard let active = o.current?.activeUsers else { return nil }
        let values = compactValues(o)
        var line = "\(Format.count(active, "active user")) · last \(values.count) weeks \(blocks(values))"
        let gaps = values.filter { $0 == nil }.count
        if gaps > 0 { line += " (· is a week with no record)" }
        for c in o.changes {
            guard let d = c.delta(.activeUsers) else { continue }
            line += " · " + (c.weeks == 1 ? "since a week ago" : "since \(c.weeks) weeks ago") + ": " + cell(d)
        }
        return line
    }

    /// summary.md's line: ``compactLine(_:)``.
    static func markdown(_ insights: Insights) -> String {
        guard let line = insights.overTime.flatMap(compactLine) else { return "" }
        return "**Over time:** " + MarkdownText.own(line) + "\n\n"
    }

    /// The changes the email's sparkline states beside it, in weeks.
    package static let compactChangeWeeks = [13, 4]

    /// A change of active users in words: `down 40% since 13 weeks ago (78 → 47)`,
    /// `unchanged since 4 weeks ago (47)`, `no record 13 weeks ago` (a gap, or before the
    /// first record); the percent as the findings print it.
    package static func changeWords(_ c: Insights.Change) -> String {
        let span = c.weeks == 1 ? "a week ago" : "\(c.weeks) weeks ago"
        guard let d = c.delta(.activeUsers), let then = d.previous, let now = d.current, let change = d.change else {
            return "no record \(span)"
        }
        let before = Int(then)
        let after = Int(now)
        if change == 0 { return "unchanged since \(span) (\(Format.integer(after)))" }
        let direction = change > 0 ? "up" : "down"
        let amount = d.changePercent.map { Format.percent(abs($0)) } ?? Format.integer(abs(Int(change)))
        return "\(direction) \(amount) since \(span) (\(Format.integer(before)) \u{2192} \(Format.integer(after)))"
    }

    /// The weekly values in words, for readers without the image: `Active users, weekly, over
    /// the 12 weeks to 4 Feb 2026: 71, 68, no record, …, 47.`
    package static func weeklyValuesSentence(_ o: Insights.OverTime) -> String {
        let values = compactValues(o)
        let words = values.map { $0.map { Format.integer(Int($0)) } ?? "no record" }
        return "Active users, weekly, over the \(Format.count(values.count, "week")) to \(o.asOf.long): "
            + words.joined(separator: ", ") + "."
    }
}
