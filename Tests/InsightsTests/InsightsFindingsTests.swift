import ActivityModel
import Foundation
import TestSupport
import Testing

@testable import Insights

/// Findings: the rules, their thresholds, their order, and silence on missing data.
@Suite struct InsightsFindingsTests {
    static func loaded(_ fixture: String) throws -> LoadedActivity {
        try PayloadDecoder.decode(try TestPaths.fixture(fixture))
    }

    /// A project whose numbers are set by hand.
    static func project(
        users: Int = 100, percent: Double = 50, queries: [Int] = Array(repeating: 5, count: 50), idle: [Int] = [],
        series: [(Int, Int)] = [], created: [Int] = [1], roles: (Int, Int, Int, Int)? = nil
    ) -> LoadedActivity {
        let r = roles ?? (users, 0, 0, 0)
        let start = Day(year: 2026, month: 1, day: 1)
        let a = UserActivity(
            numberUsers: users, numberAdmins: r.0, numberEditors: r.1, numberInteractiveViewers: r.2, numberViewers: r.3,
            weeklyActivePercent: percent,
            mostQueries: queries.enumerated().map { UserCount(userUuid: "q\($0)", firstName: "Q", lastName: "\($0)", count: $1) },
            mostCreatedCharts: created.enumerated().map { UserCount(userUuid: "c\($0)", firstName: "C", lastName: "\($0)", count: $1) },
            noQueries: idle.enumerated().map { UserCount(userUuid: "i\($0)", firstName: "I", lastName: "\($0)", count: $1) },
            activeUsersSeries: series.map { ActiveUsersDay(day: start.adding(days: $0.0), activeUsers: $0.1, activePercent: Double($0.1)) })
        return LoadedActivity(activity: a, diagnostics: [])
    }

    static func finding(_ id: String, _ loaded: LoadedActivity, previous: Previous? = nil, _ t: Thresholds = Thresholds()) -> Finding? {
        Analyzer.analyze(loaded, previous: previous, thresholds: t).findings.first { $0.id == id }
    }

