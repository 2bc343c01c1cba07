/// The definitions the reports print under "How these numbers are computed": one entry per
/// concept, in words, with its keys in `insights.json`. Each concept has exactly one name, its
/// `term`, and the page, the summary, the email, the charts and the CSV headers use only that
/// name (a test looks for the names it replaced). The full text, with every key and caveat, is
/// `docs/insights.md`; keep the two in step.
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
            "Active users are the users with at least one chart view in the project in the last 7 days (168 hours): their percent of all users (the server's figure, truncated) and their number (the rows of the list of active users). The daily series counts calendar days and only users who existed that day, so its newest day can differ by a few users."
    )
    public static let weekOverWeek = Entry(
        id: "week-over-week", term: "Active users, week over week",
        keys: ["trend.latest", "trend.weekAgo", "trend.changeActiveUsers", "trend.changeActiveUsersPercent"],
        text:
            "From the daily series, in which each day counts the users with a chart view in the 7 days ending that day: the newest day against the day exactly 7 calendar days before, as a count and as a percent of the earlier day. Dates are normalised to the nearest UTC midnight."
    )
    public static let chartViews = Entry(
        id: "chart-views", term: "Chart views in the last 7 days",
        keys: ["activity.queries7d", "activity.queriesPerActiveUser", "activity.medianQueriesPerActiveUser"],
        text:
            "A chart view is one chart opened, or one dashboard tile loaded, by a user. The card sums the chart views of every active user in the last 7 days, with their mean and their median per active user (the middle user, less pulled by one heavy user). The most viewed charts count the same views over all time."
    )
    public static let chartDays = Entry(
        id: "chart-days", term: "Chart-days per active user", keys: ["trend.latest.averageQueries"],
        text:
            "Lightdash's daily average: for each day, the mean over the users active in the 7 days to that day of their chart-days, a chart-day being one chart viewed on one day however often. A chart opened ten times on Monday is 10 chart views but 1 chart-day, so this is not chart views per active user."
    )
    public static let inactive = Entry(
        id: "inactive", term: "Inactive for 90+ days", keys: ["inactive.count", "inactive.percentOfUsers", "inactive.buckets"],
        text:
            "Users with no chart view in this project for 90 days or more (counted from when they joined if they never viewed one), as a percent of all users, split into 90\u{2013}179, 180\u{2013}364 and 365+ days. Deactivated users and pending invitations are included."
    )
    public static let concentration = Entry(
        id: "concentration", term: "Top 10% share and Gini", keys: ["concentration.topDecileShare", "concentration.gini"],
        text:
            "The share of the last 7 days' chart views made by the busiest tenth of active users (rounded up: at least one user), and the Gini coefficient of the chart views per active user: 0 when everyone has the same number, near 1 when one person has them all. Users without a chart view in the 7 days are not counted."
    )
    public static let trend = Entry(
        id: "trend", term: "Trend and peak",
        keys: ["trend.slopePerWeek", "trend.peak", "trend.belowPeakPercent", "trend.meanActiveUsers"],
        text:
            "The least-squares slope of active users against the day over the whole daily series (up to 43 days), as a change per week; the day with the most active users (the earliest on ties) and how far below it the newest day is, in percent."
    )
    public static let chartSaves = Entry(
        id: "chart-saves", term: "Chart saves", keys: ["creators.count", "creators.chartUpdates7d"],
        text:
            "A chart save creates a chart or saves a change to one. Counted per user over the last 7 days; Lightdash's server sends only the 10 users with the most."
    )
    public static let content = Entry(
        id: "content", term: "Most viewed dashboard and chart",
        keys: ["content.topDashboard", "content.topChart", "content.homeDashboards"],
        text:
            "All-time views, anonymous and embedded ones included, from the server's top 20; the share is of the views of those 20. Home dashboards rank dashboards by how many users view them more than any other."
    )
    public static let sinceLastReport = Entry(
        id: "since-last-report", term: "Since the last report", keys: ["comparison.changes"],
        text:
            "With --previous, each headline number is compared with the same number of the earlier report (its payload or its insights.json), as written there (rounded): counts in counts (with the percent change), percentages in percentage points between the two whole percents shown."
    )
    public static let findings = Entry(
        id: "findings", term: "Findings", keys: ["findings", "thresholds"],
        text:
            "Rules compare the numbers above with thresholds (defaults in docs/insights.md, overridable with --threshold or --config) and say what needs action (act), is worth watching (watch), cleared a threshold in the healthy direction (good; never a fall) or is a plain statement (info). Percentages are judged as printed, in whole percents. No finding is made from missing data."
    )

    /// Every entry, in the order the reports list them.
    public static let entries: [Entry] = [
        users, activePercent, weekOverWeek, chartViews, chartDays, inactive, concentration, trend, chartSaves, content,
        sinceLastReport, findings,
    ]
}

extension Glossary {
    public static let staleContent = Entry(
        id: "stale-content", term: "Stale content",
        keys: ["cleanup.staleContent.items", "cleanup.thresholds.staleDays", "cleanup.thresholds.staleGraceDays"],
        text:
            "Charts and dashboards never viewed, or last viewed more than staleDays (90) whole UTC days before the report's time (exactly 90 is not stale), leaving out those created or edited at most staleGraceDays (30) days before. Items with an enabled delivery are listed apart: people may read the attachment. A list to review, not a verdict. Servers without lastViewedAt: only never-viewed items."
    )
    public static let deliveries = Entry(
        id: "deliveries", term: "Scheduled deliveries",
        keys: ["cleanup.deliveries.items", "cleanup.deliveries.failing", "cleanup.deliveries.partialFailure"],
        text:
            "Every scheduler of the project with its latest run of the last 7 days (\"none\" when it did not run in that window), the error lines of its 7 days of logs, whether its owner is deactivated or has had no chart view for 90+ days, and whether it sends stale content. Webhooks show their host only; email recipients are counted unless --show-recipients."
    )
    public static let seats = Entry(
        id: "seats", term: "Seats",
        keys: ["cleanup.seats.active", "cleanup.seats.pending", "cleanup.seats.deactivated", "cleanup.seats.adminDataShare"],
        text:
            "Organisation members by state: pending is an invitation not yet accepted, deactivated is neither active nor pending. Listed for review: admins, developers and editors on the payload's inactive list (no chart view for over 90 days) and invitations pending for more than pendingInviteDays (30) days. The admin-and-data-team share is the part of this week's active users whose organisation role is admin, developer or editor."
    )

    /// The clean-up terms, printed only in reports with a Clean-up part.
    public static let cleanupEntries: [Entry] = [staleContent, deliveries, seats]

    /// The entries a report prints: the clean-up terms only when it has clean-up data.
    public static func entries(for insights: Insights) -> [Entry] {
        insights.cleanup == nil ? entries : entries + cleanupEntries
    }
}
