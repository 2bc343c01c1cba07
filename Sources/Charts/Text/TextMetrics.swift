/// Conservative text widths for browsers: what a chart's text may take in whichever of the
/// theme's fonts the reader's browser has (Verdana on Windows, macOS and iOS, DejaVu Sans on
/// Linux, a narrower sans-serif elsewhere), so that a label cut to fit with these widths fits in
/// every one of them. Printable ASCII uses the wider of Verdana's and DejaVu Sans' advance widths;
/// other scripts use generous per-script bounds; emoji count each of their pictographs, because a
/// browser without an emoji font draws a ZWJ sequence as its parts side by side.
public enum TextMetrics {
    /// Advance widths of U+0020...U+007E, thousandths of an em: for each character the wider of
    /// DejaVu Sans and Verdana (Verdana is wider for space, punctuation, `I`, `J`, `S`...).
    static let regular: [UInt16] = [
        351, 401, 460, 838, 636, 1076, 780, 275, 454, 454, 635, 838, 363, 454, 363, 454, 636, 636, 636, 636,
        636, 636, 636, 636, 636, 636, 454, 454, 838, 838, 838, 545, 1000, 684, 686, 698, 770, 632, 575, 775,
        752, 420, 454, 692, 557, 863, 748, 787, 603, 787, 695, 683, 616, 732, 684, 989, 685, 615, 685, 454,
        454, 454, 838, 635, 635, 613, 635, 550, 635, 615, 352, 635, 634, 278, 344, 591, 278, 974, 634, 612,
        635, 635, 426, 521, 394, 634, 592, 818, 592, 592, 525, 636, 454, 636, 838,
    ]
    /// The same for DejaVu Sans Bold and Verdana Bold.
    static let bold: [UInt16] = [
        348, 456, 587, 867, 710, 1271, 872, 332, 543, 543, 710, 867, 380, 479, 380, 689, 710, 710, 710, 710,
        710, 710, 710, 710, 710, 710, 402, 402, 867, 867, 867, 616, 1000, 776, 762, 734, 830, 683, 683, 821,
        837, 545, 555, 775, 637, 995, 846, 850, 733, 850, 782, 720, 682, 812, 774, 1128, 771, 736, 725, 543,
        689, 543, 867, 710, 710, 675, 716, 593, 716, 678, 435, 716, 712, 343, 402, 670, 343, 1058, 712, 687,
        716, 716, 497, 595, 478, 712, 652, 979, 668, 652, 596, 712, 543, 712, 867,
    ]

    /// Conservative width in pixels of `text` at `size` pixels.
    public static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars { em += scalarWidth(scalar, bold: bold) }
        return em * size
    }

    /// Width of one scalar in ems (0 for marks, joiners and other invisible scalars).
    static func scalarWidth(_ scalar: Unicode.Scalar, bold: Bool) -> Double {
        let v = scalar.value
        if v >= 0x20 && v <= 0x7E {
            return Double((bold ? Self.bold : Self.regular)[Int(v - 0x20)]) / 1000
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator: return 0
        default: break
        }
        if v == 0x2026 { return bold ? 1.048 : 1.0 }  // the ellipsis (Verdana Bold: 1.048 em)
        if isEmoji(scalar) { return 1.3 }  // a colour emoji is about 1.2-1.3 em; without one, each part is drawn
        if isWide(v) { return 1.0 }  // CJK and Hangul fonts: 1 em
        if v >= 0x0590 && v <= 0x05FF { return 0.75 }  // Hebrew
        if v >= 0x0600 && v <= 0x08FF { return 0.85 }  // Arabic, Syriac, Thaana: isolated forms are the widest
        let letter = scalar.properties.isUppercase
        return bold ? (letter ? 1.0 : 0.85) : (letter ? 0.92 : 0.78)  // other letters: Cyrillic ш, Latin Æ...
    }

    /// Pictographs drawn as emoji (not the digits, `#` and `*` that may start a keycap).
    static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        return scalar.value > 0xFF && (p.isEmojiPresentation || p.isEmojiModifier || (p.isEmoji && scalar.value >= 0x1F000))
    }

    /// East Asian wide and full-width ranges.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` shortened with a trailing ellipsis so that it fits `maxWidth` by these metrics (see
    /// ``TextMeasure/truncate(_:maxWidth:size:bold:)``).
    public static func truncate(_ text: String, maxWidth: Double, size: Double, bold: Bool = false) -> (text: String, truncated: Bool) {
        TextMeasure.browser.truncate(text, maxWidth: maxWidth, size: size, bold: bold)
    }
}
