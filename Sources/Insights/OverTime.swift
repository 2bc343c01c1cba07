public import ActivityModel

extension Insights {
    /// `overTime` (with `--history`): weekly points over up to 52 weeks from the records of
    /// earlier runs, the daily series spliced in, and the changes over 1, 4 and 13 weeks.
    /// Definitions: `docs/insights.md`.
    public struct OverTime: Sendable, Equatable {
        /// At most this many weekly points, this run's included.
        public static let maxWeeks = 52
        /// The spans of ``changes``, in weeks.
        public static let changeWeeks = [1, 4, 13]
        /// `lowestInWeeks` and `highestInWeeks` are only set for windows of at least this many weeks.
        public static let extremeMinWeeks = 13

        /// The day this run covers: the end of the newest week.
        public var asOf: Day
        /// Oldest first; the last one is this run's. A week with no value is a gap (`source` nil).
        public var weeks: [Week]
        /// Records of earlier runs drawn as weekly points.
        public var records: Int
        /// One per ``changeWeeks``: this run against the week that many weeks earlier.
        public var changes: [Change]
        /// N when this run's active users are fewer than at every other point of the last N
        /// weeks (the window reaching back to the last week with as few or fewer, or to the
        /// oldest point), N ≥ ``extremeMinWeeks``; nil otherwise.
        public var lowestInWeeks: Int?
        /// The same for more active users than at every other point.
        public var highestInWeeks: Int?

        public init(
            asOf: Day, weeks: [Week], records: Int, changes: [Change], lowestInWeeks: Int? = nil, highestInWeeks: Int? = nil
        ) {
            self.asOf = asOf
            self.weeks = weeks
            self.records = records
            self.changes = changes
            self.lowestInWeeks = lowestInWeeks
            self.highestInWeeks = highestInWeeks
        }

        /// This run's week.
        public var current: Week? { weeks.last }

        /// The week `weeksBack` weeks before this run's; nil beyond the oldest.
        public func week(_ weeksBack: Int) -> Week? {
            let i = weeks.count - 1 - weeksBack
            return weeksBack >= 0 && i >= 0 ? weeks[i] : nil
        }

        public func change(_ weeks: Int) -> Change? { changes.first { $0.weeks == weeks } }
    }

    /// Where a weekly point's numbers come from.
    public enum WeekSource: String, Sendable, Equatable {
        /// This run.
        case run
        /// The record of an earlier run (the newest one of the week).
        case record
        /// This run's daily series (no record that week): active users and their share only.
        case daily
    }

    /// One week of `overTime.weeks`: the 7 days ending on `ending`.
    public struct Week: Sendable, Equatable {
        /// The last day of the week: `asOf` minus a whole number of weeks.
        public var ending: Day
        /// The day the numbers are of (within the week); nil for a gap.
        public var day: Day?
        /// nil for a gap: no record and no daily value that week (not a zero).
        public var source: WeekSource?
        public var activeUsers: Int?
        public var activePercent: Double?
        /// Users with access and their roles; nil for a gap or a daily value.
        public var users: Users?
        /// Inactive users; nil for a gap or a daily value.
        public var inactive: Int?

        public init(
            ending: Day, day: Day? = nil, source: WeekSource? = nil, activeUsers: Int? = nil, activePercent: Double? = nil,
            users: Users? = nil, inactive: Int? = nil
        ) {
            self.ending = ending
            self.day = day
            self.source = source
            self.activeUsers = activeUsers
            self.activePercent = activePercent
            self.users = users
            self.inactive = inactive
        }

        public var isGap: Bool { source == nil }
    }

    /// This run against the week `weeks` weeks earlier.
    public struct Change: Sendable, Equatable {
        public var weeks: Int
        /// The end of that week.
        public var since: Day
        /// Active users, their share, users with access and inactive users (in that order);
        /// `previous` is nil when that week is a gap or before the oldest point.
        public var deltas: [Delta]

        public init(weeks: Int, since: Day, deltas: [Delta]) {
            self.weeks = weeks
            self.since = since
            self.deltas = deltas
        }

        public func delta(_ metric: HeadlineMetric) -> Delta? { deltas.first { $0.metric == metric } }
    }
}

extension Analyzer {
    /// The metrics of ``Insights/Change``, in order.
    static let overTimeMetrics: [HeadlineMetric] = [.activeUsers, .activePercent, .usersTotal, .inactiveCount]

