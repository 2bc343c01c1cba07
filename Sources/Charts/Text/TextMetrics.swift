/// Estimated text widths from a per-character table of the theme's first fonts (Verdana /
/// DejaVu Sans, the widest common sans-serif faces, so estimates err on the wide side for
/// the fall-backs).
public enum TextMetrics {
    /// Advance widths of U+0020...U+007E in DejaVu Sans, thousandths of an em.
    static let regular: [UInt16] = [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636,
        636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775,
        752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
        337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    ]
    /// The same for DejaVu Sans Bold.
    static let bold: [UInt16] = [
        348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696,
        696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821,
        837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457,
        365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
        716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
    ]

    /// Estimated width in pixels of `text` at `size` pixels.
    public static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for character in text {
            let scalars = character.unicodeScalars
            // An emoji sequence (family, flag, skin tone) draws as one wide glyph.
            if scalars.count > 1, let first = scalars.first, first.properties.isEmoji, first.value > 0xFF {
                em += 1.0
                continue
            }
            for scalar in scalars { em += scalarWidth(scalar, bold: bold) }
        }
        return em * size
    }

    /// Width of one scalar in ems.
    static func scalarWidth(_ scalar: Unicode.Scalar, bold: Bool) -> Double {
        let v = scalar.value
        if v >= 0x20 && v <= 0x7E {
            return Double((bold ? Self.bold : Self.regular)[Int(v - 0x20)]) / 1000
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if v == 0x2026 { return 1.0 }  // ellipsis in DejaVu Sans
        if isWide(v) { return 1.0 }
        if v >= 0x0590 && v <= 0x08FF { return 0.55 }  // Hebrew, Arabic: narrower than Latin capitals
        return bold ? 0.75 : 0.7  // accented Latin, Greek, Cyrillic and the rest: a generous average
    }

    /// East Asian wide and full-width ranges, and emoji.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F000...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` shortened with a trailing ellipsis so that it fits `maxWidth`, cut between
    /// grapheme clusters (never inside an emoji or an accented letter). Returns the text
    /// unchanged when it fits, and whether it was truncated.
    public static func truncate(_ text: String, maxWidth: Double, size: Double, bold: Bool = false) -> (text: String, truncated: Bool) {
        if width(text, size: size, bold: bold) <= maxWidth { return (text, false) }
        let ellipsis = "…"
        let budget = maxWidth - width(ellipsis, size: size, bold: bold)
        var used = 0.0
        var kept = ""
        for character in text {
            let w = width(String(character), size: size, bold: bold)
            if used + w > budget { break }
            used += w
            kept.append(character)
        }
        // Drop trailing spaces before the ellipsis.
        while let last = kept.last, last.isWhitespace { kept.removeLast() }
        return (kept + ellipsis, true)
    }
}
