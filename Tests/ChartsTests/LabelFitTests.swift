import Charts
import TestSupport
import Testing

/// Labels that fit (issue 12): cut with measured widths between grapheme clusters, at the width
/// the chart has; titles wrapped rather than cut.
@Suite("Labels that fit")
struct LabelFitTests {
    static let themes = [("wide", Theme.standard), ("narrow", Theme.standard.narrow)]

    static func bars(_ theme: Theme, caption: String = "Most viewed dashboards, all time") -> Scene {
        Layouts.horizontalBars(
            title: "t", summary: "s", caption: caption,
            items: LabelCases.values.map {
                BarItem(label: $0.label, value: Double($0.value), valueText: String($0.value), tooltip: $0.label)
            }, theme: theme)
    }

    @Test("no label is wider than its slot, nor leaves the chart (ZWJ emoji, combining marks, CJK, RTL)")
    func labelsFitTheirSlots() {
        for (name, theme) in Self.themes {
            let scene = Self.bars(theme)
            var slotted = 0
            for text in scene.texts {
                if let slot = text.slot {
                    slotted += 1
                    #expect(text.width <= slot + 0.001, "\(name): \(text.text) is \(text.width) wide in \(slot)")
                }
                #expect(text.box.x >= 0 && text.box.maxX <= scene.width + 0.001, "\(name): \(text.text) leaves the chart")
            }
            #expect(slotted >= LabelCases.names.count, "\(name)")
        }
    }

    @Test("a cut never falls inside a grapheme cluster: what is kept is a prefix of the name's characters")
    func cutsBetweenGraphemes() {
        for (name, theme) in Self.themes {
            var cut = 0
            for text in Self.bars(theme).texts {
                guard let full = text.fullText else { continue }
                cut += 1
                let kept = LabelCases.kept(text.text)
                #expect(Array(full).starts(with: Array(kept)), "\(name): \(kept) is not a prefix of \(full)")
                #expect(!kept.isEmpty)
            }
            #expect(cut > 0, "\(name): the long names are cut")
        }
        // The measure itself: a family emoji is kept or dropped whole.
        let family = "👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦"
        for width in stride(from: 10.0, through: 80, by: 5) {
            let t = TextMeasure.browser.truncate(family, maxWidth: width, size: 14)
            #expect(LabelCases.kept(t.text).allSatisfy { $0 == "👩‍👩‍👧‍👦" }, "\(width): \(t.text)")
        }
    }

    @Test("on a wide chart, names that differ after 24 characters are shown whole")
    func wideChartsUseTheirWidth() {
        let texts = Self.bars(Theme.standard).texts.map(\.text)
        #expect(texts.contains("Sales churn analysis — Americas"))
        #expect(texts.contains("Sales churn analysis — EMEA"))
    }

    @Test("a caption too long for one line wraps to two, uncut")
    func captionsWrap() {
        let captions = [
            ("wide", Theme.standard, "Views of all time: top 10 of 1,356 dashboards, anonymous and embedded views included"),
            ("narrow", Theme.standard.narrow, "Views of all time: top 10 of 1,356 dashboards"),
        ]
        for (name, theme, caption) in captions {
            let lines = Self.bars(theme, caption: caption).texts.filter { caption.contains(LabelCases.kept($0.text)) && $0.bold }
            #expect(lines.count == 2, "\(name): \(lines.map(\.text))")
            #expect(lines.map(\.text).joined(separator: " ") == caption, "\(name)")
        }
    }
}
