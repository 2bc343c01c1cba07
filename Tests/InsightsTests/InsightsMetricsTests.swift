import ActivityModel
import Foundation
import TestSupport
import Testing

@testable import Insights

/// Each metric of `docs/insights.md` on hand-computed fixtures.
@Suite struct InsightsMetricsTests {
    static func analyze(_ fixture: String, thresholds: Thresholds = Thresholds()) throws -> Insights {
        Analyzer.analyze(try PayloadDecoder.decode(try TestPaths.fixture(fixture)), thresholds: thresholds)
    }

    static func day(_ iso: String) -> Day {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        return Day(year: parts[0], month: parts[1], day: parts[2])
    }

    @Test func anEmptyProjectHasZerosAndNullsAndNoFinding() throws {
        let s = try Self.analyze("insights-empty.json")
        #expect(s.users == Insights.Users(total: 0, admins: 0, editors: 0, interactiveViewers: 0, viewers: 0, other: 0))
        #expect(
            s.activity
                == Insights.Activity(
                    activePercent: 0, activeUsers: 0, queries7d: 0, queriesPerActiveUser: nil, medianQueriesPerActiveUser: nil))
        #expect(s.trend == Insights.Trend())
        #expect(s.concentration == Insights.Concentration(topDecileShare: nil, topDecileUsers: 0, gini: nil))
        #expect(s.inactive == Insights.Inactive(count: 0, percentOfUsers: nil))
        #expect(s.creators == Insights.Creators(count: 0, chartUpdates7d: 0))
        #expect(s.content == Insights.Content())
        #expect(s.findings.isEmpty)
        #expect(s.comparison == nil)
    }

    @Test func aProjectWithoutActivityHasZerosNullAveragesAndFlatTrend() throws {
        let s = try Self.analyze("insights-zero-activity.json")
        #expect(s.users.total == 4)
        #expect(s.users.other == 0)
        #expect(s.activity.activeUsers == 0)
        #expect(s.activity.queries7d == 0)
        #expect(s.activity.queriesPerActiveUser == nil)
        #expect(s.activity.medianQueriesPerActiveUser == nil)
        #expect(s.trend.asOf == Self.day("2026-02-11"))
        #expect(s.trend.latest == Insights.Point(day: Self.day("2026-02-11"), activeUsers: 0, activePercent: 0, averageQueries: nil))
        #expect(s.trend.weekAgo == Insights.Point(day: Self.day("2026-02-04"), activeUsers: 0, activePercent: 0, averageQueries: nil))
        #expect(s.trend.changeActiveUsers == 0)
        #expect(s.trend.changeActivePercentPoints == 0)
        // Every day ties at 0: the earliest wins.
        #expect(s.trend.peak == Insights.Peak(day: Self.day("2026-02-04"), activeUsers: 0))
        #expect(s.trend.slopePerWeek == 0)
        #expect(s.trend.days == 8)
        #expect(s.trend.meanActiveUsers == 0)
        #expect(s.concentration.topDecileShare == nil)
        #expect(s.concentration.gini == nil)
        // 90 and 179 -> 90-179; 180 -> 180-364; 365 -> 365+.
        #expect(s.inactive == Insights.Inactive(count: 4, percentOfUsers: 100, days90to179: 2, days180to364: 1, days365plus: 1))
        #expect(s.findings.map(\.id) == ["active-share", "inactive-seats"])
        #expect(s.findings.allSatisfy { $0.severity == .act })
    }

    @Test func aSingleUserHasGiniZeroAndTheWholeShare() throws {
        let s = try Self.analyze("insights-single.json")
        #expect(
            s.activity
                == Insights.Activity(
                    activePercent: 100, activeUsers: 1, queries7d: 12, queriesPerActiveUser: 12, medianQueriesPerActiveUser: 12))
        #expect(s.concentration == Insights.Concentration(topDecileShare: 1, topDecileUsers: 1, gini: 0))
        #expect(s.trend.latest == Insights.Point(day: Self.day("2026-02-11"), activeUsers: 1, activePercent: 100, averageQueries: 4.5))
        #expect(s.trend.weekAgo == nil)
        #expect(s.trend.changeActiveUsers == nil)
        #expect(s.trend.changeActivePercentPoints == nil)
        #expect(s.trend.peak == Insights.Peak(day: Self.day("2026-02-10"), activeUsers: 1))
        #expect(s.trend.slopePerWeek == 0)
        #expect(s.inactive.count == 0)
        #expect(s.inactive.percentOfUsers == 0)
        #expect(s.creators == Insights.Creators(count: 1, chartUpdates7d: 2))
        #expect(s.content.topDashboard == Insights.TopItem(uuid: "d1", name: "Home", views: 5, shareOfListed: 1))
        // A list whose counts sum to 0 has no share.
        #expect(s.content.topChart == Insights.TopItem(uuid: "c1", name: "Chart", views: 0, shareOfListed: nil))
        #expect(s.content.homeDashboards == [Insights.HomeDashboard(uuid: "d1", name: "Home", users: 1)])
    }

    @Test func tiesAreBrokenAsDocumented() throws {
        let s = try Self.analyze("insights-ties.json")
        #expect(s.users.other == 2)
        // Counts 10,10,10,5,5,5,5,1,1,1 and a missing count (0).
        #expect(s.activity.activeUsers == 11)
        #expect(s.activity.queries7d == 53)
        #expect(s.activity.medianQueriesPerActiveUser == 5)
        #expect(abs((s.activity.queriesPerActiveUser ?? 0) - 53.0 / 11) < 1e-12)
        // ceil(11 / 10) = 2 users: 20 of 53.
        #expect(s.concentration.topDecileUsers == 2)
        #expect(abs((s.concentration.topDecileShare ?? 0) - 20.0 / 53) < 1e-12)
        // 2 * 439 / (11 * 53) - 12 / 11 = 242 / 583.
        #expect(abs((s.concentration.gini ?? 0) - 242.0 / 583) < 1e-12)
        // Dates sent as ...T23:00:00.000Z of the day before are normalised.
        #expect(s.trend.asOf == Self.day("2026-02-11"))
        #expect(s.trend.latest == Insights.Point(day: Self.day("2026-02-11"), activeUsers: 9, activePercent: 45, averageQueries: 2.5))
        #expect(s.trend.weekAgo == Insights.Point(day: Self.day("2026-02-04"), activeUsers: 10, activePercent: 50, averageQueries: nil))
        #expect(s.trend.changeActiveUsers == -1)
        #expect(s.trend.changeActivePercentPoints == -5)
        // 12 on 5 Feb and 7 Feb: the earliest.
        #expect(s.trend.peak == Insights.Peak(day: Self.day("2026-02-05"), activeUsers: 12))
        // x = 0, 1, 3, 7; y = 10, 12, 12, 9: slope -7.25 / 28.75 per day.
        #expect(abs((s.trend.slopePerWeek ?? 0) - (-7.25 / 28.75 * 7)) < 1e-12)
        #expect(s.trend.meanActiveUsers == 10.75)
        #expect(s.inactive == Insights.Inactive(count: 4, percentOfUsers: 20, days90to179: 1, days180to364: 2, days365plus: 1))
        #expect(s.creators == Insights.Creators(count: 2, chartUpdates7d: 10))
        // d1 and d2 both have 7 views: the first listed wins.
        #expect(s.content.topDashboard == Insights.TopItem(uuid: "d1", name: "A", views: 7, shareOfListed: 0.35))
        #expect(s.content.topChart == nil)
        #expect(
            s.content.homeDashboards == [
                Insights.HomeDashboard(uuid: "d1", name: "A", users: 2),
                Insights.HomeDashboard(uuid: "d2", name: "B", users: 2),
                Insights.HomeDashboard(uuid: nil, name: "Old", users: 2),
                Insights.HomeDashboard(uuid: "d3", name: "C", users: 1),
                Insights.HomeDashboard(uuid: nil, name: "Older", users: 1),
            ])
    }

    @Test func medianOfEvenAndOddCounts() {
        #expect(Analyzer.median([]) == nil)
        #expect(Analyzer.median([7]) == 7)
        #expect(Analyzer.median([1, 4]) == 2.5)
        #expect(Analyzer.median([9, 1, 4]) == 4)
        #expect(Analyzer.median([Int.max, Int.max]) == Double(Int.max))
    }

    @Test func giniAndTopDecileOnSmallLists() {
        #expect(Analyzer.gini([]) == nil)
        #expect(Analyzer.gini([0, 0]) == nil)
        #expect(Analyzer.gini([5]) == 0)
        #expect(Analyzer.gini([3, 3, 3, 3]) == 0)
        // One user holds everything among 4: (n - 1) / n.
        #expect(Analyzer.gini([0, 0, 0, 8]) == 0.75)
        #expect(Analyzer.topDecileSize(0) == 0)
        #expect(Analyzer.topDecileSize(1) == 1)
        #expect(Analyzer.topDecileSize(10) == 1)
        #expect(Analyzer.topDecileSize(11) == 2)
        #expect(Analyzer.topDecileShare([]) == nil)
        #expect(Analyzer.topDecileShare([0]) == nil)
        #expect(Analyzer.topDecileShare([1, 1, 1, 1, 1, 1, 1, 1, 1, 9]) == 0.5)
        #expect(Analyzer.topDecileShare([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10]) == 0.55)
    }

    @Test func slopeNeedsTwoRowsAndCountsCalendarDays() {
        func row(_ d: Int, _ users: Int) -> ActiveUsersDay {
            ActiveUsersDay(day: Day(daysSinceEpoch: d), activeUsers: users, activePercent: 0)
        }
        #expect(Analyzer.slopePerWeek([]) == nil)
        #expect(Analyzer.slopePerWeek([row(0, 5)]) == nil)
        #expect(Analyzer.slopePerWeek([row(0, 0), row(7, 7)]) == 7)
        // A gap of days counts: 1 user a day.
        #expect(Analyzer.slopePerWeek([row(0, 0), row(1, 1), row(10, 10)]) == 7)
    }

    @Test func countsThatOverflowSaturateWithADataNote() {
        let huge = UserCount(userUuid: "a", firstName: "A", lastName: "B", count: Int.max)
        let a = UserActivity(
            numberUsers: 2, numberAdmins: 2, numberEditors: 0, numberInteractiveViewers: 0, numberViewers: 0,
            weeklyActivePercent: 100, mostQueries: [huge, huge], mostCreatedCharts: [huge, huge])
        let s = Analyzer.analyze(LoadedActivity(activity: a, diagnostics: []))
        #expect(s.activity.queries7d == Int.max)
        #expect(s.creators.chartUpdates7d == Int.max)
        #expect(s.dataNotes.map(\.code) == ["count-overflow"])
        #expect(s.concentration.gini == 0)
    }

    @Test func inactiveRowsUnder90DaysGoToTheFirstBucketWithADataNote() {
        let a = UserActivity(
            numberUsers: 2, numberAdmins: 2, numberEditors: 0, numberInteractiveViewers: 0, numberViewers: 0,
            weeklyActivePercent: 0, noQueries: [UserCount(userUuid: "a", firstName: "A", lastName: "B", count: 12)])
        let s = Analyzer.analyze(LoadedActivity(activity: a, diagnostics: []))
        #expect(s.inactive.days90to179 == 1)
        #expect(s.dataNotes.map(\.code) == ["inactive-under-90"])
    }

    @Test func loaderDiagnosticsComeFirstInTheDataNotes() throws {
        let s = try Self.analyze("insights-ties.json")
        // 18 of 20 users are in the four buckets: the loader's note.
        #expect(s.dataNotes.first?.code == "roles-short")
    }
}
