public import ActivityModel

/// Analyze: the metrics an admin reads first, computed from a validated payload.
/// Every value is defined in `docs/insights.md`; every function here is pure.
public struct Insights: Sendable, Equatable {
    public var users: Users
    public var activity: Activity
    public var trend: Trend
    /// Diagnostics of the loader and the analyzer.
    public var dataNotes: [Diagnostic]

    public struct Users: Sendable, Equatable {
        /// `numberUsers`.
        public var total: Int
        public var admins: Int
        public var editors: Int
        public var interactiveViewers: Int
        public var viewers: Int
        /// Total minus the four buckets, 0 when negative.
        public var other: Int
    }

    public struct Activity: Sendable, Equatable {
        /// `numberWeeklyQueryingUsers`: percent of users active in the last 7 days.
        public var activePercent: Double
        /// Rows of `tableMostQueries`.
        public var activeUsers: Int
        /// Sum of the counts of `tableMostQueries`.
        public var queries7d: Int
        /// `queries7d / activeUsers`; nil with no active user.
        public var queriesPerActiveUser: Double?
        /// Median count of `tableMostQueries`; nil with no active user.
        public var medianQueriesPerActiveUser: Double?
    }

    public struct Trend: Sendable, Equatable {
        /// Newest day of the daily series; nil when it is empty.
        public var asOf: Day?
        public var latest: Point?
        /// The row exactly 7 calendar days before `latest`.
        public var weekAgo: Point?
        /// `latest.activeUsers - weekAgo.activeUsers`; nil when either is missing.
        public var changeActiveUsers: Int?
        /// `latest.activePercent - weekAgo.activePercent`; nil when either is missing.
        public var changeActivePercentPoints: Double?
        /// The day with the most active users (the earliest on ties).
        public var peak: Peak?
        /// Least-squares slope of active users per day, times 7; nil with fewer than 2 rows.
        public var slopePerWeek: Double?
    }

    public struct Point: Sendable, Equatable {
        public var day: Day
        public var activeUsers: Int
        public var activePercent: Double
        public var averageQueries: Double?
    }

    public struct Peak: Sendable, Equatable {
        public var day: Day
        public var activeUsers: Int
    }
}

/// Turns a ``LoadedActivity`` into ``Insights``.
public enum Analyzer {
    public static func analyze(_ loaded: LoadedActivity) -> Insights {
        let a = loaded.activity
        return Insights(
            users: users(a), activity: activity(a), trend: trend(a), dataNotes: loaded.diagnostics)
    }

    public static func users(_ a: UserActivity) -> Insights.Users {
        Insights.Users(
            total: a.numberUsers, admins: a.numberAdmins, editors: a.numberEditors,
            interactiveViewers: a.numberInteractiveViewers, viewers: a.numberViewers, other: a.otherRoles)
    }

    public static func activity(_ a: UserActivity) -> Insights.Activity {
        let counts = a.mostQueries.map(\.count)
        let total = counts.reduce(0, +)
        return Insights.Activity(
            activePercent: a.weeklyActivePercent, activeUsers: counts.count, queries7d: total,
            queriesPerActiveUser: counts.isEmpty ? nil : Double(total) / Double(counts.count),
            medianQueriesPerActiveUser: median(counts))
    }

    public static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? Double(s[mid]) : (Double(s[mid - 1]) + Double(s[mid])) / 2
    }

    public static func trend(_ a: UserActivity) -> Insights.Trend {
        let averages = Dictionary(a.averageQueriesSeries.map { ($0.day, $0.averageQueries) }, uniquingKeysWith: { x, _ in x })
        func point(_ row: ActiveUsersDay) -> Insights.Point {
            Insights.Point(
                day: row.day, activeUsers: row.activeUsers, activePercent: row.activePercent,
                averageQueries: averages[row.day] ?? nil)
        }
        let series = a.activeUsersSeries
        let latest = series.last.map(point)
        let weekAgo = latest.flatMap { l in series.last(where: { $0.day == l.day.adding(days: -7) }) }.map(point)
        var peak: Insights.Peak?
        for row in series where peak == nil || row.activeUsers > peak!.activeUsers {  // peak! is set by the left side
            peak = Insights.Peak(day: row.day, activeUsers: row.activeUsers)
        }
        var slope: Double?
        if series.count >= 2 {
            let xs = series.map { Double($0.day.daysSinceEpoch - series[0].day.daysSinceEpoch) }
            let ys = series.map { Double($0.activeUsers) }
            let n = Double(series.count)
            let mx = xs.reduce(0, +) / n
            let my = ys.reduce(0, +) / n
            var sxy = 0.0
            var sxx = 0.0
            for (x, y) in zip(xs, ys) {
                sxy += (x - mx) * (y - my)
                sxx += (x - mx) * (x - mx)
            }
            slope = sxx > 0 ? sxy / sxx * 7 : nil
        }
        return Insights.Trend(
            asOf: a.asOf, latest: latest, weekAgo: weekAgo,
            changeActiveUsers: latest.flatMap { l in weekAgo.map { l.activeUsers - $0.activeUsers } },
            changeActivePercentPoints: latest.flatMap { l in weekAgo.map { l.activePercent - $0.activePercent } },
            peak: peak, slopePerWeek: slope)
    }
}
