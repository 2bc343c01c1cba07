import ActivityModel
import Foundation
import Insights
import Markup
import ReportRendering
import TestSupport
import Testing

@testable import Charts

@Suite("Charts: SVG output")
struct ChartsSVGTests {
    static func text(_ chart: RenderedChart) -> String { String(decoding: chart.svgBytes(), as: UTF8.self) }

    /// Every element of `element`'s subtree, in document order.
    static func descendants(_ element: Element) -> [Element] {
        var out: [Element] = []
        var stack = [element]
        while let e = stack.popLast() {
            out.append(e)
            stack.append(contentsOf: e.children.reversed())
        }
        return out
    }

    /// The SVG re-read through libxml2 (as XML).
    static func parse(_ chart: RenderedChart) throws -> Element {
        let doc = try Document.template(chart.svgBytes(), name: chart.name + ".svg")
        return try #require(doc.root)
    }

    @Test("golden SVG files for every chart on the rich fixture", arguments: ChartSet.names)
    func golden(_ name: String) throws {
        let charts = try ChartTestSupport.charts("charts-rich.json")
        let chart = try #require(charts[name])
        try assertSnapshot(Self.text(chart), named: "charts-rich-\(name).svg")
    }

    @Test("two runs give the same bytes")
    func deterministic() throws {
        let a = try ChartTestSupport.charts("charts-rich.json").charts.map { $0.svgBytes() }
        let b = try ChartTestSupport.charts("charts-rich.json").charts.map { $0.svgBytes() }
        #expect(a == b)
    }

