public import ActivityModel

/// Analyze: the metrics an admin reads first, computed from a validated payload, with the
/// findings drawn from them and, when an earlier run is given, the change since then.
/// Every value is defined in `docs/insights.md`; every function that computes one is pure.
public struct Insights: Sendable, Equatable {
    public var users: Users
    public var activity: Activity
    public var trend: Trend
    public var concentration: Concentration
    public var inactive: Inactive
    public var creators: Creators
    public var content: Content
    /// The change of every headline number since an earlier run; nil without one.
    public var comparison: Comparison?
    /// Weekly points and changes from the records of earlier runs (`--history`); nil without it.
    public var overTime: OverTime?
    /// What the raw views CSV says (`--views`); nil without it.
    public var views: Views?
    /// Stale content, deliveries and seats (`--cleanup`); nil without clean-up data.
    public var cleanup: Cleanup?
    /// The thresholds the findings were drawn with.
    public var thresholds: Thresholds
    /// What the numbers say, most important first (at most `thresholds.maxFindings`).
    public var findings: [Finding]
    /// Diagnostics of the loader and the analyzer.
    public var dataNotes: [Diagnostic]

    public init(
        users: Users, activity: Activity, trend: Trend, concentration: Concentration = .init(),
        inactive: Inactive = .init(), creators: Creators = .init(), content: Content = .init(),
        comparison: Comparison? = nil, thresholds: Thresholds = .init(), findings: [Finding] = [],
        dataNotes: [Diagnostic] = [], overTime: OverTime? = nil
    ) {
        self.overTime = overTime
        self.users = users
        self.activity = activity
        self.trend = trend
        self.concentration = concentration
        self.inactive = inactive
        self.creators = creators
        self.content = content
        self.comparison = comparison
        self.thresholds = thresholds
        self.findings = findings
        self.dataNotes = dataNotes
    }

    /// `users`: who has access, by role.
    public struct Users: Sendable, Equatable {
        /// `numberUsers`.
        public var total: Int
        public var admins: Int
        /// Editors, developers included.
        public var editors: Int
        public var interactiveViewers: Int
        public var viewers: Int
        /// Total minus the four buckets, 0 when negative.
        public var other: Int

        public init(total: Int, admins: Int, editors: Int, interactiveViewers: Int, viewers: Int, other: Int) {
            self.total = total
            self.admins = admins
            self.editors = editors
            self.interactiveViewers = interactiveViewers
            self.viewers = viewers
            self.other = other
        }
    }

    /// `activity`: the last 7 days (rolling 168 hours).
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

