/// A JSON document as a tree that keeps the order of object keys, so that what is written
/// is exactly what was built (no dictionary order, no float noise) and what is read keeps the
/// input's order.
///
/// The one JSON tree of the project: ``parse(_:)`` reads small documents (insights.json,
/// `--config`, a server's error answer, the project list) with the payload's strict reader,
/// ``JSONReader``: RFC 8259 grammar, no trailing commas or comments, valid UTF-8, nesting limited.
/// Large payloads are not read through it: they stream straight into typed rows.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's text as it is written (or was read): `12`, `0.4823`, `-3.5`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order; a repeated key appears as many times as it was written.
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of the first member named `key` in an object (nil when absent or not an object).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Reads a whole JSON text (a leading UTF-8 byte order mark is skipped). Throws where and why
    /// the text is not JSON.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let result: Result<JSONValue, JSONReader.SyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer, from: start)
            do throws(JSONReader.SyntaxError) {
                let value = try tree(&reader)
                try reader.end()
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let e): throw JSONParseError(line: e.line, column: e.column, message: e.message)
        }
    }

    private static func tree(_ r: inout JSONReader) throws(JSONReader.SyntaxError) -> JSONValue {
        switch try r.peek() {
        case .object:
            var members: [(String, JSONValue)] = []
            try r.object { (r: inout JSONReader, key: String) throws(JSONReader.SyntaxError) in members.append((key, try tree(&r))) }
            return .object(members)
        case .array:
            var items: [JSONValue] = []
            try r.array { (r: inout JSONReader, _: Int) throws(JSONReader.SyntaxError) in items.append(try tree(&r)) }
            return .array(items)
        default:
            switch try r.scalar() {
            case .string(let s): return .string(s)
            case .number(let n): return .number(n)
            case .bool(let b): return .bool(b)
            case .null, .array, .object: return .null  // containers were handled above
            }
        }
    }
}

/// Where and why a JSON text could not be read.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "invalid JSON at line \(line), column \(column): \(message)" }
}
