import Foundation
import TestSupport
import Testing

@testable import ReportPipeline
@testable import ReportRendering

/// Counts the reads of every path, so a test can prove a run reads each shared file once.
final class CountingFiles: FileReading, @unchecked Sendable {
    // `counts` is only touched with `lock` held.
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private let files = LocalFiles()

    func read(_ path: String, limit: Int) throws(InputError) -> [UInt8] {
        lock.withLock { counts[path, default: 0] += 1 }
        return try files.read(path, limit: limit)
    }
    func exists(_ path: String) -> Bool { files.exists(path) }
    func isFolder(_ path: String) -> Bool { files.isFolder(path) }
    func reads(_ path: String) -> Int { lock.withLock { counts[path] ?? 0 } }
}

@Suite("The batch runner")
struct ReportRunTests {
    @Test func oneReportPerFileAndAnIndexEvenWhenOneFails() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = TestPaths.fixtures.appendingPathComponent("small.json").path
        let b = TestPaths.shared.appendingPathComponent("samples/sample-small.json").path
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("again"), withIntermediateDirectories: true)
        let c = dir.appendingPathComponent("again/sample-small.json")
        try Data(contentsOf: URL(fileURLWithPath: b)).write(to: c)
        let bad = dir.appendingPathComponent("broken.json")
        try Data("{\"status\":\"ok\",".utf8).write(to: bad)
        let out = dir.appendingPathComponent("out")
        let (status, console) = await runReports([a, b, c.path, bad.path], output: out.path) { $0.quiet = true }
        #expect(status == .dataInvalid)
        let folders = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(folders == ["index.html", "manifest.json", "sample-small", "sample-small-2", "small", "summary.md"])
        for folder in ["small", "sample-small", "sample-small-2"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(folder + "/report.html").path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(folder + "/charts/roles.svg").path))
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("broken").path), "nothing written for the bad file")
        let md = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(md.contains("[report](sample-small-2/report.html)"))
        #expect(md.contains("**failed:**"))
        let stderr = console.stderr.joined(separator: "\n")
        #expect(
            stderr.contains("error: \(bad.path): The input is not a valid Lightdash user-activity payload:\n  status: invalid JSON"),
            "\(stderr)")
        #expect(
            console.stderr.suffix(2) == [
                "error: 1 of 4 inputs failed; the others' reports and the index were written:",
                "  \(bad.path): not a valid user-activity payload: status: invalid JSON at line 1, column 16: unexpected end of input: expected an object key",
            ])
        // stdout lists every file written, each report's before the index and the batch's manifest.
        #expect(console.stdout.suffix(3) == ["index.html", "summary.md", "manifest.json"].map { out.path + "/" + $0 })
        #expect(console.stdout.filter { $0.hasSuffix("/report.html") }.count == 3)
    }

    @Test func theSameFileInABatchGivesTheSameBytesAsAlone() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = TestPaths.repo.appendingPathComponent("examples/activity.json").path
        let other = TestPaths.shared.appendingPathComponent("samples/sample-zero-activity.json").path
        #expect(await runReports([file], output: dir.appendingPathComponent("alone").path) { $0.quiet = true }.0 == .ok)
        #expect(
            await runReports([file, other], output: dir.appendingPathComponent("batch").path, concurrency: 2) { $0.quiet = true }.0 == .ok)
        for name in ["insights.json", "charts/active-users.svg", "data/most-queries.csv"] {
            let x = try Data(contentsOf: dir.appendingPathComponent("alone/" + name))
            let y = try Data(contentsOf: dir.appendingPathComponent("batch/activity/" + name))
            #expect(x == y, "\(name)")
        }
        // In a batch the page and summary name the project in their title, and the page links
        // back to the index; nothing else differs.
        let back = "<nav class=\"back\" aria-label=\"Index\"><a href=\"../index.html\">← All projects</a></nav>"
        for name in ["report.html", "summary.md"] {
            let x = try String(contentsOf: dir.appendingPathComponent("alone/" + name), encoding: .utf8)
            let y = try String(contentsOf: dir.appendingPathComponent("batch/activity/" + name), encoding: .utf8)
            // Markdown escapes the colon.
            let named = name == "summary.md" ? "Lightdash user activity\\: activity" : "Lightdash user activity: activity"
            #expect(y.contains(named) && (name == "summary.md" || y.contains(back)), "\(name)")
            let unnamed = y.replacingOccurrences(of: back, with: "")
                .replacingOccurrences(of: "Lightdash user activity: activity", with: "Lightdash user activity")
                .replacingOccurrences(of: "Lightdash user activity\\: activity", with: "Lightdash user activity")
            #expect(unnamed == x, "\(name)")
        }
    }

    @Test func aBatchReadsThePreviousRunTheConfigAndTheTemplatesOnce() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = TestPaths.shared.appendingPathComponent("samples/sample-empty.json").path
        let previous = TestPaths.shared.appendingPathComponent("samples/sample-small.json").path
        let config = dir.appendingPathComponent("thresholds.json")
        try Data(#"{"thresholds": {"maxFindings": 3}}"#.utf8).write(to: config)
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("p { color: #123456 }".utf8).write(to: templates.appendingPathComponent("report.css"))
        var settings = RunSettings(outputDirectory: dir.appendingPathComponent("out").path, generatedAt: 1_770_800_000, quiet: true)
        settings.previous = previous
        settings.configFile = config.path
        settings.templatesDirectory = templates.path
        let files = CountingFiles()
        let inputs = Array(repeating: input, count: 1000)
        let result = await ReportRun.files(inputs, settings: settings, concurrency: 2, events: MessageLog(), files: files)
        #expect(result.status == .ok)
        #expect(files.reads(input) == 1000)
        #expect(files.reads(previous) == 1)
        #expect(files.reads(config.path) == 1)
        #expect(files.reads(templates.appendingPathComponent("report.css").path) == 1)
        // Every report used them: the thresholds, the comparison and the stylesheet.
        let last = dir.appendingPathComponent("out/sample-empty-1000")
        let insights = try String(contentsOf: last.appendingPathComponent("insights.json"), encoding: .utf8)
        #expect(insights.contains("\"maxFindings\": 3"))
        #expect(insights.contains("\"comparison\": {"))
        #expect(try String(contentsOf: last.appendingPathComponent("report.html"), encoding: .utf8).contains("#123456"))
    }

    @Test func theExitStatusIsTheFirstFailuresElseOneForAFailedCheck() {
        let row = ProjectIndexRow(name: "", uuid: "")
        let missing = ReportError.input(.unreadable(FileError(path: "a", reason: "gone")))
        let invalid = ReportError.payload(.invalid([], more: 0))
        #expect(
            ReportRun.status([JobOutcome(row: row), JobOutcome(error: missing, row: row), JobOutcome(error: invalid, row: row)]) == .noInput
        )
        #expect(ReportRun.status([JobOutcome(error: invalid, row: row), JobOutcome(error: missing, row: row)]) == .dataInvalid)
        #expect(ReportRun.status([JobOutcome(row: row), JobOutcome(checksFailed: true, row: row)]) == .checkFailed)
        #expect(ReportRun.status([JobOutcome(row: row)]) == .ok)
    }

    @Test func standardInputOnlyAlone() throws {
        let r = try runProcess(TestPaths.reportBinary, ["--input", "-", "examples/activity.json"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("standard input (-) can only be read alone"))
    }
}
