import ActivityModel
import Markup

extension ProjectIndex {
    /// The projects table of `index.html`: per project its name (the link to its report), its
    /// act and watch findings, users, active share and count, the week-over-week change (sign,
    /// percent, colour and a word) and inactive users; then a totals row and a note on how the
    /// totals count people. Users and inactive users are `optional` columns, hidden on phones.
    static func table(_ rows: [ProjectIndexRow], into section: Element) {
        let wrap = section.append("div", ["class": "table-wrap"])
        let table = wrap.append("table", ["class": "projects", "aria-labelledby": "projects-title"])
        let head = table.append("thead").append("tr")
        for (title, cls) in pageColumns {
            head.append("th", ["scope": "col", "class": cls], text: title)
        }
        let body = table.append("tbody")
        let sorted = sorted(rows)
        for row in sorted {
            let tr = body.append("tr")
            project(row, into: tr.append("th", ["scope": "row"]))
            if let failure = row.failure {
                tr.append("td", ["colspan": String(pageColumns.count - 1), "class": "failed"], text: "No report: " + failure)
                continue
            }
            let findings = tr.append("td", ["class": "status"])
            status(act: row.act ?? 0, watch: row.watch ?? 0, into: findings)
            if let cleanup = row.cleanupText { findings.append("span", ["class": "count"], text: "Clean-up: " + cleanup) }
            tr.append("td", ["class": "num optional"], text: row.users.map(Format.integer) ?? "–")
            let active = tr.append("td", ["class": "num active"], text: row.activePercent.map(Format.percent) ?? "–")
            if let count = row.activeUsers { active.append("span", ["class": "count"], text: Format.count(count, "user")) }
            // With --history: the last 12 weeks of active users.
            if let weekly = row.weekly { sparkline(weekly, into: active) }
            weekOverWeek(row, into: tr.append("td", ["class": "num wow"]))
            tr.append("td", ["class": "num optional"], text: row.inactiveUsers.map(Format.integer) ?? "–")
        }
        let reported = sorted.filter { $0.failure == nil }
        guard reported.count > 1 else { return }
        let totals = Totals(reported)
        let tr = table.append("tfoot").append("tr")
        tr.append("th", ["scope": "row"], text: "All \(Format.count(reported.count, "project"))")
        status(act: totals.act, watch: totals.watch, into: tr.append("td", ["class": "status"]))
        tr.append("td", ["class": "num optional"], text: Format.integer(totals.users))
        let active = tr.append("td", ["class": "num active"], text: Format.integer(totals.active))
        active.append("span", ["class": "count"], text: totals.distinct ? "distinct users" : "summed")
        tr.append("td", ["class": "num wow"], text: "–")
        tr.append("td", ["class": "num optional"], text: Format.integer(totals.inactive))
        section.append("p", ["class": "totals-note"], text: totals.note)
    }

    /// The page's columns and their classes.
    static let pageColumns: [(String, String)] = [
        ("Project", "project"), ("Findings", "status"), ("Users", "num optional"), ("Active (7 days)", "num"),
        ("Week over week", "num"), ("Inactive (90+ days)", "num optional"),
    ]

    /// The name as the link to the report (when it was written), the summary's link and the
    /// project's uuid (server projects only; a file's path is never shown).
    static func project(_ row: ProjectIndexRow, into th: Element) {
        let folder = row.failure == nil ? row.safeFolder : nil
        let name = folder.map { th.append("a", ["href": $0 + "/report.html"]) } ?? th
        if row.name.isEmpty {
            name.append("span", ["class": "unnamed"], text: row.shownName)
        } else {
            name.append("bdi", text: row.name)
        }
        if let folder {
            let links = th.append("span", ["class": "key"])
            links.append("a", ["href": folder + "/summary.md"], text: "summary")
        }
        if !row.uuid.isEmpty { th.append("code", ["class": "key optional"], text: row.uuid) }
    }

    /// "2 act", "1 watch" badges, or "none".
    static func status(act: Int, watch: Int, into td: Element) {
        if act > 0 { td.append("span", ["class": "badge act"], text: "\(Format.integer(act)) act") }
        if watch > 0 { td.append("span", ["class": "badge watch"], text: "\(Format.integer(watch)) watch") }
        if act == 0 && watch == 0 { td.append("span", ["class": "none"], text: "none") }
    }

    /// `-23 (-12%)` over `down`, coloured: more active users is better.
    static func weekOverWeek(_ row: ProjectIndexRow, into td: Element) {
        guard let change = row.weekOverWeek else {
            td.text("–")
            return
        }
        var text = Format.signed(change)
        if let percent = row.weekOverWeekPercent { text += " (" + Format.signedPercent(percent) + ")" }
        td.set("class", "num wow " + (change > 0 ? "up" : change < 0 ? "down" : "same"))
        td.text(text)
        td.append("span", ["class": "word"], text: change > 0 ? "up" : change < 0 ? "down" : "unchanged")
    }

    /// The totals of the reported projects.
    struct Totals {
        var act = 0
        var watch = 0
        var users = 0
        var inactive = 0
        /// Distinct active users by uuid when every project's uuids allow it, else the sum.
        var active = 0
        var distinct = true

        init(_ rows: [ProjectIndexRow]) {
            var ids = Set<String>()
            var sum = 0
            for row in rows {
                act += row.act ?? 0
                watch += row.watch ?? 0
                users += row.users ?? 0
                inactive += row.inactiveUsers ?? 0
                sum += row.activeUsers ?? 0
                if let rowIDs = row.activeUserIDs { ids.formUnion(rowIDs) } else { distinct = false }
            }
            active = distinct ? ids.count : sum
        }

        var note: String {
            let people =
                distinct
                ? "Active users are counted once across projects by their user uuid, so a person active in several projects counts once."
                : "Active users are summed: some payloads have no unique user uuids, so a person active in several projects counts in each."
            return "Totals: users and inactive users are sums over the projects (a person in several projects counts in each). "
                + people
        }
    }
}
