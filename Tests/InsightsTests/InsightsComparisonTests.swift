import ActivityModel
import Foundation
import TestSupport
import Testing

@testable import Insights

/// Run over run: `previous` as a payload or as an earlier insights.json.
@Suite struct InsightsComparisonTests {
    static func loaded(_ fixture: String) throws -> LoadedActivity {
        try PayloadDecoder.decode(try TestPaths.fixture(fixture))
    }

    @Test func everyHeadlineNumberHasItsChangeAndDirection() throws {
        let s = Analyzer.analyze(try Self.loaded("insights-ties-next.json"), previous: .payload(try Self.loaded("insights-ties.json")))
        let c = try #require(s.comparison)
        #expect(c.previousAsOf == Day(year: 2026, month: 2, day: 11))
        #expect(c.deltas.map(\.metric) == HeadlineMetric.allCases)
        func check(_ m: HeadlineMetric, _ before: Double?, _ now: Double?, _ change: Double?, _ direction: Direction?) {
            let d = c.delta(m)
            #expect(d?.previous == before, "\(m)")
            #expect(d?.current == now, "\(m)")
            #expect(d?.change == change, "\(m)")
            #expect(d?.direction == direction, "\(m)")
        }
        check(.usersTotal, 20, 22, 2, .up)
        check(.activePercent, 55, 40, -15, .down)
        check(.activeUsers, 11, 9, -2, .down)
        check(.queries7d, 53, 52, -1, .down)
        // 53 / 11 = 4.818... and 52 / 9 = 5.777..., compared as written (2 decimals).
        check(.queriesPerActiveUser, 4.82, 5.78, 0.96, .up)
        check(.medianQueriesPerActiveUser, 5, 5, 0, .same)
        check(.inactiveCount, 4, 6, 2, .up)
        check(.inactivePercentOfUsers, 20, 27.27, 7.27, .up)
        check(.creatorsCount, 2, 2, 0, .same)
        #expect(c.delta(.inactiveCount)?.isImprovement == false)
        #expect(c.delta(.activeUsers)?.isImprovement == false)
        #expect(c.delta(.usersTotal)?.isImprovement == nil)
        #expect(c.delta(.creatorsCount)?.isImprovement == nil)
    }

    @Test func findingsSpeakOfTheChangeSinceTheLastReport() throws {
        var t = Thresholds()
        t.maxFindings = 20
        let s = Analyzer.analyze(
            try Self.loaded("insights-ties-next.json"), previous: .payload(try Self.loaded("insights-ties.json")), thresholds: t)
        let byId = Dictionary(uniqueKeysWithValues: s.findings.map { ($0.id, $0) })
        #expect(byId["since-last-inactive"]?.title.text == "2 more inactive users than last report (4 \u{2192} 6)")
        #expect(byId["since-last-inactive"]?.severity == .watch)
        #expect(byId["since-last-active"]?.title.text == "2 fewer active users than last report (11 \u{2192} 9)")
        #expect(byId["since-last-active"]?.severity == .watch)
        #expect(byId["since-last-users"]?.title.text == "2 more users with access than last report (20 \u{2192} 22)")
        // The other way round: good news.
        let back = Analyzer.analyze(
            try Self.loaded("insights-ties.json"), previous: .payload(try Self.loaded("insights-ties-next.json")), thresholds: t)
        let backIds = Dictionary(uniqueKeysWithValues: back.findings.map { ($0.id, $0) })
        #expect(backIds["since-last-inactive"]?.title.text == "2 fewer inactive users than last report (6 \u{2192} 4)")
        #expect(backIds["since-last-inactive"]?.severity == .info)
        #expect(backIds["since-last-active"]?.title.text == "2 more active users than last report (9 \u{2192} 11)")
        // An older report that is newer than this one earns a data note.
        #expect(back.dataNotes.contains { $0.code == "previous-not-older" })
    }

    @Test func anEarlierInsightsFileComparesLikeTheEarlierPayload() throws {
        let previousInsights = Analyzer.analyze(try Self.loaded("insights-ties.json"))
        let file = InsightsJSON.encode(previousInsights)
        let fromFile = try Previous.load(file)
        guard case .insights = fromFile else {
            Issue.record("an insights.json was not recognised")
            return
        }
        let fromPayload = try Previous.load(try TestPaths.fixture("insights-ties.json"))
        guard case .payload = fromPayload else {
            Issue.record("a payload was not recognised")
            return
        }
        let current = try Self.loaded("insights-ties-next.json")
        let a = Analyzer.analyze(current, previous: fromFile)
        let b = Analyzer.analyze(current, previous: fromPayload)
        #expect(a.comparison == b.comparison)
        #expect(a.findings == b.findings)
        #expect(InsightsJSON.encode(a) == InsightsJSON.encode(b))
    }

    @Test func theSameDataTwiceChangesNothing() throws {
        let s = Analyzer.analyze(try Self.loaded("small.json"), previous: .payload(try Self.loaded("small.json")))
        #expect(s.comparison?.deltas.allSatisfy { $0.direction == .same } == true)
        #expect(!s.findings.contains { $0.id.hasPrefix("since-last") })
        #expect(s.dataNotes.last?.code == "previous-not-older")
    }

    @Test func nullNumbersHaveNoChange() throws {
        let s = Analyzer.analyze(try Self.loaded("insights-single.json"), previous: .payload(try Self.loaded("insights-empty.json")))
        let d = try #require(s.comparison?.delta(.queriesPerActiveUser))
        #expect(d.previous == nil)
        #expect(d.current == 12)
        #expect(d.change == nil)
        #expect(d.direction == nil)
    }

    @Test func unreadablePreviousFilesSayWhy() throws {
        #expect(throws: PreviousError.self) { try Previous.load(Array("{\"schemaVersion\": 1}".utf8)) }
        #expect(throws: PreviousError.self) { try Previous.load(Array("not json".utf8)) }
        do {
            _ = try Previous.load(Array("{\"schemaVersion\": 2}".utf8))
        } catch {
            #expect(error.description.contains("schema version"))
        }
    }
}
