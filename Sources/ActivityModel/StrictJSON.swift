/// A strict RFC 8259 syntax check in one pass over the bytes, with no allocation per value.
///
/// Foundation's parsers accept trailing commas and other non-JSON; this check runs first so that
/// only real JSON reaches the decoder. It also checks UTF-8 (no overlong forms, no encoded
/// surrogates, nothing above U+10FFFF) and limits nesting depth.
enum StrictJSON {
    static let maxDepth = 512

    struct SyntaxError: Error, Equatable {
        /// JSON path of the value being read, such as `results.tableMostQueries[3]`.
        var path: String
        var line: Int
        var column: Int
        var message: String
    }

    private enum Container {
        case object(keyStart: Int, keyEnd: Int)
        case array(index: Int)
    }

    /// Checks `bytes` (from `start`) and returns nil when they hold exactly one JSON value.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> SyntaxError? {
        var scanner = Scanner(bytes: bytes, i: start)
        return scanner.run()
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var i: Int
        var stack: [Container] = []

        init(bytes: UnsafeBufferPointer<UInt8>, i: Int) {
            self.bytes = bytes
            self.i = i
            stack.reserveCapacity(16)
        }

        mutating func run() -> SyntaxError? {
            skipSpace()
            if i >= bytes.count { return fail("the input is empty: expected a JSON value") }
            // States: expecting a value, then after it a comma or a closing bracket.
            while true {
                // Read one value (opening containers push and loop back here).
                if let error = value() { return error }
                // After a value: close containers or continue with the next member.
                while true {
                    skipSpace()
                    guard let top = stack.last else {
                        if i < bytes.count { return fail("unexpected \(describe()) after the JSON value") }
                        return nil
                    }
                    guard i < bytes.count else { return fail("unexpected end of input: the JSON is truncated") }
                    let c = bytes[i]
                    switch top {
                    case .array(let index):
                        if c == 0x5D { i += 1; stack.removeLast(); continue }  // ]
                        guard c == 0x2C else { return fail("expected ',' or ']' in an array, got \(describe())") }
                        i += 1
                        stack[stack.count - 1] = .array(index: index + 1)
                        skipSpace()
                        if i < bytes.count, bytes[i] == 0x5D { return fail("trailing comma before ']'") }
                    case .object:
                        if c == 0x7D { i += 1; stack.removeLast(); continue }  // }
                        guard c == 0x2C else { return fail("expected ',' or '}' in an object, got \(describe())") }
                        i += 1
                        skipSpace()
                        if i < bytes.count, bytes[i] == 0x7D { return fail("trailing comma before '}'") }
                        if let error = memberKey() { return error }
                    }
                    break
                }
            }
        }

        /// Reads a value; for `[` or `{` pushes the container and positions on its first value.
        mutating func value() -> SyntaxError? {
            while true {
                skipSpace()
                guard i < bytes.count else { return fail("unexpected end of input: expected a value") }
                let c = bytes[i]
                switch c {
                case 0x7B:  // {
                    if stack.count >= maxDepth { return fail("nesting deeper than \(maxDepth) levels") }
                    i += 1
                    skipSpace()
                    if i < bytes.count, bytes[i] == 0x7D {
                        i += 1
                        return nil
                    }
                    stack.append(.object(keyStart: 0, keyEnd: 0))
                    if let error = memberKey() { return error }
                    continue
                case 0x5B:  // [
                    if stack.count >= maxDepth { return fail("nesting deeper than \(maxDepth) levels") }
                    i += 1
                    skipSpace()
                    if i < bytes.count, bytes[i] == 0x5D {
                        i += 1
                        return nil
                    }
                    stack.append(.array(index: 0))
                    continue
                case 0x22: return string()
                case 0x74: return literal("true")
                case 0x66: return literal("false")
                case 0x6E: return literal("null")
                case 0x2D, 0x30...0x39: return number()
                default: return fail("expected a value, got \(describe())")
                }
            }
        }

        /// Reads `"key" :` of an object member and records the key for paths.
        mutating func memberKey() -> SyntaxError? {
            skipSpace()
            guard i < bytes.count else { return fail("unexpected end of input: expected an object key") }
            guard bytes[i] == 0x22 else { return fail("expected a string key in an object, got \(describe())") }
            let start = i + 1
            if let error = string() { return error }
            stack[stack.count - 1] = .object(keyStart: start, keyEnd: i - 1)
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x3A else { return fail("expected ':' after an object key, got \(describe())") }
            i += 1
            return nil
        }

