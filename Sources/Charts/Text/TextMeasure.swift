/// How wide text is drawn where a chart will be shown: the layouts place, cut and wrap every
/// label with it. ``browser`` (the default) is conservative for the page's readers; the email's
/// PNGs are measured by the library that draws them (`PNGRenderer.textMeasure` in Delivery).
///
/// Text is only ever cut between grapheme clusters (Swift `Character`s), so an emoji ZWJ
/// sequence, a flag or a letter with its combining marks is kept whole or dropped whole.
public struct TextMeasure: Sendable, Equatable {
    /// Names the metrics (two measures are equal when their names are).
    public let name: String
    private let measure: @Sendable (_ text: String, _ size: Double, _ bold: Bool) -> Double

    public init(name: String, _ measure: @escaping @Sendable (_ text: String, _ size: Double, _ bold: Bool) -> Double) {
        self.name = name
        self.measure = measure
    }

    public static func == (a: TextMeasure, b: TextMeasure) -> Bool { a.name == b.name }

    /// Conservative widths for browsers (``TextMetrics``).
    public static let browser = TextMeasure(name: "browser") { TextMetrics.width($0, size: $1, bold: $2) }

    /// The width of `text` in pixels at `size` pixels. Right-to-left text is measured as drawn,
    /// inside its isolates (which take no room).
    public func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        text.isEmpty ? 0 : measure(text, size, bold)
    }

    /// `text` shortened with a trailing ellipsis so that it fits `maxWidth`, cut between grapheme
    /// clusters; the text unchanged when it fits, and whether it was cut. The longest prefix that
    /// fits is found by bisection on whole prefixes (shaped text is not a sum of its characters).
    public func truncate(_ text: String, maxWidth: Double, size: Double, bold: Bool = false) -> (text: String, truncated: Bool) {
        if width(text, size: size, bold: bold) <= maxWidth { return (text, false) }
        if width("…", size: size, bold: bold) > maxWidth { return ("", true) }
        let characters = Array(text)
        func candidate(_ n: Int) -> String {
            var kept = String(characters[0..<n])
            // No space before the ellipsis.
            while let last = kept.last, last.isWhitespace { kept.removeLast() }
            return kept + "…"
        }
        var lo = 0
        var hi = characters.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if width(candidate(mid), size: size, bold: bold) <= maxWidth { lo = mid } else { hi = mid - 1 }
        }
        return (candidate(lo), true)
    }

    /// `text` in at most `maxLines` lines of at most `maxWidth` each, broken at spaces (a word
    /// wider than a line is broken between grapheme clusters); the last line is cut with an
    /// ellipsis when the text does not fit. Returns the lines and whether anything was cut.
    public func wrap(_ text: String, maxWidth: Double, size: Double, bold: Bool = false, maxLines: Int = 2) -> (
        lines: [String], truncated: Bool
    ) {
        if maxLines <= 1 || width(text, size: size, bold: bold) <= maxWidth {
            let cut = truncate(text, maxWidth: maxWidth, size: size, bold: bold)
            return ([cut.text], cut.truncated)
        }
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty && lines.count < maxLines - 1 {
            let (line, remainder) = firstLine(rest, maxWidth: maxWidth, size: size, bold: bold)
            lines.append(line)
            rest = remainder
        }
        guard !rest.isEmpty else { return (lines, false) }
        let last = truncate(String(rest), maxWidth: maxWidth, size: size, bold: bold)
        lines.append(last.text)
        return (lines, last.truncated)
    }

    static let months: Set<String> = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Whether a line may break at the space at `index`: anywhere but inside a date (`11 Feb 2026`).
    static func breakable(_ characters: [Character], at index: Int) -> Bool {
        let before = String(characters[..<index].reversed().prefix { !$0.isWhitespace }.reversed())
        let after = String(characters[(index + 1)...].prefix { !$0.isWhitespace })
        let day = !before.isEmpty && before.count <= 2 && before.allSatisfy(\.isASCII) && before.allSatisfy(\.isNumber)
        if day && months.contains(String(after.prefix(3))) { return false }
        let year = after.prefix(4).count == 4 && after.prefix(4).allSatisfy { $0.isASCII && $0.isNumber }
        return !(months.contains(before) && year)
    }

    /// The longest start of `text` that fits, ending before a space when there is one, and the rest
    /// (without the spaces the break fell on).
    private func firstLine(_ text: Substring, maxWidth: Double, size: Double, bold: Bool) -> (String, Substring) {
        let characters = Array(text)
        var lo = 1
        var hi = characters.count
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if width(String(characters[0..<mid]), size: size, bold: bold) <= maxWidth { lo = mid } else { hi = mid - 1 }
        }
        var end = lo
        if end < characters.count, !(characters[end].isWhitespace && Self.breakable(characters, at: end)),
            let space = (1..<end).last(where: { characters[$0].isWhitespace && Self.breakable(characters, at: $0) })
        {
            end = space
        }
        var line = String(characters[0..<end])
        while let last = line.last, last.isWhitespace { line.removeLast() }
        var restStart = end
        while restStart < characters.count, characters[restStart].isWhitespace { restStart += 1 }
        return (line, Substring(String(characters[restStart...])))
    }
}
