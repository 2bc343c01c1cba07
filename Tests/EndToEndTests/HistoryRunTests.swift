import Delivery
import Foundation
import TestSupport
import Testing

@testable import ActivityModel
@testable import Insights
@testable import ReportPipeline

/// `--history`: a weekly job that keeps a record of each run and reads them back.
@Suite("History: records of earlier runs and the Over time section")
struct HistoryRunTests {
    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Seconds of midnight UTC of `day`, plus 9 hours: the run's SOURCE_DATE_EPOCH.
    static func epoch(_ day: Day) -> Int64 { Int64(day.daysSinceEpoch) * 86_400 + 9 * 3_600 }

    /// One weekly run of the simulated year, in-process.
    static func run(
        week: Int, payload: [UInt8]? = nil, dir: URL, history: URL, email: Bool = false, dailyDays: Int = 1
    ) async throws -> (ReportPipeline.ExitStatus, RunRecord) {
        let input = dir.appendingPathComponent("payload-week-\(week).json")
        try Data(payload ?? WeeklyPayloads.year(week, dailyDays: dailyDays)).write(to: input)
        return await runReports([input.path], output: dir.appendingPathComponent("out").path) { s in
            s.history = history.path
            s.generatedAt = epoch(WeeklyPayloads.day(week))
            s.quiet = true
            if email { s.email = EmailOptions(from: "report@example.com", to: ["ops@example.com"]) }
        }
    }

