public import ActivityModel

/// A UTC-day time scale: days map linearly to pixels, ticks fall on whole days, Mondays
/// (weekly), or the first of a month, labelled `11 Feb`.
public struct DayScale: Equatable, Sendable {
    public var first: Day
    public var last: Day
    public var linear: LinearScale

    public init(first: Day, last: Day, range: (Double, Double)) {
        self.first = min(first, last)
        self.last = max(first, last)
        let lo = Double(self.first.daysSinceEpoch)
        let hi = Double(self.last.daysSinceEpoch)
        // One day: put it in the middle of the range.
        let domain = lo == hi ? (lo - 1)...(hi + 1) : lo...hi
        self.linear = LinearScale(domain: domain, range: range)
    }

    public func callAsFunction(_ day: Day) -> Double { linear(Double(day.daysSinceEpoch)) }

    /// Tick days: every 1, 2 or 3 days, every Monday, every other Monday, or the first of
    /// every 1, 2, 3 or 6 months, whichever gives at most `maxCount` ticks.
    public func ticks(maxCount: Int = 7) -> [Day] {
        let limit = max(1, maxCount)
        let span = last.daysSinceEpoch - first.daysSinceEpoch
        for interval in [1, 2, 3] where span / interval + 1 <= limit {
            return stride(from: first.daysSinceEpoch, through: last.daysSinceEpoch, by: interval).map(Day.init(daysSinceEpoch:))
        }
        for weeks in [1, 2] {
            // 1970-01-05 (day 4) was a Monday.
            let mondays = days { d in
                let k = ((d.daysSinceEpoch - 4) % 7 + 7) % 7
                let week = ((d.daysSinceEpoch - 4) / 7)
                return k == 0 && (weeks == 1 || week % 2 == 0)
            }
            if mondays.count <= limit && !mondays.isEmpty { return mondays }
        }
        for months in [1, 2, 3, 6, 12, 24, 60] {
            let firsts = monthStarts(every: months)
            if firsts.count <= limit { return firsts }
        }
        return [first]
    }

    private func days(where include: (Day) -> Bool) -> [Day] {
        var out: [Day] = []
        var d = first
        while d <= last {
            if include(d) { out.append(d) }
            d = d.adding(days: 1)
        }
        return out
    }

    private func monthStarts(every months: Int) -> [Day] {
        var out: [Day] = []
        let c = first.components
        var year = c.year
        var month = c.month
        if c.day != 1 {
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        while true {
            let day = Day(year: year, month: month, day: 1)
            if day > last { break }
            if ((year * 12 + month - 1) % months) == 0 { out.append(day) }
            month += 1
            if month > 12 { month = 1; year += 1 }
            if out.count > 400 { break }
        }
        return out
    }

    /// `11 Feb`, or `Feb 2026` for month ticks.
    public func label(_ day: Day, ticks: [Day]) -> String {
        let monthly = ticks.count >= 2 && ticks.allSatisfy { $0.components.day == 1 } && (ticks[1].daysSinceEpoch - ticks[0].daysSinceEpoch) >= 28
        if monthly {
            let c = day.components
            return "\(Day.monthNames[c.month - 1]) \(c.year)"
        }
        return day.short
    }
}
