/// The one number and date formatter of the reports: English, no locale, no Foundation
/// formatters, so the same value gives the same text on every machine. Every number a person
/// reads (page, summary, email, chart text, data notes, console) goes through it: thousands
/// separators, one rounding per kind of quantity (shares as whole percents, changes of shares
/// in whole points), `<1%` for small shares, plurals through ``count(_:_:_:)``; dates are
/// ``Day/long`` (`11 Feb 2026`).
public enum Format {
    /// `1234567` -> `1,234,567`.
    public static func integer(_ value: Int) -> String {
        let negative = value < 0
        let digits = Array(String(value.magnitude))
        var out: [Character] = []
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (negative ? "-" : "") + String(out)
    }

    /// A decimal with at most `places` decimals, trailing zeros dropped, thousands separated:
    /// `1234.5` -> `1,234.5`, `2.0` -> `2`.
    public static func decimal(_ value: Double, places: Int = 1) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return (value < 0 ? "-" : "") + whole(abs(value)) }
        let units = Int(scaled)
        let whole = units / Int(scale)
        var fraction = units % Int(scale)
        var text = integer(whole)
        if fraction > 0 {
            var digits = String(fraction)
            while digits.count < places { digits = "0" + digits }
            while digits.hasSuffix("0") {
                digits.removeLast()
                fraction /= 10
            }
            text += "." + digits
        }
        return (value < 0 && units > 0 ? "-" : "") + text
    }

    /// Exactly two decimals: `22.7` -> `22.70`.
    public static func fixed2(_ value: Double) -> String {
        // Beyond 2^53 a double has no cents (and beyond Int.max it would not fit an Int).
        guard value.isFinite, abs(value) * 100 < 9e15 else { return decimal(value, places: 0) + (value.isFinite ? ".00" : "") }
        let units = Int((abs(value) * 100).rounded())
        let cents = units % 100
        return (value < 0 && units > 0 ? "-" : "") + integer(units / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// A large whole number (at least 9e15, where a double has no fraction) with thousands
    /// separators; past `Int.max` from its shortest round-trip digits and zeros (`1e20`).
    static func whole(_ value: Double) -> String {
        if value < 9e18 { return integer(Int(value.rounded())) }
        let parts = "\(value)".split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1].filter { $0 != "+" }) else { return "\(value)" }
        let mantissa = parts[0].split(separator: ".")
        let digits = String(mantissa[0]) + (mantissa.count > 1 ? String(mantissa[1]) : "")
        let all = Array(digits + String(repeating: "0", count: max(0, exponent - (digits.count - 1))))
        var out = ""
        for (i, d) in all.enumerated() {
            if i > 0 && (all.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// A share in percent, as the reports print every share of a whole: whole percents (half
    /// away from zero), `<1%` for a share above 0 that would print as 0, `>99%` for one below 100
    /// that would print as 100: `16.67` -> `17%`, `0.4` -> `<1%`, `99.6` -> `>99%`.
    public static func percent(_ value: Double) -> String {
        guard value.isFinite else { return decimal(value) + "%" }
        if value > 0 && value < 0.5 { return "<1%" }
        if value >= 99.5 && value < 100 { return ">99%" }
        return decimal(value, places: 0) + "%"
    }

    /// A percentage as the rules judge it and the reports print it: rounded to a whole number,
    /// half away from zero (`9.5` -> `10`). Findings compare this, not the unrounded value, with
    /// their thresholds, so that no sentence says "under 10%" next to a printed `10%`.
    public static func wholePercent(_ value: Double) -> Double {
        value.isFinite ? value.rounded() : value
    }

    /// A threshold in percent as it was set: `40%`, `12.5%` (up to 2 decimals).
    public static func threshold(_ percent: Double) -> String {
        decimal(percent, places: 2) + "%"
    }

    /// A relative change in percent with its sign: `+12%`, `-8%`, `0%`, and `+<1%` / `-<1%` for
    /// a change that is not 0 but would print as 0.
    public static func signedPercent(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0%" : decimal(value) + "%" }
        if wholePercent(value) == 0 { return (value > 0 ? "+" : "-") + "<1%" }
        return signed(value, places: 0) + "%"
    }

    /// A change of a percentage in percentage points: `+13 points`, `-1 point`, `0 points`.
    public static func signedPoints(_ value: Int) -> String {
        signed(value) + (value == 1 || value == -1 ? " point" : " points")
    }

    /// A signed change: `+3`, `-2`, `0`.
    public static func signed(_ value: Int) -> String {
        value > 0 ? "+" + integer(value) : integer(value)
    }

    /// A signed decimal change: `+2.5`, `-1`, `0`.
    public static func signed(_ value: Double, places: Int = 1) -> String {
        let text = decimal(value, places: places)
        return value > 0 && text != "0" ? "+" + text : text
    }

    /// `1` user / `2` users.
    public static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        integer(value) + " " + (value == 1 ? singular : plural ?? singular + "s")
    }

    /// `27 Nov 2026, 00:03 UTC` for seconds since the epoch: the day as every date of the
    /// reports (``Day/long``), then the time.
    public static func timestamp(_ secondsSinceEpoch: Int64) -> String {
        let day = Day(daysSinceEpoch: Int(floorDiv(secondsSinceEpoch, 86_400)))
        let secondOfDay = Int(secondsSinceEpoch - Int64(day.daysSinceEpoch) * 86_400)
        let h = secondOfDay / 3600
        let m = secondOfDay % 3600 / 60
        return day.long + ", " + (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m) + " UTC"
    }

    /// `2026-11-29T08:05:00Z` for seconds since the epoch.
    public static func isoSeconds(_ secondsSinceEpoch: Int64) -> String {
        let day = Day(daysSinceEpoch: Int(floorDiv(secondsSinceEpoch, 86_400)))
        let s = Int(secondsSinceEpoch - Int64(day.daysSinceEpoch) * 86_400)
        func two(_ v: Int) -> String { (v < 10 ? "0" : "") + String(v) }
        return day.iso + "T" + two(s / 3600) + ":" + two(s % 3600 / 60) + ":" + two(s % 60) + "Z"
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
