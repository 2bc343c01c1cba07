import ActivityModel
import Insights

/// Options that shape every rendered document.
public struct ReportOptions: Sendable, Equatable {
    /// The report's title.
    public var title: String
    /// Rows shown per list in the HTML page before "and N more".
    public var maxRows: Int
    /// Rows shown per list in the Markdown summary before "and N more".
    public var summaryRows: Int
    /// When the report was generated (seconds since the epoch): `SOURCE_DATE_EPOCH` or the clock,
    /// chosen by the caller, never read inside the renderers.
    public var generatedAt: Int64
    /// The index of a batch, relative to the page (`../index.html`): the page links back to it.
    public var indexLink: String?

    public static let defaultTitle = "Lightdash user activity"

    public init(
        title: String = ReportOptions.defaultTitle, maxRows: Int = 50, summaryRows: Int = 10, generatedAt: Int64,
        indexLink: String? = nil
    ) {
        self.title = title
        self.maxRows = maxRows
        self.summaryRows = summaryRows
        self.generatedAt = generatedAt
        self.indexLink = indexLink
    }
}

/// One cell of a report table; HTML and Markdown each render it their own way.
enum Cell: Equatable {
    /// A person's name ("" for pending invitations).
    case person(String)
    /// A dashboard's or chart's name ("" when untitled).
    case content(String)
    case text(String)
    case integer(Int)
    case decimal(Double?)
    case percent(Double)
    case day(Day)

    var isNumeric: Bool {
        switch self {
        case .integer, .decimal, .percent: return true
        default: return false
        }
    }

    /// The plain text of the cell (names unescaped: each renderer escapes).
    var plain: String {
        switch self {
        case .person(let name): return name.isEmpty ? "Unnamed user" : name
        case .content(let name): return name.trimmingWhitespace().isEmpty ? "Untitled" : name
        case .text(let s): return s
        case .integer(let v): return Format.integer(v)
        case .decimal(let v): return v.map { Format.fixed2($0) } ?? "none"
        case .percent(let v): return Format.percent(v)
        case .day(let d): return d.long
        }
    }

    /// Whether the cell stands for a missing name.
    var isPlaceholder: Bool {
        switch self {
        case .person(let name): return name.isEmpty
        case .content(let name): return name.trimmingWhitespace().isEmpty
        case .decimal(let v): return v == nil
        default: return false
        }
    }
}

/// A column of a report table.
struct Column: Equatable {
    var title: String
    var numeric: Bool
}

/// A list of the payload as a report section: the same for the page and the summary.
struct ListSection: Equatable {
    /// Anchor id in the page.
    var id: String
    var title: String
    /// The window the list covers, in words ("last 7 days", "all time").
    var window: String
    /// What the list holds, one sentence.
    var explanation: String
    /// Shown instead of an empty table.
    var emptyMessage: String
    var columns: [Column]
    /// The first rows of the list (up to the limit the sections were built with).
    var rows: [[Cell]]
    /// How many rows the whole list has.
    var total: Int
    /// Noun for "and N more ...".
    var noun: (singular: String, plural: String)
    /// When the list has rows but nothing happened in them (a daily series of zeros): the one
    /// sentence the page shows instead of the section.
    var quietMessage: String? = nil

    /// The list in full, beside the report (`data/ID.csv`).
    var csvPath: String { "data/\(id).csv" }

    static func == (a: ListSection, b: ListSection) -> Bool {
        a.id == b.id && a.rows == b.rows && a.columns == b.columns
    }

    func moreText(shown: Int) -> String? {
        let hidden = total - shown
        guard hidden > 0 else { return nil }
        return "and \(Format.integer(hidden)) more \(hidden == 1 ? noun.singular : noun.plural) not shown"
    }
}

