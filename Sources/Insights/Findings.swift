import ActivityModel

/// Rules that turn metrics into findings: sentences with numbers, each with a severity.
/// A rule whose inputs are missing (null, no users, no daily series, no previous run) makes no
/// finding. Rules and thresholds: `docs/insights.md`.
public enum Findings {
    /// Every finding the rules make, most important first (`act`, then `watch`, then `good`;
    /// within a severity, in the order of the rules below), at most `thresholds.maxFindings`.
    public static func draw(_ s: Insights, thresholds t: Thresholds) -> [Finding] {
        let rules: [(Insights, Thresholds) -> Finding?] = [
            weeklyChange, activeShare, inactiveSeats, sinceLastActive, sinceLastInactive, concentration,
            longTrend, otherRoles, creators, topDashboard, sinceLastUsers,
        ]
        let made = rules.enumerated().compactMap { i, rule in rule(s, t).map { (i, $0) } }
        let ordered = made.sorted { x, y in
            x.1.severity != y.1.severity ? x.1.severity > y.1.severity : x.0 < y.0
        }
        return Array(ordered.prefix(max(0, t.maxFindings)).map(\.1))
    }

    // MARK: Helpers: the numbers of a finding, each one `.number` span

    /// `1,234`.
    static func n(_ v: Int) -> Phrase { .number(Format.integer(v)) }
    /// A whole number held in a `Double`, clamped to `Int`'s range (no trap on absurd input).
    static func whole(_ d: Double) -> Int { d >= 9.2e18 ? Int.max : d <= -9.2e18 ? Int.min : Int(d.rounded()) }
    /// `35%` (no decimals).
    static func pct(_ v: Double) -> Phrase { .number(Format.decimal(v, places: 0) + "%") }
    /// `35.5%` (one decimal at most).
    static func percent(_ v: Double) -> Phrase { .number(Format.percent(v)) }
    /// `+2%`, `-10%`.
    static func signedPct(_ v: Double) -> Phrase { .number(Format.signed(v, places: 0) + "%") }
    /// `1 user`, `3 users`: the number, then the noun.
    static func count(_ v: Int, _ singular: String) -> Phrase { "\(n(v)) \(v == 1 ? singular : singular + "s")" }
    static func users(_ v: Int) -> Phrase { count(v, "user") }
    /// `(10 → 12)`.
    static func arrow(_ before: Int, _ now: Int) -> Phrase { "(\(n(before)) \u{2192} \(n(now)))" }

    // MARK: Rules

    /// `weekly-change`: active users, newest day of the daily series against 7 days earlier.
    static func weeklyChange(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let latest = s.trend.latest, let weekAgo = s.trend.weekAgo else { return nil }
        let now = latest.activeUsers
        let then = weekAgo.activeUsers
        let context: Phrase =
            "On \(latest.day.long), \(users(now)) had viewed a chart in the 7 days before, against \(n(then)) on \(weekAgo.day.long)."
        guard then > 0 else {
            guard now > 0 else { return nil }
            return Finding(
                id: "weekly-change", severity: .good, title: "Active users rose from 0 to \(n(now)) week over week",
                detail: context)
        }
        let change = Double(now - then) / Double(then) * 100
        let fromTo = arrow(then, now)
        let act = change <= -t.weeklyDropActPercent
        if act || change <= -t.weeklyDropWatchPercent {
            return Finding(
                id: "weekly-change", severity: act ? .act : .watch,
                title: "Active users fell \(pct(-change)) week over week \(fromTo)",
                detail: context + " Look for what changed: a holiday, a broken or slow dashboard, a team that stopped using the project.")
        }
        if change >= t.weeklyRiseGoodPercent {
            return Finding(
                id: "weekly-change", severity: .good, title: "Active users rose \(pct(change)) week over week \(fromTo)",
                detail: context)
        }
        return Finding(
            id: "weekly-change", severity: .good,
            title: "Active users held steady week over week (\(n(then)) \u{2192} \(n(now)), \(signedPct(change)))",
            detail: context)
    }

    /// `active-share`: the headline percentage of users active in the last 7 days.
    static func activeShare(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard s.users.total > 0 else { return nil }
        let p = s.activity.activePercent
        let ofUsers: Phrase = "(\(n(s.activity.activeUsers)) of \(users(s.users.total)))"
        let act = p < t.activePercentAct
        if act || p < t.activePercentWatch {
            let idle = max(0, s.users.total - s.activity.activeUsers)
            return Finding(
                id: "active-share", severity: act ? .act : .watch,
                title: (p == 0 && s.activity.activeUsers == 0
                    ? "No user viewed a chart in the last 7 days "
                    : "Only \(percent(p)) of users viewed a chart in the last 7 days ") + ofUsers,
                detail:
                    "That is below the \(percent(act ? t.activePercentAct : t.activePercentWatch)) threshold: \(users(idle)) with access opened no chart this week. Ask whether they still need access, or whether the dashboards answer their questions."
            )
        }
        return Finding(
            id: "active-share", severity: .good,
            title: "\(percent(p)) of users viewed a chart in the last 7 days \(ofUsers)",
            detail: "At or above the \(percent(t.activePercentWatch)) threshold for a healthy project.")
    }

