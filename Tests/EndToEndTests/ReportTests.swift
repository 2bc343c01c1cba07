import Charts
import Foundation
import TestSupport
import Testing

@testable import ActivityModel
@testable import Insights
@testable import ReportCLI
@testable import ReportPipeline
@testable import ReportRendering

/// Renders `bytes` into the page and the summary with fixed options.
func renderBoth(_ bytes: [UInt8], maxRows: Int = 50, summaryRows: Int = 10) throws -> (html: [UInt8], md: [UInt8]) {
    let loaded = try PayloadDecoder.decode(bytes)
    let insights = Analyzer.analyze(loaded)
    let options = ReportOptions(maxRows: maxRows, summaryRows: summaryRows, generatedAt: 1_770_800_000)
    let html = try HTMLReport.render(activity: loaded.activity, insights: insights, options: options)
    let md = MarkdownSummary.render(activity: loaded.activity, insights: insights, options: options)
    return (html, md)
}

/// What an in-process run printed: the paths (stdout) and the messages as the console shows them (stderr).
struct RunRecord {
    var stdout: [String]
    var stderr: [String]
}

/// Runs `report --input INPUTS...` in-process into `output`, with `configure` applied to its settings.
func runReports(
    _ inputs: [String], output: String, concurrency: Int = 4, configure: (inout RunSettings) -> Void = { _ in }
) async -> (ReportPipeline.ExitStatus, RunRecord) {
    var settings = RunSettings(outputDirectory: output, generatedAt: 1_770_800_000)
    configure(&settings)
    let log = MessageLog()
    let result = await ReportRun.files(inputs, settings: settings, concurrency: concurrency, events: log)
    let shown = log.messages.filter { !settings.quiet || ![.note, .retry, .warning].contains($0.kind) }
    return (
        result.status, RunRecord(stdout: result.written, stderr: shown.flatMap { $0.description.split(separator: "\n").map(String.init) })
    )
}

/// Runs the pipeline in-process on one input into `out` of a new temporary folder.
func runPipeline(input: String, configure: (inout RunSettings) -> Void = { _ in }) async throws -> (
    ReportPipeline.ExitStatus, RunRecord, URL
) {
    let dir = try TestPaths.temporaryDirectory()
    let (status, record) = await runReports([input], output: dir.appendingPathComponent("out").path, configure: configure)
    return (status, record, dir)
}

func files(in dir: URL) -> [String] {
    let e = FileManager.default.enumerator(atPath: dir.path)
    var out: [String] = []
    while let f = e?.nextObject() as? String { out.append(f) }
    return out.sorted()
}

@Suite("Report page and summary")
struct ReportTests {
    @Test func goldenHTMLAndMarkdownOfTheSmallFixture() throws {
        let (html, md) = try renderBoth(try TestPaths.fixture("small.json"))
        try assertSnapshot(html, named: "small.report.html")
        try assertSnapshot(md, named: "small.summary.md")
    }

    @Test func sameInputSameBytes() throws {
        let input = try TestPaths.fixture("small.json")
        let a = try renderBoth(input)
        let b = try renderBoth(input)
        #expect(a.html == b.html)
        #expect(a.md == b.md)
    }

    @Test func headlineNumbersAppearInBoth() throws {
        let (html, md) = try renderBoth(Array(try Data(contentsOf: TestPaths.repo.appendingPathComponent("examples/activity.json"))))
        let page = String(decoding: html, as: UTF8.self)
        let summary = String(decoding: md, as: UTF8.self)
        for text in ["24", "62%", "15 users viewed a chart", "Other roles", "Activity in the 7 days to 11 Feb 2026"] {
            #expect(page.contains(text), "page lacks \(text)")
            #expect(summary.contains(text), "summary lacks \(text)")
        }
        // Week over week: 15 on 11 Feb against 15 on 4 Feb (the 8th row of the series, newest first).
        #expect(page.contains("15 on 11 Feb 2026, 15 on 4 Feb 2026"))
    }