        public init(
            activePercent: Double, activeUsers: Int, queries7d: Int, queriesPerActiveUser: Double?,
            medianQueriesPerActiveUser: Double?
        ) {
            self.activePercent = activePercent
            self.activeUsers = activeUsers
            self.queries7d = queries7d
            self.queriesPerActiveUser = queriesPerActiveUser
            self.medianQueriesPerActiveUser = medianQueriesPerActiveUser
        }
    }

    /// `trend`: the daily series (users active in the trailing 7 days of each day).
    public struct Trend: Sendable, Equatable {
        /// Newest day of the daily series; nil when it is empty.
        public var asOf: Day?
        /// The newest row of the active-users series.
        public var latest: Point?
        /// The row exactly 7 calendar days before `latest`.
        public var weekAgo: Point?
        /// `latest.activeUsers - weekAgo.activeUsers`; nil when either is missing.
        public var changeActiveUsers: Int?
        /// `latest.activePercent - weekAgo.activePercent`; nil when either is missing.
        public var changeActivePercentPoints: Double?
        /// `100 * changeActiveUsers / weekAgo.activeUsers`; nil when either is missing or
        /// `weekAgo.activeUsers` is 0.
        public var changeActiveUsersPercent: Double?
        /// The day with the most active users (the earliest on ties).
        public var peak: Peak?
        /// `100 * (peak.activeUsers - latest.activeUsers) / peak.activeUsers`: how far below the
        /// peak the newest day is; nil without a peak or when the peak is 0.
        public var belowPeakPercent: Double?
        /// Least-squares slope of active users per day, times 7; nil with fewer than 2 rows.
        public var slopePerWeek: Double?
        /// Rows of the active-users series.
        public var days: Int
        /// The mean of active users over the rows; nil with no row.
        public var meanActiveUsers: Double?

        public init(
            asOf: Day? = nil, latest: Point? = nil, weekAgo: Point? = nil, changeActiveUsers: Int? = nil,
            changeActivePercentPoints: Double? = nil, peak: Peak? = nil, slopePerWeek: Double? = nil,
            days: Int = 0, meanActiveUsers: Double? = nil
        ) {
            self.days = days
            self.meanActiveUsers = meanActiveUsers
            self.asOf = asOf
            self.latest = latest
            self.weekAgo = weekAgo
            self.changeActiveUsers = changeActiveUsers
            self.changeActivePercentPoints = changeActivePercentPoints
            self.peak = peak
            self.slopePerWeek = slopePerWeek
            deriveChanges()
        }

        /// Sets the keys derived from `latest`, `weekAgo` and `peak`: the changes week over week
        /// and the distance from the peak. Called by the initializer, so a trend read back from
        /// insights.json derives them the same way.
        public mutating func deriveChanges() {
            changeActiveUsersPercent = nil
            belowPeakPercent = nil
            if let latest, let weekAgo, weekAgo.activeUsers > 0 {
                // The product first: an exact half (1 of 200) stays exact for the rounding.
                changeActiveUsersPercent = Double(latest.activeUsers - weekAgo.activeUsers) * 100 / Double(weekAgo.activeUsers)
            }
            if let latest, let peak, peak.activeUsers > 0 {
                belowPeakPercent = Double(peak.activeUsers - latest.activeUsers) * 100 / Double(peak.activeUsers)
            }
        }
    }

    /// One day of the daily series.
    public struct Point: Sendable, Equatable {
        public var day: Day
        public var activeUsers: Int
        public var activePercent: Double
        /// The average chart-days per active user of the same day; nil when absent or null.
        public var averageQueries: Double?

        public init(day: Day, activeUsers: Int, activePercent: Double, averageQueries: Double?) {
            self.day = day
            self.activeUsers = activeUsers
            self.activePercent = activePercent
            self.averageQueries = averageQueries
        }
    }

    /// The busiest day of the daily series.
    public struct Peak: Sendable, Equatable {
        public var day: Day
        public var activeUsers: Int

        public init(day: Day, activeUsers: Int) {
            self.day = day
            self.activeUsers = activeUsers
        }
    }

    /// `concentration`: how evenly the last 7 days' queries are spread over the active users.
    public struct Concentration: Sendable, Equatable {
        /// Share (0-1) of `queries7d` run by the top `ceil(10%)` of active users; nil with no
        /// active user or no queries.
        public var topDecileShare: Double?
        /// How many active users the top decile is.
        public var topDecileUsers: Int
        /// Gini coefficient (0-1) of the counts of `tableMostQueries`; nil with no active user or no queries.
        public var gini: Double?

        public init(topDecileShare: Double? = nil, topDecileUsers: Int = 0, gini: Double? = nil) {
            self.topDecileShare = topDecileShare
            self.topDecileUsers = topDecileUsers
            self.gini = gini
        }
    }

    /// `inactive`: users with no chart view for over 90 days.
    public struct Inactive: Sendable, Equatable {
        /// Rows of `tableNoQueries`.
        public var count: Int
        /// `100 * count / users.total`; nil when there are no users.
        public var percentOfUsers: Double?
        /// Users idle 90-179 days (and any row under 90 days).
        public var days90to179: Int
        /// Users idle 180-364 days.
        public var days180to364: Int
        /// Users idle 365 days or more.
        public var days365plus: Int

        public init(count: Int = 0, percentOfUsers: Double? = nil, days90to179: Int = 0, days180to364: Int = 0, days365plus: Int = 0) {
            self.count = count
            self.percentOfUsers = percentOfUsers
            self.days90to179 = days90to179
            self.days180to364 = days180to364
            self.days365plus = days365plus
        }

        /// The buckets in their JSON order, with their JSON keys.
        public var buckets: [(key: String, count: Int)] {
            [("90-179", days90to179), ("180-364", days180to364), ("365+", days365plus)]
        }
    }

    /// `creators`: who saved charts in the last 7 days.
    public struct Creators: Sendable, Equatable {
        /// Rows of `tableMostCreatedCharts` (the server sends at most 10).
        public var count: Int
        /// Sum of their counts: chart versions saved (creates and updates).
        public var chartUpdates7d: Int

        public init(count: Int = 0, chartUpdates7d: Int = 0) {
            self.count = count
            self.chartUpdates7d = chartUpdates7d
        }
    }

    /// `content`: what people look at (all time).
    public struct Content: Sendable, Equatable {
        /// The most viewed dashboard of `dashboardViews`; nil when the list is empty.
        public var topDashboard: TopItem?
        /// The most viewed chart of `chartViews`; nil when the list is empty.
        public var topChart: TopItem?
        /// Dashboards by the number of users for whom they are the most viewed one.
        public var homeDashboards: [HomeDashboard]

        public init(topDashboard: TopItem? = nil, topChart: TopItem? = nil, homeDashboards: [HomeDashboard] = []) {
            self.topDashboard = topDashboard
            self.topChart = topChart
            self.homeDashboards = homeDashboards
        }

        /// Users who viewed a dashboard at all: the sum of `homeDashboards`' users (each such
        /// user has exactly one most viewed dashboard). Not a key of insights.json.
        public var homeDashboardViewers: Int {
            homeDashboards.reduce(0) { $0 + $1.users }
        }
    }

    /// The most viewed dashboard or chart.
    public struct TopItem: Sendable, Equatable {
        public var uuid: String
        public var name: String
        public var views: Int
        /// `views` over the sum of the listed counts (0-1); nil when that sum is 0.
        public var shareOfListed: Double?

        public init(uuid: String, name: String, views: Int, shareOfListed: Double?) {
            self.uuid = uuid
            self.name = name
            self.views = views
            self.shareOfListed = shareOfListed
        }
    }

    /// A dashboard that is the most viewed one of `users` users.
    public struct HomeDashboard: Sendable, Equatable {
        /// `dashboardUuid`; nil when an older server did not send it (the row is keyed on the name).
        public var uuid: String?
        public var name: String
        public var users: Int

        public init(uuid: String?, name: String, users: Int) {
            self.uuid = uuid
            self.name = name
            self.users = users
        }
    }
}

/// One sentence of what the numbers say.
public struct Finding: Sendable, Equatable {
    /// A stable identifier of the rule, such as `inactive-seats`.
    public var id: String
    public var severity: Severity
    /// One sentence with the numbers.
    public var title: Phrase
    /// What it means or what to do, with the numbers behind it.
    public var detail: Phrase

    public init(id: String, severity: Severity, title: Phrase, detail: Phrase) {
        self.id = id
        self.severity = severity
        self.title = title
        self.detail = detail
    }

    /// How much a finding asks of the reader.
    public enum Severity: String, Sendable, Equatable, CaseIterable, Comparable {
        /// Neither a problem nor a success: a statement of fact (the most viewed dashboard, a
        /// change too small to judge).
        case info
        /// A metric cleared a documented threshold in the healthy direction; never a fall.
        case good
        /// Worth keeping an eye on.
        case watch
        /// Needs action.
        case act

        /// The more urgent, the greater.
        public var rank: Int {
            switch self {
            case .info: 0
            case .good: 1
            case .watch: 2
            case .act: 3
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }
}
