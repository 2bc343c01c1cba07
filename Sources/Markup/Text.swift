/// Character clean-up applied to every text and attribute value before it reaches libxml2,
/// which does not check characters itself.
public enum Text {
    /// Returns `s` with CR and CRLF turned into LF and with every character removed that XML 1.0
    /// forbids or discourages: U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+007F-U+009F,
    /// U+FDD0-U+FDEF and the code points ending in FFFE or FFFF. (Swift strings already hold
    /// valid Unicode scalars, so invalid UTF-8 and lone surrogates were replaced on decoding.)
    public static func clean(_ s: String) -> String {
        // Fast path: most text needs no change.
        if scan(s).clean { return s }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in s.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            if isAllowed(scalar) { out.append(scalar) }
        }
        return String(out)
    }

    /// One pass over the UTF-8 bytes: whether `s` needs no cleaning, and whether it holds a `:` or
    /// `=` (which ``Defang`` must look at). Printable ASCII, tab and LF are decided byte by byte;
    /// only text with other bytes has its scalars checked.
    static func scan(_ s: String) -> (clean: Bool, colonOrEquals: Bool) {
        let quick = s.utf8.withContiguousStorageIfAvailable { bytes -> (clean: Bool, colonOrEquals: Bool, ascii: Bool) in
            var ascii = true
            var mark = false
            for b in bytes {
                if b >= 0x20 && b < 0x7F {
                    if b == 0x3A || b == 0x3D { mark = true }
                } else if b >= 0x80 {
                    ascii = false
                } else if b != 0x09 && b != 0x0A {
                    return (false, mark, ascii)  // a control character, CR or DEL
                }
            }
            return (true, mark, ascii)
        }
        if let quick, quick.ascii || !quick.clean { return (quick.clean, quick.colonOrEquals) }
        let clean = s.unicodeScalars.allSatisfy { isAllowed($0) && $0 != "\r" }
        return (clean, s.utf8.contains { $0 == 0x3A || $0 == 0x3D })
    }

    /// Whether `scalar` may appear in our XML and HTML output.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00...0x1F, 0x7F...0x9F: return false
        case 0xFDD0...0xFDEF: return false
        default: return v & 0xFFFE != 0xFFFE
        }
    }
}

/// Defanging: user text that looks like a script URL (`javascript:`) or an event handler
/// (`onerror=`) is harmless once escaped, but a reader grepping the output, a mail filter or
/// a careless downstream tool should not find it verbatim either. Such a `:` or `=` is written
/// as a character reference (`&#58;`, `&#61;`) by libxml2: the text reads the same.
enum Defang {
    enum Segment: Equatable {
        case text(String)
        /// A character reference such as `&#58;`.
        case reference(String)
    }

    static let schemes: [[UInt8]] = ["javascript", "vbscript", "livescript"].map { Array($0.utf8) }

    /// `text` cut into plain runs and character references.
    static func segments(_ text: String) -> [Segment] {
        // Fast path without copying: most text has no ':' or '='.
        guard text.utf8.contains(where: { $0 == 0x3A || $0 == 0x3D }) else { return [.text(text)] }
        return split(text)
    }

    /// `text`, which holds a `:` or `=`, cut into plain runs and character references.
    static func split(_ text: String) -> [Segment] {
        let bytes = Array(text.utf8)
        var out: [Segment] = []
        var start = 0
        for (i, b) in bytes.enumerated() where (b == 0x3A && endsWithScheme(bytes, i)) || (b == 0x3D && endsWithHandler(bytes, i)) {
            if i > start { out.append(.text(String(decoding: bytes[start..<i], as: UTF8.self))) }
            out.append(.reference(b == 0x3A ? "&#58;" : "&#61;"))
            start = i + 1
        }
        if start < bytes.count { out.append(.text(String(decoding: bytes[start...], as: UTF8.self))) }
        return out.isEmpty ? [.text(text)] : out
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// Whether the letters just before `i` end with a script scheme name (any case).
    static func endsWithScheme(_ bytes: [UInt8], _ i: Int) -> Bool {
        schemes.contains { scheme in
            guard i >= scheme.count else { return false }
            return zip(bytes[(i - scheme.count)..<i], scheme).allSatisfy { $0 | 0x20 == $1 }
        }
    }

    /// Whether `on` + letters (a whole word), then optional spaces, stand just before `i`.
    static func endsWithHandler(_ bytes: [UInt8], _ i: Int) -> Bool {
        var j = i - 1
        while j >= 0, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A { j -= 1 }
        let end = j
        while j >= 0, isLetter(bytes[j]) { j -= 1 }
        let wordStart = j + 1
        guard end - wordStart + 1 > 2 else { return false }
        guard bytes[wordStart] | 0x20 == 0x6F, bytes[wordStart + 1] | 0x20 == 0x6E else { return false }
        return true
    }
}
