public import ActivityModel

/// `users` and `activity`.
extension Analyzer {
    public static func users(_ a: UserActivity) -> Insights.Users {
        Insights.Users(
            total: a.numberUsers, admins: a.numberAdmins, editors: a.numberEditors,
            interactiveViewers: a.numberInteractiveViewers, viewers: a.numberViewers, other: a.otherRoles)
    }

    public static func activity(_ a: UserActivity) -> Insights.Activity { countedActivity(a).value }

    static func countedActivity(_ a: UserActivity) -> (value: Insights.Activity, overflow: Bool) {
        let counts = a.mostQueries.map(\.count)
        let (total, overflow) = sum(counts)
        let value = Insights.Activity(
            activePercent: a.weeklyActivePercent, activeUsers: counts.count, queries7d: total,
            queriesPerActiveUser: counts.isEmpty ? nil : Double(total) / Double(counts.count),
            medianQueriesPerActiveUser: median(counts))
        return (value, overflow)
    }

    /// The middle value of `values` (the mean of the two middle ones for an even count); nil when empty.
    public static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? Double(s[mid]) : Double(s[mid - 1]) / 2 + Double(s[mid]) / 2
    }

    /// `creators`: rows of `tableMostCreatedCharts` and the sum of their counts.
    public static func creators(_ a: UserActivity) -> Insights.Creators { countedCreators(a).value }

    static func countedCreators(_ a: UserActivity) -> (value: Insights.Creators, overflow: Bool) {
        let (total, overflow) = sum(a.mostCreatedCharts.map(\.count))
        return (Insights.Creators(count: a.mostCreatedCharts.count, chartUpdates7d: total), overflow)
    }

    /// `inactive`: rows of `tableNoQueries`, their share of all users and the idle-time buckets.
    public static func inactive(_ a: UserActivity) -> Insights.Inactive {
        var result = Insights.Inactive(count: a.noQueries.count)
        result.percentOfUsers = a.numberUsers > 0 ? 100 * Double(a.noQueries.count) / Double(a.numberUsers) : nil
        for row in a.noQueries {
            switch row.count {
            case ..<180: result.days90to179 += 1
            case 180..<365: result.days180to364 += 1
            default: result.days365plus += 1
            }
        }
        return result
    }
}
