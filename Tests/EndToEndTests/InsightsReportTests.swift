import ActivityModel
import Foundation
import Insights
import ReportCLI
import TestSupport
import Testing

@testable import ReportPipeline
@testable import ReportRendering

/// The insights in the reports and on the command line: insights.json, --previous, thresholds,
/// findings first, changes on the headline, and every number linked to its definition.
@Suite("Insights in the report")
struct InsightsReportTests {
    static func fixture(_ name: String) -> String { TestPaths.fixtures.appendingPathComponent(name).path }

    static func read(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent("out/" + name), encoding: .utf8)
    }

    @Test func insightsJSONIsWrittenValidAndAgreesWithTheIndependentComputation() async throws {
        let (status, console, dir) = try await runPipeline(input: Self.fixture("insights-ties.json"))
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(status == .ok)
        let path = dir.appendingPathComponent("out/insights.json")
        #expect(console.stdout.contains(path.path))
        let bytes = Array(try Data(contentsOf: path))
        let expected = Analyzer.analyze(try PayloadDecoder.decode(try TestPaths.fixture("insights-ties.json")))
        #expect(bytes == InsightsJSON.encode(expected))
        try InsightsTools.validate([path])
        let r = try InsightsTools.crossCheck(payload: URL(fileURLWithPath: Self.fixture("insights-ties.json")), insights: path)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }

    @Test func thePageAndTheSummaryOpenWithTheFindings() async throws {
        let (status, _, dir) = try await runPipeline(input: Self.fixture("insights-ties.json"))
        defer { try? FileManager.default.removeItem(at: dir) }
        try #require(status == .ok)
        let page = try Self.read(dir, "report.html")
        let findings = try #require(page.range(of: "<section id=\"findings\""))
        let headline = try #require(page.range(of: "<section id=\"headline\""))
        let definitions = try #require(page.range(of: "<section id=\"definitions\""))
        let main = try #require(page.range(of: "<main"))
        #expect(main.upperBound < findings.lowerBound)
        #expect(findings.lowerBound < headline.lowerBound)
        #expect(headline.lowerBound < definitions.lowerBound)
        #expect(
            page.contains("<span class=\"badge watch\">Watch</span> <strong>Active users fell 10% week over week (10 \u{2192} 9)</strong>"))
        // Between <main> and the findings there is nothing else.
        #expect(!page[main.upperBound..<findings.lowerBound].contains("<section"))

        let md = try Self.read(dir, "summary.md")
        let lines = md.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        // Title, period, then the findings.
        #expect(lines[2] == "## Findings")
        #expect(
            lines[3]
                == "- **Watch:** Active users fell 10% week over week (10 → 9). On 11 Feb 2026, 9 users had viewed a chart in the 7 days before, against 10 on 4 Feb 2026. Look for what changed: a holiday, a broken or slow dashboard, a team that stopped using the project. The two counts of active users differ: 11 in the last 168 hours (the list of active users) against 9 in the daily series on 11 Feb 2026, which counts calendar days and only users who existed that day."
        )
        #expect(md.contains("## How these numbers are computed"))
    }

    @Test func everyHeadlineNumberLinksToItsDefinition() async throws {
        let (status, _, dir) = try await runPipeline(input: Self.fixture("insights-ties.json"))
        defer { try? FileManager.default.removeItem(at: dir) }
        try #require(status == .ok)
        let page = try Self.read(dir, "report.html")
        let insights = Analyzer.analyze(try PayloadDecoder.decode(try TestPaths.fixture("insights-ties.json")))
        for figure in Headline(insights).figures {
            #expect(page.contains("<a href=\"#def-\(figure.definition.id)\">\(figure.label)</a>"), "\(figure.label)")
        }
        for entry in Glossary.entries {
            #expect(page.contains("<dt id=\"def-\(entry.id)\">"), "\(entry.term)")
        }
        let md = try Self.read(dir, "summary.md")
        #expect(md.contains("| [Users](#how-these-numbers-are-computed) |"))
        for entry in Glossary.entries {
            #expect(md.contains("- **" + MarkdownText.own(entry.term) + "** ("), "\(entry.term)")
        }
        // Every key named in the glossary is documented in docs/insights.md.
        let doc = try String(contentsOf: TestPaths.repo.appendingPathComponent("docs/insights.md"), encoding: .utf8)
        for key in Glossary.entries.flatMap(\.keys) {
            #expect(doc.contains("`" + key) || doc.contains(key), "\(key) is not in docs/insights.md")
        }
    }

    @Test func aPreviousPayloadOrInsightsFileShowsTheChanges() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // First run: last week's payload; second run compares with its insights.json; third with its payload.
        let first = try await runPipeline(input: Self.fixture("insights-ties.json")) {
            $0.outputDirectory = dir.appendingPathComponent("week1").path
        }
        #expect(first.0 == .ok)
        var outputs: [[UInt8]] = []
        for previous in [dir.appendingPathComponent("week1/insights.json").path, Self.fixture("insights-ties.json")] {
            let (status, console, scratch) = try await runPipeline(input: Self.fixture("insights-ties-next.json")) {
                $0.previous = previous
            }
            defer { try? FileManager.default.removeItem(at: scratch) }
            #expect(status == .ok, "\(console.stderr)")
            let html = try Self.read(scratch, "report.html")
            #expect(html.contains("<p class=\"change better\">+2 (+10%) since the last report (20 \u{2192} 22)</p>") == false)
            #expect(html.contains("<p class=\"change\">+2 (+10%) since the last report (20 \u{2192} 22)</p>"))
            // The Active card shows a percent: its change is in points, between the percents shown.
            #expect(html.contains("<p class=\"change worse\">-15 points since the last report (55% \u{2192} 40%)</p>"))
            #expect(html.contains("<p class=\"change worse\">+2 (+50%) since the last report (4 \u{2192} 6)</p>"))
            #expect(html.contains("Changes are against the previous report (data to 11 Feb 2026)."))
            let md = try Self.read(scratch, "summary.md")
            #expect(md.contains("2 more inactive users than last report (4 → 6)"))
            #expect(md.contains("_+2 (+50%) since the last report (4 → 6)_"))
            outputs.append(Array(try Data(contentsOf: scratch.appendingPathComponent("out/insights.json"))))
            let nu = try runValidator("html.sh", [scratch.appendingPathComponent("out/report.html").path])
            #expect(nu.status == 0, "\(nu.stdout)")
            let mdCheck = try runValidator("md.py", [scratch.appendingPathComponent("out/summary.md").path])
            #expect(mdCheck.status == 0, "\(mdCheck.stdout)")
        }
        // The same comparison from the payload or from its insights.json.
        #expect(outputs[0] == outputs[1])
        let decoded = try InsightsJSON.decode(outputs[0])
        #expect(decoded.comparison?.delta(.inactiveCount)?.change == 2)
    }

    @Test func thresholdsComeFromTheConfigFileThenTheFlags() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("thresholds.json")
        try Data(#"{"thresholds": {"inactivePercentWatch": 30, "inactivePercentAct": 50, "maxFindings": 3}}"#.utf8).write(to: config)
        let (status, console, scratch) = try await runPipeline(input: Self.fixture("insights-ties.json")) {
            $0.configFile = config.path
            $0.thresholdOverrides = [try! ThresholdAssignment(parsing: "maxFindings=4")]  // a valid literal
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(status == .ok, "\(console.stderr)")
        let s = try InsightsJSON.decode(Array(try Data(contentsOf: scratch.appendingPathComponent("out/insights.json"))))
        #expect(s.thresholds.inactivePercentWatch == 30)
        #expect(s.thresholds.maxFindings == 4)
        #expect(s.findings.count == 4)
        #expect(!s.findings.contains { $0.id == "inactive-seats" && $0.severity != .good })
    }

    @Test(arguments: [
        (["--threshold", "nope=1"], "unknown threshold"),
        (["--threshold", "maxFindings=0"], "maxFindings"),
        (["--previous", "-", "--input", "-"], "cannot both read standard input"),
    ])
    func badInsightOptionsAreUsageErrors(arguments: [String], message: String) throws {
        var args = arguments
        if !args.contains("--input") { args += ["--input", Self.fixture("small.json")] }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runProcess(TestPaths.reportBinary, args + ["--output", dir.appendingPathComponent("out").path])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(files(in: dir).isEmpty)
    }

    @Test func unreadableOrInvalidPreviousAndConfigFilesSayWhyAndWriteNothing() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try Data(#"{"schemaVersion": 1, "users": 3}"#.utf8).write(to: bad)
        let cases: [(@Sendable (inout RunSettings) -> Void, ReportPipeline.ExitStatus, String)] = [
            ({ $0.previous = dir.appendingPathComponent("missing.json").path }, .noInput, "--previous"),
            ({ $0.previous = bad.path }, .dataInvalid, "not a readable insights.json"),
            ({ $0.configFile = dir.appendingPathComponent("missing.json").path }, .noInput, "--config"),
            ({ $0.configFile = bad.path }, .usage, "unknown key"),
        ]
        for (configure, expected, message) in cases {
            let (status, console, scratch) = try await runPipeline(input: Self.fixture("small.json")) { configure(&$0) }
            defer { try? FileManager.default.removeItem(at: scratch) }
            #expect(status == expected, "\(console.stderr)")
            #expect(console.stderr.joined().contains(message), "\(console.stderr)")
            #expect(console.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("out").path))
        }
    }

    @Test func helpListsTheNewOptions() throws {
        let r = try runProcess(TestPaths.reportBinary, ["--help"])
        #expect(r.status == 0)
        for option in ["--previous <file>", "--config <file>", "--threshold <name=value>", "insights.json"] {
            #expect(r.stdout.contains(option), "\(option)")
        }
    }
}
