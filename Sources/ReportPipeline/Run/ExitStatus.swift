/// The process exit codes (sysexits.h), documented in `--help` and the README.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case ok = 0
    /// A configured check failed.
    case checkFailed = 1
    /// The command line (or SOURCE_DATE_EPOCH) is wrong.
    case usage = 64
    /// The input is not a valid payload.
    case dataInvalid = 65
    /// The input is missing or unreadable.
    case noInput = 66
    /// The server is unreachable or failing, or a message could not be delivered.
    case unavailable = 69
    /// A system library the run needs (librsvg for `--email`) cannot be loaded.
    case libraryMissing = 72
    /// An output cannot be written.
    case cannotWrite = 73
    /// Authentication or permission refused.
    case noPermission = 77

    public var meaning: String {
        switch self {
        case .ok: return "success"
        case .checkFailed: return "a configured check failed"
        case .usage: return "usage error (bad option, threshold, --config file or SOURCE_DATE_EPOCH)"
        case .dataInvalid: return "the input (or --previous file) is not a valid payload or insights.json"
        case .noInput:
            return "the input, --previous or --config file, or templates folder is missing or unreadable, or the server has no such project"
        case .unavailable: return "the server is unreachable or failing, or a message could not be delivered (after retries)"
        case .libraryMissing: return "a system library the run needs cannot be loaded (librsvg, for --email's PNG charts)"
        case .cannotWrite: return "an output file cannot be written, or the --history folder cannot take the run's record"
        case .noPermission:
            return
                "authentication or permission refused (401/403 from the server, or saved in the input; the SMTP login or a webhook refused)"
        }
    }

    /// The table for `--help` and the README.
    public static var table: String {
        allCases.map { "  \(String($0.rawValue).padding(2))  \($0.meaning)" }.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
