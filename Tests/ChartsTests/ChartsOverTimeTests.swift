import ActivityModel
import Insights
import ReportRendering
import TestSupport
import Testing

@testable import Charts

@Suite("Charts: the Over time chart")
struct ChartsOverTimeTests {
    /// The report's charts for week `last` of the simulated year, with the records of the weeks before it.
    static func specs(through last: Int) throws -> [ChartBuilder.Spec] {
        var files: [(name: String, bytes: [UInt8])] = []
        for week in 0..<last where !WeeklyPayloads.missedWeeks.contains(week) {
            let day = WeeklyPayloads.day(week)
            let insights = Analyzer.analyze(try PayloadDecoder.decode(WeeklyPayloads.year(week)))
            files.append((HistoryRecord.fileName(day), HistoryRecord.encode(insights, day: day, project: nil, source: nil)))
        }
        let loaded = try PayloadDecoder.decode(WeeklyPayloads.year(last))
        let insights = Analyzer.analyze(loaded, history: History.read(files, project: nil))
        return ChartBuilder.specs(loaded.activity, insights: insights)
    }

    @Test func missedWeeksAreDrawnAsGapsInEveryPanel() throws {
        let spec = try #require(try Self.specs(through: 30).first { $0.name == "over-time" })
        ChartsSceneTests.checkInvariants(spec, "history")
        let scene = spec.scene
        // Four panels, each line broken once: weeks 0-19, then 23-30.
        let lines = scene.nodes.compactMap { node -> [[Point]]? in
            if case .polyline(let pieces) = node.shape { return pieces }
            return nil
        }
        #expect(lines.count == 4)
        for pieces in lines { #expect(pieces.map(\.count) == [20, 8]) }
        // The gap is shaded over its three weeks, with a tooltip naming them, in each panel.
        // (The legend's swatch has the same style, outside the plots.)
        let gaps = scene.nodes.filter { $0.style == .gap && $0.layer == .grid }
        #expect(gaps.count == 4)
        let label = "No value: \(WeeklyPayloads.day(20).long) to \(WeeklyPayloads.day(22).long)"
        #expect(gaps.allSatisfy { $0.tooltip == label })
        // Points are a week apart, so the shaded band is three steps wide.
        let before = lines[0][0]
        let first = before[0]
        let step = before[1].x - first.x
        #expect(step > 0)
        for (i, p) in before.enumerated() { #expect(abs(p.x - (first.x + Double(i) * step)) < 0.01) }
        #expect(abs(lines[0][1][0].x - (first.x + 23 * step)) < 0.01)
        if case .rect(let box) = gaps[0].shape {
            #expect(abs(box.width - 3 * step) < 0.01)
            #expect(abs(box.x - (first.x + 19.5 * step)) < 0.01)
        } else {
            Issue.record("the gap is not a rectangle")
        }
        // A point per week with a value, none for the missed ones: 28 per panel.
        #expect(scene.dataMarks.count == 4 * 28)
        #expect(scene.summary.contains("3 weeks without a value are gaps in the lines"))
    }

    @Test func withoutHistoryThereIsNoOverTimeChart() throws {
        let loaded = try PayloadDecoder.decode(WeeklyPayloads.year(3))
        let names = ChartBuilder.specs(loaded.activity, insights: Analyzer.analyze(loaded)).map(\.name)
        #expect(!names.contains("over-time"))
        #expect(try Self.specs(through: 3).map(\.name).last == "over-time")
    }

    @Test func theIndexSparklineBreaksAtAMissedWeek() throws {
        let values: [Double?] = [3, 4, nil, nil, 6, 7]
        let scene = Sparkline.scene(values: values, label: "Active users", unit: "week")
        let pieces = scene.nodes.compactMap { node -> [[Point]]? in
            if case .polyline(let p) = node.shape { return p }
            return nil
        }
        #expect(pieces.first?.map(\.count) == [2, 2])
        #expect(scene.summary == "From 3 to 7 over 6 weeks, between 3 and 7.")
    }
}
