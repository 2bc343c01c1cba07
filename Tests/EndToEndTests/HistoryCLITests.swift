import Foundation
import TestSupport
import Testing

@testable import ActivityModel
@testable import Insights

/// `report --history` and `report history import` through the built binary.
@Suite("History: the command line")
struct HistoryCLITests {
    /// Runs the binary as a user without write permission on what it does not own: as root,
    /// file modes do not stop writes, so the command runs as `nobody` through setpriv(1).
    static func runUnprivileged(_ arguments: [String]) throws -> ProcessResult {
        if getuid() != 0 { return try runReport(arguments) }
        return try runProcess(
            URL(fileURLWithPath: "/usr/bin/setpriv"),
            ["--reuid=65534", "--regid=65534", "--clear-groups", TestPaths.reportBinary.path] + arguments,
            environment: ["SOURCE_DATE_EPOCH": "1770800000"])
    }

    static func tree(_ dir: URL) -> [String] {
        (FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func aReadOnlyHistoryFolderIsExit73AndWritesNothing() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer {
            chmod(dir.appendingPathComponent("history").path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        let input = dir.appendingPathComponent("in.json")
        try Data(WeeklyPayloads.year(4)).write(to: input)
        let history = dir.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: history, withIntermediateDirectories: false)
        let old = history.appendingPathComponent(HistoryRecord.fileName(WeeklyPayloads.day(3)))
        let oldBytes = HistoryRecord.encode(
            Analyzer.analyze(try PayloadDecoder.decode(WeeklyPayloads.year(3))), day: WeeklyPayloads.day(3), project: nil, source: nil)
        try Data(oldBytes).write(to: old)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        // Everything is open to the unprivileged user except the history folder.
        chmod(dir.path, 0o777)
        chmod(out.path, 0o777)
        chmod(input.path, 0o644)
        chmod(history.path, 0o555)
        let result = try Self.runUnprivileged(["--input", input.path, "--output", out.path, "--history", history.path])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("error: --history: \(history.path): cannot write here: permission denied"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(Self.tree(out).isEmpty, "no report")
        #expect(Self.tree(history) == [old.lastPathComponent])
        #expect(try Array(Data(contentsOf: old)) == oldBytes)
    }

    @Test func historyImportTurnsSavedPayloadsIntoRecordsThatKeepTheirSource() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var inputs: [String] = []
        for week in [1, 2, 3] {
            let url = dir.appendingPathComponent("saved-\(week).json")
            try Data(WeeklyPayloads.year(week)).write(to: url)
            inputs.append(url.path)
        }
        let broken = dir.appendingPathComponent("broken.json")
        try Data("{\"status\": \"ok\"".utf8).write(to: broken)
        let history = dir.appendingPathComponent("history/p1")
        let result = try runReport(["history", "import", history.path] + inputs + [broken.path, "--project-uuid", "p1"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("error: \(broken.path): neither a payload nor an insights.json: "), "\(result.stderr)")
        let written = result.stdout.split(separator: "\n").map(String.init)
        #expect(written == [1, 2, 3].map { history.appendingPathComponent(HistoryRecord.fileName(WeeklyPayloads.day($0))).path })
        for (week, path) in zip([1, 2, 3], written) {
            let record = try HistoryRecord.decode(Array(Data(contentsOf: URL(fileURLWithPath: path))), name: path)
            #expect(record.source == inputs[week - 1] && record.project == "p1" && record.day == WeeklyPayloads.day(week))
            #expect(record.insights.activity.activeUsers == WeeklyPayloads.active(week))
        }
        // A run of week 4 reads them back.
        let input = dir.appendingPathComponent("week4.json")
        try Data(WeeklyPayloads.year(4)).write(to: input)
        let out = dir.appendingPathComponent("out")
        let run = try runReport(
            ["--input", input.path, "--output", out.path, "--history", history.path, "--quiet"],
            environment: ["SOURCE_DATE_EPOCH": "1770800000"])
        #expect(run.status == 0, "\(run.stderr)")
        let insights = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("insights.json"))) as? [String: Any])
        let overTime = try #require(insights["overTime"] as? [String: Any])
        #expect(overTime["records"] as? Int == 3)
    }

    @Test func historyRawNeedsHistory() throws {
        let result = try runReport(["--input", "x.json", "--history-raw"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--history-raw keeps the payload in the --history folder"))
    }
}
