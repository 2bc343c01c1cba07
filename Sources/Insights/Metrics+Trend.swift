public import ActivityModel

/// `trend`: the daily series.
extension Analyzer {
    public static func trend(_ a: UserActivity) -> Insights.Trend {
        var averages: [Day: Double?] = [:]
        for row in a.averageQueriesSeries where averages[row.day] == nil { averages[row.day] = .some(row.averageQueries) }
        func point(_ row: ActiveUsersDay) -> Insights.Point {
            Insights.Point(
                day: row.day, activeUsers: row.activeUsers, activePercent: row.activePercent,
                averageQueries: averages[row.day] ?? nil)
        }
        let series = a.activeUsersSeries
        let latest = series.last.map(point)
        let weekAgo = latest.flatMap { l in series.last(where: { $0.day == l.day.adding(days: -7) }) }.map(point)
        var trend = Insights.Trend(asOf: a.asOf, latest: latest, weekAgo: weekAgo)
        if let latest, let weekAgo {
            trend.changeActiveUsers = latest.activeUsers - weekAgo.activeUsers
            trend.changeActivePercentPoints = latest.activePercent - weekAgo.activePercent
        }
        trend.peak = peak(series)
        trend.slopePerWeek = slopePerWeek(series)
        trend.days = series.count
        trend.meanActiveUsers = series.isEmpty ? nil : series.reduce(0.0) { $0 + Double($1.activeUsers) } / Double(series.count)
        trend.deriveChanges()
        return trend
    }

    /// The row with the most active users, the earliest on ties; nil for an empty series.
    public static func peak(_ series: [ActiveUsersDay]) -> Insights.Peak? {
        var best: ActiveUsersDay?
        for row in series {
            if let b = best, row.activeUsers < b.activeUsers || (row.activeUsers == b.activeUsers && row.day >= b.day) {
                continue
            }
            best = row
        }
        return best.map { Insights.Peak(day: $0.day, activeUsers: $0.activeUsers) }
    }

    /// The least-squares slope of active users against the day number, times 7; nil with
    /// fewer than 2 distinct days.
    public static func slopePerWeek(_ series: [ActiveUsersDay]) -> Double? {
        guard series.count >= 2, let first = series.first else { return nil }
        // Days relative to the first one keep the numbers small.
        let xs = series.map { Double($0.day.daysSinceEpoch - first.day.daysSinceEpoch) }
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
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx * 7
        return slope.isFinite ? slope : nil
    }
}