    /// `inactive-seats`: users with no chart view for 90 days or more.
    static func inactiveSeats(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard s.users.total > 0, let p = s.inactive.percentOfUsers else { return nil }
        let i = s.inactive
        guard i.count > 0 else {
            return Finding(
                id: "inactive-seats", severity: .good, title: "No user has gone 90 days without viewing a chart",
                detail: (s.users.total == 1 ? "The one user with access" : "All \(users(s.users.total)) with access" as Phrase)
                    + " viewed a chart in this project in the last 90 days, or joined less than 90 days ago.")
        }
        var parts: [(Int, String)] = []
        if i.days90to179 > 0 { parts.append((i.days90to179, "90-179 days")) }
        if i.days180to364 > 0 { parts.append((i.days180to364, "180-364 days")) }
        if i.days365plus > 0 { parts.append((i.days365plus, "a year or more")) }
        var split = Phrase()
        for (k, (count, span)) in parts.enumerated() {
            if k == 0 {
                split =
                    i.count == 1
                    ? "They have been idle for \(span)" : "\(n(count)) of them \(count == 1 ? "has" : "have") been idle for \(span)"
            } else {
                split += (k == parts.count - 1 ? " and " : ", ") + "\(n(count)) for \(span)"
            }
        }
        split += "."
        let subject: Phrase = "\(users(i.count)) (\(pct(p)))"
        let verb = i.count == 1 ? "has" : "have"
        if p >= t.inactivePercentAct || p >= t.inactivePercentWatch {
            return Finding(
                id: "inactive-seats", severity: p >= t.inactivePercentAct ? .act : .watch,
                title: "\(subject) \(verb) not viewed a chart in 90+ days: review their seats",
                detail: split
                    + " The list includes deactivated accounts and pending invitations; removing access nobody uses frees seats and narrows who can see the data."
            )
        }
        return Finding(
            id: "inactive-seats", severity: .good,
            title: "Only \(subject) \(verb) not viewed a chart in 90+ days",
            detail: split + " Below the \(percent(t.inactivePercentWatch)) threshold.")
    }

    static func since(_ s: Insights) -> String {
        guard let day = s.comparison?.previousAsOf else { return "since the last report" }
        return "since the last report (data to \(day.long))"
    }

    /// `since-last-active`: active users now against the previous report.
    static func sinceLastActive(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let d = s.comparison?.delta(.activeUsers), let before = d.previous, let now = d.current, let change = d.change,
            change != 0
        else { return nil }
        let fromTo = arrow(whole(before), whole(now))
        if change > 0 {
            return Finding(
                id: "since-last-active", severity: .good,
                title: "\(count(whole(change), "more active user")) than last report \(fromTo)",
                detail: "Users with a chart view in the last 7 days, \(since(s)).")
        }
        let drop = before > 0 ? -change / before * 100 : 0
        guard drop >= t.runDropWatchPercent else { return nil }
        return Finding(
            id: "since-last-active", severity: .watch,
            title: "\(count(whole(-change), "fewer active user")) than last report \(fromTo)",
            detail: "A fall of \(pct(drop)) in users with a chart view in the last 7 days, \(since(s)).")
    }

    /// `since-last-inactive`: inactive users now against the previous report.
    static func sinceLastInactive(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let d = s.comparison?.delta(.inactiveCount), let before = d.previous, let now = d.current, let change = d.change,
            change != 0
        else { return nil }
        let fromTo = arrow(whole(before), whole(now))
        if change > 0 {
            return Finding(
                id: "since-last-inactive", severity: .watch,
                title: "\(count(whole(change), "more inactive user")) than last report \(fromTo)",
                detail: "More users have gone 90 days without a chart view \(since(s)).")
        }
        return Finding(
            id: "since-last-inactive", severity: .good,
            title: "\(count(whole(-change), "fewer inactive user")) than last report \(fromTo)",
            detail: "Users came back or were removed \(since(s)).")
    }

