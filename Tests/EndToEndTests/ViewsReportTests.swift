import Foundation
import TestSupport
import Testing

/// `report --input payload.json --views views.csv`: the numbers of the `views` group against the
/// independent computation (scripts/insights-crosscheck.py --views), over CSVs made by
/// ../shared/tools/gen-views-csv.py with its oddities.
@Suite("Views from the raw CSV", .serialized)
struct ViewsReportTests {
    static let generator = TestPaths.shared.appendingPathComponent("tools/gen-views-csv.py")
    static let payload = TestPaths.fixtures.appendingPathComponent("small.json")

    /// Generates a CSV with `flags`, runs the report on it and cross-checks insights.json.
    static func crossCheck(_ flags: [String], timeZone: String = "UTC", sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [String: Any]
    {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("views.csv")
        let gen = try runProcess(InsightsTools.python3, ["python3", generator.path, "--out", csv.path] + flags)
        try #require(gen.status == 0, "gen-views-csv.py failed: \(gen.stderr)", sourceLocation: sourceLocation)
        let out = dir.appendingPathComponent("out")
        let run = try runReport(["--input", payload.path, "--views", csv.path, "--timezone", timeZone, "-o", out.path, "-q"])
        try #require(run.status == 0, "report failed: \(run.stderr)", sourceLocation: sourceLocation)
        let insights = out.appendingPathComponent("insights.json")
        try InsightsTools.validate([insights], sourceLocation: sourceLocation)
        let check = try runProcess(
            InsightsTools.python3,
            [
                "python3", InsightsTools.crossCheck.path, payload.path, "--views", csv.path, "--timezone", timeZone, "--compare",
                insights.path,
            ])
        #expect(
            check.status == 0, "the views numbers differ from the independent computation:\n\(check.stdout)\(check.stderr)",
            sourceLocation: sourceLocation)
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: insights)) as? [String: Any] ?? [:]
        return doc["views"] as? [String: Any] ?? [:]
    }

    @Test func aPlainExportAgreesWithTheIndependentComputation() throws {
        let v = try Self.crossCheck(["--events", "4000", "--seed", "11"])
        #expect((v["views"] as? Int ?? 0) > 1000)
        #expect((v["anonymousViews"] as? Int ?? 0) > 0)
    }

    @Test func aBOMAndABareCRInAChartNameAgree() throws {
        let v = try Self.crossCheck(["--events", "3000", "--seed", "12", "--bom", "--bare-cr"])
        let window = v["window"] as? [String: Any] ?? [:]
        #expect(window["badRows"] as? Int == 0)
    }

    @Test func legacyExportsWithExtraColumnsAgree() throws {
        _ = try Self.crossCheck(["--events", "3000", "--seed", "13", "--legacy", "--extra-columns", "--days", "200"])
    }

    @Test func fewUsersManyAnonymousViewsAndSingleViewerItemsAgree() throws {
        let v = try Self.crossCheck([
            "--events", "400", "--users", "3", "--dashboards", "6", "--charts", "30", "--anonymous-share", "0.4", "--seed", "14",
            "--days", "70",
        ])
        let single = v["singleViewer"] as? [String: Any] ?? [:]
        #expect((single["dashboards"] as? Int ?? 0) + (single["charts"] as? Int ?? 0) > 0)
    }

    @Test func theHeatmapInAnotherZoneAgrees() throws {
        let v = try Self.crossCheck(["--events", "3000", "--seed", "15", "--days", "200"], timeZone: "America/New_York")
        #expect((v["heatmap"] as? [String: Any])?["timeZone"] as? String == "America/New_York")
    }

    @Test func theServersCapOf100000RowsCutsTheWindowAndEveryNumberSaysSo() throws {
        let v = try Self.crossCheck(["--events", "150000", "--seed", "16"])
        let window = v["window"] as? [String: Any] ?? [:]
        #expect(window["rows"] as? Int == 100_000)
        #expect(window["capped"] as? Bool == true)
        #expect((window["covers"] as? String)?.contains("the export holds at most 100,000 views") == true)
    }

    static let header = "type,timestamp,uuid,name,user_uuid,user_first_name,user_last_name,space_name\n"

    /// Runs the report on `csv`; the exit status, stderr and the `views` group.
    static func run(_ csv: String, _ extra: [String] = []) throws -> (status: Int32, stderr: String, views: [String: Any], out: URL) {
        let dir = try TestPaths.temporaryDirectory()
        let file = dir.appendingPathComponent("views.csv")
        try Data(csv.utf8).write(to: file)
        let out = dir.appendingPathComponent("out")
        let run = try runReport(["--input", payload.path, "--views", file.path, "-o", out.path] + extra)
        let data = (try? Data(contentsOf: out.appendingPathComponent("insights.json"))) ?? Data("{}".utf8)
        let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return (run.status, run.stderr, doc["views"] as? [String: Any] ?? [:], out)
    }

    /// Sunday rows of the heatmap.
    static func sunday(_ views: [String: Any]) -> [Int] {
        ((views["heatmap"] as? [String: Any])?["views"] as? [[Int]])?[6] ?? []
    }

    @Test func theHeatmapFollowsDaylightSavingChangesOfTheZone() throws {
        // Berlin: CET (+1) until 2026-03-29 01:00 UTC, CEST (+2) until 2026-10-25 01:00 UTC; both days are Sundays.
        let rows = [
            "chart,2026-03-29T00:30:00Z,c1,n,u1,A,,S",  // 01:30 CET
            "chart,2026-03-29T01:30:00Z,c1,n,u1,A,,S",  // 03:30 CEST: 02:xx does not exist that day
            "chart,2026-10-25T00:30:00Z,c1,n,u1,A,,S",  // 02:30 CEST
            "chart,2026-10-25T01:30:00Z,c1,n,u1,A,,S",  // 02:30 CET: the hour that happens twice
        ]
        let csv = Self.header + rows.joined(separator: "\n") + "\n"
        let berlin = try Self.run(csv, ["--timezone", "Europe/Berlin"])
        #expect(berlin.status == 0, "\(berlin.stderr)")
        #expect(Array(Self.sunday(berlin.views).prefix(5)) == [0, 1, 2, 1, 0])
        let utc = try Self.run(csv)
        #expect(Array(Self.sunday(utc.views).prefix(3)) == [2, 2, 0])
    }

    @Test func anUnknownZoneIsAUsageError() throws {
        let r = try Self.run(Self.header, ["--timezone", "Mars/Olympus_Mons"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("Mars/Olympus_Mons"))
    }

    @Test func aFileThatIsNotTheExportIsExit65NamingTheLine() throws {
        let r = try Self.run("{\"status\":\"ok\"}\n")
        #expect(r.status == 65)
        #expect(r.stderr.contains("line 1"))
        #expect(!FileManager.default.fileExists(atPath: r.out.appendingPathComponent("report.html").path))
    }

    @Test func badRowsLeaveTheRunGoingWithADataNote() throws {
        let csv = Self.header + "chart,2026-02-11T09:14:02Z,c1,n,u1,A,,S\nchart,not a time,c1,n,u1,A,,S\n"
        let r = try Self.run(csv)
        #expect(r.status == 0)
        #expect(r.stderr.contains("1 row that could not be read (line 3)"))
        #expect((r.views["window"] as? [String: Any])?["badRows"] as? Int == 1)
    }

    @Test func viewsAutoNeedsAServer() throws {
        let r = try runReport(["--input", Self.payload.path, "--views", "auto", "-o", TestPaths.temporaryDirectory().path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--views auto"))
    }

    @Test func withoutViewsInsightsJSONHasNoViewsGroup() throws {
        let out = try TestPaths.temporaryDirectory()
        let r = try runReport(["--input", Self.payload.path, "-o", out.path, "-q"])
        #expect(r.status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("insights.json"))) as? [String: Any]
        #expect(doc?["users"] != nil)
        #expect(doc?["views"] == nil)
    }

    @Test func thePageSummaryCSVsAndEmailCarryTheViewsAndTwoRunsGiveTheSameBytes() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("views.csv")
        let gen = try runProcess(
            InsightsTools.python3, ["python3", Self.generator.path, "--out", csv.path, "--events", "2000", "--seed", "21"])
        try #require(gen.status == 0)
        var outputs: [[String: Data]] = []
        for n in 1...2 {
            let out = dir.appendingPathComponent("out\(n)")
            let r = try runReport(
                [
                    "--input", Self.payload.path, "--views", csv.path, "-o", out.path, "-q", "--email", "--mail-from", "a@example.com",
                    "--mail-to", "b@example.com",
                ],
                environment: ["SOURCE_DATE_EPOCH": "1770800000"])
            try #require(r.status == 0, "\(r.stderr)")
            var files: [String: Data] = [:]
            for f in TestPaths.files(under: out) { files[f] = try Data(contentsOf: out.appendingPathComponent(f)) }
            outputs.append(files)
        }
        let files = outputs[0]
        #expect(outputs[0] == outputs[1], "two runs of the same inputs differ")
        for name in [
            "data/reach.csv", "data/daily-actives.csv", "data/users-last-seen.csv", "charts/views-actives.svg", "charts/views-heatmap.svg",
        ] {
            #expect(files[name] != nil, "\(name) is missing")
        }
        let page = String(decoding: files["report.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("<section id=\"views\""))
        #expect(page.contains("Reach: views and distinct viewers per item"))
        #expect(page.contains("Identified users by their last view"))
        let summary = String(decoding: files["summary.md"] ?? Data(), as: UTF8.self)
        #expect(summary.contains("**Views**"))
        let email = String(decoding: files["email.html"] ?? Data(), as: UTF8.self)
        #expect(email.contains(">Views</h2>"))
        #expect(files["charts/views-actives.png"] != nil && files["charts/views-heatmap.png"] == nil)
        // Every item of the export has its row in data/reach.csv, the numbers as in insights.json.
        let doc = try JSONSerialization.jsonObject(with: files["insights.json"] ?? Data()) as? [String: Any] ?? [:]
        let top = ((doc["views"] as? [String: Any])?["topReach"] as? [[String: Any]])?.first ?? [:]
        let reach = String(decoding: files["data/reach.csv"] ?? Data(), as: UTF8.self)
        #expect(reach.contains("1,\(top["type"] as? String ?? "?"),\(top["uuid"] as? String ?? "?"),"))
    }
}
