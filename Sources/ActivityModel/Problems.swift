import Synchronization

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
    /// The input is not valid, with every problem found (at most ``ProblemCollector/limit``)
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

/// Collects problems found while decoding; shared through the decoder's `userInfo`.
final class ProblemCollector: Sendable {
    static let limit = 20
    private let state = Mutex<(problems: [Problem], more: Int)>(([], 0))

    func add(_ path: [any CodingKey], _ message: String) {
        let problem = Problem(path: ProblemCollector.render(path), message: message)
        state.withLock { s in
            if s.problems.count < ProblemCollector.limit { s.problems.append(problem) } else { s.more += 1 }
        }
    }

    var result: (problems: [Problem], more: Int) { state.withLock { $0 } }

    static func render(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(index) {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return out
    }
}
