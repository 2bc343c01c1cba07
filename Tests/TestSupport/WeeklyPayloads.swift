public import ActivityModel
import Foundation

/// Payloads of a weekly job over a year, with known numbers: for the `--history` tests.
public enum WeeklyPayloads {
    /// The first run's day (a Wednesday, like the fixtures' 11 Feb 2026).
    public static let firstDay = Day(year: 2025, month: 2, day: 12)

    /// The day of week `week` (0 = the first run).
    public static func day(_ week: Int) -> Day { firstDay.adding(days: 7 * week) }

    /// A payload of `day` with `active` users active in the last 7 days (rows of the list and
    /// the newest day of the daily series), `users` users (1 admin, 1 editor, the rest viewers)
    /// and `inactive` inactive ones; `dailyDays` days of daily series ending on `day`, every
    /// day at `active`.
    public static func payload(day: Day, active: Int, users: Int, inactive: Int, dailyDays: Int = 1) -> [UInt8] {
        func person(_ prefix: String, _ i: Int, _ count: Int) -> [String: Any] {
            ["userUuid": "\(prefix)\(i)", "firstName": "P\(i)", "lastName": prefix, "count": String(count)]
        }
        let percent = users == 0 ? 0 : Double(active) * 100 / Double(users)
        let series = (0..<dailyDays).map { back -> [String: Any] in
            [
                "date": day.adding(days: -back).iso + "T00:00:00.000Z", "num_7d_active_users": String(active),
                "percent_7d_active_users": String(format: "%.2f", percent),
            ]
        }
        let results: [String: Any] = [
            "numberUsers": users, "numberAdmins": 1, "numberEditors": 1, "numberInteractiveViewers": 0,
            "numberViewers": max(0, users - 2), "numberWeeklyQueryingUsers": (percent * 100).rounded() / 100,
            "tableMostQueries": (0..<active).map { person("a", $0, 5 + $0 % 7) },
            "tableMostCreatedCharts": [] as [Any],
            "tableNoQueries": (0..<inactive).map { person("n", $0, 100 + $0) },
            "chartWeeklyQueryingUsers": series,
            "chartWeeklyAverageQueries": series.map { ["date": $0["date"] ?? "", "average_number_of_weekly_queries_per_user": "2.00"] },
            "dashboardViews": [] as [Any], "chartViews": [] as [Any], "userMostViewedDashboards": [] as [Any],
        ]
        let root: [String: Any] = ["status": "ok", "results": results]
        return Array((try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])) ?? Data())
    }

    /// Active users of the simulated year: rising by 1 a week from 40 to 79 (weeks 0-39),
    /// then falling by 3 a week (weeks 40-51: 80 down to 47).
    public static func active(_ week: Int) -> Int { week < 40 ? 40 + week : 80 - 3 * (week - 40) }
    /// Users with access: 100, one more every 4 weeks.
    public static func users(_ week: Int) -> Int { 100 + week / 4 }
    /// Inactive users: 10, one more every 2 weeks.
    public static func inactive(_ week: Int) -> Int { 10 + week / 2 }
    /// The weeks without a run in the simulated year: a 3-week gap.
    public static let missedWeeks: Set<Int> = [20, 21, 22]

    /// The payload of week `week` of the simulated year.
    public static func year(_ week: Int, dailyDays: Int = 1) -> [UInt8] {
        payload(day: day(week), active: active(week), users: users(week), inactive: inactive(week), dailyDays: dailyDays)
    }
}
