import ActivityModel
import Insights
import ReportRendering
import TestSupport
import Testing

@testable import Charts

/// The email's compact "Over time": 12 weeks of active users as a sparkline with the value and
/// its changes beside it, built scales -> scene from `insights.overTime`.
@Suite("Charts: the email's 12-week sparkline")
struct ChartsSparklineEmailTests {
    /// The insights of week `last` of the simulated year, with the records of the weeks before it.
    static func insights(through last: Int) throws -> (UserActivity, Insights) {
        var files: [(name: String, bytes: [UInt8])] = []
        for week in 0..<last where !WeeklyPayloads.missedWeeks.contains(week) {
            let day = WeeklyPayloads.day(week)
            let insights = Analyzer.analyze(try PayloadDecoder.decode(WeeklyPayloads.year(week)))
            files.append((HistoryRecord.fileName(day), HistoryRecord.encode(insights, day: day, project: nil, source: nil)))
        }
        let loaded = try PayloadDecoder.decode(WeeklyPayloads.year(last))
        return (loaded.activity, Analyzer.analyze(loaded, history: History.read(files, project: nil)))
    }

    static func pieces(_ scene: Scene) -> [[Point]] {
        scene.nodes.compactMap { node -> [[Point]]? in
            if case .polyline(let p) = node.shape { return p }
            return nil
        }.flatMap { $0 }
    }

    @Test func twelveWeeksWithTheMissedOnesShadedAndTheLineBrokenThere() throws {
        // Week 30: the last 12 weeks are 19-30; 20, 21 and 22 were missed.
        let (_, insights) = try Self.insights(through: 30)
        let o = try #require(insights.overTime)
        let spec = ChartBuilder.overTimeSparkline(o)
        ChartsSceneTests.checkInvariants(spec, "sparkline")
        let scene = spec.scene
        #expect(Self.pieces(scene).map(\.count) == [1, 8])
        // One value before the gap still shows: every value is a point.
        #expect(scene.dataMarks.map { $0.datum?.value } == ([19] + Array(23...30)).map { Double(WeeklyPayloads.active($0)) })
        #expect(scene.dataMarks.last?.style == .pointHighlight)
        let gaps = scene.nodes.filter { $0.style == .gap }
        #expect(gaps.count == 1)
        #expect(
            gaps.first?.tooltip
                == "No value: Week ending \(WeeklyPayloads.day(20).long) to Week ending \(WeeklyPayloads.day(22).long)")
        // Points evenly spaced a week apart: the gap is three steps wide.
        let points = scene.dataMarks.compactMap { node -> Point? in
            if case .circle(let p, _) = node.shape { return p }
            return nil
        }
        let step = points[2].x - points[1].x
        #expect(step > 0 && abs((points[1].x - points[0].x) - 4 * step) < 0.01)
        if case .rect(let box) = gaps.first?.shape { #expect(abs(box.width - 3 * step) < 0.01) }
        // Higher values are higher up (the scale runs from the lowest to the highest value).
        #expect(points[0].y > points.last?.y ?? .infinity)
    }

    @Test func theValueAndThe13And4WeekChangesInWordsBesideIt() throws {
        let (_, insights) = try Self.insights(through: 51)
        let o = try #require(insights.overTime)
        let scene = ChartBuilder.overTimeSparkline(o).scene
        let texts = scene.texts.map(\.text)
        let now = WeeklyPayloads.active(51)
        let then13 = WeeklyPayloads.active(38)
        let then4 = WeeklyPayloads.active(47)
        #expect(texts.contains("\(now) active users"))
        let down13 = Int((Double(then13 - now) * 100 / Double(then13)).rounded())
        let down4 = Int((Double(then4 - now) * 100 / Double(then4)).rounded())
        #expect(texts.contains("down \(down13)% since 13 weeks ago (\(then13) → \(now))"), "\(texts)")
        #expect(texts.contains("down \(down4)% since 4 weeks ago (\(then4) → \(now))"), "\(texts)")
        // Beside the sparkline, never over it, and each text within its slot.
        for t in scene.texts where t.text != scene.texts.first?.text {
            #expect(t.box.x >= scene.plot.maxX, "\(t.text)")
        }
        for t in scene.texts { #expect(t.width <= (t.slot ?? .infinity) + 0.01, "\(t.text)") }
        // The summary (the email's alt text) states every weekly value and both changes.
        let values = (40...51).map { String(WeeklyPayloads.active($0)) }.joined(separator: ", ")
        #expect(scene.summary.contains("over the 12 weeks to \(WeeklyPayloads.day(51).long): \(values)."), "\(scene.summary)")
        #expect(scene.summary.contains("down \(down13)% since 13 weeks ago (\(then13) → \(now))"))
        #expect(scene.summary.contains("down \(down4)% since 4 weeks ago (\(then4) → \(now))"))
    }

    @Test func everyNumberIsReadFromInsightsNotRecomputed() throws {
        let (_, insights) = try Self.insights(through: 20)
        var o = try #require(insights.overTime)
        // Values no payload holds: the sparkline can only have them from the value it is given.
        o.weeks[o.weeks.count - 1].activeUsers = 4_321
        o.weeks[o.weeks.count - 2].activeUsers = nil
        let c13 = try #require(o.changes.firstIndex { $0.weeks == 13 })
        let a = try #require(o.changes[c13].deltas.firstIndex { $0.metric == .activeUsers })
        o.changes[c13].deltas[a] = Delta(metric: .activeUsers, previous: 1_000, current: 4_321)
        let scene = ChartBuilder.overTimeSparkline(o).scene
        #expect(scene.texts.map(\.text).contains("4,321 active users"))
        // A longer line wraps (never cut): its words read in order over two lines.
        #expect(scene.texts.map(\.text).joined(separator: " ").contains("up 332% since 13 weeks ago (1,000 → 4,321)"))
        #expect(scene.texts.allSatisfy { !$0.text.contains("…") })
        #expect(scene.dataMarks.last?.datum?.value == 4_321)
        #expect(scene.nodes.filter { $0.style == .gap }.count == 1)
        #expect(scene.summary.contains(", no record, 4,321."))
    }

    @Test func aWeekBeforeTheFirstRecordIsSaidToHaveNoRecord() throws {
        // Week 5: 6 weekly points, nothing 13 weeks back.
        let (_, insights) = try Self.insights(through: 5)
        let scene = ChartBuilder.overTimeSparkline(try #require(insights.overTime)).scene
        #expect(scene.dataMarks.count == 6)
        #expect(scene.texts.map(\.text).contains("no record 13 weeks ago"))
        #expect(scene.texts.first?.text == "Active users, weekly, last 6 weeks")
    }

    @Test func theEmailCarriesTheSparklineInsteadOfTheFullChart() throws {
        let (activity, insights) = try Self.insights(through: 14)
        let withHistory = ChartBuilder.emailCharts(activity, insights: insights, theme: .standard)
        #expect(withHistory.charts.charts.map(\.name) == ChartSet.names)
        #expect(withHistory.sparkline?.name == "over-time-sparkline")
        let loaded = try PayloadDecoder.decode(WeeklyPayloads.year(14))
        let without = ChartBuilder.emailCharts(loaded.activity, insights: Analyzer.analyze(loaded), theme: .standard)
        #expect(without.sparkline == nil)
        #expect(without.charts.charts.map(\.name) == ChartSet.names)
    }
}