    @Test func userTextIsEscapedAndIsolated() throws {
        let (html, md) = try renderBoth(try TestPaths.fixture("small.json"))
        let page = String(decoding: html, as: UTF8.self)
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<b>Bold"))
        #expect(page.contains("<bdi>שרה כהן</bdi>"))
        let summary = String(decoding: md, as: UTF8.self)
        #expect(summary.contains("Bob \\| Pipe"))
        #expect(summary.contains("\u{2068}שרה כהן\u{2069}"))
        #expect(!summary.contains("<script>"))
    }

    @Test func emptyStatesAreWords() throws {
        let (html, md) = try renderBoth(try TestPaths.sharedFile("samples/sample-empty.json"))
        for text in [
            "No user viewed a chart in the last 7 days.", "No dashboard has been viewed yet.", "No daily activity in the data yet.",
        ] {
            #expect(String(decoding: html, as: UTF8.self).contains(text))
            #expect(String(decoding: md, as: UTF8.self).contains(text))
        }
        #expect(!String(decoding: html, as: UTF8.self).contains("<table>\n<thead>\n<tr>\n<th scope=\"col\">#"))
    }

    @Test func longListsAreCappedWithAndNMore() throws {
        let bytes = payload { r in
            r["tableMostQueries"] = (0..<120).map {
                ["userUuid": "u\($0)", "firstName": "User", "lastName": "\($0)", "count": "\(1000 - $0)"]
            }
        }
        let (html, md) = try renderBoth(bytes, maxRows: 25, summaryRows: 5)
        let page = String(decoding: html, as: UTF8.self)
        #expect(page.contains("and 95 more users not shown"))
        // The list's 25 rows; the top-queriers chart's 10 bars are its first rows (no data table).
        #expect(page.components(separatedBy: "<bdi>User ").count - 1 == 25)
        let summary = String(decoding: md, as: UTF8.self)
        #expect(summary.contains("and 115 more users not shown"))
    }

    @Test func summaryNeverExceedsOneMebibyte() {
        let big = String(repeating: "| row |\n", count: 200_000)
        let clamped = MarkdownSummary.clamp(big)
        #expect(clamped.utf8.count <= MarkdownSummary.byteLimit)
        #expect(clamped.contains("cut here"))
    }

    @Test func builtInTemplatesMatchTheTemplatesFolder() throws {
        let page = try Data(contentsOf: TestPaths.repo.appendingPathComponent("templates/report.html"))
        let css = try Data(contentsOf: TestPaths.repo.appendingPathComponent("templates/report.css"))
        #expect(Array(page) == Templates.builtIn.page, "run scripts/sync-templates")
        #expect(String(decoding: css, as: UTF8.self) == Templates.builtIn.stylesheet, "run scripts/sync-templates")
    }

    @Test func pageIsSelfContainedWithoutScript() throws {
        let (html, _) = try renderBoth(try TestPaths.fixture("small.json"))
        let page = String(decoding: html, as: UTF8.self).lowercased()
        #expect(page.hasPrefix("<!doctype html>"))
        #expect(page.contains("<meta charset=\"utf-8\">"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("src=\"http"))
        #expect(!page.contains("href=\"http"))
        #expect(!page.contains("@import"))
        #expect(page.contains("prefers-color-scheme: dark"))
        #expect(page.contains("@media print"))
    }
}

