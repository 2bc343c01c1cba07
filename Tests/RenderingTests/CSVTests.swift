import Charts
import Foundation
import TestSupport
import Testing

@testable import ActivityModel
@testable import Charts
@testable import Insights
@testable import ReportRendering

@Suite("CSV files of the full lists")
struct CSVTests {
    @Test(
        "fields",
        arguments: [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
            ("+1 555", "'+1 555"),
            ("-cmd", "'-cmd"),
            ("@import", "'@import"),
            ("\tx", "'\tx"),
            ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ])
    func field(_ input: String, _ expected: String) {
        #expect(CSVExport.field(input, guardFormula: true) == expected)
    }

    @Test func everyListInFullWithCRLFAndHeader() throws {
        let loaded = try PayloadDecoder.decode(try TestPaths.fixture("small.json"))
        let files = CSVExport.files(loaded.activity)
        #expect(
            files.map(\.path) == [
                "data/daily-activity.csv", "data/most-queries.csv", "data/chart-updates.csv", "data/inactive-users.csv",
                "data/dashboard-views.csv", "data/chart-views.csv", "data/favourite-dashboards.csv",
            ])
        let queries = String(decoding: try #require(files.first { $0.path == "data/most-queries.csv" }).bytes, as: UTF8.self)
        let lines = queries.components(separatedBy: "\r\n")
        #expect(lines.first == "rank,user_uuid,first_name,last_name,chart_views_7d")
        #expect(lines.count == 1 + loaded.activity.mostQueries.count + 1)  // header, rows, empty after the last CRLF
        #expect(lines[1] == "1,u1,Ana,<b>Bold</b>,1234")
        let daily = String(decoding: try #require(files.first).bytes, as: UTF8.self)
        #expect(daily.contains("2026-02-08,4,40,\r\n"), "a null average is an empty cell")
    }

    @Test func capsHoldForAHundredThousandRowsWhileTheCSVHasThemAll() throws {
        let n = 100_000
        var rows = ""
        for i in 0..<n {
            if i > 0 { rows += "," }
            rows += "{\"userUuid\":\"u\(i)\",\"firstName\":\"First\",\"lastName\":\"L\(i)\",\"count\":\"\(n - i)\"}"
        }
        let json = """
            {"numberUsers":\(n),"numberAdmins":1,"numberEditors":0,"numberInteractiveViewers":0,"numberViewers":\(n - 1),
            "numberWeeklyQueryingUsers":100,"tableMostQueries":[\(rows)],"tableMostCreatedCharts":[],"tableNoQueries":[\(rows)],
            "chartWeeklyQueryingUsers":[],"chartWeeklyAverageQueries":[],"dashboardViews":[],"chartViews":[],"userMostViewedDashboards":[]}
            """
        let loaded = try PayloadDecoder.decode(Array(json.utf8))
        let insights = Analyzer.analyze(loaded)
        let options = ReportOptions(maxRows: 50, summaryRows: 10, generatedAt: 0)
        let html = String(decoding: try HTMLReport.render(activity: loaded.activity, insights: insights, options: options), as: UTF8.self)
        let md = String(decoding: MarkdownSummary.render(activity: loaded.activity, insights: insights, options: options), as: UTF8.self)
        // Two lists of 50; the top-queriers chart's rows are the list's first rows (no data table).
        #expect(html.components(separatedBy: "<bdi>First L").count - 1 == 50 + 50)
        #expect(html.contains("and 99,950 more users not shown"))
        #expect(md.components(separatedBy: "| First L").count - 1 == 10 + 10)
        #expect(md.utf8.count < MarkdownSummary.byteLimit)
        let csv = try #require(CSVExport.files(loaded.activity).first { $0.path == "data/most-queries.csv" })
        #expect(csv.bytes.filter { $0 == 0x0A }.count == n + 1)
    }
}

@Suite("Daily charts stay bounded")
struct DailyChartCapTests {
    @Test func aLongSeriesDrawsTheNewestDaysAndSaysSo() throws {
        let days = 400
        var active = ""
        var average = ""
        for i in 0..<days {
            let day = Day(year: 2025, month: 1, day: 1).adding(days: days - 1 - i).iso
            if i > 0 {
                active += ","
                average += ","
            }
            active += "{\"date\":\"\(day)T00:00:00.000Z\",\"num_7d_active_users\":\"\(i % 9)\",\"percent_7d_active_users\":\"\(i % 90)\"}"
            average += "{\"date\":\"\(day)T00:00:00.000Z\",\"average_number_of_weekly_queries_per_user\":\"1.50\"}"
        }
        let json = """
            {"numberUsers":10,"numberAdmins":1,"numberEditors":0,"numberInteractiveViewers":0,"numberViewers":9,
            "numberWeeklyQueryingUsers":0,"tableMostQueries":[],"tableMostCreatedCharts":[],"tableNoQueries":[],
            "chartWeeklyQueryingUsers":[\(active)],"chartWeeklyAverageQueries":[\(average)],"dashboardViews":[],"chartViews":[],"userMostViewedDashboards":[]}
            """
        let loaded = try PayloadDecoder.decode(Array(json.utf8))
        let charts = ChartBuilder.build(loaded.activity, insights: Analyzer.analyze(loaded))
        for name in ["active-users", "average-queries"] {
            let chart = try #require(charts[name])
            #expect(chart.table.rows.count == ChartBuilder.maxDays)
            #expect(chart.summary.contains("the newest 180 of 400 days are drawn"))
            let svg = String(decoding: chart.svgBytes(), as: UTF8.self)
            let marks = svg.components(separatedBy: "data-value=").count - 1
            #expect(marks > 0 && marks <= 2 * ChartBuilder.maxDays + 4, "\(name): \(marks) data marks")
            #expect(svg.utf8.count < 200_000)
        }
    }
}
