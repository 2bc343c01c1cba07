public import ActivityModel
import Charts
public import Insights
import Markup

/// One project's line in the index of a many-project run.
public struct ProjectIndexRow: Sendable, Equatable {
    public var name: String
    public var uuid: String
    /// The project's folder under the output folder (letters, digits and `-` only), when its report was written.
    public var folder: String?
    /// `numberUsers`.
    public var users: Int?
    /// Users active in the last 7 days (rows of `tableMostQueries`).
    public var activeUsers: Int?
    /// `numberWeeklyQueryingUsers`, 0-100.
    public var activePercent: Double?
    /// Active users in the newest day of the daily series minus 7 days before; nil when unknown.
    public var weekOverWeek: Int?
    /// Users with no chart view for over 90 days (rows of `tableNoQueries`).
    public var inactiveUsers: Int?
    /// `trend.changeActiveUsersPercent`: the change relative to a week earlier; nil when unknown.
    public var weekOverWeekPercent: Double?
    /// Findings that need action (`act`) and to keep an eye on (`watch`).
    public var act: Int?
    public var watch: Int?
    /// The uuids of the users active in the last 7 days, for the distinct count of a batch's
    /// totals; nil when the payload's uuids do not allow it (a missing or repeated uuid).
    public var activeUserIDs: Set<String>?
    /// Why there is no report, one line; nil for a project that succeeded.
    public var failure: String?
    /// With `--history`: active users of the last 12 weeks (`overTime.weeks`), oldest first, nil for a gap.
    public var weekly: [Double?]?
    /// With `--cleanup`: stale charts and dashboards (`cleanup.staleContent.stale`), nil when not read.
    public var staleItems: Int?
    /// With `--cleanup`: deliveries that failed or partly failed on their latest run, nil when not read.
    public var failingDeliveries: Int?

    public init(
        name: String, uuid: String, folder: String? = nil, users: Int? = nil, activeUsers: Int? = nil,
        activePercent: Double? = nil, weekOverWeek: Int? = nil, inactiveUsers: Int? = nil, failure: String? = nil
    ) {
        self.name = name
        self.uuid = uuid
        self.folder = folder
        self.users = users
        self.activeUsers = activeUsers
        self.activePercent = activePercent
        self.weekOverWeek = weekOverWeek
        self.inactiveUsers = inactiveUsers
        self.failure = failure
    }

    /// The figures of a project whose report was written, as its insights.json has them:
    /// `users.total`, `activity.activeUsers`, `activity.activePercent`, `trend.changeActiveUsers`,
    /// `trend.changeActiveUsersPercent`, `inactive.count` and the severities of `findings`.
    public init(name: String, uuid: String, folder: String, insights: Insights, activeUserIDs: Set<String>? = nil) {
        self.init(
            name: name, uuid: uuid, folder: folder, users: insights.users.total, activeUsers: insights.activity.activeUsers,
            activePercent: insights.activity.activePercent, weekOverWeek: insights.trend.changeActiveUsers,
            inactiveUsers: insights.inactive.count)
        weekOverWeekPercent = insights.trend.changeActiveUsersPercent
        act = insights.findings.filter { $0.severity == .act }.count
        watch = insights.findings.filter { $0.severity == .watch }.count
        self.activeUserIDs = activeUserIDs
        weekly = insights.overTime.map(OverTimeSection.compactValues)
        staleItems = insights.cleanup?.content?.items.count
        failingDeliveries = insights.cleanup?.deliveries.map { $0.failing + $0.partial }
    }

    /// `3 stale · 1 failing delivery` with `--cleanup`; nil without clean-up data.
    var cleanupText: String? {
        var parts: [String] = []
        if let staleItems { parts.append("\(Format.integer(staleItems)) stale") }
        if let failingDeliveries { parts.append(Format.count(failingDeliveries, "failing delivery", "failing deliveries")) }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The uuids of `tableMostQueries` (the users active in the last 7 days), or nil when one is
    /// empty or repeated: then they cannot tell people apart across projects.
    public static func activeUserIDs(_ activity: UserActivity) -> Set<String>? {
        let ids = Set(activity.mostQueries.map(\.userUuid))
        guard ids.count == activity.mostQueries.count, !ids.contains("") else { return nil }
        return ids
    }

    /// 0 with a finding that needs action, 1 with one to watch, 2 otherwise: the index's order.
    var severityRank: Int { (act ?? 0) > 0 ? 0 : (watch ?? 0) > 0 ? 1 : 2 }

    /// The name, or a placeholder for an empty one.
    var shownName: String { name.isEmpty ? "(unnamed project)" : name }

    /// Whether `folder` is safe to use verbatim in a link.
    var safeFolder: String? {
        guard let folder, !folder.isEmpty,
            folder.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 })
        else { return nil }
        return folder
    }
}

/// Render: `index.html` and `summary.md` of a many-project run, comparing the projects side
/// by side with a link to each report. Ordered by severity (projects with a finding that needs
/// action, then with one to watch, then the rest), then by name, uuid and folder; failed
/// projects last. A project read from a file is named by its file's name; its path is never shown.
public enum ProjectIndex {
    static let columns = ["Project", "Users", "Active (7 days)", "% active", "Week over week", "Inactive (90+ days)", "Report"]

