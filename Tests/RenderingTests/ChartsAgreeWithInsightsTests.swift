import ActivityModel
import Charts
import Insights
import Testing

@testable import ReportRendering

/// Every number a chart, its summary, its table or the project index shows that the analysis
/// derives is read from ``Insights``: one test per number that used to be derived twice. Each
/// test checks the agreement on a payload made to trip a second derivation, then hands the
/// renderers an `Insights` value changed by hand and checks they follow it (a recount from the
/// payload would not).
@Suite("Charts and the project index read their numbers from Insights")
struct ChartsAgreeWithInsightsTests {
    static let last = Day(year: 2026, month: 2, day: 11)

    static func user(_ i: Int, count: Int) -> UserCount {
        UserCount(userUuid: "u\(i)", firstName: "User", lastName: "\(i)", count: count)
    }

    static func activity(
        users: Int = 40, roles: (Int, Int, Int, Int) = (10, 10, 10, 10), queries: [Int] = [9, 5, 1], created: [Int] = [4, 2],
        idle: [Int] = [], series: [Int] = [], homes: [(uuid: String?, name: String)] = [],
        dashboards: [(String, Int)] = [], charts: [(String, Int)] = []
    ) -> UserActivity {
        UserActivity(
            numberUsers: users, numberAdmins: roles.0, numberEditors: roles.1, numberInteractiveViewers: roles.2, numberViewers: roles.3,
            weeklyActivePercent: 50,
            mostQueries: queries.enumerated().map { user($0, count: $1) },
            mostCreatedCharts: created.enumerated().map { user(100 + $0, count: $1) },
            noQueries: idle.enumerated().map { user(200 + $0, count: $1) },
            activeUsersSeries: series.enumerated().map { k, n in
                ActiveUsersDay(day: last.adding(days: k - series.count + 1), activeUsers: n, activePercent: Double(n) * 100 / Double(users))
            },
            averageQueriesSeries: series.enumerated().map { k, _ in
                AverageQueriesDay(day: last.adding(days: k - series.count + 1), averageQueries: 2)
            },
            dashboardViews: dashboards.enumerated().map { ContentViews(uuid: "d\($0)", name: $1.0, count: $1.1) },
            chartViews: charts.enumerated().map { ContentViews(uuid: "c\($0)", name: $1.0, count: $1.1) },
            userMostViewedDashboards: homes.enumerated().map {
                UserDashboard(
                    userUuid: "v\($0)", firstName: "Viewer", lastName: "\($0)", dashboardUuid: $1.uuid, dashboardName: $1.name, count: 3)
            })
    }

    static func analyze(_ a: UserActivity) -> Insights { Analyzer.analyze(LoadedActivity(activity: a, diagnostics: [])) }

    static func spec(_ name: String, _ a: UserActivity, _ insights: Insights) throws -> ChartBuilder.Spec {
        try #require(ChartBuilder.specs(a, insights: insights).first { $0.name == name })
    }

    static func values(_ spec: ChartBuilder.Spec) -> [Int] { spec.scene.dataMarks.compactMap { $0.datum.map { Int($0.value) } } }
    static func labels(_ spec: ChartBuilder.Spec) -> [String] { spec.scene.dataMarks.compactMap { $0.datum?.label } }

    @Test("inactivity: the bars, table and summary are insights.inactive's buckets, at 89/90/179/180/364/365 days")
    func inactivityBuckets() throws {
        let a = Self.activity(idle: [89, 90, 179, 180, 364, 365, 365, 1000, 5000])
        var insights = Self.analyze(a)
        let i = insights.inactive
        #expect([i.days90to179, i.days180to364, i.days365plus] == [3, 2, 4])
        let chart = try Self.spec("inactivity", a, insights)
        #expect(Self.values(chart) == i.buckets.map(\.count))
        #expect(chart.table.rows.map { $0[1] } == ["3", "2", "4"])
        #expect(
            chart.scene.summary.hasPrefix(
                "9 users have had no chart view for 90 days or more: 3 for 90\u{2013}179 days, 2 for 180\u{2013}364 days and 4 for a year or more."
            ))

