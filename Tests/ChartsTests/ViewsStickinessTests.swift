import ActivityModel
import Insights
import ReportRendering
import TestSupport
import Testing

@testable import Charts

/// Stickiness has one rule: the chart's daily points, the sentence beside it and the finding's
/// numbers all say "mean DAU over the 30 days ending that day / that day's MAU".
@Suite("Charts: one stickiness")
struct ViewsStickinessTests {
    @Test func theLastDailyStickinessIsTheHeadlineStickinessAndDiffersFromDAUOverMAU() throws {
        let (insights, specs) = try ViewsChartsTests.specs()
        let v = try #require(insights.views)
        let last = try #require(v.daily.last)
        // The fixture's last day has 2 viewers of 3 monthly ones, but a quieter month: the two
        // rules give different numbers, so this test tells them apart.
        let dayRatio = Double(last.dau) / Double(last.mau)
        let headline = try #require(v.stickiness)
        #expect(headline != dayRatio)
        #expect(last.stickiness == headline)
        let chart = try #require(specs.first { $0.name == "views-actives" })
        let drawn = chart.scene.dataMarks.compactMap { $0.datum?.value }
        #expect(drawn.last == headline, "the stickiness panel ends on the headline's number")
        #expect(chart.scene.summary.contains("stickiness \(Format.decimal(headline, places: 2))"))
    }

    @Test func eachDayIsTheMeanOfItsTrailingThirtyDaysOfDAUOverItsMAU() throws {
        let (insights, _) = try ViewsChartsTests.specs()
        let v = try #require(insights.views)
        for (x, day) in v.daily.enumerated() where day.mau > 0 {
            let window = v.daily[max(0, x - 29)...x]
            let mean = Double(window.map(\.dau).reduce(0, +)) / Double(window.count)
            #expect(day.stickiness == mean / Double(day.mau), "\(day.day)")
        }
    }
}