@Suite("The report command")
struct CommandTests {
    @Test func writesBothFilesAndPrintsOnlyTheirPaths() async throws {
        let (status, console, dir) = try await runPipeline(input: TestPaths.fixtures.appendingPathComponent("small.json").path)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(status == .ok)
        let csv = [
            "daily-activity", "most-queries", "chart-updates", "inactive-users", "dashboard-views", "chart-views", "favourite-dashboards",
        ]
        .map { "data/\($0).csv" }
        let charts = ChartSet.names.map { "charts/\($0).svg" }
        #expect(
            console.stdout
                == (["report.html", "summary.md", "insights.json"] + csv + charts + ["manifest.json"]).map { dir.path + "/out/" + $0 })
        #expect(console.stderr.allSatisfy { $0.hasPrefix("note: ") })
        #expect(
            files(in: dir.appendingPathComponent("out"))
                == (["charts", "data"] + csv + charts + ["report.html", "summary.md", "insights.json", "manifest.json"]).sorted())
    }

    @Test func invalidInputWritesNothing() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("bad.json")
        try Data(payload { setRow(&$0, "chartWeeklyQueryingUsers", 1, "date", "yesterday") }).write(to: input)
        let (status, console, out) = try await runPipeline(input: input.path)
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(status == .dataInvalid)
        #expect(console.stdout.isEmpty)
        #expect(
            console.stderr.joined().contains("results.chartWeeklyQueryingUsers[1].date: expected an ISO-8601 date-time, got \"yesterday\""))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("out").path))
    }

    @Test func outputFolderBlockedByAFileGives73AndLeavesNothing() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("blocker")
        try Data("x".utf8).write(to: blocker)
        let (status, console, scratch) = try await runPipeline(input: TestPaths.fixtures.appendingPathComponent("small.json").path) {
            $0.outputDirectory = blocker.appendingPathComponent("out").path
        }
        try? FileManager.default.removeItem(at: scratch)
        #expect(status == .cannotWrite)
        #expect(console.stdout.isEmpty)
        #expect(files(in: dir) == ["blocker"])
    }

    @Test func aFolderInTheWayOfOneFileLeavesTheOthersUntouched() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("summary.md"), withIntermediateDirectories: true)
        let (status, _, scratch) = try await runPipeline(input: TestPaths.fixtures.appendingPathComponent("small.json").path) {
            $0.outputDirectory = dir.path
        }
        try? FileManager.default.removeItem(at: scratch)
        #expect(status == .cannotWrite)
        #expect(files(in: dir) == ["summary.md"], "no report.html, no temporary file")
    }

    @Test func inputLargerThanTheCapIsRefused() async throws {
        let (status, console, dir) = try await runPipeline(input: TestPaths.fixtures.appendingPathComponent("small.json").path) {
            $0.maxInputBytes = 100
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(status == .dataInvalid)
        #expect(console.stderr.joined().contains("larger"))
        #expect(console.stderr.joined().contains("--max-input-bytes"))
    }

    @Test func missingInputGives66() async throws {
        let (status, console, dir) = try await runPipeline(input: "/nonexistent/activity.json")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(status == .noInput)
        #expect(console.stderr == ["error: /nonexistent/activity.json: cannot read input: no such file or directory"])
    }

    @Test func savedForbiddenResponseGives77() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("err.json")
        try Data(
            #"{"status":"error","error":{"statusCode":403,"name":"ForbiddenError","message":"You don't have access to this resource or action"}}"#
                .utf8
        ).write(to: input)
        let (status, console, out) = try await runPipeline(input: input.path)
        try? FileManager.default.removeItem(at: out)
        #expect(status == .noPermission)
        #expect(console.stderr.joined().contains("Lightdash error 403 ForbiddenError: You don't have access to this resource or action"))
    }

    @Test func userTemplatesReplaceTheBuiltInOnes() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("body { color: rebeccapurple; }".utf8).write(to: dir.appendingPathComponent("report.css"))
        let (status, _, out) = try await runPipeline(input: TestPaths.fixtures.appendingPathComponent("small.json").path) {
            $0.templatesDirectory = dir.path
        }
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(status == .ok)
        let page = try String(contentsOf: out.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(page.contains("rebeccapurple"))
        #expect(!page.contains("--note-line"))
    }

    @Test func brokenUserTemplateIsAClearError() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("<html><body><main data-slot=\"content\"></body></html>".utf8).write(to: dir.appendingPathComponent("report.html"))
        let (status, console, out) = try await runPipeline(input: TestPaths.fixtures.appendingPathComponent("small.json").path) {
            $0.templatesDirectory = dir.path
        }
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(status == .dataInvalid)
        #expect(console.stderr.last?.contains("report.html, line 1") == true)
    }

    @Test(
        "SOURCE_DATE_EPOCH",
        arguments: [("1770800000", true), ("", true), ("12abc", false), ("-5", false), ("1e9", false), ("99999999999999", false)])
    func sourceDateEpoch(_ value: String, _ valid: Bool) {
        switch SourceDateEpoch.parse(value) {
        case .success: #expect(valid)
        case .failure(let e):
            #expect(!valid)
            #expect(e.description.contains("SOURCE_DATE_EPOCH"))
        }
    }
}

