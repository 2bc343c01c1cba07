/// A calendar day in UTC, stored as days since 1970-01-01. No Foundation calendar, no locale:
/// the same input gives the same day on every machine.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The day `year`-`month`-`day` of the proleptic Gregorian calendar.
    public init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.daysSinceEpoch = era * 146_097 + doe - 719_468
    }

    /// The UTC day nearest to `secondsSinceEpoch`: an instant is normalised to the closest
    /// midnight, so a server in another time zone that sends `...T23:00:00.000Z` for its own
    /// midnight lands on the intended day.
    public init(nearestMidnightTo secondsSinceEpoch: Int64) {
        let half: Int64 = 43_200
        let shifted = secondsSinceEpoch + half
        let days = shifted >= 0 ? shifted / 86_400 : -((-shifted + 86_399) / 86_400)
        self.daysSinceEpoch = Int(days)
    }

    /// Year, month (1-12) and day of month (1-31).
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let c = components
        return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2) + "-" + Day.pad(c.day, 2)
    }

    public var description: String { iso }

    /// Short English month name.
    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `11 Feb 2026`.
    public var long: String {
        let c = components
        return "\(c.day) \(Day.monthNames[c.month - 1]) \(c.year)"
    }

    /// `11 Feb`.
    public var short: String {
        let c = components
        return "\(c.day) \(Day.monthNames[c.month - 1])"
    }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (a: Day, b: Day) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    static func pad(_ value: Int, _ width: Int) -> String {
        let negative = value < 0
        var digits = String(negative ? -value : value)
        while digits.count < width { digits = "0" + digits }
        return negative ? "-" + digits : digits
    }
}

/// ISO-8601 date-times as Lightdash sends them, parsed without Foundation.
public enum ISODate {
    /// Seconds since the epoch for `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fraction]]`
    /// and `Z` or an offset `±HH:MM` / `±HHMM` / `±HH` (a `T` or a space between date and time).
    /// Nil when `text` is not such a date-time or names an impossible date.
    public static func parseSeconds(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2) else {
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var seconds = Int64(Day(year: year, month: month, day: day).daysSinceEpoch) * 86_400
        if i == b.count { return seconds }
        guard b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20 else { return nil }  // T, t, space
        i += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2) else { return nil }
        var second = 0
        if expect(0x3A) {
            guard let s = digits(2) else { return nil }
            second = s
            if i < b.count, b[i] == 0x2E || b[i] == 0x2C {  // fraction: . or ,
                i += 1
                let start = i
                while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
                guard i > start else { return nil }
            }
        }
        guard hour <= 24, minute <= 59, second <= 60 else { return nil }
        if hour == 24 && (minute != 0 || second != 0) { return nil }
        seconds += Int64(hour * 3600 + minute * 60 + second)
        guard i < b.count else { return nil }  // a time needs a zone
        if b[i] == 0x5A || b[i] == 0x7A {  // Z, z
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {  // + or -
            let sign: Int64 = b[i] == 0x2B ? 1 : -1
            i += 1
            guard let oh = digits(2) else { return nil }
            var om = 0
            if expect(0x3A) {
                guard let m = digits(2) else { return nil }
                om = m
            } else if i < b.count {
                guard let m = digits(2) else { return nil }
                om = m
            }
            guard oh <= 23, om <= 59 else { return nil }
            seconds -= sign * Int64(oh * 3600 + om * 60)
        } else {
            return nil
        }
        return i == b.count ? seconds : nil
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
