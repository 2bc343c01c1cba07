/// A strict RFC 8259 pull reader over UTF-8 bytes that tracks the JSON path of what it reads.
///
/// Foundation's parsers accept trailing commas and other non-JSON, build a whole tree first and
/// lose the input's positions; this reader checks the grammar and UTF-8 (no overlong forms, no
/// encoded surrogates, nothing above U+10FFFF) as it goes, limits nesting, and lets the payload
/// decoder turn values straight into typed rows: one pass, no intermediate tree.
package struct JSONReader {
    package static let maxDepth = 512

    /// A syntax error: the input is not JSON. Thrown, since nothing after it can be trusted.
    package struct SyntaxError: Error, Equatable {
        package var path: String
        package var line: Int
        package var column: Int
        package var message: String
    }

    package enum Kind { case object, array, string, number, bool, null }

    /// A scalar read whole, or a container skipped (for messages and tolerant fields).
    package enum Scalar {
        case string(String)
        /// The number's text as written, such as `12`, `-3`, `1.5e3`.
        case number(String)
        case bool(Bool)
        case null
        case array
        case object

        /// Short description for "got ..." in messages.
        package var described: String {
            switch self {
            case .string(let s): return quote(s)
            case .number(let n): return n.count > 40 ? String(n.prefix(40)) + "…" : n
            case .bool(let b): return b ? "true" : "false"
            case .null: return "null"
            case .array: return "an array"
            case .object: return "an object"
            }
        }
    }

    enum PathComponent {
        case key(String)
        case index(Int)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var i: Int
    /// The path of the value being read, for messages.
    private(set) var path: [PathComponent] = []

    /// Called with the offset read so far every ``progressInterval`` bytes or so (between the
    /// elements of arrays), for a caller that gives back the pages of a mapped file.
    package var progress: ((Int) -> Void)? {
        didSet { nextProgress = progress == nil ? Int.max : i + JSONReader.progressInterval }
    }
    package static let progressInterval = 8 << 20
    private var nextProgress = Int.max

    package init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) {
        self.bytes = bytes
        self.i = start
        path.reserveCapacity(8)
    }

    // MARK: - Structure

    /// The kind of the next value, after whitespace.
    package mutating func peek() throws(SyntaxError) -> Kind {
        skipSpace()
        guard i < bytes.count else {
            throw fail(path.isEmpty ? "the input is empty: expected a JSON value" : "unexpected end of input: the JSON is truncated")
        }
        switch bytes[i] {
        case 0x7B: return .object
        case 0x5B: return .array
        case 0x22: return .string
        case 0x74, 0x66: return .bool
        case 0x6E: return .null
        case 0x2D, 0x30...0x39: return .number
        default: throw fail("expected a value, got \(describeByte())")
        }
    }

    /// Reads the members of the object at the cursor, calling `member` with each key while the
    /// cursor is on its value; `member` must consume the value (or call ``skipValue()``).
    package mutating func object(_ member: (inout JSONReader, String) throws(SyntaxError) -> Void) throws(SyntaxError) {
        try enter()
        i += 1  // {
        skipSpace()
        if i < bytes.count, bytes[i] == 0x7D {
            i += 1
            leave()
            return
        }
        path.append(.key(""))
        while true {
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input: expected an object key") }
            guard bytes[i] == 0x22 else { throw fail("expected a string key in an object, got \(describeByte())") }
            let key = try stringValue()
            path[path.count - 1] = .key(key)
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x3A else { throw fail("expected ':' after an object key, got \(describeByte())") }
            i += 1
            try member(&self, key)
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input: the JSON is truncated") }
            if bytes[i] == 0x7D {
                i += 1
                break
            }
            guard bytes[i] == 0x2C else { throw fail("expected ',' or '}' in an object, got \(describeByte())") }
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == 0x7D { throw fail("trailing comma before '}'") }
        }
        path.removeLast()
        leave()
    }

    /// Reads the elements of the array at the cursor, calling `element` with each index while the
    /// cursor is on it; `element` must consume the value.
    package mutating func array(_ element: (inout JSONReader, Int) throws(SyntaxError) -> Void) throws(SyntaxError) {
        try enter()
        i += 1  // [
        skipSpace()
        if i < bytes.count, bytes[i] == 0x5D {
            i += 1
            leave()
            return
        }
        var index = 0
        path.append(.index(0))
        while true {
            path[path.count - 1] = .index(index)
            try element(&self, index)
            if i >= nextProgress {
                nextProgress = i + JSONReader.progressInterval
                progress?(i)
            }
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input: the JSON is truncated") }
            if bytes[i] == 0x5D {
                i += 1
                break
            }
            guard bytes[i] == 0x2C else { throw fail("expected ',' or ']' in an array, got \(describeByte())") }
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == 0x5D { throw fail("trailing comma before ']'") }
            index += 1
        }
        path.removeLast()
        leave()
    }

    private var depth = 0

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > JSONReader.maxDepth { throw fail("nesting deeper than \(JSONReader.maxDepth) levels") }
    }

    private mutating func leave() { depth -= 1 }

    /// Reads a scalar value whole, or skips (and checks) an array or object.
    package mutating func scalar() throws(SyntaxError) -> Scalar {
        switch try peek() {
        case .string: return .string(try stringValue())
        case .number: return .number(try numberText())
        case .bool:
            if bytes[i] == 0x74 {
                try literal([0x74, 0x72, 0x75, 0x65])
                return .bool(true)
            }
            try literal([0x66, 0x61, 0x6C, 0x73, 0x65])
            return .bool(false)
        case .null:
            try literal([0x6E, 0x75, 0x6C, 0x6C])
            return .null
        case .array:
            try array { (r: inout JSONReader, _: Int) throws(SyntaxError) in try r.skipValue() }
            return .array
        case .object:
            try object { (r: inout JSONReader, _: String) throws(SyntaxError) in try r.skipValue() }
            return .object
        }
    }

    /// Checks and skips the next value.
    package mutating func skipValue() throws(SyntaxError) {
        switch try peek() {
        case .string: try skipString()
        case .number: _ = try numberRange()
        default: _ = try scalar()
        }
    }

    /// Checks that only whitespace follows the value.
    package mutating func end() throws(SyntaxError) {
        skipSpace()
        if i < bytes.count { throw fail("unexpected \(describeByte()) after the JSON value") }
    }

    // MARK: - Scalars

    private mutating func literal(_ word: [UInt8]) throws(SyntaxError) {
        guard i + word.count <= bytes.count else { throw fail("unexpected end of input in a literal") }
        for k in 0..<word.count where bytes[i + k] != word[k] {
            throw fail("expected a value, got \(describeByte())")
        }
        i += word.count
    }

    private mutating func numberRange() throws(SyntaxError) -> Range<Int> {
        let start = i
        if bytes[i] == 0x2D { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw fail("a number needs a digit after '-'", at: start) }
        if bytes[i] == 0x30 {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) { throw fail("numbers may not have leading zeros", at: start) }
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("a number needs digits after '.'", at: start) }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("a number needs digits in its exponent", at: start) }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        return start..<i
    }

    private mutating func numberText() throws(SyntaxError) -> String {
        let range = try numberRange()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private mutating func skipString() throws(SyntaxError) {
        _ = try scanString(decode: false)
    }

    /// Reads the string at the cursor.
    package mutating func stringValue() throws(SyntaxError) -> String {
        try scanString(decode: true) ?? ""
    }

    /// Scans a string; returns its value when `decode` is set.
    private mutating func scanString(decode: Bool) throws(SyntaxError) -> String? {
        let start = i
        i += 1  // opening quote
        let contentStart = i
        var plain = true  // no escapes: the bytes are the value
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 {
                let contentEnd = i
                i += 1
                guard decode else { return nil }
                if plain { return String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<contentEnd]), as: UTF8.self) }
                return unescape(contentStart..<contentEnd)
            }
            if c == 0x5C {
                plain = false
                i += 1
                guard i < bytes.count else { break }
                switch bytes[i] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 1
                case 0x75:
                    i += 1
                    for _ in 0..<4 {
                        guard i < bytes.count, isHex(bytes[i]) else { throw fail("a \\u escape needs four hex digits") }
                        i += 1
                    }
                default: throw fail("invalid escape '\\\(printable(bytes[i]))' in a string")
                }
                continue
            }
            if c < 0x20 { throw fail("a control character (U+00\(hex2(c))) must be escaped inside a string") }
            if c < 0x80 {
                i += 1
                continue
            }
            try utf8Sequence()
        }
        throw fail("unterminated string", at: start)
    }

    /// Decodes the escapes of an already checked string body. A lone surrogate escape becomes U+FFFD.
    private func unescape(_ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var k = range.lowerBound
        func hex4(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for j in at..<(at + 4) {
                let c = bytes[j]
                let d: UInt32 = c <= 0x39 ? UInt32(c - 0x30) : UInt32((c | 0x20) - 0x61 + 10)
                v = v << 4 | d
            }
            return v
        }
        func append(_ scalar: UInt32) {
            let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(s)).utf8))
        }
        while k < range.upperBound {
            let c = bytes[k]
            guard c == 0x5C else {
                out.append(c)
                k += 1
                continue
            }
            let e = bytes[k + 1]
            k += 2
            switch e {
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                let u = hex4(k)
                k += 4
                if (0xD800...0xDBFF).contains(u), k + 6 <= range.upperBound, bytes[k] == 0x5C, bytes[k + 1] == 0x75 {
                    let low = hex4(k + 2)
                    if (0xDC00...0xDFFF).contains(low) {
                        append(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))
                        k += 6
                        continue
                    }
                }
                append((0xD800...0xDFFF).contains(u) ? 0xFFFD : u)
            default: out.append(e)  // " \ /
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Validates one multi-byte UTF-8 sequence at the cursor.
    private mutating func utf8Sequence() throws(SyntaxError) {
        let c = bytes[i]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch c {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            upper = 0x9F  // no encoded surrogates
        case 0xF0:
            length = 4
            lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            upper = 0x8F
        default: throw fail("invalid UTF-8 (byte 0x\(hex2(c)))")
        }
        guard i + length <= bytes.count else { throw fail("invalid UTF-8 (truncated sequence)") }
        let second = bytes[i + 1]
        guard second >= lower && second <= upper else { throw fail("invalid UTF-8 (byte 0x\(hex2(second)))") }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 {
            throw fail("invalid UTF-8 (byte 0x\(hex2(bytes[i + k])))")
        }
        i += length
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    // MARK: - Messages

    /// The current path as `results.tableMostQueries[3].count`.
    var pathString: String { JSONReader.render(path) }

    /// The current path with `key` appended (for a missing key of the current object).
    func pathString(appending key: String) -> String {
        let base = pathString
        return base.isEmpty ? key : base + "." + key
    }

    /// At most 240 characters: a path 512 levels deep keeps its start and its end.
    static func render(_ path: [PathComponent]) -> String {
        Excerpt.middle(renderWhole(path), limit: 240)
    }

    static func renderWhole(_ path: [PathComponent]) -> String {
        var out = ""
        for component in path {
            switch component {
            case .key(let k):
                let shown = Excerpt.of(k, limit: 64)  // our longest key has 41 characters
                out += out.isEmpty ? shown : "." + shown
            case .index(let n): out += "[\(n)]"
            }
        }
        return out
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) }

    private func describeByte() -> String {
        guard i < bytes.count else { return "the end of input" }
        let c = bytes[i]
        if c >= 0x21 && c < 0x7F { return "'\(printable(c))'" }
        return "byte 0x\(hex2(c))"
    }

    private func printable(_ c: UInt8) -> String {
        c >= 0x21 && c < 0x7F ? String(UnicodeScalar(c)) : "0x" + hex2(c)
    }

    private func hex2(_ c: UInt8) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
        return String([digits[Int(c >> 4)], digits[Int(c & 15)]])
    }

    private func fail(_ message: String, at position: Int? = nil) -> SyntaxError {
        let p = min(position ?? i, bytes.count)
        var line = 1
        var lineStart = 0
        for k in 0..<p where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        var column = 1  // in characters, not bytes
        for k in lineStart..<p where bytes[k] & 0xC0 != 0x80 { column += 1 }
        return SyntaxError(path: pathString, line: line, column: column, message: message)
    }
}
