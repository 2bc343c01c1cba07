import ActivityModel
import Foundation
import TestSupport
import Testing

@testable import Insights

@Suite("Insights: history records and the weeks over time")
struct InsightsHistoryTests {
    static func analyze(_ bytes: [UInt8], history: History? = nil) throws -> Insights {
        Analyzer.analyze(try PayloadDecoder.decode(bytes), history: history)
    }

    /// The record file of week `week` of the simulated year, as a run writes it.
    static func record(_ week: Int, project: String? = nil) throws -> (name: String, bytes: [UInt8]) {
        let insights = try analyze(WeeklyPayloads.year(week))
        let day = WeeklyPayloads.day(week)
        return (HistoryRecord.fileName(day), HistoryRecord.encode(insights, day: day, project: project, source: "week-\(week).json"))
    }

    static func yearOfRecords(through last: Int) throws -> [(name: String, bytes: [UInt8])] {
        try (0...last).filter { !WeeklyPayloads.missedWeeks.contains($0) }.map { try record($0) }
    }

    @Test func aYearOfRecordsGivesFiftyTwoWeeksWithMissedWeeksAsGapsNotZeros() throws {
        let history = History.read(try Self.yearOfRecords(through: 50), project: nil)
        #expect(history.notes.isEmpty)
        let now = try Self.analyze(WeeklyPayloads.year(51), history: history)
        let o = try #require(now.overTime)
        #expect(o.weeks.count == 52)
        #expect(o.records == 48)
        for (index, week) in o.weeks.enumerated() {
            #expect(week.ending == WeeklyPayloads.day(index))
            if WeeklyPayloads.missedWeeks.contains(index) {
                #expect(week.isGap && week.activeUsers == nil && week.users == nil && week.inactive == nil, "week \(index)")
            } else {
                #expect(week.activeUsers == WeeklyPayloads.active(index), "week \(index)")
                #expect(week.users?.total == WeeklyPayloads.users(index), "week \(index)")
                #expect(week.inactive == WeeklyPayloads.inactive(index), "week \(index)")
                #expect(week.source == (index == 51 ? .run : .record))
            }
        }
        let c13 = try #require(o.change(13)?.delta(.activeUsers))
        #expect(c13.previous == Double(WeeklyPayloads.active(38)) && c13.current == 47)
        let expected: Double = (47 - 78) * 100 / 78
        #expect(c13.changePercent == expected)
        #expect(o.change(1)?.delta(.activeUsers)?.change == -3)
        // 47 is below every week back to week 8 (week 7 had 47 too): the lowest in 44 weeks.
        #expect(o.lowestInWeeks == 44)
        #expect(o.highestInWeeks == nil)
    }

    @Test func aChangeAgainstAMissedWeekIsUnknownNotAFallToZero() throws {
        let history = History.read(try Self.yearOfRecords(through: 34), project: nil)
        let now = try Self.analyze(WeeklyPayloads.year(35), history: history)
        let o = try #require(now.overTime)
        // 13 weeks before week 35 is week 22, which was missed.
        let c13 = try #require(o.change(13))
        #expect(c13.since == WeeklyPayloads.day(22))
        #expect(c13.delta(.activeUsers)?.previous == nil && c13.delta(.activeUsers)?.change == nil)
        #expect(c13.delta(.usersTotal)?.change == nil)
        // The finding falls back to 4 weeks, and names the direction.
        let finding = try #require(now.findings.first { $0.id == "over-time-change" })
        #expect(finding.title.text.contains("since 4 weeks ago"))
        #expect(finding.title.text.hasPrefix("Active users moved +6%"))
    }

    @Test func findingsNameTheDirectionOfTheThirteenWeekChange() throws {
        let rising = try Self.analyze(WeeklyPayloads.year(39), history: History.read(try Self.yearOfRecords(through: 38), project: nil))
        let up = try #require(rising.findings.first { $0.id == "over-time-change" })
        #expect(up.severity == .good)
        #expect(up.title.text == "Active users are up 20% since 13 weeks ago (66 → 79)")
        let highest = try #require(rising.findings.first { $0.id == "over-time-extreme" })
        #expect(highest.severity == .good && highest.title.text == "Active users are the highest in 40 weeks (79)")

        let falling = try Self.analyze(WeeklyPayloads.year(51), history: History.read(try Self.yearOfRecords(through: 50), project: nil))
        let down = try #require(falling.findings.first { $0.id == "over-time-change" })
        #expect(down.severity == .watch)
        #expect(down.title.text == "Active users are down 40% since 13 weeks ago (78 → 47)")
        let lowest = try #require(falling.findings.first { $0.id == "over-time-extreme" })
        #expect(lowest.severity == .watch && lowest.title.text == "Active users are the lowest in 44 weeks (47)")
    }

