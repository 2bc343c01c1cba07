import Foundation

/// A coding key for any object key.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

extension CodingUserInfoKey {
    static let problems = CodingUserInfoKey(rawValue: "activityreport.problems")!  // a non-empty literal: never nil
}

extension Decoder {
    var problems: ProblemCollector {
        // PayloadDecoder always sets it; a decoder without it is a programming error.
        guard let c = userInfo[.problems] as? ProblemCollector else { fatalError("decoder without a problem collector") }
        return c
    }
}

/// Short description of the JSON value at `key`, for "got ..." in messages.
func describeValue<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) -> String {
    if (try? c.decodeNil(forKey: key)) == true { return "null" }
    if let s = try? c.decode(String.self, forKey: key) { return quote(s) }
    if let b = try? c.decode(Bool.self, forKey: key) { return b ? "true" : "false" }
    if let i = try? c.decode(Int.self, forKey: key) { return String(i) }
    if let d = try? c.decode(Double.self, forKey: key) { return d.isFinite ? String(d) : "a number out of range" }
    if (try? c.nestedUnkeyedContainer(forKey: key)) != nil { return "an array" }
    if (try? c.nestedContainer(keyedBy: AnyKey.self, forKey: key)) != nil { return "an object" }
    return "a number out of range"
}

func describeValue(_ decoder: any Decoder) -> String {
    if let c = try? decoder.singleValueContainer() {
        if c.decodeNil() { return "null" }
        if let s = try? c.decode(String.self) { return quote(s) }
        if let b = try? c.decode(Bool.self) { return b ? "true" : "false" }
        if let i = try? c.decode(Int.self) { return String(i) }
        if let d = try? c.decode(Double.self) { return d.isFinite ? String(d) : "a number out of range" }
    }
    if (try? decoder.unkeyedContainer()) != nil { return "an array" }
    if (try? decoder.container(keyedBy: AnyKey.self)) != nil { return "an object" }
    return "a value of another type"
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
                out += "\\u" + String(scalar.value, radix: 16).leftPadded(4)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        n += 1
    }
    return out + "\""
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Field readers that record problems instead of throwing.
extension KeyedDecodingContainer {
    func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    /// A non-negative integer sent as a JSON integer or a decimal string.
    func count(_ key: Key, _ p: ProblemCollector, required: Bool = true, what: String = "a non-negative integer count") -> Int? {
        guard contains(key) else {
            if required { p.add(path(key), "missing required key (expected \(what))") }
            return nil
        }
        if let s = try? decode(String.self, forKey: key) {
            if let v = Numbers.parseCount(s) { return v }
            p.add(path(key), "expected \(what), got \(quote(s))")
            return nil
        }
        if let i = try? decode(Int.self, forKey: key) {
            if i >= 0 { return i }
            p.add(path(key), "expected \(what), got \(i)")
            return nil
        }
        if let d = try? decode(Double.self, forKey: key), d.isFinite, d >= 0, d <= 9_007_199_254_740_992, d.rounded() == d {
            return Int(d)
        }
        p.add(path(key), "expected \(what), got \(describeValue(self, key))")
        return nil
    }

    /// A percentage 0-100 sent as a JSON number or a decimal string.
    func percent(_ key: Key, _ p: ProblemCollector) -> Double? {
        guard contains(key) else {
            p.add(path(key), "missing required key (expected a percentage from 0 to 100)")
            return nil
        }
        var value: Double?
        var shown = ""
        if let s = try? decode(String.self, forKey: key) {
            value = Numbers.parseDecimal(s)
            shown = quote(s)
        } else if let d = try? decode(Double.self, forKey: key), d.isFinite {
            value = d
            shown = Numbers.plain(d)
        }
        guard let v = value, v >= 0 && v <= 100 else {
            p.add(path(key), "expected a percentage from 0 to 100, got \(shown.isEmpty ? describeValue(self, key) : shown)")
            return nil
        }
        return v
    }

    /// A non-negative decimal (two-decimal string, number) or null. The outer optional is nil on a problem.
    func average(_ key: Key, _ p: ProblemCollector) -> Double?? {
        let what = "a non-negative decimal or null"
        guard contains(key) else {
            p.add(path(key), "missing required key (expected \(what))")
            return nil
        }
        if (try? decodeNil(forKey: key)) == true { return .some(nil) }
        if let s = try? decode(String.self, forKey: key) {
            if let v = Numbers.parseDecimal(s) { return .some(v) }
            p.add(path(key), "expected \(what), got \(quote(s))")
            return nil
        }
        if let d = try? decode(Double.self, forKey: key), d.isFinite, d >= 0 { return .some(d) }
        p.add(path(key), "expected \(what), got \(describeValue(self, key))")
        return nil
    }

    /// A string (any Unicode, possibly empty).
    func string(_ key: Key, _ p: ProblemCollector, required: Bool = true) -> String? {
        guard contains(key) else {
            if required { p.add(path(key), "missing required key (expected a string)") }
            return nil
        }
        if let s = try? decode(String.self, forKey: key) { return s }
        p.add(path(key), "expected a string, got \(describeValue(self, key))")
        return nil
    }

    /// An ISO-8601 date-time, normalised to the nearest UTC midnight.
    func day(_ key: Key, _ p: ProblemCollector) -> Day? {
        guard contains(key) else {
            p.add(path(key), "missing required key (expected an ISO-8601 date-time)")
            return nil
        }
        if let s = try? decode(String.self, forKey: key) {
            if let seconds = ISODate.parseSeconds(s) { return Day(nearestMidnightTo: seconds) }
            p.add(path(key), "expected an ISO-8601 date-time, got \(quote(s))")
            return nil
        }
        p.add(path(key), "expected an ISO-8601 date-time, got \(describeValue(self, key))")
        return nil
    }

    /// An array of `T`, each element decoded on its own so one bad row does not hide the others.
    func rows<T: Decodable & RowDecodable>(_ key: Key, _ p: ProblemCollector) -> [T]? {
        guard contains(key) else {
            p.add(path(key), "missing required key (expected an array)")
            return nil
        }
        guard var items = try? nestedUnkeyedContainer(forKey: key) else {
            p.add(path(key), "expected an array, got \(describeValue(self, key))")
            return nil
        }
        var out: [T] = []
        out.reserveCapacity(items.count ?? 0)
        var ok = true
        while !items.isAtEnd {
            // Row initialisers never throw (they record problems), so the container always advances;
            // a throw here would be a decoder failure, reported at the row.
            do {
                let row = try items.decode(T.self)
                if row.isValid { out.append(row) } else { ok = false }
            } catch {
                p.add(path(key), "could not be read (\(error))")
                return nil
            }
        }
        return ok ? out : nil
    }
}

/// A row type whose initialiser records problems and marks itself invalid instead of throwing.
protocol RowDecodable {
    var isValid: Bool { get }
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
