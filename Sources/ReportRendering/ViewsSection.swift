import ActivityModel
import Charts
public import Insights
import Markup

/// The "Views" part of report.html (`--views`), its summary.md lines and its CSV files; every
/// number from `insights.views`.
enum ViewsSection {
    static let lifecycleLabels = [
        "active-7d": "Viewed in the last 7 days", "active-8-30d": "Last view 8-30 days ago", "active-31-90d": "Last view 31-90 days ago",
        "over-90d-or-never": "Over 90 days ago, or never",
    ]

    /// Where a lifecycle bucket's count comes from.
    static func source(_ b: Views.Bucket, _ v: Views) -> String {
        var parts: [String] = []
        if b.fromViews > 0 || b.fromPayload == 0 { parts.append("views export: \(Format.integer(b.fromViews))") }
        if b.key == "over-90d-or-never" {
            parts.append("inactive list of the payload (not in the export): \(Format.integer(b.fromPayload))")
        }
        var text = parts.joined(separator: "; ")
        if !b.covered { text += " (the export covers only \(Format.count(v.window.days, "day")): a partial count)" }
        return text
    }

    static func kindName(_ k: ViewedKind) -> String { k == .dashboard ? "Dashboard" : "Chart" }

    static func append(_ parent: Element, _ insights: Insights, charts: ChartFigures.Pair, maxRows: Int) {
        guard let v = insights.views else { return }
        let section = parent.append("section", ["id": "views", "aria-labelledby": "views-title"])
        section.append("h2", ["id": "views-title"], text: "Views")
        section.append("p", ["class": "window"], text: "From the raw views export: \(v.windowPhrase).")
        section.append(
            "p",
            text:
                "\(Format.count(v.views, "view")): \(Format.integer(v.identifiedViews)) by \(Format.count(v.viewers, "identified user")), \(Format.integer(v.anonymousViews)) without a user (anonymous or embedded viewers and deleted users, never counted as users)."
        )
        if let l = v.latest {
            var line =
                "On \(l.day.long): \(Format.integer(l.dau)) daily, \(Format.integer(l.wau)) weekly and \(Format.integer(l.mau)) monthly active viewers (DAU, WAU, MAU)."
            if let s = v.stickiness {
                line += " Stickiness (mean DAU over 30 days / MAU): \(Format.decimal(s, places: 2))"
                line += v.stickinessBefore.map { ", \(Format.decimal($0, places: 2)) 30 days earlier." } ?? "."
            }
            section.append("p", text: line)
        }
        for name in ["views-actives", "views-heatmap"] {
            if let chart = charts.wide[name] { ChartFigures.figure(chart, narrow: charts.narrow[name], into: section, dataTable: true) }
        }
        let top = Array(v.topReach)
        subsection(section, id: "views-reach", title: "Reach: the \(top.count) items with the most viewers")
        reachTable(section, top, caption: "Reach: views and distinct viewers per item")
        if !v.singleViewer.isEmpty {
            let d = v.singleViewer.filter { $0.kind == .dashboard }.count
            let c = v.singleViewer.count - d
            subsection(section, id: "views-single", title: "Viewed by one person only")
            section.append(
                "p",
                text:
                    "\(Format.count(d, "dashboard")) and \(Format.count(c, "chart")) have all their views from a single identified user."
                    + (v.singleViewer.count > maxRows
                        ? " The first \(Format.integer(maxRows)) by views; data/reach.csv lists every item." : ""))
            reachTable(section, Array(v.singleViewer.prefix(maxRows)), caption: "Items viewed by one person only")
        }
        subsection(section, id: "views-lifecycle", title: "Identified users by their last view")
        table(
            section, caption: "Identified users by their last view", columns: ["Last view", "Users", "Source"],
            numeric: [false, true, false],
            rows: v.lifecycle.map { [lifecycleLabels[$0.key] ?? $0.key, Format.integer($0.users), source($0, v)] }, names: [])
        subsection(section, id: "views-spaces", title: "Spaces")
        table(
            section, caption: "Views and distinct viewers per space", columns: ["Space", "Views", "Viewers"], numeric: [false, true, true],
            rows: v.spaces.prefix(maxRows).map {
                [$0.name.isEmpty ? "No space" : $0.name, Format.integer($0.views), Format.integer($0.viewers)]
            },
            names: [0])
        let terms = section.append("dl", ["class": "views-definitions"])
        for e in Glossary.viewsEntries {
            terms.append("dt", ["id": "def-" + e.id], text: e.term)
            terms.append("dd", text: e.text)
        }
    }

    static func subsection(_ parent: Element, id: String, title: String) {
        parent.append("h3", ["id": id], text: title)
    }

