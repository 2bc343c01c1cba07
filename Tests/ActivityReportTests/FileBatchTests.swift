import Foundation
import Testing

@testable import ReportCLI

@Suite("Several input files")
struct FileBatchTests {
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
        var console = RecordingConsole()
        let config = RunConfiguration(input: a, outputDirectory: out.path, generatedAt: 1_770_800_000, quiet: true)
        let status = await FileBatch.run([a, b, c.path, bad.path], config: config, concurrency: 4, console: &console)
        #expect(status == .dataInvalid)
        let folders = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(folders == ["index.html", "sample-small", "sample-small-2", "small", "summary.md"])
        for folder in ["small", "sample-small", "sample-small-2"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(folder + "/report.html").path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(folder + "/charts/roles.svg").path))
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("broken").path), "nothing written for the bad file")
        let md = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(md.contains("[report](sample-small-2/report.html)"))
        #expect(md.contains("**failed:**"))
        #expect(console.stderr.contains { $0.hasPrefix("error: \(bad.path): ") && $0.contains("invalid JSON") })
        #expect(console.stderr.last == "error: 1 of 4 inputs failed; the others' reports and the index were written")
        // stdout lists every file written, each report's before the index.
        #expect(console.stdout.last == out.path + "/summary.md")
        #expect(console.stdout.filter { $0.hasSuffix("/report.html") }.count == 3)
    }

    @Test func theSameFileInABatchGivesTheSameBytesAsAlone() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = TestPaths.repo.appendingPathComponent("examples/activity.json").path
        let other = TestPaths.shared.appendingPathComponent("samples/sample-zero-activity.json").path
        var console = RecordingConsole()
        let alone = RunConfiguration(input: file, outputDirectory: dir.appendingPathComponent("alone").path, generatedAt: 1_770_800_000, quiet: true)
        #expect(Pipeline.run(alone, console: &console) == .ok)
        var batch = alone
        batch.outputDirectory = dir.appendingPathComponent("batch").path
        #expect(await FileBatch.run([file, other], config: batch, concurrency: 2, console: &console) == .ok)
        for name in ["report.html", "summary.md", "insights.json", "charts/active-users.svg", "data/most-queries.csv"] {
            let x = try Data(contentsOf: dir.appendingPathComponent("alone/" + name))
            let y = try Data(contentsOf: dir.appendingPathComponent("batch/activity/" + name))
            #expect(x == y, "\(name)")
        }
    }

    @Test func standardInputOnlyAlone() throws {
        let r = try runProcess(TestPaths.reportBinary, ["--input", "-", "examples/activity.json"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("standard input (-) can only be read alone"))
    }
}