        mutating func literal(_ word: String) -> SyntaxError? {
            let w = Array(word.utf8)
            let n = w.count
            guard i + n <= bytes.count else { return fail("unexpected end of input in a literal") }
            for k in 0..<n where bytes[i + k] != w[k] {
                return fail("expected a value, got \(describe())")
            }
            i += n
            return nil
        }

        mutating func number() -> SyntaxError? {
            let start = i
            if bytes[i] == 0x2D { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { return fail("a number needs a digit after '-'", at: start) }
            if bytes[i] == 0x30 {
                i += 1
                if i < bytes.count, isDigit(bytes[i]) { return fail("numbers may not have leading zeros", at: start) }
            } else {
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == 0x2E {
                i += 1
                guard i < bytes.count, isDigit(bytes[i]) else { return fail("a number needs digits after '.'", at: start) }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
                i += 1
                if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
                guard i < bytes.count, isDigit(bytes[i]) else { return fail("a number needs digits in its exponent", at: start) }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            return nil
        }

        mutating func string() -> SyntaxError? {
            let start = i
            i += 1  // opening quote
            while i < bytes.count {
                let c = bytes[i]
                if c == 0x22 {
                    i += 1
                    return nil
                }
                if c == 0x5C {
                    i += 1
                    guard i < bytes.count else { break }
                    switch bytes[i] {
                    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 1
                    case 0x75:
                        i += 1
                        for _ in 0..<4 {
                            guard i < bytes.count, isHex(bytes[i]) else { return fail("a \\u escape needs four hex digits") }
                            i += 1
                        }
                    default: return fail("invalid escape '\\\(printable(bytes[i]))' in a string")
                    }
                    continue
                }
                if c < 0x20 { return fail("a control character (U+00\(hex2(c))) must be escaped inside a string") }
                if c < 0x80 {
                    i += 1
                    continue
                }
                if let error = utf8Sequence() { return error }
            }
            return fail("unterminated string", at: start)
        }

        /// Validates one multi-byte UTF-8 sequence starting at `i`.
        mutating func utf8Sequence() -> SyntaxError? {
            let c = bytes[i]
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F  // no encoded surrogates
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return fail("invalid UTF-8 (byte 0x\(hex2(c)))")
            }
            guard i + length <= bytes.count else { return fail("invalid UTF-8 (truncated sequence)") }
            let second = bytes[i + 1]
            guard second >= lower && second <= upper else { return fail("invalid UTF-8 (byte 0x\(hex2(second)))") }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 {
                return fail("invalid UTF-8 (byte 0x\(hex2(bytes[i + k])))")
            }
            i += length
            return nil
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09, 0x0A, 0x0D: i += 1
                default: return
                }
            }
        }

        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) }

        func describe() -> String {
            guard i < bytes.count else { return "the end of input" }
            let c = bytes[i]
            if c >= 0x21 && c < 0x7F { return "'\(printable(c))'" }
            return "byte 0x\(hex2(c))"
        }

        func printable(_ c: UInt8) -> String {
            c >= 0x21 && c < 0x7F ? String(UnicodeScalar(c)) : "0x" + hex2(c)
        }

        func hex2(_ c: UInt8) -> String {
            let digits = Array("0123456789ABCDEF")
            return String([digits[Int(c >> 4)], digits[Int(c & 15)]])
        }

        func fail(_ message: String, at position: Int? = nil) -> SyntaxError {
            let p = min(position ?? i, bytes.count)
            var line = 1
            var lineStart = 0
            for k in 0..<p where bytes[k] == 0x0A {
                line += 1
                lineStart = k + 1
            }
            // Column in characters, not bytes.
            var column = 1
            var k = lineStart
            while k < p {
                if bytes[k] & 0xC0 != 0x80 { column += 1 }
                k += 1
            }
            return SyntaxError(path: path(), line: line, column: column, message: message)
        }

        func path() -> String {
            var parts: [String] = []
            for entry in stack {
                switch entry {
                case .array(let index):
                    parts.append("[\(index)]")
                case .object(let s, let e):
                    guard e > s else { continue }
                    let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
                    parts.append(parts.isEmpty ? key : "." + key)
                }
            }
            return parts.joined()
        }
    }
}
