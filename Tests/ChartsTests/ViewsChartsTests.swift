import ActivityModel
import Insights
import ReportRendering
import TestSupport
import Testing

@testable import Charts

/// The charts of the "Views" part, at the scene level: what they draw is `insights.views`.
@Suite("Charts: views")
struct ViewsChartsTests {
    static let csv =
        "type,timestamp,uuid,name,user_uuid,user_first_name,user_last_name,space_name\n"
        + [
            "dashboard,2026-02-11T09:14:02Z,d1,Revenue,u1,Ann,,Sales", "chart,2026-02-11T09:14:03Z,c1,Orders,u2,Bo,,Sales",
            "chart,2026-02-10T09:40:00Z,c1,Orders,u1,Ann,,Sales", "chart,2026-02-09T17:05:00Z,c2,مبيعات,,,,Ops",
            "dashboard,2026-02-02T09:00:00Z,d1,Revenue,u3,Cy,,Sales", "chart,2026-01-20T23:59:59Z,c1,Orders,u1,Ann,,Sales",
            "chart,2026-01-20T09:15:00Z,c1,Orders,u1,Ann,,Sales",
        ].joined(separator: "\n") + "\n"

    static func specs(theme: Theme = .standard) throws -> (Insights, [ChartBuilder.Spec]) {
        let loaded = try ChartTestSupport.load("charts-small.json")
        let log = try ViewsCSV.read(Array(csv.utf8))
        let insights = Analyzer.analyze(loaded, views: log)
        let specs = ChartBuilder.specs(loaded.activity, insights: insights, theme: theme).filter { $0.name.hasPrefix("views-") }
        return (insights, specs)
    }

    @Test func bothChartsAreMadeOnlyWithViewsAndKeepTheSceneInvariants() throws {
        for theme in [Theme.standard, Theme.standard.narrow] {
            let (_, specs) = try Self.specs(theme: theme)
            #expect(specs.map(\.name) == ["views-actives", "views-heatmap"])
            for spec in specs { ChartsSceneTests.checkInvariants(spec, "views \(theme.width)") }
        }
        let loaded = try ChartTestSupport.load("charts-small.json")
        let plain = ChartBuilder.specs(loaded.activity, insights: Analyzer.analyze(loaded))
        #expect(!plain.contains { $0.name.hasPrefix("views-") })
    }

    @Test func thePunchCardDrawsEachNonZeroHourWithAnAreaProportionalToItsViews() throws {
        let (insights, specs) = try Self.specs()
        let v = try #require(insights.views)
        let card = try #require(specs.first { $0.name == "views-heatmap" })
        let marks = card.scene.dataMarks
        let nonZero = v.heatmap.flatMap { $0 }.filter { $0 > 0 }
        #expect(marks.count == nonZero.count)
        #expect(marks.compactMap { $0.datum?.value }.reduce(0, +) == Double(v.views))
        var areaPerView: Double?
        for mark in marks {
            guard case .circle(_, let r) = mark.shape, let value = mark.datum?.value else {
                Issue.record("a punch card mark is not a dot")
                continue
            }
            let ratio = r * r / value
            if let a = areaPerView { #expect(abs(ratio - a) < 1e-9) } else { areaPerView = ratio }
        }
        // Tuesday 09:00 (two views) is the busiest hour, as the summary says.
        #expect(v.heatmap[1][9] == 2)
        #expect(card.scene.summary.contains("Tuesday 09:00-10:00 with 2 views"))
        #expect(card.table.rows.count == 7 && card.table.columns.count == 25)
        #expect(card.table.rows[1][10] == "2")
    }

    @Test func theActivesChartDrawsTheDailyActivesOfInsights() throws {
        let (insights, specs) = try Self.specs()
        let v = try #require(insights.views)
        let chart = try #require(specs.first { $0.name == "views-actives" })
        // One mark per day and panel, in panel order (MAU, WAU, DAU, stickiness).
        let values = chart.scene.dataMarks.compactMap { $0.datum?.value }
        let expected =
            v.daily.map { Double($0.mau) } + v.daily.map { Double($0.wau) } + v.daily.map { Double($0.dau) }
            + v.daily.compactMap(\.stickiness)
        #expect(values == expected)
        let latest = try #require(v.latest)
        #expect(chart.scene.summary.contains("\(latest.dau) daily, \(latest.wau) weekly and \(latest.mau) monthly"))
        #expect(chart.table.rows.count == v.daily.count)
    }
}