/// The lists of a report, in page order.
enum Sections {
    /// The sections with at most `limit` rows each (the rows are built for the shown part only:
    /// a list may hold 100,000 users).
    static func lists(_ a: UserActivity, limit: Int = .max) -> [ListSection] {
        [
            ListSection(
                id: "daily-activity", title: "Daily activity", window: "trailing 7 days, per day, newest first",
                explanation:
                    "For each day, the users who viewed at least one chart in the 7 days up to that day (as a count and a percent of the users then), and the average number of chart-days per active user (\"avg. queries\"; none when nobody was active).",
                emptyMessage: "No daily activity yet: the project has no days with users.",
                columns: [
                    Column(title: "Day", numeric: false), Column(title: "Active users", numeric: true),
                    Column(title: "Active %", numeric: true), Column(title: "Avg. queries", numeric: true),
                ],
                rows: dailyRows(a, limit: limit), total: dailyCount(a), noun: ("day", "days"), quietMessage: quietDays(a)),
            ListSection(
                id: "most-queries", title: "Most queries", window: "last 7 days",
                explanation:
                    "Every user who viewed a chart in the last 7 days, by chart loads (each chart opened and each dashboard tile loaded counts).",
                emptyMessage: "No user ran a query in the last 7 days.",
                columns: [
                    Column(title: "#", numeric: false), Column(title: "User", numeric: false), Column(title: "Queries", numeric: true),
                ],
                rows: a.mostQueries.prefix(limit).enumerated().map {
                    [.text(String($0.offset + 1)), .person($0.element.name), .integer($0.element.count)]
                },
                total: a.mostQueries.count, noun: ("user", "users")),
            ListSection(
                id: "chart-updates", title: "Most chart updates", window: "last 7 days",
                explanation: "Users by chart versions saved (created or updated), top 10.",
                emptyMessage: "No user saved a chart in the last 7 days.",
                columns: [
                    Column(title: "#", numeric: false), Column(title: "User", numeric: false),
                    Column(title: "Chart updates", numeric: true),
                ],
                rows: a.mostCreatedCharts.prefix(limit).enumerated().map {
                    [.text(String($0.offset + 1)), .person($0.element.name), .integer($0.element.count)]
                },
                total: a.mostCreatedCharts.count, noun: ("user", "users")),
            ListSection(
                id: "inactive-users", title: "Inactive users", window: "no chart viewed in the last 90 days",
                explanation: "Users who have not viewed a chart in this project for over 90 days, longest first.",
                emptyMessage: "Every user has viewed a chart in the last 90 days.",
                columns: [Column(title: "User", numeric: false), Column(title: "Days since last view", numeric: true)],
                rows: a.noQueries.prefix(limit).map { [.person($0.name), .integer($0.count)] },
                total: a.noQueries.count, noun: ("user", "users")),
            ListSection(
                id: "dashboard-views", title: "Most viewed dashboards", window: "all time",
                explanation: "Dashboards by number of views, including anonymous and embedded views (top 20).",
                emptyMessage: "No dashboard has been viewed yet.",
                columns: [
                    Column(title: "#", numeric: false), Column(title: "Dashboard", numeric: false), Column(title: "Views", numeric: true),
                ],
                rows: a.dashboardViews.prefix(limit).enumerated().map {
                    [.text(String($0.offset + 1)), .content($0.element.name), .integer($0.element.count)]
                },
                total: a.dashboardViews.count, noun: ("dashboard", "dashboards")),
            ListSection(
                id: "chart-views", title: "Most viewed charts", window: "all time",
                explanation: "Charts by number of views, including anonymous and embedded views (top 20).",
                emptyMessage: "No chart has been viewed yet.",
                columns: [
                    Column(title: "#", numeric: false), Column(title: "Chart", numeric: false), Column(title: "Views", numeric: true),
                ],
                rows: a.chartViews.prefix(limit).enumerated().map {
                    [.text(String($0.offset + 1)), .content($0.element.name), .integer($0.element.count)]
                },
                total: a.chartViews.count, noun: ("chart", "charts")),
            ListSection(
                id: "favourite-dashboards", title: "Each user's most viewed dashboard", window: "all time",
                explanation: "For every user who has viewed a dashboard, the one they viewed most and how often.",
                emptyMessage: "No user has viewed a dashboard yet.",
                columns: [
                    Column(title: "User", numeric: false), Column(title: "Dashboard", numeric: false),
                    Column(title: "Views", numeric: true),
                ],
                rows: a.userMostViewedDashboards.prefix(limit).map { [.person($0.name), .content($0.dashboardName), .integer($0.count)] },
                total: a.userMostViewedDashboards.count, noun: ("user", "users")),
        ]
    }

    /// "No user was active on any of the 43 days." when the daily series has days but no
    /// activity; nil otherwise.
    static func quietDays(_ a: UserActivity) -> String? {
        let days = dailyCount(a)
        guard days > 0, a.activeUsersSeries.allSatisfy({ $0.activeUsers == 0 }),
            a.averageQueriesSeries.allSatisfy({ ($0.averageQueries ?? 0) == 0 })
        else { return nil }
        return days == 1 ? "No user was active on the one day of the series." : "No user was active on any of the \(Format.integer(days)) days."
    }

    /// The daily series joined on the day, newest first.
    static func dailyCount(_ a: UserActivity) -> Int {
        var days = Set(a.activeUsersSeries.map(\.day))
        days.formUnion(a.averageQueriesSeries.map(\.day))
        return days.count
    }

    static func dailyRows(_ a: UserActivity, limit: Int) -> [[Cell]] {
        var averages: [Day: Double?] = [:]
        for row in a.averageQueriesSeries { averages[row.day] = row.averageQueries }
        var days = Set(a.activeUsersSeries.map(\.day))
        days.formUnion(a.averageQueriesSeries.map(\.day))
        var active: [Day: ActiveUsersDay] = [:]
        for row in a.activeUsersSeries { active[row.day] = row }
        return days.sorted(by: >).prefix(limit).map { day in
            let users: Cell = active[day].map { .integer($0.activeUsers) } ?? .text("")
            let percent: Cell = active[day].map { .percent($0.activePercent) } ?? .text("")
            let average: Cell = averages[day].map { .decimal($0) } ?? .text("")
            return [.day(day), users, percent, average]
        }
    }
}

