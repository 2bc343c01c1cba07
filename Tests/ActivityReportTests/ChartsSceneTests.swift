import ActivityModel
import Insights
import ReportRendering
import Testing

@testable import Charts

/// Payloads that are hard to draw, built in code.
enum HardCases {
    static let last = Day(year: 2026, month: 2, day: 11)

    static func user(_ i: Int, _ first: String, _ lastName: String = "", count: Int) -> UserCount {
        UserCount(userUuid: "u\(i)", firstName: first, lastName: lastName, count: count)
    }

    static func series(days: Int, active: (Int) -> Int, percent: (Int) -> Double, average: (Int) -> Double?) -> (
        [ActiveUsersDay], [AverageQueriesDay]
    ) {
        let a = (0..<days).map { k in
            ActiveUsersDay(day: last.adding(days: k - days + 1), activeUsers: active(k), activePercent: percent(k))
        }
        let q = (0..<days).map { k in AverageQueriesDay(day: last.adding(days: k - days + 1), averageQueries: average(k)) }
        return (a, q)
    }

    static let empty = UserActivity(
        numberUsers: 0, numberAdmins: 0, numberEditors: 0, numberInteractiveViewers: 0, numberViewers: 0, weeklyActivePercent: 0)

    static var onePoint: UserActivity {
        let (a, q) = series(days: 1, active: { _ in 1 }, percent: { _ in 100 }, average: { _ in 3 })
        return UserActivity(
            numberUsers: 1, numberAdmins: 1, numberEditors: 0, numberInteractiveViewers: 0, numberViewers: 0, weeklyActivePercent: 100,
            mostQueries: [user(1, "Solo", count: 3)], mostCreatedCharts: [user(1, "Solo", count: 1)], noQueries: [],
            activeUsersSeries: a, averageQueriesSeries: q,
            dashboardViews: [ContentViews(uuid: "d1", name: "Only", count: 1)],
            chartViews: [ContentViews(uuid: "c1", name: "Only", count: 1)],
            userMostViewedDashboards: [
                UserDashboard(userUuid: "u1", firstName: "Solo", lastName: "", dashboardUuid: "d1", dashboardName: "Only", count: 1)
            ])
    }

    static var allZeros: UserActivity {
        let (a, q) = series(days: 43, active: { _ in 0 }, percent: { _ in 0 }, average: { _ in 0 })
        return UserActivity(
            numberUsers: 5, numberAdmins: 0, numberEditors: 0, numberInteractiveViewers: 0, numberViewers: 0, weeklyActivePercent: 0,
            mostQueries: [user(1, "Zero", count: 0), user(2, "Nil", count: 0)], mostCreatedCharts: [user(1, "Zero", count: 0)],
            noQueries: [], activeUsersSeries: a, averageQueriesSeries: q,
            dashboardViews: [ContentViews(uuid: "d1", name: "Zero views", count: 0)],
            chartViews: [ContentViews(uuid: "c1", name: "Zero", count: 0)])
    }

    static var zeroActivity: UserActivity {
        let (a, q) = series(days: 43, active: { _ in 0 }, percent: { _ in 0 }, average: { _ in nil })
        return UserActivity(
            numberUsers: 5, numberAdmins: 1, numberEditors: 2, numberInteractiveViewers: 0, numberViewers: 2, weeklyActivePercent: 0,
            noQueries: [user(1, "Old", count: 400), user(2, "Older", count: 100)], activeUsersSeries: a, averageQueriesSeries: q)
    }

    static var allEqual: UserActivity {
        let (a, q) = series(days: 43, active: { _ in 7 }, percent: { _ in 50 }, average: { _ in 4 })
        let users = (1...10).map { user($0, "User \($0)", count: 5) }
        return UserActivity(
            numberUsers: 14, numberAdmins: 7, numberEditors: 7, numberInteractiveViewers: 0, numberViewers: 0, weeklyActivePercent: 50,
            mostQueries: users, mostCreatedCharts: users,
            noQueries: users.map { UserCount(userUuid: $0.userUuid, firstName: $0.firstName, lastName: "", count: 200) },
            activeUsersSeries: a, averageQueriesSeries: q,
            dashboardViews: (1...10).map { ContentViews(uuid: "d\($0)", name: "Dash \($0)", count: 5) },
            chartViews: (1...10).map { ContentViews(uuid: "c\($0)", name: "Chart \($0)", count: 5) })
    }

    static var huge: UserActivity {
        let big = 1_000_000_000_000
        let (a, q) = series(
            days: 43, active: { big - $0 }, percent: { _ in 99 }, average: { $0 == 42 ? 1e20 : Double(big) / Double($0 + 1) })
        return UserActivity(
            numberUsers: big, numberAdmins: big / 2, numberEditors: big / 4, numberInteractiveViewers: 0, numberViewers: 0,
            weeklyActivePercent: 99,
            mostQueries: [user(1, "Big", count: big), user(2, "Small", count: 1)], mostCreatedCharts: [user(1, "Big", count: big)],
            noQueries: [user(3, "Gone", count: big)], activeUsersSeries: a, averageQueriesSeries: q,
            dashboardViews: [ContentViews(uuid: "d", name: "Huge", count: big)],
            chartViews: [ContentViews(uuid: "c", name: "Huge", count: big)])
    }

    static let longName = String(repeating: "Maximilian-", count: 18) + "Alexander"  // 207 characters
    static let names = [
        longName, "דוד כהן", "محمد عبد الله", "<script>alert(1)</script>", "Tom & \"Jerry\" <b>", "", "👩‍👩‍👧‍👦 Family", "Zoë Ünal",
    ]

    static var awkwardNames: UserActivity {
        let users = names.enumerated().map { i, n in user(i, n, count: 100 - i * 10) }
        return UserActivity(
            numberUsers: 8, numberAdmins: 1, numberEditors: 1, numberInteractiveViewers: 1, numberViewers: 1, weeklyActivePercent: 50,
            mostQueries: users, mostCreatedCharts: users, noQueries: users,
            dashboardViews: names.enumerated().map { ContentViews(uuid: "d\($0)", name: $1, count: 50 - $0) },
            chartViews: names.enumerated().map { ContentViews(uuid: "c\($0)", name: $1, count: 50 - $0) },
            userMostViewedDashboards: names.enumerated().map {
                UserDashboard(userUuid: "u\($0)", firstName: $1, lastName: "", dashboardUuid: nil, dashboardName: $1, count: 3)
            })
    }

    /// Three days thousands of years apart (dates are whatever the server sends).
    static var farApartDays: UserActivity {
        let days = [Day(year: 1, month: 1, day: 1), Day(year: 5000, month: 6, day: 15), Day(year: 9999, month: 12, day: 31)]
        return UserActivity(
            numberUsers: 3, numberAdmins: 3, numberEditors: 0, numberInteractiveViewers: 0, numberViewers: 0, weeklyActivePercent: 100,
            activeUsersSeries: days.enumerated().map { ActiveUsersDay(day: $1, activeUsers: $0 + 1, activePercent: 100) },
            averageQueriesSeries: days.enumerated().map { AverageQueriesDay(day: $1, averageQueries: $0 == 1 ? nil : 2.5) })
    }

    static var all: [(String, UserActivity)] {
        [
            ("empty", empty), ("one point", onePoint), ("all zeros", allZeros), ("zero activity", zeroActivity),
            ("all equal", allEqual), ("huge", huge), ("awkward names", awkwardNames), ("far apart days", farApartDays),
        ]
    }
}

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