    /// `concentration`: the share of queries run by the top 10% of active users.
    static func concentration(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let share = s.concentration.topDecileShare, s.activity.activeUsers >= t.concentrationMinActiveUsers else {
            return nil
        }
        let k = s.concentration.topDecileUsers
        var detail: Phrase =
            "\(n(k)) of \(n(s.activity.activeUsers)) active users ran \(pct(share * 100)) of the \(n(s.activity.queries7d)) chart loads of the last 7 days"
        if let g = s.concentration.gini { detail += " (Gini coefficient \(Phrase.number(Format.fixed2(g))))" }
        detail += "."
        if share >= t.topDecileShareWatch {
            return Finding(
                id: "concentration", severity: .watch,
                title: "The top 10% of active users run \(pct(share * 100)) of all queries",
                detail: detail + " Usage hangs on a few people: if they leave or change roles, so does the habit.")
        }
        return Finding(
            id: "concentration", severity: .good,
            title: "Usage is spread: the top 10% of active users run \(pct(share * 100)) of all queries", detail: detail)
    }

    /// `long-trend`: the least-squares trend of the whole daily series.
    static func longTrend(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let slope = s.trend.slopePerWeek, let mean = s.trend.meanActiveUsers, mean > 0, s.trend.days >= t.slopeMinDays
        else { return nil }
        let relative = slope / mean * 100
        guard abs(relative) >= t.slopePercentPerWeek else { return nil }
        let perWeek = Phrase.number(Format.decimal(abs(slope), places: abs(slope) < 10 ? 1 : 0))
        let signedSlope = Phrase.number(Format.signed(slope, places: 1))
        let average = Phrase.number(Format.decimal(mean, places: 1))
        let detail: Phrase =
            "The least-squares trend of the \(n(s.trend.days)) days of the daily series is \(signedSlope) active users a week, \(pct(abs(relative))) of the average of \(average)."
        if relative < 0 {
            return Finding(
                id: "long-trend", severity: .watch,
                title: "Active users have been falling by about \(perWeek) a week over the last \(n(s.trend.days)) days",
                detail: detail)
        }
        return Finding(
            id: "long-trend", severity: .good,
            title: "Active users have been rising by about \(perWeek) a week over the last \(n(s.trend.days)) days",
            detail: detail)
    }

    /// `other-roles`: users in none of the four role buckets.
    static func otherRoles(_ s: Insights, _ t: Thresholds) -> Finding? {
        let u = s.users
        guard u.other > 0 else { return nil }
        let buckets = u.total - u.other
        return Finding(
            id: "other-roles", severity: .watch,
            title: "\(users(u.other)) \(u.other == 1 ? "holds a role" : "hold roles") outside the four standard ones",
            detail:
                "Admins, editors, interactive viewers and viewers add up to \(n(buckets)) of \(users(u.total)); custom roles are in none of them. Check that those roles grant what you expect."
        )
    }

    /// `creators`: chart versions saved in the last 7 days.
    static func creators(_ s: Insights, _ t: Thresholds) -> Finding? {
        let c = s.creators
        if c.count == 0 {
            guard s.activity.activeUsers > 0 else { return nil }
            return Finding(
                id: "creators", severity: .watch, title: "Nobody saved a chart in the last 7 days",
                detail:
                    "\(users(s.activity.activeUsers)) viewed charts, but none created or updated one: content that nobody maintains goes stale."
            )
        }
        let capped: Phrase = c.count >= 10 ? " The server lists at most 10 people, so there may be more." : ""
        return Finding(
            id: "creators", severity: .good,
            title: "\(users(c.count)) saved \(count(c.chartUpdates7d, "chart version")) in the last 7 days",
            detail: "Chart versions are creates and updates." + capped)
    }

    /// `top-dashboard`: the most viewed dashboard of all time.
    static func topDashboard(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let top = s.content.topDashboard, top.views > 0, let share = top.shareOfListed else { return nil }
        var detail: Phrase = "All-time views, anonymous and embedded ones included."
        if let home = s.content.homeDashboards.first(where: { $0.uuid == top.uuid }), home.users > 0 {
            detail += " It is the most viewed dashboard of \(users(home.users))."
        }
        return Finding(
            id: "top-dashboard", severity: .good,
            title:
                "\(Phrase.quoted(top.name)) is the most viewed dashboard: \(count(top.views, "view")), \(pct(share * 100)) of the listed dashboard views",
            detail: detail)
    }

    /// `since-last-users`: users with access now against the previous report.
    static func sinceLastUsers(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let d = s.comparison?.delta(.usersTotal), let before = d.previous, let now = d.current, let change = d.change,
            change != 0
        else { return nil }
        let word = change > 0 ? "more" : "fewer"
        return Finding(
            id: "since-last-users", severity: .good,
            title: "\(count(whole(abs(change)), "\(word) user")) with access than last report \(arrow(whole(before), whole(now)))",
            detail: "Users with access to the project, deactivated accounts and pending invitations included, \(since(s)).")
    }
}
