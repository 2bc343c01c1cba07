/// A project's user activity as Lightdash reports it, validated and put in order:
/// counts are integers, the daily series is chronological, the inactive list is sorted
/// (most days first). Field meanings: `shared/docs/lightdash-user-activity.md`.
public struct UserActivity: Sendable, Equatable {
    /// Users with access to the project (includes deactivated users and pending invitations).
    public var numberUsers: Int
    public var numberAdmins: Int
    /// Editors, developers included.
    public var numberEditors: Int
    public var numberInteractiveViewers: Int
    public var numberViewers: Int
    /// Percent (0-100, truncated) of `numberUsers` who viewed a chart in the last 168 hours.
    public var weeklyActivePercent: Double
    /// Every user active in the last 7 days with their chart loads, most first.
    public var mostQueries: [UserCount]
    /// Users by chart versions saved in the last 7 days (top 10), most first.
    public var mostCreatedCharts: [UserCount]
    /// Users with no chart view for over 90 days; `count` is days since the last view. Most days first.
    public var noQueries: [UserCount]
    /// The daily series (users active in the trailing 7 days), oldest first.
    public var activeUsersSeries: [ActiveUsersDay]
    /// The daily series of average chart-days per active user, oldest first.
    public var averageQueriesSeries: [AverageQueriesDay]
    /// Dashboards by views, all time (top 20), most first.
    public var dashboardViews: [ContentViews]
    /// Charts by views, all time (top 20), most first.
    public var chartViews: [ContentViews]
    /// For every user who viewed a dashboard, their most viewed one (all time).
    public var userMostViewedDashboards: [UserDashboard]

    public init(
        numberUsers: Int, numberAdmins: Int, numberEditors: Int, numberInteractiveViewers: Int,
        numberViewers: Int, weeklyActivePercent: Double, mostQueries: [UserCount] = [],
        mostCreatedCharts: [UserCount] = [], noQueries: [UserCount] = [],
        activeUsersSeries: [ActiveUsersDay] = [], averageQueriesSeries: [AverageQueriesDay] = [],
        dashboardViews: [ContentViews] = [], chartViews: [ContentViews] = [],
        userMostViewedDashboards: [UserDashboard] = []
    ) {
        self.numberUsers = numberUsers
        self.numberAdmins = numberAdmins
        self.numberEditors = numberEditors
        self.numberInteractiveViewers = numberInteractiveViewers
        self.numberViewers = numberViewers
        self.weeklyActivePercent = weeklyActivePercent
        self.mostQueries = mostQueries
        self.mostCreatedCharts = mostCreatedCharts
        self.noQueries = noQueries
        self.activeUsersSeries = activeUsersSeries
        self.averageQueriesSeries = averageQueriesSeries
        self.dashboardViews = dashboardViews
        self.chartViews = chartViews
        self.userMostViewedDashboards = userMostViewedDashboards
    }

    /// Users in none of the four role buckets (custom roles); 0 when the buckets over-count.
    public var otherRoles: Int {
        max(0, numberUsers - numberAdmins - numberEditors - numberInteractiveViewers - numberViewers)
    }

    /// The newest day of the daily series, if any.
    public var asOf: Day? {
        let a = activeUsersSeries.last?.day
        let b = averageQueriesSeries.last?.day
        switch (a, b) {
        case (let x?, let y?): return max(x, y)
        case (let x?, nil): return x
        case (nil, let y?): return y
        case (nil, nil): return nil
        }
    }
}

/// A user with a count (queries, chart updates or days since the last view).
public struct UserCount: Sendable, Equatable {
    public var userUuid: String
    public var firstName: String
    public var lastName: String
    public var count: Int

    public init(userUuid: String, firstName: String, lastName: String, count: Int) {
        self.userUuid = userUuid
        self.firstName = firstName
        self.lastName = lastName
        self.count = count
    }

    /// "First Last", trimmed; empty for pending invitations.
    public var name: String { PersonName.join(firstName, lastName) }
}

/// One row of the daily active-users series.
public struct ActiveUsersDay: Sendable, Equatable {
    public var day: Day
    /// Users with a chart view in the 7 days ending on `day`.
    public var activeUsers: Int
    /// That as a percent (0-100) of the users who existed on `day`.
    public var activePercent: Double

    public init(day: Day, activeUsers: Int, activePercent: Double) {
        self.day = day
        self.activeUsers = activeUsers
        self.activePercent = activePercent
    }
}

/// One row of the daily average-queries series.
public struct AverageQueriesDay: Sendable, Equatable {
    public var day: Day
    /// Average chart-days per active user over the 7 days ending on `day`; nil with no active user.
    public var averageQueries: Double?

    public init(day: Day, averageQueries: Double?) {
        self.day = day
        self.averageQueries = averageQueries
    }
}

/// A dashboard or chart with its number of views.
public struct ContentViews: Sendable, Equatable {
    public var uuid: String
    public var name: String
    public var count: Int

    public init(uuid: String, name: String, count: Int) {
        self.uuid = uuid
        self.name = name
        self.count = count
    }
}

/// A user's most viewed dashboard.
public struct UserDashboard: Sendable, Equatable {
    public var userUuid: String
    public var firstName: String
    public var lastName: String
    /// Nil on servers before 2026-04, which do not send it.
    public var dashboardUuid: String?
    public var dashboardName: String
    public var count: Int

    public init(
        userUuid: String, firstName: String, lastName: String, dashboardUuid: String?,
        dashboardName: String, count: Int
    ) {
        self.userUuid = userUuid
        self.firstName = firstName
        self.lastName = lastName
        self.dashboardUuid = dashboardUuid
        self.dashboardName = dashboardName
        self.count = count
    }

    public var name: String { PersonName.join(firstName, lastName) }
}

enum PersonName {
    /// Whether "first last" is empty after trimming, without building it.
    static func isUnnamed(_ first: String, _ last: String) -> Bool {
        (first.isEmpty || first.trimmingWhitespace().isEmpty) && (last.isEmpty || last.trimmingWhitespace().isEmpty)
    }

    static func join(_ first: String, _ last: String) -> String {
        let f = first.trimmingWhitespace()
        let l = last.trimmingWhitespace()
        if f.isEmpty { return l }
        if l.isEmpty { return f }
        return f + " " + l
    }
}

extension String {
    /// The string without leading and trailing whitespace (Unicode's definition).
    package func trimmingWhitespace() -> String {
        // Fast path: names nearly always start and end with a visible ASCII character.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return self
        }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension String {
    /// Every `target` character replaced by `replacement`.
    package func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for ch in self {
            if ch == target { out += replacement } else { out.append(ch) }
        }
        return out
    }
}
