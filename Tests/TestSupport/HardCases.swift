public import ActivityModel

/// Payloads that are hard to draw, built in code.
public enum HardCases {
    public static let last = Day(year: 2026, month: 2, day: 11)

    public static func user(_ i: Int, _ first: String, _ lastName: String = "", count: Int) -> UserCount {
        UserCount(userUuid: "u\(i)", firstName: first, lastName: lastName, count: count)
    }

    public static func series(days: Int, active: (Int) -> Int, percent: (Int) -> Double, average: (Int) -> Double?) -> (
        [ActiveUsersDay], [AverageQueriesDay]
    ) {
        let a = (0..<days).map { k in
            ActiveUsersDay(day: last.adding(days: k - days + 1), activeUsers: active(k), activePercent: percent(k))
        }
        let q = (0..<days).map { k in AverageQueriesDay(day: last.adding(days: k - days + 1), averageQueries: average(k)) }
        return (a, q)
    }

    public static let empty = UserActivity(
        numberUsers: 0, numberAdmins: 0, numberEditors: 0, numberInteractiveViewers: 0, numberViewers: 0, weeklyActivePercent: 0)

    public static var onePoint: UserActivity {
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

    public static var allZeros: UserActivity {
        let (a, q) = series(days: 43, active: { _ in 0 }, percent: { _ in 0 }, average: { _ in 0 })
        return UserActivity(
            numberUsers: 5, numberAdmins: 0, numberEditors: 0, numberInteractiveViewers: 0, numberViewers: 0, weeklyActivePercent: 0,
            mostQueries: [user(1, "Zero", count: 0), user(2, "Nil", count: 0)], mostCreatedCharts: [user(1, "Zero", count: 0)],
            noQueries: [], activeUsersSeries: a, averageQueriesSeries: q,
            dashboardViews: [ContentViews(uuid: "d1", name: "Zero views", count: 0)],
            chartViews: [ContentViews(uuid: "c1", name: "Zero", count: 0)])
    }

    public static var zeroActivity: UserActivity {
        let (a, q) = series(days: 43, active: { _ in 0 }, percent: { _ in 0 }, average: { _ in nil })
        return UserActivity(
            numberUsers: 5, numberAdmins: 1, numberEditors: 2, numberInteractiveViewers: 0, numberViewers: 2, weeklyActivePercent: 0,
            noQueries: [user(1, "Old", count: 400), user(2, "Older", count: 100)], activeUsersSeries: a, averageQueriesSeries: q)
    }

    public static var allEqual: UserActivity {
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

    public static var huge: UserActivity {
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

    public static let longName = String(repeating: "Maximilian-", count: 18) + "Alexander"  // 207 characters
    public static let names = [
        longName, "דוד כהן", "محمد عبد الله", "<script>alert(1)</script>", "Tom & \"Jerry\" <b>", "", "👩‍👩‍👧‍👦 Family", "Zoë Ünal",
    ]

    public static var awkwardNames: UserActivity {
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
    public static var farApartDays: UserActivity {
        let days = [Day(year: 1, month: 1, day: 1), Day(year: 5000, month: 6, day: 15), Day(year: 9999, month: 12, day: 31)]
        return UserActivity(
            numberUsers: 3, numberAdmins: 3, numberEditors: 0, numberInteractiveViewers: 0, numberViewers: 0, weeklyActivePercent: 100,
            activeUsersSeries: days.enumerated().map { ActiveUsersDay(day: $1, activeUsers: $0 + 1, activePercent: 100) },
            averageQueriesSeries: days.enumerated().map { AverageQueriesDay(day: $1, averageQueries: $0 == 1 ? nil : 2.5) })
    }

    public static var all: [(String, UserActivity)] {
        [
            ("empty", empty), ("one point", onePoint), ("all zeros", allZeros), ("zero activity", zeroActivity),
            ("all equal", allEqual), ("huge", huge), ("awkward names", awkwardNames), ("far apart days", farApartDays),
        ]
    }
}