    static func reachTable(_ parent: Element, _ items: [Views.Reach], caption: String) {
        table(
            parent, caption: caption,
            columns: ["Type", "Name", "Space", "Viewers", "Views", "Views per viewer", "Without a user", "Last viewed"],
            numeric: [false, false, false, true, true, true, true, false],
            rows: items.map { r in
                [
                    kindName(r.kind), ChartBuilder.contentName(r.name), r.space, Format.integer(r.viewers), Format.integer(r.views),
                    r.viewsPerViewer.map { Format.decimal($0, places: 1) } ?? "none", Format.integer(r.anonymousViews),
                    Format.timestamp(r.lastViewed),
                ]
            }, names: [1, 2])
    }

    /// A table in a scrolling wrapper; the cells of `names` go into `<bdi>`.
    static func table(_ parent: Element, caption: String, columns: [String], numeric: [Bool], rows: [[String]], names: Set<Int>) {
        let wrap = parent.append("div", ["class": "table-wrap"])
        let t = wrap.append("table")
        t.append("caption", text: caption)
        let head = t.append("thead").append("tr")
        for (i, c) in columns.enumerated() { head.append("th", numeric[i] ? ["scope": "col", "class": "num"] : ["scope": "col"], text: c) }
        let body = t.append("tbody")
        for row in rows {
            let tr = body.append("tr")
            for (i, cell) in row.enumerated() {
                let td = tr.append("td", numeric[i] ? ["class": "num"] : [:])
                if names.contains(i) { td.append("bdi", text: cell) } else { _ = td.text(cell) }
            }
        }
    }

    /// summary.md's lines.
    static func markdown(_ insights: Insights) -> String {
        guard let v = insights.views else { return "" }
        var md = "**Views** (" + MarkdownText.own(v.windowPhrase) + "): "
        var parts = [
            "\(Format.count(v.views, "view")), \(Format.count(v.viewers, "identified viewer")), \(Format.integer(v.anonymousViews)) without a user"
        ]
        if let l = v.latest { parts.append("DAU \(Format.integer(l.dau)) · WAU \(Format.integer(l.wau)) · MAU \(Format.integer(l.mau))") }
        if let s = v.stickiness { parts.append("stickiness \(Format.decimal(s, places: 2))") }
        let d = v.singleViewer.filter { $0.kind == .dashboard }.count
        if d > 0 { parts.append("\(Format.count(d, "dashboard")) viewed by one person only") }
        md += parts.map(MarkdownText.own).joined(separator: " · ") + "\n\n"
        if let first = v.topReach.first {
            md +=
                "Widest reach: " + MarkdownText.escape(ChartBuilder.contentName(first.name)) + " "
                + MarkdownText.own(
                    "(\(kindName(first.kind).lowercased()), \(Format.count(first.viewers, "viewer")), \(Format.count(first.views, "view")))"
                ) + "\n\n"
        }
        return md
    }
}

extension CSVExport {
    /// `data/reach.csv`, `data/daily-actives.csv`, `data/users-last-seen.csv` (with `--views`).
    public static func viewsFiles(_ insights: Insights) -> [(path: String, bytes: [UInt8])] {
        guard let v = insights.views else { return [] }
        var reach = Table(
            ["rank", "type", "uuid", "name", "space", "viewers", "views", "views_per_viewer", "views_without_user", "last_viewed"],
            rows: v.reach.count)
        for (i, r) in v.reach.enumerated() {
            reach.integer(i + 1)
            for cell in [r.kind.rawValue, r.uuid, r.name, r.space] { reach.text(cell) }
            reach.integer(r.viewers)
            reach.integer(r.views)
            reach.text(r.viewsPerViewer.map(Format.fixed2) ?? "")
            reach.integer(r.anonymousViews)
            reach.text(InsightsJSON.instant(r.lastViewed))
            reach.endRow()
        }
        var daily = Table(["date", "dau", "wau", "mau", "stickiness", "full_week", "full_month"], rows: v.daily.count)
        for d in v.daily {
            daily.add(
                [
                    d.day.iso, String(d.dau), String(d.wau), String(d.mau), d.stickiness.map { Numbers.plain($0) } ?? "",
                    String(d.fullWeek), String(d.fullMonth),
                ], numeric: true)
        }
        var users = Table(
            [
                "user_uuid", "name", "last_seen", "days_since_last_view", "views", "favourite_type", "favourite_uuid", "favourite_name",
                "favourite_views",
            ],
            rows: v.users.count)
        for u in v.users {
            for cell in [u.uuid, u.name, InsightsJSON.instant(u.lastSeen)] { users.text(cell) }
            users.integer(u.daysSinceLastView)
            users.integer(u.views)
            for cell in [u.favourite.kind.rawValue, u.favourite.uuid, u.favouriteName] { users.text(cell) }
            users.integer(u.favouriteViews)
            users.endRow()
        }
        return [("data/reach.csv", reach.bytes), ("data/daily-actives.csv", daily.bytes), ("data/users-last-seen.csv", users.bytes)]
    }
}
