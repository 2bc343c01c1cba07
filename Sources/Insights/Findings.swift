import ActivityModel

/// Rules that turn metrics into findings: sentences with numbers, each with a severity.
/// A rule whose inputs are missing (null, no users, no daily series, no previous run) makes no
/// finding. Rules and thresholds: `docs/insights.md`.
///
/// What the severities promise: `good` only when a metric cleared a documented threshold in the
/// healthy direction, and never for a fall; a fall short of its watch threshold, a change within
/// the steady band and plain statements of fact are `info`. Percentages are judged as printed
/// (``Format/wholePercent(_:)``), so no sentence contradicts a number next to it.
public enum Findings {
    /// Every finding the rules make, most important first (`act`, then `watch`, then `good`,
    /// then `info`; within a severity, in the order of the rules below), at most
    /// `thresholds.maxFindings`: `act` and `watch` findings are kept first.
    public static func draw(_ s: Insights, thresholds t: Thresholds) -> [Finding] {
        let rules: [(Insights, Thresholds) -> Finding?] = [
            weeklyChange, belowPeak, longTrend, overTimeChange, overTimeExtreme, sinceLastActive, sinceLastShare, activeShare,
            inactiveSeats, sinceLastInactive, otherRoles, concentration, creators, topDashboard, sinceLastUsers,
            stickinessChange, singleViewer,
            failingDeliveries, staleContent, deliveriesOfGoneOwners, inactiveAdminsEditors, oldInvites, deliveriesOfStaleContent,
            disabledDeliveries,
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
    /// A share in percent, as every share is printed: `35%`, `<1%`.
    static func pct(_ v: Double) -> Phrase { .number(Format.percent(v)) }
    /// A threshold as it was set: `40%`, `12.5%`.
    static func limit(_ v: Double) -> Phrase { .number(Format.threshold(v)) }
    /// `+2%`, `-10%`, `-<1%`.
    static func signedPct(_ v: Double) -> Phrase { .number(Format.signedPercent(v)) }
    /// `1 user`, `3 users`: the number, then the noun.
    static func count(_ v: Int, _ singular: String, _ plural: String? = nil) -> Phrase {
        "\(n(v)) \(v == 1 ? singular : plural ?? singular + "s")"
    }
    static func users(_ v: Int) -> Phrase { count(v, "user") }
    /// `(10 → 12)`.
    static func arrow(_ before: Int, _ now: Int) -> Phrase { "(\(n(before)) \u{2192} \(n(now)))" }
    /// `(75% → 62%)`.
    static func arrow(percent before: Double, _ now: Double) -> Phrase { "(\(pct(before)) \u{2192} \(pct(now)))" }

    /// When the two counts of active users differ (the list of the last 168 hours and the
    /// newest day of the daily series), the sentence that says why; nil when they agree or one
    /// is missing. The reports print it wherever both counts stand side by side.
    public static func activeSources(_ s: Insights) -> Phrase? {
        guard let latest = s.trend.latest, latest.activeUsers != s.activity.activeUsers else { return nil }
        return
            "The two counts of active users differ: \(n(s.activity.activeUsers)) in the last 168 hours (the list of active users) against \(n(latest.activeUsers)) in the daily series on \(latest.day.long), which counts calendar days and only users who existed that day."
    }

    /// Whether the daily series shows active users falling: a week-over-week fall past the
    /// steady band, the newest day far enough below the peak, or a falling trend (the
    /// conditions of `weekly-change`, `below-peak` and `long-trend`). A level is then not `good`.
    static func activeUsersFalling(_ s: Insights, _ t: Thresholds) -> Bool {
        if let change = s.trend.changeActiveUsersPercent, Format.wholePercent(change) < -t.weeklySteadyPercent { return true }
        if let latest = s.trend.latest, let weekAgo = s.trend.weekAgo, weekAgo.activeUsers > 0, latest.activeUsers == 0 { return true }
        if belowPeak(s, t) != nil { return true }
        return longTrend(s, t)?.severity == .watch
    }

    // MARK: Rules

    /// `weekly-change`: active users, newest day of the daily series against 7 days earlier.
    static func weeklyChange(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let latest = s.trend.latest, let weekAgo = s.trend.weekAgo else { return nil }
        let now = latest.activeUsers
        let then = weekAgo.activeUsers
        let context: Phrase =
            "On \(latest.day.long), \(users(now)) had viewed a chart in the 7 days before, against \(n(then)) on \(weekAgo.day.long)."
        // Where the list of active users gives another count, the last sentence says why.
        let sources: Phrase = activeSources(s).map { " " + $0 } ?? ""
        guard then > 0, let change = s.trend.changeActiveUsersPercent else {
            guard now > 0 else { return nil }
            return Finding(
                id: "weekly-change", severity: .good, title: "Active users rose from 0 to \(n(now)) week over week",
                detail: context + sources)
        }
        let shown = Format.wholePercent(change)
        let fromTo = arrow(then, now)
        let act = shown <= -t.weeklyDropActPercent
        if act || shown <= -t.weeklyDropWatchPercent {
            return Finding(
                id: "weekly-change", severity: act ? .act : .watch,
                title: "Active users fell \(pct(-change)) week over week \(fromTo)",
                detail: context + " Look for what changed: a holiday, a broken or slow dashboard, a team that stopped using the project."
                    + sources)
        }
        if abs(shown) <= t.weeklySteadyPercent {
            return Finding(
                id: "weekly-change", severity: .info,
                title: "Active users held steady week over week (\(n(then)) \u{2192} \(n(now)), \(signedPct(change)))",
                detail: context + " Changes within \(limit(t.weeklySteadyPercent)) either way count as steady." + sources)
        }
        if change < 0 {
            return Finding(
                id: "weekly-change", severity: .info, title: "Active users dipped \(pct(-change)) week over week \(fromTo)",
                detail: context + " A fall, but short of the \(limit(t.weeklyDropWatchPercent)) that makes it worth watching." + sources)
        }
        if shown >= t.weeklyRiseGoodPercent {
            return Finding(
                id: "weekly-change", severity: .good, title: "Active users rose \(pct(change)) week over week \(fromTo)",
                detail: context + sources)
        }
        return Finding(
            id: "weekly-change", severity: .info, title: "Active users rose \(pct(change)) week over week \(fromTo)",
            detail: context + " A rise, but short of the \(limit(t.weeklyRiseGoodPercent)) counted as good news." + sources)
    }

    /// `below-peak`: the newest day of the daily series against its busiest day.
    static func belowPeak(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let latest = s.trend.latest, let peak = s.trend.peak, let below = s.trend.belowPeakPercent, below > 0,
            s.trend.days >= t.slopeMinDays, Format.wholePercent(below) >= t.peakDropWatchPercent
        else { return nil }
        return Finding(
            id: "below-peak", severity: .watch,
            title:
                "Active users are \(pct(below)) below the peak of the last \(n(s.trend.days)) days (\(n(latest.activeUsers)) on \(latest.day.long), \(n(peak.activeUsers)) on \(peak.day.long))",
            detail:
                "The peak is the day of the daily series with the most users active in the 7 days before it. Usage that stays well below it has fallen, even when the last week looks steady."
        )
    }

    /// `long-trend`: the least-squares trend of the whole daily series.
    static func longTrend(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let slope = s.trend.slopePerWeek, let mean = s.trend.meanActiveUsers, mean > 0, s.trend.days >= t.slopeMinDays
        else { return nil }
        let relative = slope / mean * 100
        guard relative != 0, Format.wholePercent(abs(relative)) >= t.slopePercentPerWeek else { return nil }
        let perWeek = Phrase.number(Format.decimal(abs(slope), places: abs(slope) < 10 ? 1 : 0))
        let signedSlope = Phrase.number(Format.signed(slope, places: 1))
        let average = Phrase.number(Format.decimal(mean, places: 1))
        var detail: Phrase =
            "The least-squares trend of the \(n(s.trend.days)) days of the daily series is \(signedSlope) active users a week, \(pct(abs(relative))) of the average of \(average)."
        if relative < 0 {
            if let latest = s.trend.latest, let weekAgo = s.trend.weekAgo, let change = s.trend.changeActiveUsersPercent,
                Format.wholePercent(change) > -t.weeklyDropWatchPercent
            {
                let week = arrow(weekAgo.activeUsers, latest.activeUsers)
                detail +=
                    Format.wholePercent(change) < -t.weeklySteadyPercent
                    ? " The last week alone fell \(pct(-change)) \(week), short of the \(limit(t.weeklyDropWatchPercent)) that would make it worth watching."
                    : " The last week alone does not show it (\(n(weekAgo.activeUsers)) \u{2192} \(n(latest.activeUsers)), \(signedPct(change)))."
            }
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

    /// `active-share`: the headline percentage of users active in the last 7 days.
    static func activeShare(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard s.users.total > 0 else { return nil }
        let p = s.activity.activePercent
        let shown = Format.wholePercent(p)
        let ofUsers: Phrase = "(\(n(s.activity.activeUsers)) of \(users(s.users.total)))"
        let act = shown < t.activePercentAct
        if act || shown < t.activePercentWatch {
            let idle = max(0, s.users.total - s.activity.activeUsers)
            return Finding(
                id: "active-share", severity: act ? .act : .watch,
                title: (p == 0 && s.activity.activeUsers == 0
                    ? "No user viewed a chart in the last 7 days "
                    : "Only \(pct(p)) of users viewed a chart in the last 7 days ") + ofUsers,
                detail:
                    "That is below the \(limit(act ? t.activePercentAct : t.activePercentWatch)) threshold: \(users(idle)) with access viewed no chart this week. Ask whether they still need access, or whether the dashboards answer their questions."
            )
        }
        // A healthy level that fell since the last report is not good news: `info`, and it says so.
        if let d = s.comparison?.delta(.activePercent), let points = d.points, points < 0,
            Double(-points) >= t.runShareDropWatchPoints, let before = d.previous
        {
            return Finding(
                id: "active-share", severity: .info,
                title: "\(pct(p)) of users viewed a chart in the last 7 days \(ofUsers)",
                detail:
                    "At or above the \(limit(t.activePercentWatch)) threshold for a healthy project, but down from \(pct(before)) \(since(s))."
            )
        }
        // Nor is it while the daily series falls (the findings above say how).
        if activeUsersFalling(s, t) {
            return Finding(
                id: "active-share", severity: .info,
                title: "\(pct(p)) of users viewed a chart in the last 7 days \(ofUsers)",
                detail:
                    "At or above the \(limit(t.activePercentWatch)) threshold for a healthy project, but active users are falling: see the findings above."
            )
        }
        return Finding(
            id: "active-share", severity: .good,
            title: "\(pct(p)) of users viewed a chart in the last 7 days \(ofUsers)",
            detail: "At or above the \(limit(t.activePercentWatch)) threshold for a healthy project.")
    }

    /// The sentence of a project with no inactive user, shared with the empty inactive list.
    public static let noInactiveUsers =
        "viewed a chart in this project in the last 90 days or joined less than 90 days ago."

    /// `inactive-seats`: users with no chart view for 90 days or more.
    static func inactiveSeats(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard s.users.total > 0, let p = s.inactive.percentOfUsers else { return nil }
        let i = s.inactive
        guard i.count > 0 else {
            return Finding(
                id: "inactive-seats", severity: .good, title: "No user has gone 90 days or more without a chart view",
                detail: (s.users.total == 1 ? "The one user with access" : "All \(users(s.users.total)) with access" as Phrase)
                    + " \(noInactiveUsers)")
        }
        var parts: [(Int, String)] = []
        if i.days90to179 > 0 { parts.append((i.days90to179, "90\u{2013}179 days")) }
        if i.days180to364 > 0 { parts.append((i.days180to364, "180\u{2013}364 days")) }
        if i.days365plus > 0 { parts.append((i.days365plus, "a year or more")) }
        var split = Phrase()
        for (k, (count, span)) in parts.enumerated() {
            if k == 0 {
                split =
                    i.count == 1
                    ? "They have been inactive for \(span)"
                    : "\(n(count)) of them \(count == 1 ? "has" : "have") been inactive for \(span)"
            } else {
                split += (k == parts.count - 1 ? " and " : ", ") + "\(n(count)) for \(span)"
            }
        }
        split += "."
        let subject: Phrase = "\(users(i.count)) (\(pct(p)))"
        let verb = i.count == 1 ? "has" : "have"
        let shown = Format.wholePercent(p)
        if shown >= t.inactivePercentAct || shown >= t.inactivePercentWatch {
            return Finding(
                id: "inactive-seats", severity: shown >= t.inactivePercentAct ? .act : .watch,
                title: "\(subject) \(verb) had no chart view for 90 days or more: review their seats",
                detail: split
                    + " The list includes deactivated accounts and pending invitations; removing access nobody uses frees seats and narrows who can see the data."
            )
        }
        // Below the threshold but more than at the last report: not good news, `info`.
        if let d = s.comparison?.delta(.inactiveCount), let change = d.change, change > 0, let before = d.previous {
            return Finding(
                id: "inactive-seats", severity: .info,
                title: "Only \(subject) \(verb) had no chart view for 90 days or more",
                detail: split + " Below the \(limit(t.inactivePercentWatch)) threshold, but up from \(n(whole(before))) \(since(s)).")
        }
        return Finding(
            id: "inactive-seats", severity: .good,
            title: "Only \(subject) \(verb) had no chart view for 90 days or more",
            detail: split + " Below the \(limit(t.inactivePercentWatch)) threshold.")
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
            if let rise = d.changePercent, Format.wholePercent(rise) < t.runRiseGoodPercent { return nil }
            return Finding(
                id: "since-last-active", severity: .good,
                title: "\(count(whole(change), "more active user")) than last report \(fromTo)",
                detail: d.changePercent.map { "A rise of \(pct($0)) in users with a chart view in the last 7 days, \(since(s))." }
                    ?? "Users with a chart view in the last 7 days, \(since(s)).")
        }
        guard let fall = d.changePercent.map({ -$0 }), Format.wholePercent(fall) >= t.runDropWatchPercent else { return nil }
        return Finding(
            id: "since-last-active", severity: .watch,
            title: "\(count(whole(-change), "fewer active user")) than last report \(fromTo)",
            detail: "A fall of \(pct(fall)) in users with a chart view in the last 7 days, \(since(s)).")
    }

    /// `since-last-share`: the percent of users active in the last 7 days against the previous
    /// report, in percentage points (the Active card's number).
    static func sinceLastShare(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let d = s.comparison?.delta(.activePercent), let before = d.previous, let now = d.current, let points = d.points,
            points != 0, Double(abs(points)) >= t.runShareDropWatchPoints
        else { return nil }
        var detail: Phrase = ""
        if let a = s.comparison?.delta(.activeUsers), let a0 = a.previous, let a1 = a.current,
            let u = s.comparison?.delta(.usersTotal), let u0 = u.previous, let u1 = u.current
        {
            func moved(_ before: Double, _ now: Double) -> Phrase {
                whole(before) == whole(now) ? "stayed at \(n(whole(now)))" : "went from \(n(whole(before))) to \(n(whole(now)))"
            }
            detail = "Active users \(moved(a0, a1)) while users with access \(moved(u0, u1)), \(since(s))."
        } else {
            detail = "Users with a chart view in the last 7 days, as a percent of all users, \(since(s))."
        }
        let amount = Phrase.number(Format.count(abs(points), "point"))
        if points < 0 {
            return Finding(
                id: "since-last-share", severity: .watch,
                title: "The share of users active in the last 7 days fell \(amount) since the last report \(arrow(percent: before, now))",
                detail: detail)
        }
        return Finding(
            id: "since-last-share", severity: .good,
            title: "The share of users active in the last 7 days rose \(amount) since the last report \(arrow(percent: before, now))",
            detail: detail)
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
                detail: "More users have gone 90 days or more without a chart view \(since(s)).")
        }
        return Finding(
            id: "since-last-inactive", severity: .info,
            title: "\(count(whole(-change), "fewer inactive user")) than last report \(fromTo)",
            detail: "Users came back or were removed \(since(s)).")
    }

    /// `concentration`: the share of chart views of the top 10% of active users.
    static func concentration(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let share = s.concentration.topDecileShare, s.activity.activeUsers >= t.concentrationMinActiveUsers else {
            return nil
        }
        let k = s.concentration.topDecileUsers
        var detail: Phrase =
            "\(n(k)) of \(n(s.activity.activeUsers)) active users made \(pct(share * 100)) of the \(count(s.activity.queries7d, "chart view")) of the last 7 days"
        if let g = s.concentration.gini { detail += " (Gini coefficient \(Phrase.number(Format.fixed2(g))))" }
        detail += "."
        // The threshold as a percent, without the float noise of 0.55 * 100.
        if Format.wholePercent(share * 100) >= (t.topDecileShareWatch * 10_000).rounded() / 100 {
            return Finding(
                id: "concentration", severity: .watch,
                title: "The top 10% of active users made \(pct(share * 100)) of all chart views",
                detail: detail + " Usage hangs on a few people: if they leave or change roles, so does the habit.")
        }
        return Finding(
            id: "concentration", severity: .info,
            title: "Chart views are spread: the top 10% of active users made \(pct(share * 100)) of them", detail: detail)
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

    /// How many rows Lightdash's server sends of the users who saved charts.
    public static let serverCreatorsLimit = 10

    /// `creators`: chart saves in the last 7 days.
    static func creators(_ s: Insights, _ t: Thresholds) -> Finding? {
        let c = s.creators
        if c.count == 0 {
            guard s.activity.activeUsers > 0 else { return nil }
            return Finding(
                id: "creators", severity: .watch, title: "Nobody saved a chart in the last 7 days",
                detail:
                    "\(users(s.activity.activeUsers)) viewed charts, but none created or changed one: content that nobody maintains goes stale."
            )
        }
        // The server sends the top 10: only a full list may hide more people.
        let capped: Phrase =
            c.count == serverCreatorsLimit
            ? " The server lists at most \(n(serverCreatorsLimit)) people, so there may be more." : ""
        return Finding(
            id: "creators", severity: .info,
            title: "\(count(c.chartUpdates7d, "chart save")) by \(users(c.count)) in the last 7 days",
            detail: "A chart save creates a chart or saves a change to one." + capped)
    }

    /// `top-dashboard`: the most viewed dashboard of all time.
    static func topDashboard(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let top = s.content.topDashboard, top.views > 0, let share = top.shareOfListed else { return nil }
        var detail: Phrase = "All-time views, anonymous and embedded ones included."
        if let home = s.content.homeDashboards.first(where: { $0.uuid == top.uuid }), home.users > 0 {
            detail += " \(users(home.users)) \(home.users == 1 ? "views" : "view") it more than any other dashboard."
        }
        return Finding(
            id: "top-dashboard", severity: .info,
            title:
                "\(Phrase.quoted(top.name)) is the most viewed dashboard: \(count(top.views, "view")), \(pct(share * 100)) of the views of the listed dashboards",
            detail: detail)
    }

    /// `since-last-users`: users with access now against the previous report.
    static func sinceLastUsers(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let d = s.comparison?.delta(.usersTotal), let before = d.previous, let now = d.current, let change = d.change,
            change != 0
        else { return nil }
        let word = change > 0 ? "more" : "fewer"
        return Finding(
            id: "since-last-users", severity: .info,
            title: "\(count(whole(abs(change)), "\(word) user")) with access than last report \(arrow(whole(before), whole(now)))",
            detail: "Users with access to the project, deactivated accounts and pending invitations included, \(since(s)).")
    }
}
