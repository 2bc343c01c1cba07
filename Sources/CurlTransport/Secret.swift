/// A credential of the run (the SMTP password, a webhook's URL): it can be handed to the
/// transport and removed from text, never shown. Its description, debug description and mirror
/// are `[redacted]`, so printing, interpolating or `dump`ing it leaks nothing.
///
/// A run keeps every secret it reads as one of these, so that one redactor can later take them
/// all (``redact(_:)`` removes every form of this one from a text).
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

    /// `text` with every occurrence of the secret (and of its parts, plain or percent-encoded)
    /// replaced by `[label]`.
    public func redact(_ text: String) -> String {
        guard !value.isEmpty else { return text }
        var out = text
        for needle in [value] + parts {
            out = out.replacing(needle, with: "[\(label)]")
            let encoded = Self.percentEncoded(needle)
            if encoded != needle { out = out.replacing(encoded, with: "[\(label)]") }
        }
        return out
    }

    public var description: String { "[redacted]" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Every byte outside the unreserved set as `%XX`.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || "-._~".contains(c) {
                out.append(c)
            } else {
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }
}
