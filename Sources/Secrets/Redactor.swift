#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every secret a run knows (the Lightdash token, a proxy's credentials; later SMTP passwords and
/// webhook URLs), and the one way to take them out of text before anything shows or keeps it.
///
/// Text from a server is redacted **raw**, as bytes, before it is parsed, quoted or shortened:
/// a secret cut in two by a shortening can no longer leave its first half behind. Each secret is
/// replaced by `[label]`; a secret written with JSON escapes (`ldpat\u005f...`) inside a JSON string
/// is found too, and that string is replaced by its redacted text.
public struct Redactor: Sendable, Equatable {
    struct Secret: Sendable, Equatable {
        var bytes: [UInt8]
        var replacement: [UInt8]
    }

    /// Longest first, so that a secret holding another one is replaced whole.
    private(set) var secrets: [Secret] = []

    public init() {}

    /// A redactor that knows `value` as `[label]`.
    public init(_ value: String, as label: String) {
        register(value, as: label)
    }

    /// Adds a secret. Empty values are ignored; a value registered twice is kept once. Its
    /// percent-encoded form (as it would appear in a URL) is registered too when it differs.
    public mutating func register(_ value: String, as label: String) {
        guard !value.isEmpty else { return }
        let replacement = Array("[\(label)]".utf8)
        for form in [Array(value.utf8), Self.percentEncoded(value)] where !secrets.contains(where: { $0.bytes == form }) {
            secrets.append(Secret(bytes: form, replacement: replacement))
        }
        secrets.sort { $0.bytes.count > $1.bytes.count }
    }

    /// Both redactors' secrets.
    public func merging(_ other: Redactor) -> Redactor {
        var merged = self
        for secret in other.secrets where !merged.secrets.contains(where: { $0.bytes == secret.bytes }) {
            merged.secrets.append(secret)
        }
        merged.secrets.sort { $0.bytes.count > $1.bytes.count }
        return merged
    }

    /// Whether no secret is known.
    public var isEmpty: Bool { secrets.isEmpty }

