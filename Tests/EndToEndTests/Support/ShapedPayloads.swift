import ActivityModel
import Foundation

/// Payloads of a known shape, in the format real servers send (counts as strings, the daily
/// series newest first, dates at UTC midnight), for the tests of what the reports say: active
/// users rising, flat, falling by a given percent in the last week, falling for weeks with a flat
/// last week, a share of active users that falls while their count stays, an empty project and a
/// project with a single day of data. Numbers are large enough to need thousands separators.
enum ShapedPayloads {
    /// One project, described by its numbers.
    struct Spec {
        var users: Int
        /// Active users of the daily series, oldest first, ending on ``end``.
        var series: [Int]
        /// Rows of `tableMostQueries`; nil: the newest value of the series.
        var activeUsers: Int?
        /// `numberWeeklyQueryingUsers`; nil: `activeUsers * 100 / users`, truncated like the server.
        var percent: Int?
        /// Chart views of each active user in the last 7 days, cycled.
        var viewsPerUser: [Int] = [1_240, 310, 96, 57, 22, 9, 4, 1]
        /// Days since the last chart view of each inactive user.
        var inactiveDays: [Int] = []
        /// Chart saves of each user who saved one (the server sends at most 10 rows).
        var saves: [Int] = [14, 9, 6, 3, 1]
        var end: Day = Day(year: 2026, month: 2, day: 11)
        /// Admins, editors, interactive viewers, viewers; nil: shares of `users` that add up to it.
        var roles: (Int, Int, Int, Int)? = nil
    }

    static let firstNames = ["Ana", "Ben", "Chloé", "Dmitri", "Elif", "Farah", "Gus", "Hana", "Ishaan", "Jonas", "Kofi", "Lena"]
    static let lastNames = ["Okafor", "Lefèvre", "Martin", "Ivanov", "Yılmaz", "Haddad", "Pereira", "Sato", "Kapoor", "Berg"]

    /// A person's name without digits, so that no number of the report comes from a name.
    static func name(_ i: Int) -> (String, String) {
        let first = firstNames[i % firstNames.count]
        let last = lastNames[(i / firstNames.count) % lastNames.count]
        var suffix = ""
        var k = i / (firstNames.count * lastNames.count)
        while k > 0 {
            suffix += String(UnicodeScalar(UInt8(65 + k % 26)))
            k /= 26
        }
        return (first, suffix.isEmpty ? last : last + "-" + suffix)
    }

    static func user(_ prefix: String, _ i: Int, _ count: Int) -> String {
        let (first, last) = name(i)
        return "{\"userUuid\":\"\(prefix)-\(i)\",\"firstName\":\"\(first)\",\"lastName\":\"\(last)\",\"count\":\"\(count)\"}"
    }

    /// The payload of `spec` as a server sends it.
    static func payload(_ spec: Spec) -> [UInt8] {
        let active = spec.activeUsers ?? spec.series.last ?? 0
        let percent = spec.percent ?? (spec.users > 0 ? min(100, active * 100 / spec.users) : 0)
        let (admins, editors, interactive, viewers) =
            spec.roles ?? (
                spec.users / 20, spec.users / 6, spec.users / 4, max(0, spec.users - spec.users / 20 - spec.users / 6 - spec.users / 4)
            )
        let queries = (0..<active).map { user("q", $0, spec.viewsPerUser[$0 % spec.viewsPerUser.count]) }
        let saves = spec.saves.prefix(active > 0 ? 10 : 0).enumerated().map { user("q", $0.offset, $0.element) }
        let idle = spec.inactiveDays.enumerated().map { user("i", $0.offset, $0.element) }
        var activeRows: [String] = []
        var averageRows: [String] = []
        for (k, n) in spec.series.enumerated().reversed() {
            let day = spec.end.adding(days: k - spec.series.count + 1)
            let date = day.iso + "T00:00:00.000Z"
            let pct = spec.users > 0 ? min(100, n * 100 / spec.users) : 0
            activeRows.append("{\"date\":\"\(date)\",\"num_7d_active_users\":\"\(n)\",\"percent_7d_active_users\":\"\(pct)\"}")
            let average = n == 0 ? "null" : "\"\(4 + k % 5).\(10 + k % 80)\""
            averageRows.append("{\"date\":\"\(date)\",\"average_number_of_weekly_queries_per_user\":\(average)}")
        }
        let dashboards = (0..<12).map {
            "{\"count\":\"\(48_000 / ($0 + 1))\",\"uuid\":\"d-\($0)\",\"name\":\"Dashboard \(["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"][$0])\"}"
        }
        let charts = (0..<12).map {
            "{\"count\":\"\(91_000 / ($0 + 1))\",\"uuid\":\"c-\($0)\",\"name\":\"Chart \(["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"][$0])\"}"
        }
        let homes = (0..<min(active, 1_500)).map { i -> String in
            let (first, last) = name(i)
            let d = i % 7 == 0 ? 1 : 0
            return
                "{\"userUuid\":\"q-\(i)\",\"firstName\":\"\(first)\",\"lastName\":\"\(last)\",\"count\":\"\(3 + i % 40)\",\"dashboardName\":\"Dashboard \(d == 0 ? "A" : "B")\",\"dashboardUuid\":\"d-\(d)\"}"
        }
        let json = """
            {"status":"ok","results":{"numberUsers":\(spec.users),"numberInteractiveViewers":\(interactive),\
            "numberViewers":\(viewers),"numberEditors":\(editors),"numberAdmins":\(admins),\
            "numberWeeklyQueryingUsers":\(percent),"tableMostQueries":[\(queries.joined(separator: ","))],\
            "tableMostCreatedCharts":[\(saves.joined(separator: ","))],"tableNoQueries":[\(idle.joined(separator: ","))],\
            "chartWeeklyQueryingUsers":[\(activeRows.joined(separator: ","))],\
            "chartWeeklyAverageQueries":[\(averageRows.joined(separator: ","))],\
            "dashboardViews":[\(spec.users > 0 ? dashboards.joined(separator: ",") : "")],\
            "userMostViewedDashboards":[\(homes.joined(separator: ","))],\
            "chartViews":[\(spec.users > 0 ? charts.joined(separator: ",") : "")]}}
            """
        return Array(json.utf8)
    }

