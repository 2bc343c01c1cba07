public import Secrets

/// A credential of the run (the SMTP password, a webhook's URL): it can be handed to the
/// transport and removed from text, never shown. Its description, debug description and mirror
/// are `[redacted]`, so printing, interpolating or `dump`ing it leaks nothing.
///
/// A run keeps every secret it reads as one of these and registers it with the run's one
/// ``Redactor`` (``redactor``), which takes every secret of the run out of whatever is printed.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself; read only by the transport.
    let value: String
    /// What to remove from text besides the whole value, longest first: for a URL, the parts
    /// that hold its token (long path segments and query values).
    let parts: [String]
    /// What the secret is, for messages: "SMTP password", "Slack webhook URL".
    public let label: String

    /// A secret `value`, called `label` in messages.
    public init(_ value: String, label: String) {
        self.value = value
        self.label = label
        self.parts = []
    }

    /// A webhook URL: the whole of it is secret, and so is each path segment or query value of
    /// 16 characters or more (where services put the token), should a server echo only those.
    public init(url: String, label: String) {
        self.value = url
        self.label = label
        var parts: [String] = []
        let afterScheme = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).dropFirst(3).first ?? ""
        for piece in afterScheme.split(whereSeparator: { "/?&=#".contains($0) }) where piece.count >= 16 {
            parts.append(String(piece))
        }
        self.parts = parts.sorted { $0.count > $1.count }
    }

    public var isEmpty: Bool { value.isEmpty }

    /// For a URL: its host (not secret), lower-cased, IPv6 without brackets; nil when there is none.
    public var host: String? {
        guard let scheme = value.firstRange(of: "://") else { return nil }
        var authority = value[scheme.upperBound...].prefix { !"/?#".contains($0) }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<close]).lowercased()
        }
        let host = authority.prefix { $0 != ":" }
        return host.isEmpty ? nil : host.lowercased()
    }

    /// The secret and its parts as a ``Redactor``: each replaced by `[label]`, as written,
    /// percent-encoded, or spelled with JSON escapes inside a JSON string.
    public var redactor: Redactor {
        var redactor = Redactor()
        for needle in [value] + parts { redactor.register(needle, as: label) }
        return redactor
    }

    /// `text` with every occurrence of the secret (and of its parts, in every form ``redactor``
    /// knows) replaced by `[label]`.
    public func redact(_ text: String) -> String {
        guard !value.isEmpty else { return text }
        return redactor.redact(text)
    }

    public var description: String { "[redacted]" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
