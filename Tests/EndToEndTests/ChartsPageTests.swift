import ActivityModel
import Charts
import Foundation
import Insights
import ReportCLI
import ReportRendering
import TestSupport
import Testing

@testable import ReportPipeline

@Suite("Charts in the page and on disk")
struct ChartsPageTests {
    static func page(_ activity: UserActivity) throws -> String {
        let insights = Analyzer.analyze(LoadedActivity(activity: activity, diagnostics: []))
        let html = try HTMLReport.render(activity: activity, insights: insights, options: ReportOptions(generatedAt: 1_770_800_000))
        return String(decoding: html, as: UTF8.self)
    }

    /// The decoded fixture `Tests/Fixtures/NAME`.
    static func load(_ name: String) throws -> LoadedActivity {
        try PayloadDecoder.decode(try TestPaths.fixture(name))
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test(
        "with data, all nine charts are inline, each drawn wide and for phones, a data table in <details> only where no list shows its rows, and the two activity cards get sparklines"
    )
    func nineChartsInline() throws {
        let page = try Self.page(try Self.load("charts-rich.json").activity)
        #expect(Self.count("<figure class=\"chart\"", in: page) == 9)
        // The roles and the dashboards users view most: no list table has their rows.
        #expect(Self.count("<details class=\"chart-data\">", in: page) == 2)
        for name in ChartSet.names {
            #expect(page.contains("id=\"figure-\(name)\""), "\(name)")
        }
        #expect(Self.count("class=\"ar-chart ar-sparkline\"", in: page) == 2)
        #expect(Self.count("<svg xmlns=\"http://www.w3.org/2000/svg\"", in: page) == 2 + 9 * 2)
        #expect(Self.count("role=\"img\"", in: page) == 2 + 9 * 2)
    }

    @Test("the page's charts are the standalone drawings: same data-values in the same order")
    func sameDrawing() throws {
        let loaded = try Self.load("charts-rich.json")
        let page = try Self.page(loaded.activity)
        let charts = ChartBuilder.build(loaded.activity, insights: Analyzer.analyze(loaded))
        func values(_ text: Substring) -> [String] {
            text.components(separatedBy: "data-value=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
        }
        for chart in charts.charts {
            let standalone = String(decoding: chart.svgBytes(), as: UTF8.self)
            // The wide drawing, before the phone layout (which draws the same values).
            guard let start = page.range(of: "id=\"figure-\(chart.name)\""),
                let end = page.range(of: " ar-narrow\"", range: start.upperBound..<page.endIndex)
            else {
                Issue.record("no figure for \(chart.name)")
                continue
            }
            #expect(values(page[start.upperBound..<end.lowerBound]) == values(Substring(standalone)), "\(chart.name)")
        }
    }

    @Test("with no data the page shows words, not empty chart boxes, and the command still writes all nine SVGs")
    func emptyPayload() async throws {
        let page = try Self.page(HardCases.empty)
        #expect(!page.contains("<figure class=\"chart\""))
        // Users but no inactive one: the all-zero inactivity chart stays out of the page.
        var one = HardCases.empty
        one.numberUsers = 1
        one.numberAdmins = 1
        let onePage = try Self.page(one)
        #expect(onePage.contains("id=\"figure-roles\""))
        #expect(!onePage.contains("id=\"figure-inactivity\""))
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("empty.json")
        try Data(
            #"{"status":"ok","results":{"numberUsers":0,"numberViewers":0,"numberInteractiveViewers":0,"numberEditors":0,"numberAdmins":0,"numberWeeklyQueryingUsers":0,"tableMostQueries":[],"tableMostCreatedCharts":[],"tableNoQueries":[],"chartWeeklyQueryingUsers":[],"chartWeeklyAverageQueries":[],"dashboardViews":[],"userMostViewedDashboards":[],"chartViews":[]}}"#
                .utf8
        ).write(to: input)
        let out = dir.appendingPathComponent("out")
        let (status, console) = await runReports([input.path], output: out.path) { $0.quiet = true }
        #expect(status == .ok)
        for name in ChartSet.names {
            let svg = try String(contentsOf: out.appendingPathComponent("charts/\(name).svg"), encoding: .utf8)
            #expect(svg.contains(Layouts.emptyMessage), "\(name)")
            #expect(console.stdout.contains(out.path + "/charts/\(name).svg"))
        }
    }

    @Test("the command's SVG files are byte-identical to the chart builder's documents")
    func filesMatchBuilder() async throws {
        let fixtures = TestPaths.fixtures
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (status, _) = await runReports([fixtures.appendingPathComponent("charts-rich.json").path], output: dir.path) { $0.quiet = true }
        #expect(status == .ok)
        // The command draws names capped for display (DisplayName), as the charts show them.
        let loaded = try Self.load("charts-rich.json")
        let shown = ChartBuilder.build(loaded.activity.cappingNames(), insights: Analyzer.analyze(loaded).cappingNames())
        for chart in shown.charts {
            let bytes = try Data(contentsOf: dir.appendingPathComponent("charts/\(chart.name).svg"))
            #expect(Array(bytes) == chart.svgBytes(), "\(chart.name)")
        }
    }

    @Test("pages with inline charts pass the Nu Html Checker, hard cases included")
    func nuChecker() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files = [dir.appendingPathComponent("rich.html")]
        try Data(try Self.page(try Self.load("charts-rich.json").activity).utf8).write(to: files[0])
        for (name, activity) in HardCases.all {
            let url = dir.appendingPathComponent(name.replacingOccurrences(of: " ", with: "-") + ".html")
            try Data(try Self.page(activity).utf8).write(to: url)
            files.append(url)
        }
        let result = try runValidator("html.sh", files.map(\.path))
        #expect(result.status == 0, "html.sh:\n\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\(files.count) files, 0 errors"), "\(result.stdout)")
    }
}