    /// 43 days of `value(day)`, day 0 the oldest.
    static func days(_ value: (Int) -> Double) -> [Int] { (0..<43).map { Int(value($0).rounded()) } }

    /// Inactive users: a few in each bucket.
    static let someInactive = Array(repeating: 120, count: 300) + Array(repeating: 200, count: 150) + Array(repeating: 500, count: 90)

    /// Active users rising steadily, 12% in the last week.
    static func rising() -> Spec {
        Spec(users: 5_000, series: days { 2_000 * pow(1.12, Double($0) / 7) }, inactiveDays: someInactive)
    }

    /// Active users flat at 3,100.
    static func flat() -> Spec {
        Spec(users: 5_000, series: days { _ in 3_100 }, inactiveDays: someInactive)
    }

    /// Flat at 3,000 for five weeks, then a fall of `percent` % over the last week.
    static func falling(percent: Int) -> Spec {
        let last = 3_000 * (1 - Double(percent) / 100)
        return Spec(
            users: 5_000, series: days { $0 <= 35 ? 3_000 : 3_000 + (last - 3_000) * Double($0 - 35) / 7 }, inactiveDays: someInactive)
    }

    /// Falling by about 4% a week for five weeks, then flat for the last 7 days.
    static func fallingTrendFlatLastWeek() -> Spec {
        Spec(users: 5_000, series: days { 3_400 * (1 - 0.04 * Double(min($0, 35)) / 7) }, inactiveDays: someInactive)
    }

    /// The same 1,500 active users both times, but more users with access now: the share falls
    /// from 75% to 62%. `(previous, current)`.
    static func shareFallingWithConstantCount() -> (previous: Spec, current: Spec) {
        (
            Spec(users: 2_000, series: days { _ in 1_500 }, inactiveDays: [120, 300]),
            Spec(users: 2_400, series: days { _ in 1_500 }, inactiveDays: [120, 300, 400])
        )
    }

    /// A brand-new project: no users, no rows.
    static func empty() -> Spec {
        Spec(users: 0, series: [], activeUsers: 0, saves: [])
    }

    /// One day of data.
    static func singleDay() -> Spec {
        Spec(users: 1_200, series: [800], inactiveDays: [95])
    }

    /// Every shape with a name, the falling one at several depths.
    static func all() -> [(name: String, spec: Spec)] {
        var out: [(String, Spec)] = [
            ("rising", rising()), ("flat", flat()), ("falling-trend-flat-week", fallingTrendFlatLastWeek()),
            ("share-falling", shareFallingWithConstantCount().current), ("empty", empty()), ("single-day", singleDay()),
        ]
        for p in [1, 2, 3, 4, 5, 8, 9, 10, 12, 20, 24, 25, 30, 40] { out.append(("falling-\(p)", falling(percent: p))) }
        return out
    }
}
