/// The definitions the reports print under "How these numbers are computed": one entry per
/// number shown, in words, with its keys in `insights.json`. The full text, with every key and
/// caveat, is `docs/insights.md`; keep the two in step.
public enum Glossary {
    public struct Entry: Sendable, Equatable {
        /// The anchor in the page (`def-` + id) that each number links to.
        public var id: String
        /// The name of the number as the reports print it.
        public var term: String
        /// Its keys in `insights.json`.
        public var keys: [String]
        /// Formula, window and caveats, in one or two sentences.
        public var text: String
    }

    public static let users = Entry(
        id: "users", term: "Users", keys: ["users.total", "users.byRole"],
        text:
            "Everyone with access to the project (direct, group or organisation role), deactivated users and pending invitations included, as the server counts them now. Roles: admins, editors (developers included), interactive viewers and viewers; \"other roles\" is the total minus those four (custom roles)."
    )
    public static let activePercent = Entry(
        id: "active-percent", term: "Active in the last 7 days", keys: ["activity.activePercent", "activity.activeUsers"],
        text:
            "The percent of users who viewed at least one chart in the last 168 hours (the server's figure, truncated), and the number of such users (the rows of the most-queries list). The newest day of the daily series can differ by a few points: it counts calendar days and only users who existed that day."
    )
    public static let weekOverWeek = Entry(
        id: "week-over-week", term: "Active users, week over week", keys: ["trend.latest", "trend.weekAgo", "trend.changeActiveUsers"],
        text:
            "From the daily series, in which each day counts the users with a chart view in the 7 days ending that day: the newest day against the day exactly 7 calendar days before. Dates are normalised to the nearest UTC midnight."
    )
    public static let queries = Entry(
        id: "queries", term: "Queries in the last 7 days",
        keys: ["activity.queries7d", "activity.queriesPerActiveUser", "activity.medianQueriesPerActiveUser"],
        text:
            "The sum of the chart loads of every active user in the last 7 days (each chart opened and each tile of each dashboard loaded counts), its mean per active user and its median (the middle user, less pulled by one heavy user)."
    )
    public static let inactive = Entry(
        id: "inactive", term: "Inactive for 90+ days", keys: ["inactive.count", "inactive.percentOfUsers", "inactive.buckets"],
        text:
            "Users with no chart view in this project for over 90 days (counted since their account was created if they never viewed one), as a percent of all users, split into 90-179, 180-364 and 365+ days. Deactivated users and pending invitations are included."
    )
    public static let concentration = Entry(
        id: "concentration", term: "Top 10% share and Gini", keys: ["concentration.topDecileShare", "concentration.gini"],
        text:
            "The share of the last 7 days' queries run by the busiest tenth of active users (rounded up: at least one user), and the Gini coefficient of the queries per active user: 0 when everyone runs the same number, near 1 when one person runs them all. Users without a view in the 7 days are not counted."
    )
    public static let trend = Entry(
        id: "trend", term: "Trend and peak", keys: ["trend.slopePerWeek", "trend.peak", "trend.meanActiveUsers"],
        text:
            "The least-squares slope of active users against the day over the whole daily series (up to 43 days), as a change per week, and the day with the most active users (the earliest on ties)."
    )
    public static let creators = Entry(
        id: "creators", term: "Chart creators", keys: ["creators.count", "creators.chartUpdates7d"],
        text:
            "Users who saved chart versions (creates and updates) in the last 7 days and how many they saved. The server lists at most 10 users."
    )
    public static let content = Entry(
        id: "content", term: "Most viewed dashboard and chart",
        keys: ["content.topDashboard", "content.topChart", "content.homeDashboards"],
        text:
            "All-time views, anonymous and embedded ones included, from the server's top 20; the share is of the views of those 20. Home dashboards rank dashboards by how many users view them most."
    )
    public static let sinceLastReport = Entry(
        id: "since-last-report", term: "Since the last report", keys: ["comparison.changes"],
        text:
            "With --previous, each headline number is compared with the same number of the earlier report (its payload or its insights.json), as written there (rounded)."
    )
    public static let findings = Entry(
        id: "findings", term: "Findings", keys: ["findings", "thresholds"],
        text:
            "Rules compare the numbers above with thresholds (defaults in docs/insights.md, overridable with --threshold or --config) and say what is healthy (good), worth watching (watch) or needs action (act). No finding is made from missing data."
    )

    /// Every entry, in the order the reports list them.
    public static let entries: [Entry] = [
        users, activePercent, weekOverWeek, queries, inactive, concentration, trend, creators, content, sinceLastReport, findings,
    ]
}