@Suite("The report binary", .serialized)
struct BinaryTests {
    @Test func exampleEndToEndIsDeterministicUnderSourceDateEpoch() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let example = TestPaths.repo.appendingPathComponent("examples/activity.json").path
        var pages: [Data] = []
        for run in 0..<2 {
            let out = dir.appendingPathComponent("run\(run)").path
            let r = try runProcess(
                TestPaths.reportBinary, ["--input", example, "--output", out], environment: ["SOURCE_DATE_EPOCH": "1770800000"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.hasPrefix("\(out)/report.html\n\(out)/summary.md\n\(out)/insights.json\n\(out)/data/daily-activity.csv\n"))
            #expect(r.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix(out + "/") })
            #expect(r.stdout.hasSuffix(ChartSet.names.map { "\(out)/charts/\($0).svg\n" }.joined() + "\(out)/manifest.json\n"))
            pages.append(try Data(contentsOf: URL(fileURLWithPath: out + "/report.html")))
            pages.append(try Data(contentsOf: URL(fileURLWithPath: out + "/summary.md")))
            pages.append(try Data(contentsOf: URL(fileURLWithPath: out + "/insights.json")))
        }
        #expect(pages[0] == pages[3])
        #expect(pages[1] == pages[4])
        #expect(pages[2] == pages[5])
    }

    @Test func readsStandardInput() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runProcess(
            TestPaths.reportBinary, ["--input", "-", "--output", dir.path, "-q"],
            stdin: try TestPaths.sharedFile("samples/sample-small.json"))
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.html").path))
    }

    @Test func malformedSourceDateEpochIsAUsageError() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runProcess(
            TestPaths.reportBinary, ["--input", TestPaths.fixtures.appendingPathComponent("small.json").path, "--output", dir.path],
            environment: ["SOURCE_DATE_EPOCH": "yesterday"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("SOURCE_DATE_EPOCH must be a whole number"))
        #expect(files(in: dir).isEmpty)
    }

    @Test func invalidPayloadExits65WithOneMessageAndNoStackTrace() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runProcess(
            TestPaths.reportBinary, ["--input", "-", "--output", dir.appendingPathComponent("out").path],
            stdin: Array("{\"status\":\"ok\",\"results\":{\"numberUsers\":\"12abc\"}}".utf8))
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("results.numberUsers: expected a non-negative integer, got \"12abc\""))
        #expect(r.stderr.contains("results.chartViews: missing required key"))
        #expect(!r.stderr.contains("Fatal error"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func badOptionIsAUsageErrorAndHelpListsExitCodes() throws {
        let r = try runProcess(TestPaths.reportBinary, ["--input", "x.json", "--max-rows", "0"])
        #expect(r.status == 64)
        let help = try runProcess(TestPaths.reportBinary, ["--help"])
        #expect(help.status == 0)
        for code in ["64", "65", "66", "73", "77", "SOURCE_DATE_EPOCH"] { #expect(help.stdout.contains(code)) }
    }

    @Test func unwritableOutputExits73() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("x".utf8).write(to: dir.appendingPathComponent("file"))
        let r = try runProcess(
            TestPaths.reportBinary,
            [
                "--input", TestPaths.fixtures.appendingPathComponent("small.json").path,
                "--output", dir.appendingPathComponent("file/out").path, "-q",
            ])
        #expect(r.status == 73)
        #expect(r.stderr.contains("cannot write"))
        #expect(files(in: dir) == ["file"])
    }
}
