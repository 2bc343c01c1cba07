/// A bounded prefix of text for messages, so that a megabyte key or value can never make a
/// megabyte line: at most `limit` Unicode scalars, then "…"; control characters as `?`, so that
/// nothing from the input can drive a terminal.
public enum Excerpt {
    public static func of(_ text: String, limit: Int = 80) -> String {
        var out = String.UnicodeScalarView()
        var n = 0
        for scalar in text.unicodeScalars {
            if n == limit { return String(out) + "…" }
            let v = scalar.value
            out.append(v < 0x20 || (0x7F...0x9F).contains(v) ? "?" : scalar)
            n += 1
        }
        return String(out)
    }
}

extension Excerpt {
    /// `text` with its middle left out when longer than `limit` scalars: the first and last
    /// `limit / 2`, joined by "…" (a JSON path keeps its start and the place of the problem).
    public static func middle(_ text: String, limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        let half = limit / 2
        return String(String.UnicodeScalarView(scalars.prefix(half))) + "…" + String(String.UnicodeScalarView(scalars.suffix(half)))
    }
}
