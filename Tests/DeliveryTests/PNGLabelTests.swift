import Charts
import Delivery
import TestSupport
import Testing

/// The email's PNG charts measure their labels with librsvg, which draws them (issue 12).
@Suite("PNG labels measured by librsvg")
struct PNGLabelTests {
    static let theme = Theme.standard.measured(by: PNGRenderer.textMeasure)

    @Test("librsvg lays text out: wider text measures wider, a ZWJ family as one cluster")
    func librsvgMeasures() throws {
        let short = try #require(PNGRenderer.librsvgWidth("Sales", size: 14, bold: false))
        let long = try #require(PNGRenderer.librsvgWidth("Sales dashboard", size: 14, bold: false))
        #expect(short > 10 && long > short * 2)
        let bold = try #require(PNGRenderer.librsvgWidth("Sales dashboard", size: 14, bold: true))
        #expect(bold > long)
    }

    @Test("no label of the PNG chart is wider than its slot as librsvg draws it (ZWJ emoji, combining marks, CJK, RTL)")
    func labelsFitAsDrawn() throws {
        let scene = Layouts.horizontalBars(
            title: "t", summary: "s", caption: "Most viewed dashboards, all time",
            items: LabelCases.values.map {
                BarItem(label: $0.label, value: Double($0.value), valueText: String($0.value), tooltip: $0.label)
            }, theme: Self.theme)
        var checked = 0
        for text in scene.texts {
            guard let slot = text.slot else { continue }
            let drawn = try #require(PNGRenderer.librsvgWidth(text.text, size: text.size, bold: text.bold))
            #expect(drawn <= slot + 0.5, "\(text.text): \(drawn) px in a \(slot) px slot")
            #expect(abs(drawn - text.width) < 0.01, "the scene keeps librsvg's width")
            if let full = text.fullText {
                #expect(Array(full).starts(with: Array(LabelCases.kept(text.text))), "\(text.text) cut inside a grapheme cluster")
            }
            checked += 1
        }
        #expect(checked >= LabelCases.names.count)
    }
}
