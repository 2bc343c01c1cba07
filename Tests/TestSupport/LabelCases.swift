/// Names that estimated text widths get wrong: emoji ZWJ sequences, combining marks, CJK and
/// right-to-left scripts, each long enough to be cut in a chart.
public enum LabelCases {
    public static let names = [
        "👩‍👩‍👧‍👦 Family 👨‍🏫👩🏽‍💻🏳️‍🌈 dashboard with a long name that goes on",
        "E\u{0323}\u{0301}s\u{0323}o\u{0323}\u{0301} o\u{0301}s\u{0323}e\u{0301} Zalgo Z\u{0336}\u{0337}a\u{0338}l\u{0334}g\u{0335}o\u{0336} revenue",
        "売上分析ダッシュボード地域別の詳細な月次レポート東京大阪名古屋",
        "لوحة المبيعات الإقليمية الشهرية التفصيلية للشرق الأوسط وأفريقيا",
        "לוח מחוונים של מכירות אזוריות חודשיות מפורט",
        "Sales churn analysis — Americas",
        "Sales churn analysis — EMEA",
    ]

    /// The names with a value each, as the bars of a chart.
    public static var values: [(label: String, value: Int)] {
        names.enumerated().map { i, name in (name, 100 - i * 9) }
    }

    /// `text` without bidi isolates and a trailing ellipsis: what was kept of the name.
    public static func kept(_ text: String) -> String {
        var t = text.unicodeScalars.filter { !(0x2066...0x2069).contains($0.value) }.map(String.init).joined()
        if t.hasSuffix("…") { t.removeLast() }
        return t
    }
}