        insights.inactive = Insights.Inactive(count: 60, percentOfUsers: 1, days90to179: 10, days180to364: 20, days365plus: 30)
        let followed = try Self.spec("inactivity", a, insights)
        #expect(Self.values(followed) == [10, 20, 30])
        #expect(followed.scene.summary.hasPrefix("60 users have had no chart view for 90 days or more: 10 for 90\u{2013}179 days"))
    }

    @Test("home dashboards: the chart's order and names are insights.content.homeDashboards', on ties with and without dashboardUuid")
    func homeDashboardsOrder() throws {
        let a = Self.activity(homes: [
            ("b", "Alpha"), (nil, "Beta"), ("a", "Zeta"), (nil, "Alpha"), ("s", "Sales v2"), ("s", "Sales"), ("c", "Gamma"), ("c", "Gamma"),
        ])
        let insights = Self.analyze(a)
        let homes = insights.content.homeDashboards
        // Most users first; ties by uuid, rows without one after them by name; one name per uuid.
        #expect(homes.map(\.name) == ["Gamma", "Sales", "Zeta", "Alpha", "Alpha", "Beta"])
        #expect(homes.map(\.uuid) == ["c", "s", "a", "b", nil, nil])
        let chart = try Self.spec("home-dashboards", a, insights)
        #expect(Self.labels(chart) == homes.map(\.name))
        #expect(Self.values(chart) == homes.map(\.users))
        #expect(chart.table.rows.map { $0[1] } == homes.map(\.name))
        #expect(chart.scene.summary == "“Gamma” is the most viewed dashboard for 2 of 8 users who viewed a dashboard.")
        #expect(insights.content.homeDashboardViewers == a.userMostViewedDashboards.count)

        var changed = insights
        changed.content.homeDashboards = [.init(uuid: "x", name: "Set by hand", users: 5), .init(uuid: nil, name: "", users: 1)]
        let followed = try Self.spec("home-dashboards", a, changed)
        #expect(Self.labels(followed) == ["Set by hand", "Untitled"])
        #expect(followed.scene.summary == "“Set by hand” is the most viewed dashboard for 5 of 6 users who viewed a dashboard.")
    }

    @Test("week over week: the active-users headline and summary, insights.trend and the index row agree")
    func weekOverWeek() throws {
        // 15 days: the newest has 9 active users, 7 days before it 12.
        let a = Self.activity(series: [1, 2, 3, 4, 5, 6, 7, 12, 11, 10, 9, 8, 7, 8, 9])
        var insights = Self.analyze(a)
        let trend = insights.trend
        #expect(trend.changeActiveUsers == -3)
        _ = try #require(trend.weekAgo)
        let chart = try Self.spec("active-users", a, insights)
        let headline = chart.scene.texts.map(\.text).first { $0.contains(" vs ") }
        #expect(headline?.hasSuffix("· -3 vs a week earlier") == true, "\(headline ?? "no headline")")
        #expect(
            chart.scene.summary.contains(
                "9 of 40 users (23%) were active in the 7 days to \(Self.last.long), down from 12 a week earlier"))
        let row = ProjectIndexRow(name: "P", uuid: "p", folder: "p", insights: insights)
        #expect(row.weekOverWeek == trend.changeActiveUsers)
        #expect(ProjectIndex.cells(row)[3] == "-3")

        insights.trend.changeActiveUsers = 5
        let followed = try Self.spec("active-users", a, insights)
        #expect(followed.scene.texts.contains { $0.text.hasSuffix("· +5 vs a week earlier") })
        #expect(followed.scene.summary.contains(", up from 12 a week earlier"))
        #expect(ProjectIndexRow(name: "P", uuid: "p", folder: "p", insights: insights).weekOverWeek == 5)
    }

    @Test("the index row's users, active users, percent and inactive users are insights.json's")
    func indexRow() {
        let a = Self.activity(users: 40, queries: [3, 2, 1], idle: [100, 200])
        var insights = Self.analyze(a)
        let row = ProjectIndexRow(name: "P", uuid: "p", folder: "p", insights: insights)
        #expect(row.users == insights.users.total)
        #expect(row.activeUsers == insights.activity.activeUsers)
        #expect(row.activePercent == insights.activity.activePercent)
        #expect(row.inactiveUsers == insights.inactive.count)
        #expect(ProjectIndex.cells(row) == ["40", "3", "50%", "–", "2"])

        insights.users.total = 41
        insights.activity.activeUsers = 4
        insights.activity.activePercent = 12.5
        insights.inactive.count = 7
        #expect(
            ProjectIndex.cells(ProjectIndexRow(name: "P", uuid: "p", folder: "p", insights: insights)) == ["41", "4", "13%", "–", "7"])
    }

    @Test("top users by chart views: the total of chart views and of active users are insights.activity's")
    func queriesTotals() throws {
        let a = Self.activity(queries: Array(repeating: 2, count: 12) + [1])
        var insights = Self.analyze(a)
        #expect(insights.activity.queries7d == 25 && insights.activity.activeUsers == 13)
        let chart = try Self.spec("top-queriers", a, insights)
        #expect(
            chart.scene.summary
                == "User 0 had the most chart views in the last 7 days (2 of 25, by 13 active users); the chart shows the top 10 of 13 users."
        )

        insights.activity.queries7d = 1_000
        insights.activity.activeUsers = 50
        let followed = try Self.spec("top-queriers", a, insights)
        #expect(
            followed.scene.summary
                == "User 0 had the most chart views in the last 7 days (2 of 1,000, by 50 active users); the chart shows the top 10 of 50 users."
        )
    }

    @Test("chart editors: the chart saves are insights.creators', also past the 10 users drawn")
    func chartVersions() throws {
        let few = Self.activity(created: [4, 2])
        let chart = try Self.spec("chart-editors", few, Self.analyze(few))
        #expect(
            chart.scene.summary == "User 100 had the most chart saves in the last 7 days (4); the 2 users shown made 6 chart saves in all.")

        let many = Self.activity(created: Array(repeating: 3, count: 11) + [1])
        let insights = Self.analyze(many)
        #expect(insights.creators.chartUpdates7d == 34 && insights.creators.count == 12)
        let capped = try Self.spec("chart-editors", many, insights)
        #expect(
            capped.scene.summary
                == "User 100 had the most chart saves in the last 7 days (3); the 12 users made 34 chart saves in all; the chart shows the top 10 of 12 users."
        )

        var changed = Self.analyze(few)
        changed.creators = Insights.Creators(count: 2, chartUpdates7d: 99)
        #expect(try Self.spec("chart-editors", few, changed).scene.summary.hasSuffix("the 2 users shown made 99 chart saves in all."))
    }

    @Test("roles: the bars, including other roles, are insights.users'")
    func roles() throws {
        let a = Self.activity(users: 50, roles: (1, 2, 3, 4))
        var insights = Self.analyze(a)
        #expect(insights.users.other == 40)
        let chart = try Self.spec("roles", a, insights)
        let u = insights.users
        #expect(Self.values(chart) == [u.admins, u.editors, u.interactiveViewers, u.viewers, u.other])
        #expect(
            chart.scene.summary
                == "Of 50 users, 1 admin, 2 editors, 3 interactive viewers, 4 viewers and 40 other roles (custom roles are in no bucket); editors include developers."
        )

        insights.users.other = 0
        insights.users.total = 10
        let followed = try Self.spec("roles", a, insights)
        #expect(Self.values(followed) == [1, 2, 3, 4])
        #expect(
            followed.scene.summary == "Of 10 users, 1 admin, 2 editors, 3 interactive viewers and 4 viewers; editors include developers.")
    }

    @Test("the most viewed dashboard and chart named in the summaries are insights.content's top items")
    func topItems() throws {
        let a = Self.activity(dashboards: [("Sales", 30), ("Ops", 30), ("HR", 2)], charts: [("Funnel", 7)])
        var insights = Self.analyze(a)
        #expect(insights.content.topDashboard?.name == "Sales")
        let dashboards = try Self.spec("dashboard-views", a, insights)
        #expect(dashboards.scene.summary == "“Sales” is the most viewed dashboard of all time with 30 views.")
        let charts = try Self.spec("chart-views", a, insights)
        #expect(charts.scene.summary == "“Funnel” is the most viewed chart of all time with 7 views.")

        insights.content.topDashboard = Insights.TopItem(uuid: "d1", name: "Ops", views: 31, shareOfListed: nil)
        insights.content.topChart = Insights.TopItem(uuid: "c0", name: " ", views: 1, shareOfListed: nil)
        #expect(
            try Self.spec("dashboard-views", a, insights).scene.summary == "“Ops” is the most viewed dashboard of all time with 31 views.")
        #expect(try Self.spec("chart-views", a, insights).scene.summary == "“Untitled” is the most viewed chart of all time with 1 view.")
    }

    @Test("the active-users summary counts the days of insights.trend")
    func capNote() throws {
        let a = Self.activity(series: Array(repeating: 5, count: 200))
        var insights = Self.analyze(a)
        #expect(insights.trend.days == 200)
        #expect(
            try Self.spec("active-users", a, insights).scene.summary.hasSuffix(
                "(the newest 180 of 200 days are drawn; data/daily-activity.csv, beside the report, has every day)."))
        insights.trend.days = 365
        #expect(
            try Self.spec("active-users", a, insights).scene.summary.hasSuffix(
                "(the newest 180 of 365 days are drawn; data/daily-activity.csv, beside the report, has every day)."))
    }
}
