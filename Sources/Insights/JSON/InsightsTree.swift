import ActivityModel

/// Read access to one value of an insights.json document by a dotted path, for `--check`.
public enum InsightsTree {
    /// What a path leads to.
    public enum Leaf: Equatable, Sendable {
        case number(Double)
        case string(String)
        case bool(Bool)
        case null
        case object
        case array
        /// No such key; `available` lists the keys of the deepest object reached.
        case missing(available: [String])
    }

    /// The value at `path` (keys; array indexes as decimal numbers) in the JSON `bytes`.
    /// Throws a message when `bytes` is not JSON.
    public static func lookup(_ path: [String], in bytes: [UInt8]) throws(TreeError) -> Leaf {
        var value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw TreeError(message: "insights.json is not JSON: \(error)")
        }
        for key in path {
            switch value {
            case .object(let members):
                guard let next = members.first(where: { $0.0 == key })?.1 else {
                    return .missing(available: members.map(\.0))
                }
                value = next
            case .array(let items):
                guard let index = Int(key), items.indices.contains(index) else { return .missing(available: []) }
                value = items[index]
            default:
                return .missing(available: [])
            }
        }
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let text): return Double(text).map(Leaf.number) ?? .string(text)
        case .string(let s): return .string(s)
        case .object: return .object
        case .array: return .array
        }
    }

    public struct TreeError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
