import Testing

@testable import ReportRendering

/// A stylesheet holding "</style" (any case) is refused, as it would end the page's <style>
/// element; the byte scan in front of the exact check (issue 14) never lets one through.
@Suite("stylesheet end check")
struct StylesheetEndTests {
    static let samples = [
        "", "<", "</styl", "</style", "</STYLE>", "a{}</Style >", "p{}</sTyLe", "< /style", "<\\/style", "</ style",
        "</stylé", "</styl\u{0301}e", "</st\u{0130}yle", "</\u{212A}style", "\u{0130}</style", "<</style", "</style\u{0301}",
        "b{content:'</styl'}", String(repeating: "x", count: 5000) + "</STYLE", Templates.builtIn.stylesheet,
    ]

    @Test("the scan is true wherever lowercased().contains(\"</style\") is, and false on the built-in stylesheet")
    func scanCoversTheExactCheck() {
        for css in Self.samples where css.lowercased().contains("</style") {
            #expect(Templates.mayEndStyle(css), "\(css.debugDescription)")
        }
        #expect(!Templates.mayEndStyle(Templates.builtIn.stylesheet))
        #expect(!Templates.mayEndStyle("</styl"))
        #expect(!Templates.mayEndStyle("< /style"))
        #expect(Templates.mayEndStyle("x</StYlE"))
    }

    @Test("a stylesheet that would end the <style> element is a template error; one that would not is used")
    func parsedPageRefusesOnlyAnEndingStylesheet() {
        for css in Self.samples {
            var templates = Templates.builtIn
            templates.stylesheet = css
            let refused: Bool
            do {
                _ = try templates.parsedPage()
                refused = false
            } catch {
                refused = true
            }
            #expect(refused == css.lowercased().contains("</style"), "\(css.debugDescription)")
        }
    }
}