    @Test(
        "every SVG has xmlns, viewBox, width, height, role=img, a title and a desc first, and no script, event attribute or external reference"
    )
    func accessibleAndSafe() throws {
        var all: [RenderedChart] = try ChartTestSupport.charts("charts-rich.json").charts
        for (_, activity) in HardCases.all {
            all += ChartBuilder.build(activity, insights: Analyzer.analyze(LoadedActivity(activity: activity, diagnostics: []))).charts
        }
        for chart in all {
            let svg = Self.text(chart)
            #expect(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(chart.name)")
            let root = try Self.parse(chart)
            #expect(root.name == "svg")
            let w = try #require(root.attribute("width"))
            let h = try #require(root.attribute("height"))
            #expect(root.attribute("viewBox") == "0 0 \(w) \(h)")
            #expect(root.attribute("role") == "img")
            #expect(root.children.first?.name == "title" && root.children.first?.textContent == chart.title)
            #expect(root.children.dropFirst().first?.name == "desc" && root.children.dropFirst().first?.textContent == chart.summary)
            #expect(
                !chart.summary.isEmpty && chart.summary.contains { $0.isNumber } || chart.summary.lowercased().contains("no "),
                "\(chart.name): \(chart.summary)")
            for e in Self.descendants(root) {
                #expect(e.name.lowercased() != "script" && e.name != "foreignObject" && e.name != "image" && e.name != "use")
                for name in ["onload", "onclick", "onmouseover", "href", "xlink:href"] {
                    #expect(e.attribute(name) == nil, "\(chart.name): \(e.name) has \(name)")
                }
            }
            #expect(!svg.contains("url(") && !svg.contains("@import") && !svg.contains("<!ENTITY"))
            #expect(
                svg.contains("@media screen and (prefers-color-scheme: dark)") && svg.contains("var(--ar-"),
                "\(chart.name): colours as custom properties with a dark variant for screens (print stays light)")
        }
    }

    @Test("markup in names stays text: escaped by libxml2, never an element")
    func namesWithMarkup() throws {
        let a = HardCases.awkwardNames
        let charts = ChartBuilder.build(a, insights: Analyzer.analyze(LoadedActivity(activity: a, diagnostics: [])))
        for chart in charts.charts {
            let svg = Self.text(chart)
            #expect(!svg.contains("<script>") && !svg.contains("<b>"), "\(chart.name)")
            let names = Self.descendants(try Self.parse(chart)).map(\.name)
            #expect(!names.contains("script") && !names.contains("b"))
        }
        let queriers = try #require(charts["top-queriers"])
        #expect(Self.text(queriers).contains("data-label=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
    }

    @Test(
        "every data mark carries data-label and data-value, and bar length matches the value",
        arguments: ["charts-small.json", "charts-rich.json"])
    func dataAttributes(_ fixture: String) throws {
        for chart in try ChartTestSupport.charts(fixture).charts {
            let elements = Self.descendants(try Self.parse(chart))
            let marks = elements.filter { $0.attribute("data-value") != nil }
            #expect(marks.count == chart.scene.dataMarks.count, "\(chart.name)")
            #expect(marks.allSatisfy { $0.attribute("data-label") != nil })
            let bars = marks.filter { $0.name == "rect" }
            let horizontal = ["roles", "top-queriers", "chart-editors", "dashboard-views", "chart-views", "home-dashboards"].contains(
                chart.name)
            let pairs: [(Double, Double)] = bars.compactMap { bar in
                guard let v = bar.attribute("data-value").flatMap(Double.init),
                    let len = bar.attribute(horizontal ? "width" : "height").flatMap(Double.init)
                else { return nil }
                return (v, len)
            }
            if let top = pairs.max(by: { $0.0 < $1.0 }), top.0 > 0 {
                for (v, len) in pairs {
                    #expect(abs(len - v * top.1 / top.0) <= 0.5, "\(chart.name): \(v) drawn \(len) px")
                }
            }
        }
    }

    @Test("the payload's numbers are the data-values: queries per user on the small sample")
    func dataValuesFromPayload() throws {
        let loaded = try ChartTestSupport.load("charts-small.json")
        let chart = try #require(try ChartTestSupport.charts("charts-small.json")["top-queriers"])
        let values = Self.descendants(try Self.parse(chart)).compactMap { $0.attribute("data-value") }
        #expect(values == loaded.activity.mostQueries.prefix(10).map { String($0.count) })
        let huge = HardCases.huge
        let big = try #require(
            ChartBuilder.build(huge, insights: Analyzer.analyze(LoadedActivity(activity: huge, diagnostics: [])))["top-queriers"])
        #expect(Self.text(big).contains("data-value=\"1000000000000\""))
    }

    @Test("every generated SVG passes the shared validator (svg.sh)")
    func externalValidator() throws {
        // CHARTS_KEEP_DIR=/some/dir keeps the files there for a look.
        let keep = ProcessInfo.processInfo.environment["CHARTS_KEEP_DIR"]
        let dir = try keep.map { URL(fileURLWithPath: $0) } ?? TestPaths.temporaryDirectory()
        if keep != nil { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }
        var files: [URL] = []
        var sets: [(String, ChartSet)] = [
            ("rich", try ChartTestSupport.charts("charts-rich.json")), ("small", try ChartTestSupport.charts("charts-small.json")),
        ]
        for (name, activity) in HardCases.all {
            sets.append(
                (
                    name.replacingOccurrences(of: " ", with: "-"),
                    ChartBuilder.build(activity, insights: Analyzer.analyze(LoadedActivity(activity: activity, diagnostics: [])))
                ))
        }
        for (prefix, set) in sets {
            for chart in set.charts {
                let url = dir.appendingPathComponent("\(prefix)-\(chart.name).svg")
                try Data(chart.svgBytes()).write(to: url)
                files.append(url)
            }
        }
        let spark = dir.appendingPathComponent("sparkline.svg")
        try Data(Sparkline.document(values: [1, 2, nil, 3], label: "Active users").serialize()).write(to: spark)
        files.append(spark)
        let result = try ChartTestSupport.validateSVG(files)
        #expect(result.status == 0, "svg.sh failed:\n\(result.output)")
        #expect(result.output.contains("\(files.count) files, 0 failed"), "\(result.output)")
    }
}
