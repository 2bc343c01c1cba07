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
        let lo = first.daysSinceEpoch
        let hi = last.daysSinceEpoch
        for interval in [1, 2, 3] where (hi - lo) / interval + 1 <= limit {
            return stride(from: lo, through: hi, by: interval).map(Day.init(daysSinceEpoch:))
        }
        // Mondays: 1970-01-05 (day 4) was one. Every other Monday counts weeks from that one.
        for weeks in [1, 2] {
            let step = 7 * weeks
            let start = lo + Self.floorMod(4 - lo, step)
            guard start <= hi else { continue }
            if (hi - start) / step + 1 <= limit {
                return stride(from: start, through: hi, by: step).map(Day.init(daysSinceEpoch:))
            }
        }
        // First days of months (counted from year 0), every 1, 2, 3, 6 months or more years.
        let a = first.components
        let b = last.components
        let firstMonth = a.year * 12 + (a.month - 1) + (a.day == 1 ? 0 : 1)
        let lastMonth = b.year * 12 + (b.month - 1)
        for months in [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000, 60000, 120000] {
            let start = firstMonth + Self.floorMod(-firstMonth, months)
            guard start <= lastMonth else { continue }
            if (lastMonth - start) / months + 1 <= limit {
                return stride(from: start, through: lastMonth, by: months).map { m in
                    Day(year: Self.floorDiv(m, 12), month: Self.floorMod(m, 12) + 1, day: 1)
                }
            }
        }
        return [first]
    }

    static func floorMod(_ a: Int, _ n: Int) -> Int { ((a % n) + n) % n }
    static func floorDiv(_ a: Int, _ n: Int) -> Int { (a - floorMod(a, n)) / n }

    /// `11 Feb`, or `Feb 2026` when the range spans a year or more (month ticks).
    public func label(_ day: Day, ticks: [Day]) -> String {
        if last.daysSinceEpoch - first.daysSinceEpoch >= 365 {
            let c = day.components
            return "\(Day.monthNames[c.month - 1]) \(c.year)"
        }
        return day.short
    }
}
