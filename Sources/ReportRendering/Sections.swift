package import ActivityModel
import Insights

/// Options that shape every rendered document.
public struct ReportOptions: Sendable, Equatable {
    /// The link to this report where `--report-url` publishes it (see `link(base:folder:)`);
    /// summary.md and the email link to it.
    public var reportURL: String?
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

    /// Where a report in `folder` is published under `base` (`--report-url`, the output folder's
    /// URL): `base/report.html` for a single report (`folder` empty), `base/FOLDER/report.html`
    /// for a report of a batch, `base/index.html` for the index (`folder` nil).
    public static func link(base: String?, folder: String?) -> String? {
        guard var base else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        guard let folder else { return base + "/index.html" }
        return base + (folder.isEmpty ? "" : "/" + folder) + "/report.html"
    }

    /// Why `url` cannot be a report URL, or nil when it can: an `http` or `https` URL with a
    /// host, at most 2,000 characters of RFC 3986 (no spaces, quotes or angle brackets, so it
    /// stands as it is in a Markdown autolink and an `href`).
    public static func problem(reportURL url: String) -> String? {
        let lower = url.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lower.hasPrefix($0) }) else {
            return "expected an http:// or https:// URL, got \"\(url.prefix(80))\""
        }
        guard url.utf8.count <= 2_000 else { return "longer than 2,000 characters" }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%".utf8)
        guard url.utf8.allSatisfy({ allowed.contains($0) }) else {
            return "only the characters of RFC 3986 may appear (encode spaces and others as %XX)"
        }
        let host = url.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty else { return "the URL has no host" }
        return nil
    }

    public init(
        title: String = ReportOptions.defaultTitle, maxRows: Int = 50, summaryRows: Int = 10, generatedAt: Int64, reportURL: String? = nil,
        indexLink: String? = nil
    ) {
        self.reportURL = reportURL
        self.indexLink = indexLink
        self.title = title
        self.maxRows = maxRows
        self.summaryRows = summaryRows
        self.generatedAt = generatedAt
        self.indexLink = indexLink
    }
}