    @Test func theTiesFixtureSaysWhatAnAdminNeeds() throws {
        let s = Analyzer.analyze(try Self.loaded("insights-ties.json"))
        #expect(
            s.findings.map(\.id) == [
                "weekly-change", "inactive-seats", "other-roles", "active-share", "concentration", "creators", "top-dashboard",
            ])
        #expect(s.findings.map(\.severity) == [.watch, .watch, .watch, .info, .info, .info, .info])
        #expect(s.findings[3].detail.text.hasSuffix("but active users are falling: see the findings above."))
        #expect(s.findings[0].title.text == "Active users fell 10% week over week (10 \u{2192} 9)")
        #expect(s.findings[2].title.text == "2 users hold roles outside the four standard ones")
        #expect(s.findings[1].title.text == "4 users (20%) have had no chart view for 90 days or more: review their seats")
        #expect(
            s.findings[1].detail.text.hasPrefix(
                "1 of them has been inactive for 90\u{2013}179 days, 2 for 180\u{2013}364 days and 1 for a year or more."))
        #expect(s.findings[3].title.text == "55% of users viewed a chart in the last 7 days (11 of 20 users)")
        #expect(s.findings[4].title.text == "Chart views are spread: the top 10% of active users made 38% of them")
        #expect(
            s.findings[4].detail.text == "2 of 11 active users made 38% of the 53 chart views of the last 7 days (Gini coefficient 0.42).")
        #expect(s.findings[5].title.text == "10 chart saves by 2 users in the last 7 days")
        #expect(
            s.findings[6].title.text == "\u{201C}A\u{201D} is the most viewed dashboard: 7 views, 35% of the views of the listed dashboards"
        )
    }

    @Test func findingsAreOrderedActWatchGoodInfoAndCapped() throws {
        var t = Thresholds()
        let loaded = Self.project(
            users: 100, percent: 10, queries: [1000] + Array(repeating: 1, count: 9), idle: Array(repeating: 400, count: 30),
            series: (0..<15).map { ($0, 30 - $0) }, created: [], roles: (50, 10, 10, 10))
        let all = Analyzer.analyze(loaded, thresholds: t).findings
        #expect(all.map(\.severity) == all.map(\.severity).sorted(by: >))
        #expect(
            all.map(\.id) == [
                "weekly-change", "active-share", "inactive-seats", "below-peak", "long-trend", "other-roles", "concentration", "creators",
            ])
        t.maxFindings = 3
        #expect(Analyzer.analyze(loaded, thresholds: t).findings.map(\.id) == ["weekly-change", "active-share", "inactive-seats"])
    }

    @Test func noFindingComesFromMissingData() throws {
        // No users, no series, no lists: nothing to say.
        let empty = Analyzer.analyze(try Self.loaded("insights-empty.json"))
        #expect(empty.findings.isEmpty)
        // No daily series: no week-over-week or trend finding; no previous run: no "since last report".
        let s = Analyzer.analyze(Self.project(series: []))
        #expect(
            !s.findings.contains {
                ["weekly-change", "long-trend", "since-last-active", "since-last-inactive", "since-last-users"].contains($0.id)
            })
        // No row exactly 7 days before the newest one: no week-over-week finding.
        #expect(Self.finding("weekly-change", Self.project(series: [(0, 5), (6, 9)])) == nil)
    }

    @Test(arguments: [
        (10, 9, Finding.Severity.watch, "Active users fell 10% week over week (10 \u{2192} 9)"),
        (100, 75, .act, "Active users fell 25% week over week (100 \u{2192} 75)"),
        (100, 76, .watch, "Active users fell 24% week over week (100 \u{2192} 76)"),
        (100, 91, .info, "Active users dipped 9% week over week (100 \u{2192} 91)"),
        (100, 97, .info, "Active users held steady week over week (100 \u{2192} 97, -3%)"),
        (100, 103, .info, "Active users held steady week over week (100 \u{2192} 103, +3%)"),
        (100, 105, .info, "Active users rose 5% week over week (100 \u{2192} 105)"),
        (200, 181, .watch, "Active users fell 10% week over week (200 \u{2192} 181)"),
        (100, 110, .good, "Active users rose 10% week over week (100 \u{2192} 110)"),
        (0, 4, .good, "Active users rose from 0 to 4 week over week"),
    ])
    func weekOverWeekChange(before: Int, now: Int, severity: Finding.Severity, title: String) throws {
        let f = try #require(Self.finding("weekly-change", Self.project(series: [(0, before), (7, now)])))
        #expect(f.severity == severity)
        #expect(f.title.text == title)
    }

    // Judged as printed: 39.4% prints as 39%, 39.5% as 40%.
    @Test(arguments: [(19.0, Finding.Severity.act), (20, .watch), (39.4, .watch), (39.5, .good), (40, .good)])
    func activeShareThresholds(percent: Double, severity: Finding.Severity) throws {
        #expect(Self.finding("active-share", Self.project(percent: percent))?.severity == severity)
    }

    @Test func theActThresholdWinsEvenWhenSetBeyondTheWatchThreshold() throws {
        var t = Thresholds()
        t.activePercentAct = 50
        t.weeklyDropActPercent = 5
        t.inactivePercentAct = 5
        #expect(Self.finding("active-share", Self.project(percent: 45), t)?.severity == .act)
        #expect(Self.finding("weekly-change", Self.project(series: [(0, 100), (7, 93)]), t)?.severity == .act)
        #expect(Self.finding("inactive-seats", Self.project(idle: Array(repeating: 100, count: 6)), t)?.severity == .act)
    }

    @Test(arguments: [(9, Finding.Severity.good), (10, .watch), (24, .watch), (25, .act)])
    func inactiveThresholds(idle: Int, severity: Finding.Severity) throws {
        let f = try #require(Self.finding("inactive-seats", Self.project(idle: Array(repeating: 100, count: idle))))
        #expect(f.severity == severity)
    }

    @Test func noInactiveUserIsGoodNews() throws {
        let f = try #require(Self.finding("inactive-seats", Self.project(idle: [])))
        #expect(f.severity == .good)
        #expect(f.title.text == "No user has gone 90 days or more without a chart view")
    }

    @Test func concentrationNeedsEnoughActiveUsers() throws {
        let skewed = [91] + Array(repeating: 1, count: 9)
        let f = try #require(Self.finding("concentration", Self.project(queries: skewed)))
        #expect(f.severity == .watch)
        #expect(f.title.text == "The top 10% of active users made 91% of all chart views")
        #expect(Self.finding("concentration", Self.project(queries: Array(skewed.prefix(9)))) == nil)
        var t = Thresholds()
        t.concentrationMinActiveUsers = 5
        #expect(Self.finding("concentration", Self.project(queries: Array(skewed.prefix(9))), t) != nil)
    }

    @Test func aLongTrendIsReportedBothWays() throws {
        let falling = try #require(Self.finding("long-trend", Self.project(series: (0..<14).map { ($0, 40 - $0) })))
        #expect(falling.severity == .watch)
        #expect(falling.title.text == "Active users have been falling by about 7 a week over the last 14 days")
        let rising = try #require(Self.finding("long-trend", Self.project(series: (0..<14).map { ($0, 40 + $0) })))
        #expect(rising.severity == .good)
        // Too short a series, or a flat one: nothing.
        #expect(Self.finding("long-trend", Self.project(series: (0..<13).map { ($0, 40 - $0) })) == nil)
        #expect(Self.finding("long-trend", Self.project(series: (0..<20).map { ($0, 40) })) == nil)
    }

    @Test func nobodySavingChartsIsWorthWatching() throws {
        let f = try #require(Self.finding("creators", Self.project(created: [])))
        #expect(f.severity == .watch)
        #expect(f.title.text == "Nobody saved a chart in the last 7 days")
        #expect(Self.finding("creators", Self.project(queries: [], created: [])) == nil)
    }

    @Test func thresholdsAreSetByNameFromFlagsOrAConfigFile() throws {
        var t = Thresholds()
        try t.set(assignment: "inactivePercentWatch=15")
        #expect(t.inactivePercentWatch == 15)
        try t.apply(config: Array(#"{"thresholds": {"maxFindings": 5, "topDecileShareWatch": 0.6}}"#.utf8))
        #expect(t.maxFindings == 5)
        #expect(t.topDecileShareWatch == 0.6)
        #expect(t.value("maxFindings") == 5)
        // The clean-up thresholds are written in insights.json's cleanup group, the others in thresholds.
        #expect(t.all.count + t.cleanupValues.count == Thresholds.fields.count)
        #expect(Set(t.all.map(\.name)).count == t.all.count)
        #expect(throws: ThresholdError.self) { try t.set(assignment: "nope=1") }
        #expect(throws: ThresholdError.self) { try t.set(assignment: "maxFindings=2.5") }
        #expect(throws: ThresholdError.self) { try t.set(assignment: "topDecileShareWatch=2") }
        #expect(throws: ThresholdError.self) { try t.set(assignment: "activePercentAct") }
        #expect(throws: ThresholdError.self) { try t.set(assignment: "activePercentAct=ten") }
        #expect(throws: ThresholdError.self) { try t.apply(config: Array(#"{"treshold": {}}"#.utf8)) }
        #expect(throws: ThresholdError.self) { try t.apply(config: Array(#"{"thresholds": {"maxFindings": "5"}}"#.utf8)) }
        #expect(throws: ThresholdError.self) { try t.apply(config: Array(#"{"thresholds": {"maxFindings": 5,}}"#.utf8)) }
    }

    @Test func overriddenThresholdsChangeTheFindingAndAreWrittenDown() throws {
        var t = Thresholds()
        t.inactivePercentWatch = 30
        t.inactivePercentAct = 50
        let s = Analyzer.analyze(try Self.loaded("insights-ties.json"), thresholds: t)
        #expect(s.findings.first { $0.id == "inactive-seats" }?.severity == .good)
        #expect(s.thresholds == t)
        let text = String(decoding: InsightsJSON.encode(s), as: UTF8.self)
        #expect(text.contains("\"inactivePercentWatch\": 30"))
    }
}
