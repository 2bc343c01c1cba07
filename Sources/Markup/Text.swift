/// Character clean-up applied to every text and attribute value before it reaches libxml2,
/// which does not check characters itself.
public enum Text {
    /// Returns `s` with CR and CRLF turned into LF and with every character removed that XML 1.0
    /// forbids or discourages: U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+007F-U+009F,
    /// U+FDD0-U+FDEF and the code points ending in FFFE or FFFF. (Swift strings already hold
    /// valid Unicode scalars, so invalid UTF-8 and lone surrogates were replaced on decoding.)
    public static func clean(_ s: String) -> String {
        // Fast path: most text needs no change.
        if s.unicodeScalars.allSatisfy({ isAllowed($0) && $0 != "\r" }) { return s }
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
