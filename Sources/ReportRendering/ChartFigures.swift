import Charts
import Insights
import Markup

/// The charts in the page: each one inline in its section, twice (the standalone drawing, and
/// the same chart laid out for phones, which the stylesheet shows instead on narrow screens
/// rather than shrinking the wide one), with its summary as a caption; sparklines in the headline
/// cards. A chart's data table (in `<details>`) is added only where the section has no list
/// table showing the same rows.
enum ChartFigures {
    /// The charts of a page: the standalone drawings and their phone layouts.
    struct Pair {
        var wide: ChartSet
        var narrow: ChartSet
    }

    /// The section each chart is drawn in (list sections by id; `headline` for the roles).
    static let placement: [String: [String]] = [
        "headline": ["roles"],
        "daily-activity": ["active-users", "average-queries"],
        "most-queries": ["top-queriers"],
        "chart-updates": ["chart-editors"],
        "inactive-users": ["inactivity"],
        "dashboard-views": ["dashboard-views"],
        "chart-views": ["chart-views"],
        "favourite-dashboards": ["home-dashboards"],
    ]

    /// Charts whose rows are the first rows of their section's list table (or, for the daily
    /// charts and the inactivity buckets, whose every number the table or the caption states):
    /// their data table would repeat the list.
    static let shownByTheList: Set<String> = [
        "active-users", "average-queries", "top-queriers", "chart-editors", "inactivity", "dashboard-views", "chart-views",
    ]

    /// Appends the figures of the charts placed in section `id` to `parent`. A chart with
    /// nothing to draw (no marks, or only zeros) is left out when `sectionHasRows` is false:
    /// the section's own empty message says the same in words. (The standalone SVG still has it.)
    /// `tableRows`: how many rows the section's list table shows.
    /// Returns how many figures it appended.
    @discardableResult
    static func append(section id: String, charts: Pair, sectionHasRows: Bool, tableRows: Int, to parent: Element) -> Int {
        let shown = (placement[id] ?? []).compactMap { charts.wide[$0] }.filter { sectionHasRows || hasValues($0) }
        guard !shown.isEmpty else { return 0 }
        // Side by side on wide screens, one under the other on phones.
        let grid = parent.append("div", ["class": "chart-grid"])
        for chart in shown {
            let listed = shownByTheList.contains(chart.name) && tableRows >= chart.table.rows.count
            figure(chart, narrow: charts.narrow[chart.name], into: grid, dataTable: !listed)
        }
        return shown.count
    }

    /// Whether the chart shows at least one non-zero value.
    static func hasValues(_ chart: RenderedChart) -> Bool {
        chart.scene.dataMarks.contains { ($0.datum?.value ?? 0) != 0 }
    }

    /// `<figure>` with the SVG (and its phone layout) and a caption, then, with `dataTable`,
    /// `<details>` with the chart's data as a table, in a `div.chart-block`.
    static func figure(_ chart: RenderedChart, narrow: RenderedChart?, into container: Element, dataTable: Bool) {
        let parent = container.append("div", ["class": "chart-block"])
        let figure = parent.append("figure", ["class": "chart", "id": "figure-" + chart.name])
        if let svg = chart.document.root {
            let copy = figure.appendCopy(of: svg)
            if narrow != nil { copy.set("class", (copy.attribute("class") ?? "ar-chart") + " ar-wide") }
        }
        if let svg = narrow?.document.root {
            let copy = figure.appendCopy(of: svg)
            copy.set("class", (copy.attribute("class") ?? "ar-chart") + " ar-narrow")
        }
        figure.append("figcaption", text: chart.summary)
        guard dataTable, !chart.table.rows.isEmpty else { return }
        let details = parent.append("details", ["class": "chart-data"])
        details.append("summary", text: "Data of the chart “\(chart.title)” as a table")
        let wrap = details.append("div", ["class": "table-wrap"])
        let table = wrap.append("table")
        table.append("caption", text: chart.title)
        let head = table.append("thead").append("tr")
        for (i, column) in chart.table.columns.enumerated() {
            let th = head.append("th", ["scope": "col"], text: column)
            if chart.table.numeric[safe: i] == true { th.set("class", "num") }
        }
        let body = table.append("tbody")
        for row in chart.table.rows {
            let tr = body.append("tr")
            for (i, cell) in row.enumerated() {
                let td = tr.append("td")
                if chart.table.numeric[safe: i] == true {
                    td.set("class", "num")
                    td.text(cell)
                } else {
                    // Names may be right-to-left: isolate them like the list tables do.
                    td.append("bdi", text: cell)
                }
            }
        }
    }

    /// A sparkline for the headline card of glossary entry `id`, or nil when no daily series
    /// measures what the card shows. (The queries card has none: the daily average counts chart-days per active user,
    /// not queries, and would end on a different number than the card's.)
    static func sparkline(for id: String, insights: Insights, series: DailySeriesValues) -> Document? {
        guard series.activeUsers.contains(where: { $0 != nil }) else { return nil }
        switch id {
        case Glossary.activePercent.id:
            return Sparkline.document(
                values: series.percent, label: "Percent of users active, per day", format: { ChartFormat.percent($0, maxDecimals: 1) })
        case Glossary.weekOverWeek.id:
            return Sparkline.document(
                values: series.activeUsers, label: "Users active in the trailing 7 days, per day", format: { ChartFormat.integer(Int($0)) })
        default:
            return nil
        }
    }

    /// The daily series as plain values, oldest first.
    struct DailySeriesValues {
        var activeUsers: [Double?]
        var percent: [Double?]
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