    /// The weekly points and changes recomputed from the record files alone, as the docs define
    /// them, with Foundation's JSON parser: records in name order, the first of a day kept,
    /// unreadable ones skipped; week k holds the newest record 7k to 7k+6 days before `day`.
    static func recompute(records folder: URL, day: Day, now: [String: Any]) throws -> [[String: Any?]] {
        var byDay: [Int: [String: Any]] = [:]
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".insights.json") }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let record = object["record"] as? [String: Any], let iso = record["asOf"] as? String,
                let seconds = ISODate.parseSeconds(iso)
            else { continue }
            let d = Day(nearestMidnightTo: seconds).daysSinceEpoch
            if byDay[d] == nil { byDay[d] = object }
        }
        var weeks: [Int: (day: Int, object: [String: Any])] = [:]
        for (d, object) in byDay {
            let distance = day.daysSinceEpoch - d
            guard distance >= 7, distance / 7 < 52 else { continue }
            if let kept = weeks[distance / 7], kept.day > d { continue }
            weeks[distance / 7] = (d, object)
        }
        let oldest = weeks.keys.max() ?? 0
        return stride(from: oldest, through: 0, by: -1).map { k -> [String: Any?] in
            let object = k == 0 ? now : weeks[k]?.object
            let activity = object?["activity"] as? [String: Any]
            let users = object?["users"] as? [String: Any]
            let inactive = object?["inactive"] as? [String: Any]
            return [
                "weekEnding": day.adding(days: -7 * k).iso, "activeUsers": activity?["activeUsers"] as? Int,
                "users": users?["total"] as? Int, "inactive": inactive?["count"] as? Int,
            ]
        }
    }

    @Test func aWeeklyCronOverAYearEndsWithFiftyTwoWeeksThatEqualARecomputationFromTheRecords() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history")
        for week in 0..<51 where !WeeklyPayloads.missedWeeks.contains(week) {
            let (status, record) = try await Self.run(week: week, dir: dir, history: history)
            #expect(status == .ok, "week \(week): \(record.stderr)")
            #expect(record.stdout.last == history.appendingPathComponent(HistoryRecord.fileName(WeeklyPayloads.day(week))).path)
        }
        // A copy of a record under another name (the same day twice) and a corrupt file.
        let week30 = history.appendingPathComponent(HistoryRecord.fileName(WeeklyPayloads.day(30)))
        try FileManager.default.copyItem(at: week30, to: history.appendingPathComponent("week 30 again.insights.json"))
        try Data("{\"schemaVersion\": 1, \"users\": {".utf8).write(to: history.appendingPathComponent("broken.insights.json"))
        let (status, _) = try await Self.run(week: 51, dir: dir, history: history, email: true, dailyDays: 43)
        #expect(status == .ok)

        let out = dir.appendingPathComponent("out")
        let insights = try Self.json(out.appendingPathComponent("insights.json"))
        let overTime = try #require(insights["overTime"] as? [String: Any])
        let weeks = try #require(overTime["weeks"] as? [[String: Any]])
        let expected = try Self.recompute(records: history, day: WeeklyPayloads.day(51), now: insights)
        #expect(weeks.count == 52 && expected.count == 52)
        for (got, want) in zip(weeks, expected) {
            #expect(got["weekEnding"] as? String == want["weekEnding"] as? String)
            for key in ["activeUsers", "users", "inactive"] {
                #expect(got[key] as? Int == (want[key] ?? nil) as? Int, "\(key) of the week ending \(got["weekEnding"] ?? "?")")
            }
        }
        // The missed weeks are gaps (null), not zeros.
        for week in WeeklyPayloads.missedWeeks {
            #expect(weeks[week]["source"] is NSNull && weeks[week]["activeUsers"] is NSNull, "week \(week)")
        }
        // The changes over 1, 4 and 13 weeks, recomputed.
        let changes = try #require(overTime["changes"] as? [[String: Any]])
        #expect(changes.map { $0["weeks"] as? Int } == [1, 4, 13])
        for change in changes {
            let k = try #require(change["weeks"] as? Int)
            let active = try #require((change["changes"] as? [[String: Any]])?.first { $0["metric"] as? String == "activity.activeUsers" })
            let then = try #require(expected[51 - k]["activeUsers"] as? Int)
            let now = try #require(expected[51]["activeUsers"] as? Int)
            #expect(active["previous"] as? Int == then && active["current"] as? Int == now && active["change"] as? Int == now - then)
            let percent = try #require(active["changePercent"] as? Double)
            #expect(abs(percent - Double(now - then) * 100 / Double(then)) < 0.006)
        }
        // The bad files are named in the data notes; nothing else is.
        let notes = try #require(insights["dataNotes"] as? [[String: Any]]).compactMap { $0["message"] as? String }
        #expect(notes.contains { $0.hasPrefix("History record broken.insights.json was skipped") })
        #expect(notes.contains { $0.hasPrefix("History record week 30 again.insights.json was skipped") })
        // The findings name the direction: down over 13 weeks, the lowest in 44 weeks.
        let findings = try #require(insights["findings"] as? [[String: Any]]).compactMap { $0["title"] as? String }
        #expect(findings.contains("Active users are down 40% since 13 weeks ago (78 → 47)"))
        #expect(findings.contains("Active users are the lowest in 44 weeks (47)"))

        // The page, the summary and the email carry it.
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<section id=\"over-time\""))
        #expect(html.contains("-31 (-40%) (78 \u{2192} 47)"))
        let svg = try String(contentsOf: out.appendingPathComponent("charts/over-time.svg"), encoding: .utf8)
        #expect(svg.contains("No value: \(WeeklyPayloads.day(20).long) to \(WeeklyPayloads.day(22).long)"))
        let md = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(md.contains("**Over time:** 47 active users · last 12 weeks "))
        #expect(md.contains("since 13 weeks ago: -31 (-40%) (78 → 47)"))
        let email = try String(contentsOf: out.appendingPathComponent("email.html"), encoding: .utf8)
        // The email's compact version: the 12-week sparkline (HistoryEmailTests), not the full chart.
        #expect(email.contains("charts/over-time-sparkline.png") && email.contains(">Over time<") && !email.contains("over-time.png"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("charts/over-time-sparkline.png").path))
        // The report's insights.json and a record follow the schema.
        try InsightsTools.validate([out.appendingPathComponent("insights.json"), week30])
        // One record per run, the bad files left as they were.
        let left = try FileManager.default.contentsOfDirectory(atPath: history.path).filter { $0.hasSuffix(".insights.json") }
        #expect(left.count == 49 + 2)
    }

    @Test func twoRunsOnTheSameDayLeaveOneRecordTheLatest() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history")
        let day = WeeklyPayloads.day(5)
        _ = try await Self.run(
            week: 5, payload: WeeklyPayloads.payload(day: day, active: 7, users: 20, inactive: 1), dir: dir, history: history)
        let (status, _) = try await Self.run(
            week: 5, payload: WeeklyPayloads.payload(day: day, active: 9, users: 20, inactive: 1), dir: dir, history: history)
        #expect(status == .ok)
        let names = try FileManager.default.contentsOfDirectory(atPath: history.path)
        #expect(names == [HistoryRecord.fileName(day)])
        let record = try Self.json(history.appendingPathComponent(names[0]))
        #expect((record["activity"] as? [String: Any])?["activeUsers"] as? Int == 9)
        #expect((record["record"] as? [String: Any])?["source"] as? String == dir.appendingPathComponent("payload-week-5.json").path)
        #expect(record["overTime"] == nil)
    }

    @Test func historyRawKeepsThePayloadBesideTheRecord() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("h")
        let input = dir.appendingPathComponent("in.json")
        let bytes = WeeklyPayloads.year(2)
        try Data(bytes).write(to: input)
        let (status, _) = await runReports([input.path], output: dir.appendingPathComponent("out").path) {
            $0.history = history.path
            $0.historyRaw = true
        }
        #expect(status == .ok)
        let raw = history.appendingPathComponent(HistoryRecord.rawFileName(WeeklyPayloads.day(2)))
        #expect(try Array(Data(contentsOf: raw)) == bytes)
    }

    @Test func aBatchIndexShowsTwelveWeeksOfActiveUsersPerProject() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history")
        let out = dir.appendingPathComponent("out")
        for week in 0...14 {
            var inputs: [String] = []
            for (name, active) in [("sales", 10 + week), ("ops", 30 - week)] {
                let url = dir.appendingPathComponent("\(name).json")
                try Data(WeeklyPayloads.payload(day: WeeklyPayloads.day(week), active: active, users: 60, inactive: 2)).write(to: url)
                inputs.append(url.path)
            }
            let (status, record) = await runReports(inputs, output: out.path) {
                $0.history = history.path
                $0.quiet = true
            }
            #expect(status == .ok, "\(record.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: history.path).sorted() == ["ops", "sales"])
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.components(separatedBy: " ar-sparkline\"").count - 1 == 2)
        #expect(index.contains("From 27 to 16 over 12 weeks"), "ops: 30 - 3 ... 30 - 14")
        #expect(index.contains("From 13 to 24 over 12 weeks"), "sales: 10 + 3 ... 10 + 14")
        let md = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(md.contains("24 ▁▂▂▃▄▄▅▅▆▇▇█"), "\(md)")
    }

    @Test func eachProjectOrInputKeepsItsRecordsInItsOwnFolder() {
        let server = ReportJob(input: "u1", label: "A (u1)", name: "A", key: "u1", folder: "a-u1", title: "t", project: "u1")
        #expect(HistoryStore.folder("h", job: server) == "h/u1")
        let odd = ReportJob(input: "x", label: "x", name: "x", key: "x", folder: "", title: "t", project: "../../etc")
        #expect(HistoryStore.folder("h", job: odd) == "h/etc")
        let file = ReportJob(input: "a.json", label: "a.json", name: "a", key: "a.json", folder: "a", title: "t")
        #expect(HistoryStore.folder("h", job: file) == "h/a")
        let single = ReportJob(input: "a.json", label: "a.json", name: "a", key: "a.json", folder: "", title: "t")
        #expect(HistoryStore.folder("h", job: single) == "h")
    }
}
