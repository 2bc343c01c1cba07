/// Field readers: each reads the value at the cursor, records a problem with its JSON path when
/// the value is not what real servers send, and returns nil then. Only syntax errors throw.
extension JSONReader {
    typealias Fail = JSONReader.SyntaxError

    /// A non-negative integer sent as a JSON integer or a decimal string.
    mutating func count(_ p: inout Problems, what: String = "a non-negative integer count") throws(Fail) -> Int? {
        let value = try scalar()
        switch value {
        case .string(let s):
            if let v = Numbers.parseCount(s) { return v }
        case .number(let text):
            if let v = Numbers.parseCount(text) { return v }
            // 12.0 or 1.2e1 are integers too; fractions, negatives and overflow are not.
            if let d = Double(text), d.isFinite, d >= 0, d <= 9_007_199_254_740_992, d.rounded() == d, !text.hasPrefix("-") {
                return Int(d)
            }
        default: break
        }
        p.add(pathString, "expected \(what), got \(value.described)")
        return nil
    }

    /// A percentage 0-100 sent as a JSON number or a decimal string.
    mutating func percent(_ p: inout Problems) throws(Fail) -> Double? {
        let value = try scalar()
        var v: Double?
        switch value {
        case .string(let s): v = Numbers.parseDecimal(s)
        case .number(let text): v = Double(text).flatMap { $0.isFinite ? $0 : nil }
        default: break
        }
        guard let v, v >= 0, v <= 100 else {
            p.add(pathString, "expected a percentage from 0 to 100, got \(value.described)")
            return nil
        }
        return v
    }

    /// A non-negative decimal (a two-decimal string or a number) or null.
    /// The outer optional is nil on a problem; the inner one is the server's null.
    mutating func average(_ p: inout Problems) throws(Fail) -> Double?? {
        let value = try scalar()
        switch value {
        case .null: return .some(nil)
        case .string(let s):
            if let v = Numbers.parseDecimal(s) { return .some(v) }
        case .number(let text):
            if let d = Double(text), d.isFinite, d >= 0 { return .some(d) }
        default: break
        }
        p.add(pathString, "expected a non-negative decimal or null, got \(value.described)")
        return nil
    }

    /// A string (any Unicode, possibly empty).
    mutating func text(_ p: inout Problems) throws(Fail) -> String? {
        if try peek() == .string { return try stringValue() }
        let value = try scalar()
        p.add(pathString, "expected a string, got \(value.described)")
        return nil
    }

    /// A string or null (nil either way; a problem for other types).
    mutating func optionalText(_ p: inout Problems) throws(Fail) -> String? {
        switch try peek() {
        case .string: return try stringValue()
        case .null:
            _ = try scalar()
            return nil
        default:
            let value = try scalar()
            p.add(pathString, "expected a string, got \(value.described)")
            return nil
        }
    }

    /// An ISO-8601 date-time, normalised to the nearest UTC midnight.
    mutating func day(_ p: inout Problems) throws(Fail) -> Day? {
        let value = try scalar()
        if case .string(let s) = value, let seconds = ISODate.parseSeconds(s) { return Day(nearestMidnightTo: seconds) }
        p.add(pathString, "expected an ISO-8601 date-time, got \(value.described)")
        return nil
    }

    /// An array whose elements `row` reads; nil (with a problem) when it is not an array or a row is bad.
    mutating func rows<T>(
        _ p: inout Problems, _ row: (inout JSONReader, inout Problems) throws(Fail) -> T?
    ) throws(Fail) -> [T]? {
        guard try peek() == .array else {
            let value = try scalar()
            p.add(pathString, "expected an array, got \(value.described)")
            return nil
        }
        var out: [T] = []
        var ok = true
        try array { (r: inout JSONReader, _: Int) throws(Fail) in
            if let value = try row(&r, &p) { out.append(value) } else { ok = false }
        }
        return ok ? out : nil
    }

    /// Whether the value at the cursor is an object; if not, consumes it and records a problem naming `expected`.
    mutating func expectObject(_ p: inout Problems, expected: String) throws(Fail) -> Bool {
        guard try peek() == .object else {
            let value = try scalar()
            p.add(pathString, "expected \(expected), got \(value.described)")
            return false
        }
        return true
    }

    /// Records "missing required key" for `key` of the current object when `present` is false.
    func require(_ present: Bool, _ key: String, _ what: String, _ p: inout Problems) {
        if !present { p.add(pathString(appending: key), "missing required key (expected \(what))") }
    }
}

/// A string in double quotes, shortened to 40 characters, with control characters escaped.
func quote(_ s: String) -> String {
    var out = "\""
    var n = 0
    for scalar in s.unicodeScalars {
        if n == 40 {
            out += "…"
            break
        }
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        n += 1
    }
    return out + "\""
}

/// Strict number parsing for the string forms servers send.
public enum Numbers {
    /// `"114"` -> 114. Digits only (no sign, no spaces, no exponent); nil when out of range.
    public static func parseCount(_ s: String) -> Int? {
        var value = 0
        var any = false
        for c in s.utf8 {
            guard c >= 48 && c <= 57 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(c - 48))
            if o1 || o2 { return nil }
            value = a
            any = true
        }
        return any ? value : nil
    }

    /// `"22.69"` -> 22.69. Digits with an optional fraction; no sign, exponent, NaN or infinity.
    public static func parseDecimal(_ s: String) -> Double? {
        var sawDigit = false
        var sawDot = false
        var digitsAfterDot = 0
        for c in s.utf8 {
            if c >= 48 && c <= 57 {
                sawDigit = true
                if sawDot { digitsAfterDot += 1 }
            } else if c == 46 && !sawDot && sawDigit {
                sawDot = true
            } else {
                return nil
            }
        }
        guard sawDigit, !sawDot || digitsAfterDot > 0, s.utf8.count <= 40 else { return nil }
        guard let v = Double(s), v.isFinite else { return nil }
        return v
    }

    /// A number without float noise for messages: 150 -> "150", 12.5 -> "12.5".
    public static func plain(_ v: Double) -> String {
        if v.rounded() == v && abs(v) < 1e15 { return String(Int(v)) }
        return String(v)
    }
}
