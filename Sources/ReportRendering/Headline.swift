import ActivityModel
package import Insights

/// The headline cards, the same in the page, the summary and the email: each card's number, a
/// line under it, and its change, which always compares the number the card shows (percent
/// cards in percentage points, count cards in counts with the percent change) and says which
/// change it is ("week over week", "since the last report").
package struct Headline {
    package struct Figure {
        package var label: String
        package var value: String
        package var detail: String
        /// +1 up, -1 down, 0 flat or unknown: for colouring.
        package var direction: Int = 0
        /// The ``Glossary`` entry that defines the number (the page links the label to it).
        package var definition: Glossary.Entry
        /// The change since the previous report, in words; nil without one.
        package var change: String? = nil
        /// +1 better, -1 worse, 0 neither or unknown: for colouring the change.
        package var changeTone: Int = 0
    }

    package var figures: [Figure]
    /// Role buckets, in a fixed order, with "other roles" when the buckets fall short.
    package var roles: [(String, Int)]
    /// Why the two counts of active users on the cards differ, when they do.
    package var note: String?

    package init(_ insights: Insights) {
        let u = insights.users
        let act = insights.activity
        let comparison = insights.comparison
        func change(_ metric: HeadlineMetric) -> (String?, Int) {
            guard let d = comparison?.delta(metric), let (text, sign) = Headline.changeText(d) else { return (nil, 0) }
            guard sign != 0, let better = metric.higherIsBetter else { return (text, 0) }
            return (text, (sign > 0) == better ? 1 : -1)
        }
        var figures: [Figure] = []
        var users = Figure(
            label: "Users", value: Format.integer(u.total), detail: "with access to the project", definition: Glossary.users)
        (users.change, users.changeTone) = change(.usersTotal)
        figures.append(users)
        var active = Figure(
            label: Glossary.activePercent.term, value: Format.percent(act.activePercent),
            detail: "\(Format.count(act.activeUsers, "user")) viewed a chart", definition: Glossary.activePercent)
        (active.change, active.changeTone) = change(.activePercent)
        figures.append(active)
        let t = insights.trend
        if let latest = t.latest, let weekAgo = t.weekAgo, let delta = t.changeActiveUsers {
            let pct = t.changeActiveUsersPercent.map { " (" + Format.signedPercent($0) + ")" } ?? ""
            figures.append(
                Figure(
                    label: Glossary.weekOverWeek.term, value: delta == 0 ? "no change" : Format.signed(delta),
                    detail:
                        "\(Format.integer(latest.activeUsers)) on \(latest.day.long), \(Format.integer(weekAgo.activeUsers)) on \(weekAgo.day.long)\(pct)",
                    direction: delta.signum(), definition: Glossary.weekOverWeek))
        } else if let latest = t.latest {
            figures.append(
                Figure(
                    label: Glossary.weekOverWeek.term, value: "n/a",
                    detail: "no day 7 days before \(latest.day.long) to compare with", definition: Glossary.weekOverWeek))
        }
        var views = Figure(
            label: Glossary.chartViews.term, value: Format.integer(act.queries7d),
            detail: act.queriesPerActiveUser.map { Format.decimal($0) + " per active user" } ?? "no active user",
            definition: Glossary.chartViews)
        if let median = act.medianQueriesPerActiveUser { views.detail += ", median " + Format.decimal(median) }
        (views.change, views.changeTone) = change(.queries7d)
        figures.append(views)
        let i = insights.inactive
        var inactive = Figure(
            label: Glossary.inactive.term, value: Format.integer(i.count),
            detail: i.percentOfUsers.map { Format.percent($0) + " of users" } ?? "no users",
            definition: Glossary.inactive)
        (inactive.change, inactive.changeTone) = change(.inactiveCount)
        figures.append(inactive)
        self.figures = figures
        var roles: [(String, Int)] = [
            ("Admins", u.admins), ("Editors (incl. developers)", u.editors),
            ("Interactive viewers", u.interactiveViewers), ("Viewers", u.viewers),
        ]
        if u.other > 0 { roles.append(("Other roles", u.other)) }
        self.roles = roles
        note = t.weekAgo == nil ? nil : Findings.activeSources(insights)?.text
    }

    /// The change line of a card and its sign, comparing the number the card shows: a count in
    /// counts, `+16 (+200%) since the last report (8 → 24)`; a percentage in percentage points
    /// between the two whole percents shown, `-13 points since the last report (75% → 62%)`;
    /// `no change since the last report (24)`. Nil when either value is missing.
    package static func changeText(_ d: Delta) -> (text: String, sign: Int)? {
        guard let before = d.previous, let now = d.current, d.change != nil else { return nil }
        // Counts are whole numbers held in a Double; clamped so that absurd input cannot trap.
        func whole(_ v: Double) -> Int { v >= 9.2e18 ? Int.max : v <= -9.2e18 ? Int.min : Int(v.rounded()) }
        let since = " since the last report"
        if d.metric.isPercentage {
            guard let points = d.points else { return nil }
            let fromTo = " (" + Format.percent(before) + " \u{2192} " + Format.percent(now) + ")"
            if points == 0 { return ("no change" + since + fromTo, 0) }
            return (Format.signedPoints(points) + since + fromTo, points.signum())
        }
        if d.metric.isCount {
            let (a, b) = (whole(before), whole(now))
            let (amount, overflow) = b.subtractingReportingOverflow(a)
            guard !overflow else { return nil }
            if amount == 0 { return ("no change" + since + " (" + Format.integer(b) + ")", 0) }
            let pct = d.changePercent.map { " (" + Format.signedPercent($0) + ")" } ?? ""
            return (
                Format.signed(amount) + pct + since + " (" + Format.integer(a) + " \u{2192} " + Format.integer(b) + ")", amount.signum()
            )
        }
        let amount = now - before
        if Format.fixed2(amount) == "0.00" { return ("no change" + since + " (" + Format.fixed2(now) + ")", 0) }
        return (
            Format.signed(amount, places: 2) + since + " (" + Format.fixed2(before) + " \u{2192} " + Format.fixed2(now) + ")",
            amount > 0 ? 1 : -1
        )
    }
}
