/// A message of a run for the person running it, as a value: what kind it is, which input or
/// project it is about, and the text. Only the console turns it into a line of text.
public struct RunMessage: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Something failed: a report, or the whole run.
        case error
        /// Something the run worked around (a project list it could not read for names).
        case warning
        /// A data note: an oddity of the input that the report shows too.
        case note
        /// The outcome of one `--check`.
        case check
        /// A failed attempt that will be tried again.
        case retry
        /// A message delivered (an email, a Slack or Teams post).
        case sent
        /// `--dry-run-send`: what would be sent, and to whom.
        case wouldSend = "would send"
    }

    public var kind: Kind
    /// The input or project the message is about (its file, or "Name (uuid)"); nil for the run
    /// as a whole, and for notes of a single report.
    public var subject: String?
    /// The message itself; may hold several lines (a list of problems, a hint).
    public var text: String

    public init(_ kind: Kind, subject: String? = nil, _ text: String) {
        self.kind = kind
        self.subject = subject
        self.text = text
    }

    /// `error: a.json: text`: the form the console prints.
    public var description: String {
        "\(kind.rawValue): " + (subject.map { $0 + ": " } ?? "") + text
    }
}