/// One cell of a report table; HTML, Markdown and the email each render it their own way.
package enum Cell: Equatable {
    /// A person's name ("" for pending invitations).
    case person(String)
    /// A dashboard's or chart's name ("" when untitled).
    case content(String)
    case text(String)
    case integer(Int)
    case decimal(Double?)
    case percent(Double)
    case day(Day)

    package var isNumeric: Bool {
        switch self {
        case .integer, .decimal, .percent: return true
        default: return false
        }
    }

    /// The plain text of the cell (names unescaped: each renderer escapes).
    package var plain: String {
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
    package var isPlaceholder: Bool {
        switch self {
        case .person(let name): return name.isEmpty
        case .content(let name): return name.trimmingWhitespace().isEmpty
        case .decimal(let v): return v == nil
        default: return false
        }
    }
}

/// A column of a report table.
package struct Column: Equatable {
    package var title: String
    package var numeric: Bool
}

/// A list of the payload as a report section: the same for the page, the summary and the email.
package struct ListSection: Equatable {
    /// Anchor id in the page.
    package var id: String
    package var title: String
    /// The window the list covers, in words ("last 7 days", "all time").
    package var window: String
    /// What the list holds, one sentence.
    package var explanation: String
    /// Shown instead of an empty table.
    package var emptyMessage: String
    package var columns: [Column]
    /// The first rows of the list (up to the limit the sections were built with).
    package var rows: [[Cell]]
    /// How many rows the whole list has.
    package var total: Int
    /// Noun for "and N more ...".
    package var noun: (singular: String, plural: String)
    /// When the list has rows but nothing happened in them (a daily series of zeros): the one
    /// sentence the page shows instead of the section.
    package var quietMessage: String? = nil

    /// The CSV file when it is not named after the id.
    package var csvFile: String? = nil

    /// The list in full, beside the report (`data/ID.csv`).
    package var csvPath: String { csvFile ?? "data/\(id).csv" }

    package static func == (a: ListSection, b: ListSection) -> Bool {
        a.id == b.id && a.rows == b.rows && a.columns == b.columns
    }

    package func moreText(shown: Int) -> String? {
        let hidden = total - shown
        guard hidden > 0 else { return nil }
        return "and \(Format.integer(hidden)) more \(hidden == 1 ? noun.singular : noun.plural) not shown"
    }
}

/// The lists of a report, in page order.
package enum Sections {
    /// The sections with at most `limit` rows each (the rows are built for the shown part only:
    /// a list may hold 100,000 users).
    package static func lists(_ a: UserActivity, limit: Int = .max) -> [ListSection] {
        [
            ListSection(
                id: "daily-activity", title: "Daily activity", window: "trailing 7 days, per day, newest first",
                explanation:
                    "For each day, the active users: users with a chart view in the 7 days up to that day, as a count and as a percent of the users who existed then; and the chart-days per active user (none when nobody was active).",
                emptyMessage: "No daily activity yet: the project has no days with users.",
                columns: [
                    Column(title: "Day", numeric: false), Column(title: "Active users", numeric: true),
                    Column(title: "Active %", numeric: true), Column(title: "Chart-days per active user", numeric: true),
                ],
                rows: dailyRows(a, limit: limit), total: dailyCount(a), noun: ("day", "days"), quietMessage: quietDays(a)),
            ListSection(
                id: "most-queries", title: "Chart views by user", window: "last 7 days",
                explanation:
                    "Every active user, by chart views: each chart opened and each dashboard tile loaded counts.",
                emptyMessage: "No user viewed a chart in the last 7 days.",
                columns: [
                    Column(title: "#", numeric: false), Column(title: "User", numeric: false), Column(title: "Chart views", numeric: true),
                ],
                rows: a.mostQueries.prefix(limit).enumerated().map {
                    [.text(String($0.offset + 1)), .person($0.element.name), .integer($0.element.count)]
                },
                total: a.mostQueries.count, noun: ("user", "users")),
            ListSection(
                id: "chart-updates", title: "Chart saves by user", window: "last 7 days",
                explanation:
                    "Users by chart saves (a chart save creates a chart or saves a change to one); the server sends the 10 users with the most.",
                emptyMessage: "No user saved a chart in the last 7 days.",
                columns: [
                    Column(title: "#", numeric: false), Column(title: "User", numeric: false),
                    Column(title: "Chart saves", numeric: true),
                ],
                rows: a.mostCreatedCharts.prefix(limit).enumerated().map {
                    [.text(String($0.offset + 1)), .person($0.element.name), .integer($0.element.count)]
                },
                total: a.mostCreatedCharts.count, noun: ("user", "users")),
            ListSection(
                id: "inactive-users", title: "Inactive users", window: "no chart view for 90 days or more",
                explanation:
                    "Users with no chart view in this project for 90 days or more (counted from when they joined if they never viewed one), longest first.",
                emptyMessage: "No inactive users: every user " + Findings.noInactiveUsers,
                columns: [Column(title: "User", numeric: false), Column(title: "Days since last chart view", numeric: true)],
                rows: a.noQueries.prefix(limit).map { [.person($0.name), .integer($0.count)] },
                total: a.noQueries.count, noun: ("user", "users")),
            ListSection(
                id: "dashboard-views", title: "Most viewed dashboards", window: "all time",
                explanation: "Dashboards by views, anonymous and embedded ones included (the server's top 20).",
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
                explanation: "Charts by chart views, anonymous and embedded ones included (the server's top 20).",
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
                explanation: "For every user who has viewed a dashboard, the one they viewed most and its views.",
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
        if days == 1 { return "No user was active on the one day of the series." }
        return "No user was active on any of the \(Format.integer(days)) days."
    }

    /// The daily series joined on the day, newest first.
    package static func dailyCount(_ a: UserActivity) -> Int {
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
