import ActivityModel
import Foundation

/// Header fields for RFC 5322 messages: RFC 2047 encoded words for anything not plain ASCII,
/// folding so that no line passes 78 characters, and addresses checked before use. A word too
/// long to fold (folding happens only between words) is written as encoded words, which may be
/// split anywhere between characters: no line of a header ever passes RFC 5322's 998 bytes.
public enum MIMEHeader {
    /// The longest plain word kept as it is; a longer one makes its text encoded words.
    static let longestWord = 72

    /// The longest address accepted (RFC 5321: 64 for the local part, 255 for the domain; 254 in all in practice).
    static let longestAddress = 254

    /// One `Name: value` field, folded, ending in CRLF. `value` may be any text: control
    /// characters become spaces, non-ASCII text (or a word too long to fold) becomes UTF-8 "B"
    /// encoded words.
    public static func field(_ name: String, _ value: String) -> String {
        let clean = flatten(value)
        let words = clean.split(separator: " ", omittingEmptySubsequences: true)
        if clean.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !clean.contains("=?")
            && words.allSatisfy({ $0.utf8.count <= longestWord })
        {
            return fold(name: name, words: words.map(String.init))
        }
        return fold(name: name, words: encodedWords(clean))
    }

    /// A field whose value is already RFC 5322 syntax (addresses, ids): folded at the given pieces.
    public static func structured(_ name: String, _ pieces: [String]) -> String {
        fold(name: name, words: pieces)
    }

    /// Control characters (CR, LF, tabs and the rest) as single spaces, trimmed.
    static func flatten(_ value: String) -> String {
        var out = ""
        var lastSpace = true
        for scalar in value.unicodeScalars {
            let isSpace =
                scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.value < 0xA0)
                || scalar == " " || scalar.value == 0x2028 || scalar.value == 0x2029
            if isSpace {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastSpace = false
            }
        }
        while out.last == " " { out.removeLast() }
        return out
    }

    /// `text` as `=?UTF-8?B?...?=` words of at most 75 characters, never splitting a character.
    public static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 39 bytes -> 52 base64 characters: a word plus "Subject: " stays within 78.
            if chunk.count + bytes.count > 39 && !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// `Name: w1 w2 ...` with CRLF + space inserted before a word that would pass 78 characters.
    static func fold(name: String, words: [String]) -> String {
        var out = name + ":"
        var lineLength = out.utf8.count
        for word in words {
            let length = word.utf8.count
            if lineLength + 1 + length > 78 && lineLength > name.utf8.count + 1 {
                out += "\r\n "
                lineLength = 1
            } else {
                out += " "
                lineLength += 1
            }
            out += word
            lineLength += length
        }
        return out + "\r\n"
    }

    /// A mailbox from the command line: `user@example.com` or `Name <user@example.com>`.
    public struct Mailbox: Sendable, Equatable {
        public var name: String?
        public var address: String

        /// Parses `text`; throws a message saying what is wrong.
        public init(parsing text: String) throws(DeliveryError) {
            let trimmed = flatten(text)
            var name: String?
            var address = trimmed
            if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
                address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
                var display = String(trimmed[..<open])
                while display.last == " " { display.removeLast() }
                if display.count >= 2, display.first == "\"", display.last == "\"" {
                    var unquoted = ""
                    var escaped = false
                    for c in display.dropFirst().dropLast() {
                        if c == "\\" && !escaped {
                            escaped = true
                            continue
                        }
                        escaped = false
                        unquoted.append(c)
                    }
                    display = unquoted
                }
                name = display.isEmpty ? nil : display
            }
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            let allowed = address.unicodeScalars.allSatisfy {
                $0.value > 0x20 && $0.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains($0)
            }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, allowed, address.utf8.count <= MIMEHeader.longestAddress else {
                throw DeliveryError(
                    "\"\(Excerpt.of(text))\" is not an email address (use user@example.com or \"Name <user@example.com>\", at most \(MIMEHeader.longestAddress) characters)"
                )
            }
            self.name = name
            self.address = address
        }

        /// The mailbox as header pieces: the display name encoded or quoted as needed, then `<address>`.
        public var headerPieces: [String] {
            guard let name else { return [address] }
            let atext = name.unicodeScalars.allSatisfy {
                ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x41 && $0.value <= 0x5A)
                    || ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == " " || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains($0)
            }
            let foldable = name.split(separator: " ").allSatisfy { $0.utf8.count <= MIMEHeader.longestWord }
            if atext && !name.contains("=?") && foldable {
                return name.split(separator: " ").map(String.init) + ["<\(address)>"]
            }
            if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !name.contains("=?")
                && name.utf8.count <= MIMEHeader.longestWord
            {
                var quoted = "\""
                for c in name {
                    if c == "\"" || c == "\\" { quoted.append("\\") }
                    quoted.append(c)
                }
                return [quoted + "\"", "<\(address)>"]
            }
            return encodedWords(name) + ["<\(address)>"]
        }
    }
}

/// A problem with delivery options (addresses, checks): a usage error; or a chart that librsvg
/// or cairo cannot draw (``Kind/drawing``), which the data caused.
public struct DeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// An option is wrong (exit 64).
        case usage
        /// librsvg or cairo failed on what the data made (exit 65).
        case drawing
    }

    public var message: String
    public var kind: Kind
    public init(_ message: String, kind: Kind = .usage) {
        self.message = message
        self.kind = kind
    }
    public var description: String { message }
}