    /// `overTime` of a run covering `day`, from its insights, its daily series and the records
    /// read from `--history`, with a note for every record after `day` (skipped). A record of
    /// `day` itself is this run's own earlier record, which this run replaces: it is not drawn.
    public static func overTime(
        _ current: Insights, day: Day, series: [ActiveUsersDay], history: History
    ) -> (overTime: Insights.OverTime, notes: [Diagnostic]) {
        var notes: [Diagnostic] = []
        var slots: [Int: HistoryRecord] = [:]
        for record in history.records {
            let distance = day.daysSinceEpoch - record.day.daysSinceEpoch
            if distance < 0 {
                notes.append(
                    Diagnostic(
                        code: "history-future",
                        message:
                            "History record \(record.name) covers \(record.day.long), after this run's \(day.long); it was skipped."))
                continue
            }
            let index = distance / 7
            // Week 0 is this run's; a record's week keeps its newest record.
            guard index > 0, index < Insights.OverTime.maxWeeks else { continue }
            if let kept = slots[index], kept.day > record.day { continue }
            slots[index] = record
        }
        var daily: [Int: ActiveUsersDay] = [:]
        for row in series {
            let distance = day.daysSinceEpoch - row.day.daysSinceEpoch
            guard distance >= 0 else { continue }
            let index = distance / 7
            guard index < Insights.OverTime.maxWeeks else { continue }
            if let kept = daily[index], kept.day > row.day { continue }
            daily[index] = row
        }
        let oldest = max(slots.keys.max() ?? 0, daily.keys.max() ?? 0)
        var weeks: [Insights.Week] = []
        for index in stride(from: oldest, through: 0, by: -1) {
            let ending = day.adding(days: -7 * index)
            if index == 0 {
                weeks.append(
                    Insights.Week(
                        ending: ending, day: day, source: .run, activeUsers: current.activity.activeUsers,
                        activePercent: current.activity.activePercent, users: current.users, inactive: current.inactive.count))
            } else if let r = slots[index] {
                let s = r.insights
                weeks.append(
                    Insights.Week(
                        ending: ending, day: r.day, source: .record, activeUsers: s.activity.activeUsers,
                        activePercent: s.activity.activePercent, users: s.users, inactive: s.inactive.count))
            } else if let row = daily[index] {
                weeks.append(
                    Insights.Week(
                        ending: ending, day: row.day, source: .daily, activeUsers: row.activeUsers, activePercent: row.activePercent))
            } else {
                weeks.append(Insights.Week(ending: ending))
            }
        }
        var overTime = Insights.OverTime(asOf: day, weeks: weeks, records: slots.count, changes: [])
        let now = weeks.last
        overTime.changes = Insights.OverTime.changeWeeks.map { k in
            let then = overTime.week(k)
            return Insights.Change(
                weeks: k, since: day.adding(days: -7 * k),
                deltas: overTimeMetrics.map { Delta(metric: $0, previous: value($0, then), current: value($0, now)) })
        }
        if let active = now?.activeUsers {
            overTime.lowestInWeeks = extreme(weeks, active, beyond: { $0 <= active })
            overTime.highestInWeeks = extreme(weeks, active, beyond: { $0 >= active })
        }
        return (overTime, notes)
    }

    /// A weekly point's value of `metric`, rounded as insights.json writes it.
    static func value(_ metric: HeadlineMetric, _ week: Insights.Week?) -> Double? {
        guard let week else { return nil }
        let raw: Double?
        switch metric {
        case .activeUsers: raw = week.activeUsers.map(Double.init)
        case .activePercent: raw = week.activePercent
        case .usersTotal: raw = week.users.map { Double($0.total) }
        case .inactiveCount: raw = week.inactive.map(Double.init)
        default: raw = nil
        }
        return raw.map { JSONNumber.rounded($0, places: metric.places) }
    }

    /// The window, in weeks, over which this run's active users are beyond every other point:
    /// up to (not including) the newest earlier week for which `beyond` holds, else to the
    /// oldest point; nil when shorter than ``Insights/OverTime/extremeMinWeeks``.
    static func extreme(_ weeks: [Insights.Week], _ now: Int, beyond: (Int) -> Bool) -> Int? {
        var window = 1
        for index in weeks.indices.dropFirst() {
            guard let v = weeks[weeks.count - 1 - index].activeUsers else { continue }
            if beyond(v) { break }
            window = index + 1
        }
        return window >= Insights.OverTime.extremeMinWeeks ? window : nil
    }
}
