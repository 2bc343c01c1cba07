import ActivityModel
package import Insights
import Markup

/// The "Clean-up" part (`--cleanup`): a review list of stale content (delivered items apart),
/// every delivery, and seats; its lines in summary.md; its CSV files. Every number is read from
/// `Insights.cleanup`. Worded as a list to review, never as "safe to delete".
package enum CleanupSection {
    /// The lists of the part, in page order, with at most `limit` rows each.
    package static func lists(_ insights: Insights, limit: Int = .max) -> [ListSection] {
        guard let c = insights.cleanup else { return [] }
        var out: [ListSection] = []
        let t = insights.thresholds
        if let s = c.content {
            let columns = [
                Column(title: "Chart or dashboard", numeric: false), Column(title: "Space", numeric: false),
                Column(title: "Owner", numeric: false), Column(title: "Not viewed for", numeric: false),
                Column(title: "Views (all time)", numeric: true), Column(title: "Age (days)", numeric: true),
            ]
            func rows(_ items: [Insights.StaleItem]) -> [[Cell]] {
                items.prefix(limit).map { i in
                    [
                        .content(i.name), .content(i.space), .person(i.owner), .text(notViewed(i)), .integer(i.views),
                        i.ageDays.map(Cell.integer) ?? .text("unknown"),
                    ]
                }
            }
            let window =
                s.lastViewedKnown
                ? "not viewed for more than \(Format.count(t.staleDays, "day")), as of \(Day(daysSinceEpoch: Insights.Cleanup.dayNumber(c.now)).long)"
                : "never viewed (this server does not say when items were last viewed)"
            let plain = s.items.filter { !$0.delivered }
            let delivered = s.items.filter(\.delivered)
            out.append(
                ListSection(
                    id: "stale-content", title: "Stale content to review", window: window,
                    explanation:
                        "Charts and dashboards \(window.prefix { $0 != "," }), leaving out those created or edited in the last \(Format.count(t.staleGraceDays, "day")) (\(Format.integer(s.inGrace)) were). Review each with its owner before archiving: a list to look at, not a verdict.",
                    emptyMessage: "No chart or dashboard is stale (\(Format.integer(s.considered)) looked at).", columns: columns,
                    rows: rows(plain), total: plain.count, noun: ("item", "items")))
            if !delivered.isEmpty {
                var apart = ListSection(
                    id: "stale-content-delivered", title: "Stale content with a delivery", window: window,
                    explanation:
                        "These have an enabled scheduled delivery: people may read the attachment rather than the app, so ask the recipients first.",
                    emptyMessage: "", columns: columns, rows: rows(delivered), total: delivered.count, noun: ("item", "items"))
                apart.csvFile = "data/stale-content.csv"
                out.append(apart)
            }
        }
        if let d = c.deliveries {
            out.append(
                ListSection(
                    id: "deliveries", title: "Scheduled deliveries", window: "latest run within the last 7 days",
                    explanation:
                        "Every scheduled delivery of the project with its latest run (\"none\" when it did not run in the last 7 days): \(Format.integer(d.failing)) failed, \(Format.integer(d.partial)) partly failed, \(Format.integer(d.disabled)) turned off, \(Format.integer(d.ownerGone)) with an owner deactivated or inactive for \(Format.integer(Analyzer.ownerInactiveDays))+ days, \(Format.integer(d.ofStaleContent)) sending stale content. Webhooks show their host only.",
                    emptyMessage: "The project has no scheduled delivery.",
                    columns: [
                        Column(title: "Delivery", numeric: false), Column(title: "Sends", numeric: false),
                        Column(title: "To", numeric: false),
                        Column(title: "When", numeric: false), Column(title: "Owner", numeric: false),
                        Column(title: "Latest run", numeric: false), Column(title: "Errors (7 days)", numeric: true),
                    ],
                    rows: d.rows.prefix(limit).map { r in
                        [
                            .content(r.name), .content("\(r.resourceName) (\(r.resourceKind), \(r.format))"), .content(r.destinations),
                            .text(r.cadence), .person(r.owner), .text(status(r)), .integer(r.errors7d),
                        ]
                    }, total: d.rows.count, noun: ("delivery", "deliveries")))
        }
        if let s = c.seats {
            let rows =
                s.inactiveAdminsEditors.map { ($0, "no chart view for \(Format.count($0.days ?? 0, "day"))") }
                + s.oldInvites.map { ($0, "invitation pending for \(Format.count($0.days ?? 0, "day"))") }
            let share =
                s.adminDataShare.map {
                    " Admins and the data team (developers, editors) are \(Format.percent($0 * 100)) of the \(Format.count(s.activeUsers, "active user"))."
                } ?? ""
            out.append(
                ListSection(
                    id: "seats", title: "Seats to review", window: "organisation members now",
                    explanation:
                        "\(Format.integer(s.active)) active, \(Format.integer(s.pending)) pending invitations, \(Format.integer(s.deactivated)) deactivated. Below: admins and editors with no chart view for over \(Format.integer(Analyzer.ownerInactiveDays)) days, and invitations pending for more than \(Format.count(t.pendingInviteDays, "day")).\(share)",
                    emptyMessage:
                        "No seat to review: \(Format.integer(s.active)) active, \(Format.integer(s.pending)) pending, \(Format.integer(s.deactivated)) deactivated.",
                    columns: [
                        Column(title: "Member", numeric: false), Column(title: "Role", numeric: false),
                        Column(title: "Why", numeric: false),
                    ],
                    rows: rows.prefix(limit).map { [.person($0.0.name), .text(role($0.0.role)), .text($0.1)] }, total: rows.count,
                    noun: ("member", "members")))
        }
        return out
    }

    static func notViewed(_ i: Insights.StaleItem) -> String {
        guard let days = i.daysSinceView, let last = i.lastViewed else { return "never viewed" }
        return "\(Format.count(days, "day")) (last \(last.long))"
    }

    static func status(_ r: Insights.Delivery) -> String {
        var text: String
        switch r.status {
        case "failed": text = "failed"
        case "partial_failure": text = "partly failed"
        case "none": text = "none in 7 days"
        default: text = r.status
        }
        if !r.enabled { text += "; turned off" }
        if r.ownerDeactivated { text += "; owner deactivated" } else if r.ownerInactive { text += "; owner inactive" }
        if r.staleContent { text += "; stale content" }
        return text
    }

    static func role(_ role: String) -> String {
        switch role {
        case "interactive_viewer": return "interactive viewer"
        default: return role
        }
    }

    /// The intro of the part in the page: what it is and what it is not.
    static func append(_ parent: Element, _ insights: Insights) {
        guard let c = insights.cleanup else { return }
        let section = parent.append("section", ["id": "cleanup", "aria-labelledby": "cleanup-title"])
        section.append("h2", ["id": "cleanup-title"], text: "Clean-up")
        section.append("p", ["class": "window"], text: line(c, insights.thresholds))
    }

    /// One sentence with the counts: the page's intro, summary.md's and the email's line.
    package static func line(_ c: Insights.Cleanup, _ t: Thresholds) -> String {
        var parts: [String] = []
        if let s = c.content {
            parts.append(
                "\(Format.count(s.items.count, "chart or dashboard", "charts and dashboards")) of \(Format.integer(s.considered)) to review (\(s.lastViewedKnown ? "not viewed for more than \(Format.count(t.staleDays, "day"))" : "never viewed"); \(Format.integer(s.delivered)) with a delivery)"
            )
        } else {
            parts.append("content not read")
        }
        if let d = c.deliveries {
            parts.append(
                "\(Format.integer(d.failing + d.partial)) of \(Format.count(d.rows.count, "delivery", "deliveries")) failing or partly failing"
            )
        } else {
            parts.append("deliveries not read (editor rights needed)")
        }
        if let s = c.seats {
            parts.append(
                "\(Format.count(s.inactiveAdminsEditors.count, "admin or editor", "admins and editors")) inactive, \(Format.count(s.oldInvites.count, "old invitation"))"
            )
        } else {
            parts.append("seats not read (an admin's token is needed)")
        }
        return "As of \(Day(daysSinceEpoch: Insights.Cleanup.dayNumber(c.now)).long): " + parts.joined(separator: "; ") + "."
    }

    /// summary.md's line.
    static func markdown(_ insights: Insights) -> String {
        guard let c = insights.cleanup else { return "" }
        return "**Clean-up:** " + MarkdownText.own(line(c, insights.thresholds)) + "\n\n"
    }
}