    /// `text` with every secret replaced.
    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        let bytes = Array(text.utf8)
        let redacted = replacingLiterals(bytes)
        return redacted == bytes ? text : String(decoding: redacted, as: UTF8.self)
    }

    /// Raw bytes (a server's body, a header) with every secret replaced: first as written, then
    /// inside JSON strings that spell it with escapes. Returns `bytes` itself when nothing was found.
    public func redact(_ bytes: [UInt8]) -> [UInt8] {
        guard !secrets.isEmpty else { return bytes }
        let literal = replacingLiterals(bytes)
        return Self.contains(literal, byte: 0x5C) ? replacingEscapedStrings(literal) : literal
    }

    /// Every occurrence of every secret replaced, longest secret first.
    func replacingLiterals(_ bytes: [UInt8]) -> [UInt8] {
        var current = bytes
        for secret in secrets {
            guard let first = Self.find(secret.bytes, in: current, from: 0) else { continue }
            var out: [UInt8] = []
            out.reserveCapacity(current.count)
            var start = 0
            var next: Int? = first
            while let at = next {
                out.append(contentsOf: current[start..<at])
                out.append(contentsOf: secret.replacement)
                start = at + secret.bytes.count
                next = Self.find(secret.bytes, in: current, from: start)
            }
            out.append(contentsOf: current[start...])
            current = out
        }
        return current
    }

    /// JSON strings holding a backslash are decoded; one whose text holds a secret is written
    /// back redacted (and re-escaped). Everything else is kept byte for byte. The bytes need not
    /// be JSON: a quote that opens no string only makes a span that is checked and kept.
    func replacingEscapedStrings(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        while let open = Self.index(of: 0x22, in: bytes, from: i) {
            var j = open + 1
            var escaped = false
            while j < bytes.count && bytes[j] != 0x22 {
                if bytes[j] == 0x5C {
                    escaped = true
                    j += 1
                }
                j += 1
            }
            guard j < bytes.count else { break }
            if escaped {
                let decoded = Self.decodeJSONString(bytes[(open + 1)..<j])
                let redacted = replacingLiterals(decoded)
                if redacted != decoded {
                    out.append(contentsOf: bytes[copied...open])
                    out.append(contentsOf: Self.escapeJSON(redacted))
                    copied = j
                }
            }
            i = j + 1
        }
        if copied == 0 { return bytes }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    /// The text of a JSON string's contents (between its quotes); malformed escapes are kept as written.
    static func decodeJSONString(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        var pendingHigh: UInt32?
        func appendScalar(_ value: UInt32) {
            if let scalar = Unicode.Scalar(value) { out.append(contentsOf: Array(String(Character(scalar)).utf8)) }
        }
        while i < raw.endIndex {
            let c = raw[i]
            guard c == 0x5C, i + 1 < raw.endIndex else {
                out.append(c)
                i += 1
                continue
            }
            let e = raw[i + 1]
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard i + 6 <= raw.endIndex, let value = UInt32(String(decoding: raw[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16)
                else {
                    out.append(contentsOf: raw[i..<(i + 2)])
                    i += 2
                    continue
                }
                i += 6
                if (0xD800...0xDBFF).contains(value) {
                    pendingHigh = value
                    continue
                }
                if (0xDC00...0xDFFF).contains(value), let high = pendingHigh {
                    appendScalar(0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00))
                } else {
                    appendScalar(value)
                }
                pendingHigh = nil
                continue
            default:
                out.append(contentsOf: [c, e])
            }
            pendingHigh = nil
            i += 2
        }
        return out
    }

    /// `text` as the contents of a JSON string: `"`, `\` and control characters escaped.
    static func escapeJSON(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        let hex = Array("0123456789abcdef".utf8)
        for c in text {
            switch c {
            case 0x22, 0x5C: out += [0x5C, c]
            case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(c >> 4)], hex[Int(c & 15)]]
            default: out.append(c)
            }
        }
        return out
    }

    /// `value` percent-encoded as in a URL's user information (unreserved characters kept).
    static func percentEncoded(_ value: String) -> [UInt8] {
        var out: [UInt8] = []
        let hex = Array("0123456789ABCDEF".utf8)
        for c in value.utf8 {
            let unreserved =
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x2E || c == 0x5F
                || c == 0x7E
            if unreserved { out.append(c) } else { out += [0x25, hex[Int(c >> 4)], hex[Int(c & 15)]] }
        }
        return out
    }

    /// The first index of `needle` in `haystack` at or after `from`: `memchr` for its first byte,
    /// `memcmp` for the rest (glibc's `memmem` is not visible to Swift).
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, from >= 0, haystack.count - from >= needle.count else { return nil }
        return haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                // Both buffers are non-empty here, so their base addresses are set.
                let base = h.baseAddress!
                let last = h.count - n.count
                var at = from
                while at <= last {
                    guard let hit = memchr(base + at, Int32(n[0]), last - at + 1) else { return nil }
                    let index = UnsafeRawPointer(hit) - base
                    if memcmp(base + index, n.baseAddress!, n.count) == 0 { return index }
                    at = index + 1
                }
                return nil
            }
        }
    }

    /// The first index of `byte` at or after `from` (`memchr`).
    static func index(of byte: UInt8, in bytes: [UInt8], from: Int) -> Int? {
        guard from < bytes.count else { return nil }
        return bytes.withUnsafeBytes { raw in
            // from < count: the buffer is non-empty.
            guard let found = memchr(raw.baseAddress! + from, Int32(byte), raw.count - from) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(raw.baseAddress!)
        }
    }

    static func contains(_ bytes: [UInt8], byte: UInt8) -> Bool { index(of: byte, in: bytes, from: 0) != nil }
}
