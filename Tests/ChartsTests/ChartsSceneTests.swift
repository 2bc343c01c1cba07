import ActivityModel
import Insights
import ReportRendering
import TestSupport
import Testing

@testable import Charts

@Suite("Charts: scenes")
struct ChartsSceneTests {
    /// Every invariant a chart scene must satisfy.
    static func checkInvariants(_ spec: ChartBuilder.Spec, _ context: String) {
        let scene = spec.scene
        #expect(!scene.title.isEmpty && !scene.summary.isEmpty, "\(context) \(spec.name): title and summary")
        #expect(scene.width > 0 && scene.height > 0 && scene.width.isFinite && scene.height.isFinite)
        // Every data mark inside the plot area.
        for node in scene.dataMarks {
            switch node.shape {
            case .rect(let box):
                #expect(scene.plot.contains(box, tolerance: 0.5), "\(context) \(spec.name): bar \(box) outside plot \(scene.plot)")
                #expect(box.width >= 0 && box.height >= 0)
            case .circle(let p, _):
                #expect(scene.plot.contains(p, tolerance: 0.5), "\(context) \(spec.name): point \(p) outside plot \(scene.plot)")
            default:
                break
            }
            #expect(node.datum?.value.isFinite == true)
        }
        // No two labels overlap, and every label is inside the drawing.
        let boxes = scene.texts.map(\.box)
        let drawing = Box(x: 0, y: 0, width: scene.width, height: scene.height)
        for (i, a) in boxes.enumerated() {
            #expect(
                drawing.contains(a, tolerance: 0.5), "\(context) \(spec.name): label \(scene.texts[i].text) at \(a) outside the drawing")
            for j in (i + 1)..<boxes.count where a.overlaps(boxes[j]) {
                Issue.record("\(context) \(spec.name): labels overlap: \(scene.texts[i].text) \(a) and \(scene.texts[j].text) \(boxes[j])")
            }
        }
        // Bar lengths proportional to values (within 0.5 px).
        let bars: [(Double, Double)] = scene.dataMarks.compactMap { node in
            guard case .rect(let box) = node.shape, let d = node.datum else { return nil }
            return (d.value, box.width == scene.plot.width || box.x == scene.plot.x ? box.width : box.height)
        }
        if let biggest = bars.max(by: { $0.0 < $1.0 }), biggest.0 > 0 {
            let pixelsPerUnit = biggest.1 / biggest.0
            for (value, length) in bars {
                #expect(
                    abs(length - value * pixelsPerUnit) <= 0.5,
                    "\(context) \(spec.name): bar for \(value) is \(length) px, expected \(value * pixelsPerUnit)")
            }
        } else {
            #expect(bars.allSatisfy { $0.1 == 0 }, "\(context) \(spec.name): zero values must draw zero-length bars")
        }
    }

    @Test("the nine charts come in the fixed order")
    func order() throws {
        let specs = ChartTestSupport.specs(try ChartTestSupport.load("charts-rich.json").activity)
        #expect(specs.map(\.name) == ChartSet.names)
        #expect(ChartSet.names.count == 9)
    }

    @Test(
        "scenes on the fixtures: marks inside the plot, no overlapping labels, bars proportional",
        arguments: ["charts-small.json", "charts-rich.json"])
    func fixtureInvariants(_ fixture: String) throws {
        for spec in ChartTestSupport.specs(try ChartTestSupport.load(fixture).activity) {
            Self.checkInvariants(spec, fixture)
        }
    }

    @Test("hard cases draw without error and satisfy the invariants")
    func hardCases() {
        for (name, activity) in HardCases.all {
            for spec in ChartTestSupport.specs(activity) { Self.checkInvariants(spec, name) }
        }
    }

    @Test("bar values equal the payload's numbers")
    func dataValuesMatchPayload() throws {
        let a = try ChartTestSupport.load("charts-rich.json").activity
        let specs = Dictionary(uniqueKeysWithValues: ChartTestSupport.specs(a).map { ($0.name, $0) })
        func values(_ name: String) -> [Double] { specs[name]?.scene.dataMarks.compactMap { $0.datum?.value } ?? [] }
        func labels(_ name: String) -> [String] { specs[name]?.scene.dataMarks.compactMap { $0.datum?.label } ?? [] }
        #expect(values("top-queriers") == a.mostQueries.prefix(10).map { Double($0.count) })
        #expect(labels("top-queriers") == a.mostQueries.prefix(10).map { ChartBuilder.personName($0.name) })
        #expect(values("chart-editors") == a.mostCreatedCharts.prefix(10).map { Double($0.count) })
        #expect(values("dashboard-views") == a.dashboardViews.prefix(10).map { Double($0.count) })
        #expect(values("chart-views") == a.chartViews.prefix(10).map { Double($0.count) })
        #expect(
            values("roles")
                == [a.numberAdmins, a.numberEditors, a.numberInteractiveViewers, a.numberViewers, a.otherRoles].map(Double.init))
        #expect(values("inactivity").reduce(0, +) == Double(a.noQueries.count))
        #expect(values("home-dashboards").reduce(0, +) <= Double(a.userMostViewedDashboards.count))
        let activeValues = specs["active-users"]?.scene.dataMarks.filter { $0.style != .pointSecondary && $0.datum?.value ?? -1 <= 100 }
        #expect(activeValues?.count ?? 0 > 0)
        let counts = specs["active-users"]?.scene.dataMarks.prefix(a.activeUsersSeries.count).compactMap { $0.datum?.value }
        #expect(counts == a.activeUsersSeries.map { Double($0.activeUsers) })
        #expect(values("average-queries") == a.averageQueriesSeries.compactMap(\.averageQueries))
    }

    @Test(
        "each chart's data table has one row per bar or day, with the same numbers", arguments: ["charts-small.json", "charts-rich.json"])
    func dataTables(_ fixture: String) throws {
        let a = try ChartTestSupport.load(fixture).activity
        for spec in ChartTestSupport.specs(a) {
            let table = spec.table
            #expect(table.rows.allSatisfy { $0.count == table.columns.count }, "\(spec.name)")
            #expect(table.numeric.count == table.columns.count)
            switch spec.name {
            case "active-users":
                #expect(table.rows.count == a.activeUsersSeries.count)
                // Newest day first, like the page's daily table.
                #expect(table.rows.map { $0[1] } == a.activeUsersSeries.reversed().map { ChartFormat.integer($0.activeUsers) })
                #expect(table.rows.first?[0] == a.activeUsersSeries.last?.day.long)
            case "average-queries":
                #expect(table.rows.count == a.averageQueriesSeries.count)
            default:
                let bars = spec.scene.dataMarks
                #expect(table.rows.count == bars.count, "\(spec.name)")
                let valueColumn = table.columns.count - (spec.name == "roles" ? 2 : 1)
                #expect(table.rows.map { $0[valueColumn] } == bars.map { ChartFormat.integer(Int($0.datum?.value ?? -1)) }, "\(spec.name)")
            }
        }
    }

    @Test("the other-roles bar appears only when the buckets fall short of the total")
    func otherRoles() throws {
        let rich = try ChartTestSupport.load("charts-rich.json").activity
        #expect(ChartTestSupport.specs(rich)[2].scene.dataMarks.last?.datum?.label == "Other roles")
        let small = try ChartTestSupport.load("charts-small.json").activity
        #expect(!ChartTestSupport.specs(small)[2].scene.dataMarks.contains { $0.datum?.label == "Other roles" })
    }

    @Test("with no data every chart says so instead of drawing an empty box")
    func emptyState() {
        for spec in ChartTestSupport.specs(HardCases.empty) {
            #expect(spec.scene.dataMarks.isEmpty, "\(spec.name)")
            #expect(spec.scene.texts.contains { $0.text == Layouts.emptyMessage }, "\(spec.name)")
        }
    }

    @Test("the active-users summary gives count, total, percent, date and the weekly change")
    func activeUsersSummary() throws {
        let loaded = try ChartTestSupport.load("charts-small.json")
        let spec = ChartTestSupport.specs(loaded.activity)[0]
        let latest = try #require(loaded.activity.activeUsersSeries.last)
        #expect(
            spec.scene.summary.hasPrefix(
                "\(latest.activeUsers) of \(loaded.activity.numberUsers) users (\(ChartFormat.percent(latest.activePercent))) were active in the 7 days to \(latest.day.long)"
            ))
        #expect(spec.scene.summary.contains("a week earlier"))
        // The week-ago reference line is drawn and explained in the legend.
        #expect(spec.scene.nodes.contains { $0.style == .reference })
        #expect(spec.scene.texts.contains { $0.text.contains("7 days before the latest") })
    }

    @Test("null averages break the line and are shaded and explained")
    func averageGaps() throws {
        let a = try ChartTestSupport.load("charts-rich.json").activity
        let spec = ChartTestSupport.specs(a)[1]
        let missing = a.averageQueriesSeries.filter { $0.averageQueries == nil }.count
        #expect(missing > 0)
        let line = spec.scene.nodes.first { $0.style == .line }
        guard case .polyline(let pieces)? = line?.shape else {
            Issue.record("no line")
            return
        }
        #expect(pieces.count > 1)
        #expect(spec.scene.nodes.contains { $0.style == .gap })
        #expect(spec.scene.summary.contains("\(missing) days have none because no user was active"))
        #expect(spec.scene.texts.contains { $0.text.hasPrefix("\(missing) days with no active user") })
    }

    @Test("empty names read Unnamed user or Untitled; long names are truncated with the full text kept")
    func names() {
        let specs = ChartTestSupport.specs(HardCases.awkwardNames)
        let queriers = specs[3].scene
        #expect(queriers.dataMarks.contains { $0.datum?.label == "Unnamed user" })
        #expect(specs[5].scene.dataMarks.contains { $0.datum?.label == "Untitled" })
        let long = queriers.texts.first { $0.fullText == HardCases.longName }
        #expect(long?.text.hasSuffix("…") == true)
        #expect(queriers.texts.contains { $0.text == "\u{2068}דוד כהן\u{2069}" })
    }

    @Test("the sparkline has one data mark on the last value and survives missing and equal values")
    func sparkline() {
        let s = Sparkline.scene(values: [1, 2, nil, 4], label: "Active users")
        #expect(s.dataMarks.count == 1)
        #expect(s.dataMarks.first?.datum?.value == 4)
        #expect(Sparkline.scene(values: [5, 5, 5], label: "Flat").dataMarks.count == 1)
        #expect(Sparkline.scene(values: [], label: "None").dataMarks.isEmpty)
        #expect(Sparkline.scene(values: [nil], label: "None").dataMarks.isEmpty)
    }
}
