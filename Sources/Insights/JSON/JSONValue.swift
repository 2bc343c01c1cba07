/// A JSON document as a tree that keeps the order of object keys, so that what is written
/// is exactly what was built: no dictionary order, no float noise.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's text as it is written (or was read): `12`, `0.4823`, `-3.5`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// An integer.
    static func int(_ v: Int) -> JSONValue { .number(String(v)) }

    /// A decimal rounded to `places` decimals (see ``JSONNumber``).
    static func decimal(_ v: Double, places: Int) -> JSONValue { .number(JSONNumber.text(v, places: places)) }

    /// `f(v)` or null.
    static func optional<T>(_ v: T?, _ f: (T) -> JSONValue) -> JSONValue { v.map(f) ?? .null }

    /// The value of `key` in an object (nil when absent or not an object).
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
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
enum JSONWriter {
    static func write(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        out.append(0x0A)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .number(let n): out += Array(n.utf8)
        case .string(let s): string(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += [0x5B, 0x5D]
                return
            }
            out += [0x5B, 0x0A]
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
                out += [0x7B, 0x7D]
                return
            }
            out += [0x7B, 0x0A]
            for (i, (key, item)) in members.enumerated() {
                pad(indent + 1, &out)
                string(key, into: &out)
                out += [0x3A, 0x20]
                write(item, indent: indent + 1, into: &out)
                if i < members.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            pad(indent, &out)
            out.append(0x7D)
        }
    }

    private static func pad(_ level: Int, _ out: inout [UInt8]) {
        out += Array(repeating: 0x20, count: level * 2)
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
            default:
                out += Array(String(scalar).utf8)
            }
        }
        out.append(0x22)
    }
}

/// Where and why a JSON text could not be read.
struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    var offset: Int
    var message: String
    var description: String { "invalid JSON at byte \(offset): \(message)" }
}

/// A strict RFC 8259 parser into ``JSONValue`` (for `insights.json` and config files, which are
/// small): no trailing commas, no comments, no lone surrogates, nesting at most 256 deep.
struct JSONParser {
    private let b: [UInt8]
    private var i = 0
    private var depth = 0

    static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var p = JSONParser(b: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes)
        p.skipSpace()
        let v = try p.value()
        p.skipSpace()
        guard p.i == p.b.count else { throw p.fail("unexpected text after the value") }
        return v
    }

    private init(b: [UInt8]) { self.b = b }

    private func fail(_ message: String) -> JSONParseError { JSONParseError(offset: i, message: message) }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    private mutating func literal(_ word: String, _ v: JSONValue) throws(JSONParseError) -> JSONValue {
        let w = Array(word.utf8)
        guard i + w.count <= b.count, Array(b[i..<i + w.count]) == w else { throw fail("unexpected character") }
        i += w.count
        return v
    }

    private mutating func value() throws(JSONParseError) -> JSONValue {
        guard i < b.count else { throw fail("unexpected end of input") }
        switch b[i] {
        case 0x7B: return try object()
        case 0x5B: return try array()
        case 0x22: return .string(try string())
        case 0x74: return try literal("true", .bool(true))
        case 0x66: return try literal("false", .bool(false))
        case 0x6E: return try literal("null", .null)
        case 0x2D, 0x30...0x39: return try number()
        default: throw fail("unexpected character")
        }
    }

    private mutating func nest() throws(JSONParseError) {
        depth += 1
        if depth > 256 { throw fail("nested too deeply") }
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        try nest()
        i += 1
        var members: [(String, JSONValue)] = []
        skipSpace()
        if i < b.count, b[i] == 0x7D {
            i += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard i < b.count, b[i] == 0x22 else { throw fail("expected a key") }
            let key = try string()
            skipSpace()
            guard i < b.count, b[i] == 0x3A else { throw fail("expected ':'") }
            i += 1
            skipSpace()
            members.append((key, try value()))
            skipSpace()
            guard i < b.count else { throw fail("unexpected end of input") }
            if b[i] == 0x2C {
                i += 1
                continue
            }
            guard b[i] == 0x7D else { throw fail("expected ',' or '}'") }
            i += 1
            depth -= 1
            return .object(members)
        }
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        try nest()
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < b.count, b[i] == 0x5D {
            i += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < b.count else { throw fail("unexpected end of input") }
            if b[i] == 0x2C {
                i += 1
                continue
            }
            guard b[i] == 0x5D else { throw fail("expected ',' or ']'") }
            i += 1
            depth -= 1
            return .array(items)
        }
    }

    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = i
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.i
            while p.i < p.b.count, p.b[p.i] >= 0x30, p.b[p.i] <= 0x39 { p.i += 1 }
            return p.i - s
        }
        if b[i] == 0x2D { i += 1 }
        guard i < b.count else { throw fail("expected a digit") }
        if b[i] == 0x30 {
            i += 1
        } else if digits(&self) == 0 {
            throw fail("expected a digit")
        }
        if i < b.count, b[i] == 0x2E {
            i += 1
            guard digits(&self) > 0 else { throw fail("expected a digit after '.'") }
        }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            guard digits(&self) > 0 else { throw fail("expected a digit in the exponent") }
        }
        return .number(String(decoding: b[start..<i], as: UTF8.self))
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard i + 4 <= b.count else { throw fail("incomplete \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    private mutating func string() throws(JSONParseError) -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw fail("unterminated string") }
            let c = b[i]
            if c == 0x22 {
                i += 1
                break
            }
            if c < 0x20 { throw fail("control character in a string") }
            if c != 0x5C {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < b.count else { throw fail("unterminated string") }
            let e = b[i]
            i += 1
            switch e {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var v = try hex4()
                if (0xD800..<0xDC00).contains(v) {
                    guard i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x75 else { throw fail("lone surrogate") }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("lone surrogate") }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(v) {
                    throw fail("lone surrogate")
                }
                guard let scalar = Unicode.Scalar(v) else { throw fail("invalid \\u escape") }
                out += Array(String(scalar).utf8)
            default:
                throw fail("invalid escape")
            }
        }
        let s = String(decoding: out, as: UTF8.self)
        guard s.utf8.elementsEqual(out) else { throw fail("invalid UTF-8 in a string") }
        return s
    }
}
