/// Something in the input that makes a report impossible, with where it is.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    /// JSON path such as `results.chartWeeklyQueryingUsers[3].date`; empty for the whole document.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? "(document): \(message)" : "\(path): \(message)" }
}

/// An oddity that does not prevent a report; shown in the report's data notes and on stderr.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// A stable identifier such as `roles-short`, for machines.
    public var code: String
    /// One sentence for people.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// Why a payload could not be turned into a ``UserActivity``.
public enum LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input is not valid, with every problem found (at most 20)
    /// and how many more there were.
    case invalid([Problem], more: Int)
    /// The payload is Lightdash's error envelope.
    case server(statusCode: Int?, name: String, message: String)

    public var description: String {
        switch self {
        case .invalid(let problems, let more):
            var lines = ["The input is not a valid Lightdash user-activity payload:"]
            lines += problems.map { "  " + $0.description }
            if more > 0 { lines.append("  ... and \(more) more problem\(more == 1 ? "" : "s")") }
            return lines.joined(separator: "\n")
        case .server(let status, let name, let message):
            var s = "Lightdash error"
            if let status { s += " \(status)" }
            if !name.isEmpty { s += " \(name)" }
            if !message.isEmpty { s += ": \(message)" }
            return s
        }
    }
}

/// Problems found while decoding, in the order found; keeps the first ``limit`` and counts the rest.
struct Problems: Error {
    static let limit = 20
    private(set) var list: [Problem] = []
    private(set) var more = 0

    mutating func add(_ path: String, _ message: String) {
        if list.count < Problems.limit { list.append(Problem(path: path, message: message)) } else { more += 1 }
    }

    mutating func merge(_ other: Problems) {
        for p in other.list { add(p.path, p.message) }
        more += other.more
    }

    var isEmpty: Bool { list.isEmpty }
}
