/// Why a fetch from a Lightdash server failed, in words a person can act on.
public enum SourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The command line or environment is wrong (exit 64).
    case usage(String)
    /// The request was answered or failed; see ``FetchFailure``.
    case fetch(FetchFailure)

    public var description: String {
        switch self {
        case .usage(let message): return message
        case .fetch(let failure): return failure.description
        }
    }
}

/// A request that did not give a usable answer, after every attempt it was allowed.
public struct FetchFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the failure means for the exit code.
    public enum Kind: Sendable, Equatable {
        /// 401 or 403: the token or its permissions (exit 77).
        case refused
        /// 404 `NotExistsError`: no such project (exit 66).
        case unknownProject
        /// Unreachable, failing, or answering something else than expected (exit 69).
        case unavailable
        /// The body is larger than the cap (exit 65, like a too large input file).
        case tooLarge
    }

    public var kind: Kind
    /// The URL asked, with no credentials.
    public var url: String
    /// One line: what went wrong (the server's error name, status and message, or the network failure).
    public var message: String
    /// What to do about it, when there is something to say.
    public var hint: String?
    /// How many requests were sent.
    public var attempts: Int
    /// The HTTP status of the last answer, if there was one.
    public var status: Int?

    public init(kind: Kind, url: String, message: String, hint: String? = nil, attempts: Int = 1, status: Int? = nil) {
        self.kind = kind
        self.url = url
        self.message = message
        self.hint = hint
        self.attempts = attempts
        self.status = status
    }

    public var description: String {
        var text = "GET \(url): \(message)"
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        if let hint { text += "\nhint: \(hint)" }
        return text
    }
}