/// The headline figures shared by the page and the summary.
struct Headline {
    struct Figure {
        var label: String
        var value: String
        var detail: String
        /// +1 up, -1 down, 0 flat or unknown: for colouring.
        var direction: Int = 0
        /// The ``Glossary`` entry that defines the number (the page links the label to it).
        var definition: Glossary.Entry
        /// The change since the previous report, in words; nil without one.
        var change: String? = nil
        /// +1 better, -1 worse, 0 neither or unknown: for colouring the change.
        var changeTone: Int = 0
    }

    var figures: [Figure]
    /// Role buckets, in a fixed order, with "other roles" when the buckets fall short.
    var roles: [(String, Int)]

    init(_ insights: Insights) {
        let u = insights.users
        let act = insights.activity
        let comparison = insights.comparison
        func change(_ metric: HeadlineMetric, unit: String = "") -> (String?, Int) {
            guard let d = comparison?.delta(metric), let text = Headline.changeText(d, unit: unit) else { return (nil, 0) }
            return (text, d.isImprovement.map { $0 ? 1 : -1 } ?? 0)
        }
        var figures: [Figure] = []
        var users = Figure(
            label: "Users", value: Format.integer(u.total), detail: "with access to the project", definition: Glossary.users)
        (users.change, users.changeTone) = change(.usersTotal)
        figures.append(users)
        var active = Figure(
            label: "Active in the last 7 days", value: Format.percent(act.activePercent),
            detail: "\(Format.count(act.activeUsers, "user")) viewed a chart", definition: Glossary.activePercent)
        (active.change, active.changeTone) = change(.activeUsers, unit: " active users")
        figures.append(active)
        let t = insights.trend
        if let latest = t.latest, let weekAgo = t.weekAgo, let change = t.changeActiveUsers {
            let pct =
                weekAgo.activeUsers > 0
                ? " (" + Format.signed(Double(change) / Double(weekAgo.activeUsers) * 100, places: 0) + "%)" : ""
            figures.append(
                Figure(
                    label: "Active users, week over week", value: change == 0 ? "no change" : Format.signed(change),
                    detail:
                        "\(Format.integer(latest.activeUsers)) on \(latest.day.short), \(Format.integer(weekAgo.activeUsers)) on \(weekAgo.day.short)\(pct)",
                    direction: change.signum(), definition: Glossary.weekOverWeek))
        } else if let latest = t.latest {
            figures.append(
                Figure(
                    label: "Active users, week over week", value: "n/a",
                    detail: "no row 7 days before \(latest.day.short) to compare with", definition: Glossary.weekOverWeek))
        }
        var queries = Figure(
            label: "Queries in the last 7 days", value: Format.integer(act.queries7d),
            detail: act.queriesPerActiveUser.map { Format.decimal($0) + " per active user" } ?? "no active user",
            definition: Glossary.queries)
        if let median = act.medianQueriesPerActiveUser { queries.detail += ", median " + Format.decimal(median) }
        (queries.change, queries.changeTone) = change(.queries7d)
        figures.append(queries)
        let i = insights.inactive
        var inactive = Figure(
            label: "Inactive for 90+ days", value: Format.integer(i.count),
            detail: i.percentOfUsers.map { Format.percent($0) + " of users" } ?? "no users",
            definition: Glossary.inactive)
        (inactive.change, inactive.changeTone) = change(.inactiveCount, unit: " inactive users")
        figures.append(inactive)
        self.figures = figures
        var roles: [(String, Int)] = [
            ("Admins", u.admins), ("Editors (incl. developers)", u.editors),
            ("Interactive viewers", u.interactiveViewers), ("Viewers", u.viewers),
        ]
        if u.other > 0 { roles.append(("Other roles", u.other)) }
        self.roles = roles
    }

    /// `+2 since the last report (20 → 22)`, `no change since the last report`; nil when either
    /// value is missing.
    static func changeText(_ d: Delta, unit: String = "") -> String? {
        guard let before = d.previous, let now = d.current, let change = d.change else { return nil }
        let places = d.metric.places == 0 ? 0 : 2
        if change == 0 { return "no change since the last report" }
        // Counts are whole numbers held in a Double; clamped so that absurd input cannot trap.
        func whole(_ v: Double) -> Int { v >= 9.2e18 ? Int.max : v <= -9.2e18 ? Int.min : Int(v.rounded()) }
        let amount = places == 0 ? Format.signed(whole(change)) : Format.signed(change, places: places)
        let from = places == 0 ? Format.integer(whole(before)) : Format.decimal(before, places: places)
        let to = places == 0 ? Format.integer(whole(now)) : Format.decimal(now, places: places)
        return amount + unit + " since the last report (" + from + " \u{2192} " + to + ")"
    }
}
