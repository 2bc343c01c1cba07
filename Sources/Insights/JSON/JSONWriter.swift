public import ActivityModel

/// Building blocks of the insights.json tree (``JSONValue`` is ActivityModel's).
extension JSONValue {
    /// An integer.
    static func int(_ v: Int) -> JSONValue { .number(String(v)) }

    /// A decimal rounded to `places` decimals (see ``JSONNumber``).
    static func decimal(_ v: Double, places: Int) -> JSONValue { .number(JSONNumber.text(v, places: places)) }

    /// `f(v)` or null.
    static func optional<T>(_ v: T?, _ f: (T) -> JSONValue) -> JSONValue { v.map(f) ?? .null }
}

/// How numbers are written: rounded half away from zero to a fixed number of decimals,
/// trailing zeros dropped, no exponent below 1e15: `0.48231` (4 places) -> `0.4823`, `50.0` -> `50`.
enum JSONNumber {
    static func text(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "0" }  // never produced by the analyzer; JSON has no NaN
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else {
            // Too large for the fixed form: Swift's shortest round-trip text, which is valid JSON
            // (`1e+20`) once a leading `+` of the exponent is kept (JSON allows it).
            return value.rounded() == value && abs(value) < 9.2e18 ? String(Int(value)) : String(value)
        }
        let units = Int(scaled)
        let unit = Int(scale)
        let whole = units / unit
        var fraction = units % unit
        var text = String(whole)
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

    /// `value` as it reads back after ``text(_:places:)``.
    static func rounded(_ value: Double, places: Int) -> Double {
        Double(text(value, places: places)) ?? value
    }
}

/// Writes a ``JSONValue`` as UTF-8: two-space indentation, one member a line, `[]` and `{}`
/// when empty, a newline at the end. The same value gives the same bytes.
public enum JSONWriter {
    public static func write(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        out.append(0x0A)
        return out
    }

    /// The same text without any whitespace between tokens: for documents sent under a size limit.
    public static func compact(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        compact(value, into: &out)
        return out
    }

    private static func compact(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null, .bool, .number, .string: write(value, indent: 0, into: &out)
        case .array(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                compact(item, into: &out)
            }
            out.append(0x5D)
        case .object(let members):
            out.append(0x7B)
            for (i, (key, item)) in members.enumerated() {
                if i > 0 { out.append(0x2C) }
                string(key, into: &out)
                out.append(0x3A)
                compact(item, into: &out)
            }
            out.append(0x7D)
        }
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): string(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out.append(0x5B)
                out.append(0x5D)
                return
            }
            out.append(0x5B)
            out.append(0x0A)
            for (i, item) in items.enumerated() {
                pad(indent + 1, &out)
                write(item, indent: indent + 1, into: &out)
                if i < items.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            pad(indent, &out)
            out.append(0x5D)
        case .object(let members):
            if members.isEmpty {
                out.append(0x7B)
                out.append(0x7D)
                return
            }
            out.append(0x7B)
            out.append(0x0A)
            for (i, (key, item)) in members.enumerated() {
                pad(indent + 1, &out)
                string(key, into: &out)
                out.append(0x3A)
                out.append(0x20)
                write(item, indent: indent + 1, into: &out)
                if i < members.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            pad(indent, &out)
            out.append(0x7D)
        }
    }

    private static func pad(_ level: Int, _ out: inout [UInt8]) {
        for _ in 0..<(level * 2) { out.append(0x20) }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`, ... or `\u00XX`,
    /// U+2028 and U+2029 escaped (so the text is also a valid JavaScript literal), the rest raw UTF-8.
    static func string(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0x00..<0x20, 0x7F, 0x2028, 0x2029:
                let hex = Array("0123456789abcdef".utf8)
                let v = Int(scalar.value)
                out += [0x5C, 0x75, hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]]
            case 0x20..<0x80:
                out.append(UInt8(scalar.value))
            default:
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        out.append(0x22)
    }
}
