import ActivityModel
import Charts
import Foundation
import Insights
import ReportRendering
import TestSupport
import Testing

@testable import ReportPipeline

/// The page's shape (issue 12): each list once, a compact daily table, empty sections as one
/// sentence, a name on every table, phone layouts of the charts and a print that is always light.
@Suite("A page people read")
struct PageLayoutTests {
    static func page(_ activity: UserActivity, maxRows: Int = 50) throws -> String {
        let insights = Analyzer.analyze(LoadedActivity(activity: activity, diagnostics: []))
        let options = ReportOptions(maxRows: maxRows, generatedAt: 1_770_800_000)
        return String(decoding: try HTMLReport.render(activity: activity, insights: insights, options: options), as: UTF8.self)
    }

    static func example() throws -> UserActivity {
        try PayloadDecoder.decode(Array(try Data(contentsOf: TestPaths.repo.appendingPathComponent("examples/activity.json")))).activity
    }

    /// The markup of `<section id="ID" ...>...</section>`.
    static func section(_ id: String, in page: String) -> Substring? {
        guard let start = page.range(of: "<section id=\"\(id)\""),
            let end = page.range(of: "</section>", range: start.upperBound..<page.endIndex)
        else { return nil }
        return page[start.lowerBound..<end.upperBound]
    }

    static func count(_ needle: String, in text: some StringProtocol) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    static let listIDs = [
        "daily-activity", "most-queries", "chart-updates", "inactive-users", "dashboard-views", "chart-views", "favourite-dashboards",
    ]

    @Test("each list is shown once: its chart, then one table; no chart data table repeats a list table")
    func eachListOnce() throws {
        let page = try Self.page(try Self.example())
        for id in Self.listIDs where id != "daily-activity" && id != "favourite-dashboards" {
            let section = try #require(Self.section(id, in: page), "\(id)")
            #expect(Self.count("<table", in: section) == 1, "\(id): one table")
            #expect(Self.count("<details class=\"chart-data\"", in: section) == 0, "\(id): the list table is the chart's data")
        }
        // Charts whose rows no list table shows keep their data one click away: the roles, and the
        // dashboards users view most (the favourites list is per user, not per dashboard).
        for id in ["headline", "favourite-dashboards"] {
            let section = try #require(Self.section(id, in: page))
            #expect(Self.count("<details class=\"chart-data\"", in: section) == 1, "\(id)")
        }
    }

    @Test("the daily table shows the last 8 days open and the earlier days in <details>")
    func compactDailyTable() throws {
        let activity = try Self.example()
        let page = try Self.page(activity)
        let section = try #require(Self.section("daily-activity", in: page))
        let days = Sections.dailyCount(activity)
        #expect(days > 8)
        let open = try #require(section.range(of: "<details class=\"more-rows\">"))
        #expect(Self.count("<tr>", in: section[..<open.lowerBound]) == 1 + 8, "the header row and 8 days")
        #expect(Self.count("<tr>", in: section[open.lowerBound...]) == 1 + min(days, 50) - 8)
        #expect(section.contains("The \(min(days, 50) - 8) earlier days"))
    }

    @Test("a list longer than the page shows says how many more and links to its CSV, which the report writes")
    func moreLinksToTheCSV() throws {
        let activity = try Self.example()
        let page = try Self.page(activity, maxRows: 3)
        let written = Set(CSVExport.files(activity).map(\.path))
        var linked = 0
        for id in Self.listIDs {
            let section = try #require(Self.section(id, in: page), "\(id)")
            guard let more = section.range(of: "<p class=\"more\">") else { continue }
            #expect(section[more.upperBound...].hasPrefix("and "), "\(id)")
            #expect(section.contains("<a href=\"data/\(id).csv\">the whole list as CSV</a>"), "\(id)")
            #expect(written.contains("data/\(id).csv"), "\(id)")
            linked += 1
        }
        #expect(linked >= 4)
    }

    @Test("a project with no activity: the daily section is one sentence, not 43 rows of zeros")
    func emptySectionsCollapse() throws {
        let loaded = try PayloadDecoder.decode(try TestPaths.sharedFile("samples/sample-zero-activity.json"))
        let page = try Self.page(loaded.activity)
        let section = try #require(Self.section("daily-activity", in: page))
        #expect(section.hasPrefix("<section id=\"daily-activity\" aria-labelledby=\"daily-activity-title\" class=\"empty-section\""))
        #expect(!section.contains("<table"))
        #expect(!section.contains("<figure"))
        #expect(section.contains("No user was active on any of the \(Sections.dailyCount(loaded.activity)) days."))
        for id in ["most-queries", "chart-updates"] {
            let empty = try #require(Self.section(id, in: page))
            #expect(empty.contains("class=\"empty-section\"") && !empty.contains("<table"), "\(id)")
        }
    }

    @Test("every table of the page and of the index has a caption or is labelled by a heading that exists")
    func everyTableIsNamed() throws {
        let zero = try PayloadDecoder.decode(try TestPaths.sharedFile("samples/sample-zero-activity.json")).activity
        let index = String(
            decoding: try ProjectIndex.html(
                [ProjectIndexRow(name: "A", uuid: "", folder: "a", users: 3), ProjectIndexRow(name: "B", uuid: "", folder: "b", users: 4)],
                title: "Index", generatedAt: 0), as: UTF8.self)
        for page in [try Self.page(try Self.example()), try Self.page(zero), index] {
            let tables = page.components(separatedBy: "<table").dropFirst()
            #expect(!tables.isEmpty)
            for table in tables {
                let tag = table.prefix { $0 != ">" }
                if let label = tag.range(of: "aria-labelledby=\"") {
                    let id = tag[label.upperBound...].prefix { $0 != "\"" }
                    #expect(page.contains("id=\"\(id)\""), "labelled by \(id)")
                } else {
                    let inside = table.dropFirst(tag.count + 1).drop { $0.isWhitespace }
                    #expect(inside.hasPrefix("<caption>"), "\(table.prefix(120))")
                }
            }
        }
    }

    @Test("each chart is in the page twice, the phone layout 312 px wide with no text under 12 px")
    func phoneLayouts() throws {
        let page = try Self.page(try Self.example())
        #expect(Self.count(" ar-wide\"", in: page) == Self.count(" ar-narrow\"", in: page))
        #expect(Self.count(" ar-narrow\"", in: page) >= 7)
        let insights = Analyzer.analyze(LoadedActivity(activity: try Self.example(), diagnostics: []))
        let narrow = ChartBuilder.build(try Self.example(), insights: insights, theme: Theme.standard.narrow)
        for chart in narrow.charts {
            #expect(chart.scene.width == 312, "\(chart.name)")
            for text in chart.scene.texts { #expect(text.size >= 12, "\(chart.name): \(text.text) at \(text.size) px") }
        }
    }

    @Test("print is always the light theme: the dark colours apply to screens only, in the page and in each chart")
    func printIsLight() throws {
        let css = Templates.builtIn.stylesheet
        #expect(css.contains("@media screen and (prefers-color-scheme: dark)"))
        #expect(!css.contains("@media (prefers-color-scheme: dark)"))
        let chart = Theme.standard.stylesheet
        #expect(chart.contains("@media screen and (prefers-color-scheme: dark)"))
        #expect(!chart.contains("@media (prefers-color-scheme: dark)"))
        // The print block hides what is one click away on screen (no blue disclosure lines).
        let print = try #require(css.range(of: "@media print"))
        #expect(css[print.upperBound...].contains("details, nav.back { display: none; }"))
    }
}