    public static func sorted(_ rows: [ProjectIndexRow]) -> [ProjectIndexRow] {
        rows.sorted { a, b in
            if (a.failure == nil) != (b.failure == nil) { return a.failure == nil }
            if a.severityRank != b.severityRank { return a.severityRank < b.severityRank }
            let x = a.name.lowercased()
            let y = b.name.lowercased()
            if x != y { return x < y }
            return a.uuid != b.uuid ? a.uuid < b.uuid : (a.folder ?? "") < (b.folder ?? "")
        }
    }

    static func summaryLine(_ rows: [ProjectIndexRow], _ generatedAt: Int64) -> String {
        let failed = rows.filter { $0.failure != nil }.count
        var line = Format.count(rows.count, "project") + ", generated \(Format.timestamp(generatedAt))."
        if failed > 0 { line += " " + Format.count(failed, "project") + " could not be reported; see the last rows." }
        return line
    }

    static func cells(_ row: ProjectIndexRow) -> [String] {
        [
            row.users.map(Format.integer) ?? "–",
            row.activeUsers.map(Format.integer) ?? "–",
            row.activePercent.map(Format.percent) ?? "–",
            row.weekOverWeek.map(Format.signed) ?? "–",
            row.inactiveUsers.map(Format.integer) ?? "–",
        ]
    }

    /// The page, built with libxml2 through `Markup` on the report's own template and stylesheet:
    /// see ``ProjectIndex/table(_:into:)``.
    public static func html(_ rows: [ProjectIndexRow], title: String, generatedAt: Int64, templates: Templates = .builtIn)
        throws(RenderError) -> [UInt8]
    {
        let doc = try templates.parsedPage()
        HTMLReport.fill(doc, slot: "title", text: title)
        HTMLReport.fill(doc, slot: "heading", text: title)
        HTMLReport.fill(doc, slot: "period", text: summaryLine(rows, generatedAt))
        HTMLReport.fill(
            doc, slot: "footer",
            text:
                "Made by ActivityReport from Lightdash's user-activity analytics at \(Format.timestamp(generatedAt)). Active: users with a chart view in the last 7 days. Week over week: the change in 7-day active users from 7 days before the newest day of the daily series to that day."
        )
        for style in doc.elements(slot: "style") {
            style.removeChildren()
            style.text(templates.stylesheet)
        }
        for content in doc.elements(slot: "content").prefix(1) {
            content.removeChildren()
            let section = content.append("section", ["id": "projects", "aria-labelledby": "projects-title"])
            section.append("h2", ["id": "projects-title"], text: "Projects")
            table(rows, into: section)
        }
        return doc.serialize()
    }

    /// The Markdown twin of the page; names escaped with ``MarkdownText/escape(_:limit:)``.
    public static func markdown(_ rows: [ProjectIndexRow], title: String, generatedAt: Int64) -> [UInt8] {
        var md = "# " + MarkdownText.escape(title, limit: 200) + "\n\n"
        md += MarkdownText.own(summaryLine(rows, generatedAt)) + "\n\n"
        md += "| " + columns.map(MarkdownText.own).joined(separator: " | ") + " |\n"
        md += "| --- |" + String(repeating: " ---: |", count: columns.count - 2) + " --- |\n"
        for row in sorted(rows) {
            let name = row.name.isEmpty ? "_" + MarkdownText.own(row.shownName) + "_" : MarkdownText.escape(row.name)
            let project = row.uuid.isEmpty ? name : name + " (`" + row.uuid + "`)"
            if let failure = row.failure {
                md +=
                    "| " + project + " | " + Array(repeating: "–", count: columns.count - 2).joined(separator: " | ")
                    + " | **failed:** " + MarkdownText.escape(failure, limit: 300) + " |\n"
                continue
            }
            var link = row.safeFolder.map { "[report](" + $0 + "/report.html)" } ?? " "
            if let cleanup = row.cleanupText { link += " · clean-up: " + MarkdownText.own(cleanup) }
            var shown = cells(row)
            if let weekly = row.weekly { shown[1] += " " + OverTimeSection.blocks(weekly) }
            md += "| " + project + " | " + shown.map(MarkdownText.own).joined(separator: " | ") + " | " + link + " |\n"
        }
        md += "\n_Made by ActivityReport at " + MarkdownText.own(Format.timestamp(generatedAt)) + "._\n"
        return Array(MarkdownSummary.clamp(md).utf8)
    }

    /// With `--history`: the 12 weeks of active users beside the count, gaps as breaks in the line.
    static func sparkline(_ weekly: [Double?], into td: Element) {
        let doc = Sparkline.document(
            values: weekly, label: "Active users, last \(weekly.count) weeks", format: { Format.integer(Int($0)) }, unit: "week")
        if let svg = doc.root {
            td.append("br")
            td.append("span", ["class": "spark"]).appendCopy(of: svg)
        }
    }
}
