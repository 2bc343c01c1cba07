/// Escaping of user text for GitHub-flavoured Markdown: the Markdown counterpart of libxml2's
/// escaping. The result is one line of inline text that cannot start a block, close a table
/// cell, open a link, an emphasis, an entity or raw HTML.
public enum MarkdownText {
    /// ASCII punctuation, every one of which CommonMark lets us backslash-escape.
    static let punctuation: Set<UInt8> = Set(Array("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8))

    /// Escapes `text` for a table cell or a line of prose.
    ///
    /// - Control characters and line breaks become spaces (a newline would end the table row).
    /// - Every ASCII punctuation character is backslash-escaped (`|`, `[`, `*`, `#`, `&`, `:`, ...),
    ///   which also defeats GitHub's autolinks (`www.`, `http:`); `<` and `>` become
    ///   `&lt;` and `&gt;`, so the source never holds a tag or `javascript:` verbatim.
    /// - An `@` follows a ZERO WIDTH NON-JOINER, so that no e-mail address becomes a `mailto:` link.
    /// - Text with right-to-left characters or bidirectional controls is wrapped in
    ///   FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, so it cannot reorder the rest of the row.
    /// - At most `limit` characters are kept, with an ellipsis.
    public static func escape(_ text: String, limit: Int = 120) -> String {
        var out = ""
        var needsIsolation = false
        var kept = 0
        var previousSpace = false
        for scalar in text.unicodeScalars {
            if kept >= limit {
                out += "…"
                break
            }
            let v = scalar.value
            if isBidiRelevant(v) { needsIsolation = true }
            if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || !isAllowedXMLish(v) {
                // Control characters and separators: one space.
                if !previousSpace { out += " " }
                previousSpace = true
                kept += 1
                continue
            }
            previousSpace = scalar == " "
            // `<` and `>` as entities, so that not even the source holds `<script`.
            if scalar == "<" {
                out += "&lt;"
                kept += 1
                continue
            }
            if scalar == ">" {
                out += "&gt;"
                kept += 1
                continue
            }
            // cmark-gfm links `a@b.c` even with every punctuation escaped (its e-mail autolinks
            // are found in the text after escapes are resolved): a ZERO WIDTH NON-JOINER before
            // the `@`, which no address may hold, leaves it text.
            if scalar == "@" { out += "\u{200C}" }
            if v < 0x80, punctuation.contains(UInt8(v)) {
                out += "\\"
            }
            out.unicodeScalars.append(scalar)
            kept += 1
        }
        // Leading or trailing spaces are trimmed in cells; keep the text tidy.
        out = out.trimmingWhitespace()
        if needsIsolation { out = "\u{2068}" + out + "\u{2069}" }
        return out
    }

    /// Our own fixed text (labels, numbers, dates, notes): only the characters that could still
    /// start markup mid-line are escaped, so the source stays readable.
    public static func own(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~": out += "\\"
            case "\n", "\r":
                out += " "
                continue
            default: break
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Characters that change text direction: strong right-to-left letters and the bidi controls.
    static func isBidiRelevant(_ v: UInt32) -> Bool {
        switch v {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        default: return false
        }
    }

    static func isAllowedXMLish(_ v: UInt32) -> Bool {
        !(0xFDD0...0xFDEF).contains(v) && v & 0xFFFE != 0xFFFE
    }
}
