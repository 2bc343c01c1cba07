public import ActivityModel

/// The number and date formatting of the charts: English, no locale, no Foundation formatters,
/// and no float noise (values are rounded to whole units of the last shown digit first, then
/// printed from integers). Integers come from the reports' shared `Format`; what only charts
/// need (axis labels in one compact unit, coordinates, `data-value`s) lives here.
public enum ChartFormat {
    /// `1234567` -> `1,234,567` (the reports' shared ``Format/integer(_:)``).
    public static func integer(_ value: Int) -> String { Format.integer(value) }

    /// `value` with exactly `decimals` decimals and thousands separators: `1234.5, 2` -> `1,234.50`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        let places = max(0, min(decimals, 12))
        let scale = power10(places)
        let scaled = (abs(value) * scale).rounded()
        // Beyond 2^53 a double has no fractional digits left to show.
        guard scaled < 9e15 else {
            return (value < 0 ? "-" : "") + grouped(wholeDigits(abs(value)))
        }
        let units = Int(scaled)
        let unit = Int(scale)
        var text = integer(units / unit)
        if places > 0 {
            var fraction = String(units % unit)
            while fraction.count < places { fraction = "0" + fraction }
            text += "." + fraction
        }
        return (value < 0 && units > 0 ? "-" : "") + text
    }

    /// `value` with at most `maxDecimals` decimals, trailing zeros dropped: `2.50` -> `2.5`, `2.0` -> `2`.
    public static func decimal(_ value: Double, maxDecimals: Int = 1) -> String {
        var text = fixed(value, decimals: maxDecimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `87` -> `87%`, `12.5` -> `12.5%`.
    public static func percent(_ value: Double, maxDecimals: Int = 0) -> String {
        decimal(value, maxDecimals: maxDecimals) + "%"
    }

    /// Compact form for axes: `950`, `1.2k`, `3.4M`, `5B`, `1T`, with at most `maxDecimals`
    /// decimals in the unit (trailing zeros dropped).
    public static func compact(_ value: Double, maxDecimals: Int = 1) -> String {
        let (unit, suffix) = compactUnit(for: abs(value))
        return decimal(value / unit, maxDecimals: maxDecimals) + suffix
    }

    /// The unit and suffix `compact` uses for a magnitude.
    static func compactUnit(for magnitude: Double) -> (Double, String) {
        // Rounding can push 999.96 to "1000": compare against the rounded thresholds.
        if magnitude >= 999.5e9 { return (1e12, "T") }
        if magnitude >= 999.5e6 { return (1e9, "B") }
        if magnitude >= 999.5e3 { return (1e6, "M") }
        if magnitude >= 999.5 { return (1e3, "k") }
        return (1, "")
    }

    /// Labels for axis ticks spaced `step` apart: all in the same unit (chosen by the largest
    /// magnitude), with just enough decimals to tell neighbouring ticks apart.
    public static func tickLabels(_ ticks: [Double], step: Double, percent: Bool = false) -> [String] {
        let largest = ticks.map(abs).max() ?? 0
        let (unit, suffix) = largest >= 10_000 && !percent ? compactUnit(for: largest) : (1, "")
        let decimals = decimalsFor(step: step / unit)
        return ticks.map { tick in
            let text = fixed(tick / unit, decimals: decimals)
            let label = (text == "-0" || text.allSatisfy({ $0 == "0" || $0 == "." || $0 == "-" })) ? "0" : text + suffix
            return percent ? label + "%" : label
        }
    }

    /// Decimals needed to print multiples of `step` exactly (`0.25` -> 2, `5` -> 0).
    static func decimalsFor(step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        var decimals = 0
        var scaled = step
        while decimals < 12 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, scaled) {
            decimals += 1
            scaled = step * power10(decimals)
        }
        return decimals
    }

    /// A machine-readable value for `data-value`: integers without separators (`1000000000000`),
    /// other numbers with up to 6 decimals and no float noise (`22.69`).
    public static func dataValue(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded() {
            return abs(value) < 9e18 ? String(Int(value)) : (value < 0 ? "-" : "") + wholeDigits(abs(value))
        }
        var text = fixed(value, decimals: 6).replacingAll(",", with: "")
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// The decimal digits of a large whole `value` (at least 1e15, where a double holds no
    /// fraction): its shortest round-trip digits followed by zeros, `1e+20` -> `100000000000000000000`.
    static func wholeDigits(_ value: Double) -> String {
        guard value.isFinite, value >= 1 else { return "0" }
        if value < 9e18 { return String(Int(value.rounded())) }
        // "1.2345e+20": mantissa digits and the exponent.
        let text = "\(value)"
        let parts = text.split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1].filter { $0 != "+" }) else { return text }
        let mantissa = parts[0].split(separator: ".")
        let digits = String(mantissa[0]) + (mantissa.count > 1 ? String(mantissa[1]) : "")
        let zeros = exponent - (digits.count - 1)
        return zeros >= 0 ? digits + String(repeating: "0", count: zeros) : digits
    }

    /// `1234567` (digits) -> `1,234,567`.
    static func grouped(_ digits: String) -> String {
        let chars = Array(digits)
        var out = ""
        for (i, d) in chars.enumerated() {
            if i > 0 && (chars.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// `11 Feb`.
    public static func shortDate(_ day: Day) -> String { day.short }

    static func power10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<max(0, n) { p *= 10 }
        return p
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}

extension ChartFormat {
    /// A coordinate for SVG attributes: at most 2 decimals, no separators (`12.5`, `600`).
    public static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        guard abs(hundredths) < 9e15 else { return "0" }
        let units = Int(hundredths)
        // Written right to left into a small buffer: one String per call, no concatenation.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var end = 24
            func put(_ byte: UInt8) {
                end -= 1
                buffer[end] = byte
            }
            var whole = units.magnitude / 100
            let fraction = units.magnitude % 100
            if fraction > 0 {
                if fraction % 10 != 0 { put(0x30 + UInt8(fraction % 10)) }
                put(0x30 + UInt8(fraction / 10))
                put(0x2E)
            }
            repeat {
                put(0x30 + UInt8(whole % 10))
                whole /= 10
            } while whole > 0
            if units < 0 { put(0x2D) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[end...]), as: UTF8.self)
        }
    }
}