    @Test func eachUnusableRecordIsSkippedWithADataNoteNamingIt() throws {
        var files = try Self.yearOfRecords(through: 10)
        let good = try Self.record(5)
        files.append(("copy of week 5.insights.json", good.bytes))
        files.append(("corrupt.insights.json", Array("{\"schemaVersion\": 1, \"users\": ".utf8)))
        files.append(("payload.insights.json", WeeklyPayloads.year(3)))
        var v2 = String(decoding: try Self.record(6).bytes, as: UTF8.self)
        v2 = v2.replacingOccurrences(of: "\"schemaVersion\": 1", with: "\"schemaVersion\": 2")
        files.append(("v2.insights.json", Array(v2.utf8)))
        files.append(("other.insights.json", try Self.record(7, project: "other-project").bytes))
        files.append(("future.insights.json", try Self.record(30).bytes))
        let history = History.read(files, project: "this-project")
        let now = try Self.analyze(WeeklyPayloads.year(11), history: history)
        let notes = now.dataNotes.filter { $0.code.hasPrefix("history-") }.map(\.message)
        for name in ["copy of week 5", "corrupt", "payload", "v2", "other", "future"] {
            #expect(notes.contains { $0.contains("History record \(name).insights.json") }, "\(name): \(notes)")
        }
        #expect(notes.count == 6)
        #expect(notes.contains { $0.contains("schema version 1, the file has 2") })
        #expect(notes.contains { $0.contains("another project (other-project)") })
        let o = try #require(now.overTime)
        #expect(o.records == 11)
        #expect(o.weeks.count == 12)
        #expect(o.weeks.allSatisfy { !$0.isGap })
    }

    @Test func aRecordOfThisRunsDayIsReplacedByThisRun() throws {
        let own = try Self.record(10)
        let history = History.read([try Self.record(9), own], project: nil)
        let now = try Self.analyze(WeeklyPayloads.payload(day: WeeklyPayloads.day(10), active: 3, users: 50, inactive: 1), history: history)
        let o = try #require(now.overTime)
        #expect(o.weeks.map(\.activeUsers) == [WeeklyPayloads.active(9), 3])
        #expect(o.records == 1)
        #expect(!now.dataNotes.contains { $0.code.hasPrefix("history") })
    }

    @Test func theDailySeriesFillsTheWeeksWithoutARecord() throws {
        let now = try Self.analyze(
            WeeklyPayloads.payload(day: WeeklyPayloads.day(10), active: 12, users: 40, inactive: 2, dailyDays: 43), history: History())
        let o = try #require(now.overTime)
        #expect(o.weeks.count == 7)
        #expect(o.weeks.map(\.source) == [.daily, .daily, .daily, .daily, .daily, .daily, .run])
        #expect(o.weeks.dropLast().allSatisfy { $0.activeUsers == 12 && $0.users == nil })
        #expect(o.records == 0)
    }

    @Test func aRecordKeepsTheTopTenHomeDashboardsSoItStaysAFewKilobytes() throws {
        var insights = try Self.analyze(WeeklyPayloads.year(3))
        insights.content.homeDashboards = (0..<200).map {
            Insights.HomeDashboard(uuid: "dashboard-uuid-\($0)", name: "A dashboard with a long name \($0)", users: 300 - $0)
        }
        let bytes = HistoryRecord.encode(insights, day: WeeklyPayloads.day(3), project: nil, source: nil)
        let back = try HistoryRecord.decode(bytes, name: "x")
        #expect(back.insights.content.homeDashboards == Array(insights.content.homeDashboards.prefix(10)))
        #expect(bytes.count < 8_000, "\(bytes.count) bytes")
        #expect(InsightsJSON.encode(insights).count > 20_000, "the report's own insights.json keeps every row")
    }

    @Test func insightsJSONHasOverTimeOnlyWithHistoryAndRecordsLeaveItOut() throws {
        let without = try Self.analyze(WeeklyPayloads.year(3))
        #expect(!String(decoding: InsightsJSON.encode(without), as: UTF8.self).contains("overTime"))
        let with = try Self.analyze(WeeklyPayloads.year(3), history: History.read([try Self.record(2)], project: nil))
        let json = String(decoding: InsightsJSON.encode(with), as: UTF8.self)
        #expect(json.contains("\"overTime\": {"))
        let day = WeeklyPayloads.day(3)
        let recordBytes = HistoryRecord.encode(with, day: day, project: "p1", source: "in.json")
        #expect(!String(decoding: recordBytes, as: UTF8.self).contains("overTime"))
        let back = try HistoryRecord.decode(recordBytes, name: "x")
        #expect(back.day == day && back.project == "p1" && back.source == "in.json")
        var expected = with
        expected.overTime = nil
        #expect(back.insights == (try InsightsJSON.decode(InsightsJSON.encode(expected))))
    }
}
