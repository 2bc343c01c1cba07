import ActivityModel

/// The rules that read `overTime` (`--history`); see `docs/insights.md`.
extension Findings {
    /// `over-time-change`: active users against 13 weeks earlier (4 weeks when the 13th week
    /// back is a gap or before the first record), judged with the since-last-report thresholds.
    static func overTimeChange(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let o = s.overTime else { return nil }
        let usable = [13, 4].compactMap { o.change($0) }.first { $0.delta(.activeUsers)?.change != nil }
        guard let c = usable, let d = c.delta(.activeUsers), let then = d.previous, let now = d.current else { return nil }
        let before = whole(then)
        let after = whole(now)
        let span: Phrase = "since \(count(c.weeks, "week")) ago"
        var detail: Phrase =
            "Active users in the 7 days to \(o.asOf.long) against the week ending \(c.since.long), from the records kept with --history."
        if let shorter = o.change(c.weeks == 13 ? 4 : 1)?.delta(.activeUsers), let p = shorter.previous, shorter.change != nil {
            detail = detail + " \(c.weeks == 13 ? "4 weeks" : "1 week") ago: \(n(whole(p)))."
        }
        guard before > 0, let percent = d.changePercent else {
            guard after > 0 else { return nil }
            return Finding(
                id: "over-time-change", severity: .good, title: "Active users rose from 0 to \(n(after)) \(span)", detail: detail)
        }
        let shown = Format.wholePercent(percent)
        let fromTo = arrow(before, after)
        if shown <= -t.runDropWatchPercent {
            return Finding(
                id: "over-time-change", severity: .watch, title: "Active users are down \(pct(-percent)) \(span) \(fromTo)",
                detail: detail)
        }
        if shown >= t.runRiseGoodPercent {
            return Finding(
                id: "over-time-change", severity: .good, title: "Active users are up \(pct(percent)) \(span) \(fromTo)", detail: detail)
        }
        return Finding(
            id: "over-time-change", severity: .info,
            title: "Active users moved \(signedPct(percent)) \(span) \(fromTo)",
            detail: detail
                + " A change short of the \(limit(t.runDropWatchPercent)) fall or \(limit(t.runRiseGoodPercent)) rise that counts as news.")
    }

    /// `over-time-extreme`: this run's active users the lowest (`watch`) or the highest (`good`)
    /// of at least 13 weeks of weekly points.
    static func overTimeExtreme(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let o = s.overTime, let now = o.current?.activeUsers else { return nil }
        let points = o.weeks.compactMap(\.activeUsers).count
        let detail: Phrase =
            "\(n(now)) active users in the 7 days to \(o.asOf.long); the weekly points of the last \(count(o.weeks.count, "week")) hold \(count(points, "value")) (records kept with --history and this run's daily series)."
        if let weeks = o.lowestInWeeks {
            return Finding(
                id: "over-time-extreme", severity: .watch, title: "Active users are the lowest in \(n(weeks)) weeks (\(n(now)))",
                detail: detail)
        }
        if let weeks = o.highestInWeeks {
            return Finding(
                id: "over-time-extreme", severity: .good, title: "Active users are the highest in \(n(weeks)) weeks (\(n(now)))",
                detail: detail)
        }
        return nil
    }
}
