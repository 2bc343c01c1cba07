/// A message that did not get through, after every attempt it was allowed, in words a person
/// can act on: the server's own words and a hint. Holds no secret.
public struct SendFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server refused the login or the webhook's credentials (exit 77).
        case refused
        /// Not delivered: unreachable, refused, too large, TLS (exit 69).
        case undeliverable
    }

    public var kind: Kind
    /// `SMTP smtp.example.com:587`, `Slack webhook`, `Teams webhook`.
    public var destination: String
    /// One line: the server's reply, or what went wrong on the way.
    public var message: String
    public var hint: String?
    public var attempts: Int

    public init(kind: Kind, destination: String, message: String, hint: String? = nil, attempts: Int = 1) {
        self.kind = kind
        self.destination = destination
        self.message = message
        self.hint = hint
        self.attempts = attempts
    }

    /// `SMTP host:587: 535 5.7.8 Authentication credentials invalid` and the hint.
    public var description: String {
        var text = line
        if let hint { text += "\nhint: \(hint)" }
        return text
    }

    /// The first line alone.
    public var line: String {
        "\(destination): \(message)" + (attempts > 1 ? " (after \(attempts) attempts)" : "")
    }
}
