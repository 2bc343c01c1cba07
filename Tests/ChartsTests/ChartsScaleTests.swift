import ActivityModel
import Testing

@testable import Charts

@Suite("Charts: ticks, scales and formatting")
struct ChartsScaleTests {
    // MARK: Ticks as specifications

    @Test("ticks of 0...10 are 0, 2, 4, 6, 8, 10")
    func ticksZeroToTen() {
        let t = Ticks.ticks(0, 10, count: 5)
        #expect(t.values == [0, 2, 4, 6, 8, 10])
        #expect(t.step == 2)
    }

    @Test("ticks of 0...0.9 are tenths printed without float noise")
    func ticksTenths() {
        let t = Ticks.ticks(0, 0.9, count: 9)
        #expect(t.step == 0.1)
        #expect(ChartFormat.tickLabels(t.values, step: t.step) == ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"])
        #expect(t.values[3] == 0.3)
    }

    @Test("never more than 10 ticks: 0...1 asked for 10 gets fifths")
    func tickLimit() {
        #expect(Ticks.ticks(0, 1, count: 10).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test("steps are 1, 2 or 5 times a power of ten")
    func stepsAreNice() {
        #expect(Ticks.step(0, 7, count: 5) == 1)
        #expect(Ticks.step(0, 1234, count: 5) == 200)
        #expect(Ticks.step(0, 0.07, count: 5) == 0.01)
        #expect(Ticks.step(-5, 95, count: 4) == 20)
        #expect(Ticks.step(0, 1e12, count: 4) == 2e11)
        #expect(Ticks.step(3, 3, count: 5) == nil)
    }

    @Test("integer ticks never step below 1")
    func integerTicks() {
        #expect(Ticks.ticks(0, 2, count: 5, integer: true).values == [0, 1, 2])
        #expect(LinearScale(domain: 0...1, range: (0, 100)).nice(count: 5, integer: true).domain == 0...1)
    }

    @Test("nice widens the domain to whole steps")
    func niceDomain() {
        #expect(LinearScale(domain: 0...7.3, range: (0, 1)).nice(count: 4).domain == 0...8)
        #expect(LinearScale(domain: 0...1234, range: (0, 1)).nice(count: 5).domain == 0...1400)
        #expect(LinearScale(domain: 0.13...0.87, range: (0, 1)).nice(count: 5).domain == 0...1)
        #expect(LinearScale(domain: 0.13...0.87, range: (0, 1)).nice(count: 8).domain == 0.1...0.9)
        #expect(LinearScale(domain: 0...1e12, range: (0, 1)).nice(count: 4).domain == 0...1e12)
    }

    @Test("a one-value domain is widened from zero; zero becomes 0...1")
    func degenerateDomains() {
        #expect(LinearScale(domain: 0...0, range: (0, 100)).domain == 0...1)
        #expect(LinearScale(domain: 7...7, range: (0, 100)).domain == 0...7)
        #expect(LinearScale(domain: -3...(-3), range: (0, 100)).domain == -3...0)
        #expect(LinearScale(domain: 0...0, range: (0, 100))(0) == 0)
    }

    @Test("a linear scale maps ends to ends, including reversed ranges")
    func linearMapping() {
        let y = LinearScale(domain: 0...50, range: (200, 0))
        #expect(y(0) == 200)
        #expect(y(50) == 0)
        #expect(y(25) == 100)
    }

    // MARK: Invariants over generated domains

    /// Deterministic pseudo-random numbers (xorshift), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Double(state % 1_000_000_007) / 1_000_000_007
        }
    }

    static func domains() -> [(Double, Double)] {
        var g = Generator(state: 0x9E37_79B9_7F4A_7C15)
        var out: [(Double, Double)] = []
        for _ in 0..<2000 {
            let magnitude = pow10(Int(g.next() * 16) - 4)  // 1e-4 ... 1e11
            var a = (g.next() * 2 - 0.5) * magnitude
            var b = (g.next() * 2 - 0.5) * magnitude
            if a > b { swap(&a, &b) }
            if a == b { b = a + 1 }
            if g.next() < 0.3 {
                a = 0
                b = abs(b) + magnitude * 0.01
            }
            out.append((a, b))
        }
        return out
    }

    static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<abs(n) { p *= 10 }
        return n < 0 ? 1 / p : p
    }

    @Test(
        "over 2,000 domains: the nice domain contains the original, ticks lie inside it, are evenly spaced, number 2 to 10, and print without float noise"
    )
    func tickInvariants() {
        for (lo, hi) in Self.domains() {
            for count in [2, 4, 5, 8] {
                let scale = LinearScale(domain: lo...hi, range: (0, 500)).nice(count: count)
                #expect(scale.domain.lowerBound <= lo && scale.domain.upperBound >= hi, "\(lo)...\(hi) -> \(scale.domain)")
                let ticks = scale.ticks(count: count)
                #expect((2...10).contains(ticks.values.count), "\(ticks.values.count) ticks for \(scale.domain), count \(count)")
                #expect(
                    ticks.values.first == scale.domain.lowerBound && ticks.values.last == scale.domain.upperBound,
                    "ends of \(scale.domain): \(ticks.values)")
                for v in ticks.values {
                    #expect(v >= scale.domain.lowerBound && v <= scale.domain.upperBound)
                }
                for (a, b) in zip(ticks.values, ticks.values.dropFirst()) {
                    #expect(abs((b - a) - ticks.step) <= ticks.step * 1e-9, "uneven ticks \(ticks.values)")
                }
                for label in ChartFormat.tickLabels(ticks.values, step: ticks.step) {
                    #expect(!label.contains("0000001") && !label.contains("99999"), "float noise in \(label)")
                    #expect(label.count <= 12, "label too long: \(label)")
                    #expect(!label.contains("e"), "exponent in \(label)")
                }
            }
        }
    }

    @Test("over generated domains, tick labels are distinct")
    func tickLabelsDistinct() {
        for (lo, hi) in Self.domains().prefix(500) {
            let scale = LinearScale(domain: lo...hi, range: (0, 1)).nice(count: 5)
            let ticks = scale.ticks(count: 5)
            let labels = ChartFormat.tickLabels(ticks.values, step: ticks.step)
            #expect(Set(labels).count == labels.count, "\(labels)")
        }
    }

    // MARK: Band and day scales

    @Test("bands are evenly spaced inside the range")
    func bands() {
        let band = BandScale(count: 3, range: (0, 300), paddingInner: 0.2, paddingOuter: 0.1)
        #expect(band(0) > 0)
        #expect(band(2) + band.bandwidth < 300)
        #expect(abs((band(1) - band(0)) - (band(2) - band(1))) < 1e-9)
        #expect(abs(band.bandwidth - band.step * 0.8) < 1e-9)
    }

    @Test("a 43-day range ticks on Mondays, labelled like 9 Feb")
    func dayTicks() {
        let last = Day(year: 2026, month: 2, day: 11)
        let scale = DayScale(first: last.adding(days: -42), last: last, range: (0, 500))
        let ticks = scale.ticks(maxCount: 7)
        #expect(ticks.count == 6)
        #expect(ticks.last == Day(year: 2026, month: 2, day: 9))
        #expect(ticks.allSatisfy { ($0.daysSinceEpoch - 4) % 7 == 0 })
        #expect(scale.label(Day(year: 2026, month: 2, day: 9), ticks: ticks) == "9 Feb")
        #expect(scale(last) == 500)
    }

    @Test("one day sits in the middle; a long range ticks on months")
    func dayEdgeCases() {
        let d = Day(year: 2026, month: 2, day: 11)
        #expect(DayScale(first: d, last: d, range: (0, 100))(d) == 50)
        let year = DayScale(first: Day(year: 2025, month: 1, day: 15), last: Day(year: 2026, month: 1, day: 15), range: (0, 500))
        let ticks = year.ticks(maxCount: 7)
        #expect(ticks.allSatisfy { $0.components.day == 1 })
        #expect(ticks.count <= 7)
        #expect(year.label(Day(year: 2025, month: 3, day: 1), ticks: ticks) == "Mar 2025")
    }

    // MARK: Formatting

    @Test("numbers get thousands separators, compact units and percentages without a locale")
    func formatting() {
        #expect(ChartFormat.integer(1234) == "1,234")
        #expect(ChartFormat.integer(-1_234_567) == "-1,234,567")
        #expect(ChartFormat.integer(0) == "0")
        #expect(ChartFormat.compact(1234) == "1.2k")
        #expect(ChartFormat.compact(3_400_000) == "3.4M")
        #expect(ChartFormat.compact(999) == "999")
        #expect(ChartFormat.compact(999_960) == "1M")
        #expect(ChartFormat.compact(1e12) == "1T")
        #expect(ChartFormat.percent(57) == "57%")
        #expect(ChartFormat.percent(12.5, maxDecimals: 1) == "12.5%")
        #expect(ChartFormat.fixed(22.7, decimals: 2) == "22.70")
        #expect(ChartFormat.fixed(0.1 + 0.2, decimals: 2) == "0.30")
        #expect(ChartFormat.decimal(0.1 + 0.2, maxDecimals: 3) == "0.3")
        #expect(ChartFormat.fixed(-0.001, decimals: 2) == "0.00")
        #expect(ChartFormat.dataValue(1e12) == "1000000000000")
        #expect(ChartFormat.dataValue(22.69) == "22.69")
        #expect(ChartFormat.dataValue(0.1 + 0.2) == "0.3")
        #expect(ChartFormat.dataValue(1e20) == "100000000000000000000")
        #expect(ChartFormat.fixed(1e20, decimals: 2) == "100,000,000,000,000,000,000")
        #expect(ChartFormat.fixed(1.5e300, decimals: 0).hasPrefix("1,500,000,000"))
        #expect(ChartFormat.compact(1e20) == "100,000,000T")
        // The reports' shared formatter survives the same huge values (it used to trap).
        #expect(Format.fixed2(1e20) == "100,000,000,000,000,000,000.00")
        #expect(Format.fixed2(22.7) == "22.70")
        #expect(Format.decimal(1e20) == "100,000,000,000,000,000,000")
        #expect(ChartFormat.coordinate(12.345) == "12.35")
        #expect(ChartFormat.coordinate(1200) == "1200")
        #expect(ChartFormat.shortDate(Day(year: 2026, month: 2, day: 11)) == "11 Feb")
    }

    @Test("axis labels share one compact unit")
    func compactTickLabels() {
        #expect(ChartFormat.tickLabels([0, 20_000, 40_000], step: 20_000) == ["0", "20k", "40k"])
        #expect(ChartFormat.tickLabels([0, 500, 1000, 1500], step: 500) == ["0", "500", "1,000", "1,500"])
        #expect(ChartFormat.tickLabels([0, 5e11, 1e12], step: 5e11) == ["0", "0.5T", "1.0T"])
        #expect(ChartFormat.tickLabels([0, 50, 100], step: 50, percent: true) == ["0%", "50%", "100%"])
    }

    // MARK: Text

    @Test("text width comes from the character table")
    func widths() {
        #expect(TextMetrics.width("0", size: 10) == 6.36)
        #expect(TextMetrics.width("WW", size: 10) > TextMetrics.width("ii", size: 10) * 3)
        #expect(TextMetrics.width("e\u{301}", size: 10) == TextMetrics.width("e", size: 10))
        #expect(TextMetrics.width("漢字", size: 10) == 20)
        #expect(TextMetrics.width("Bold", size: 10, bold: true) > TextMetrics.width("Bold", size: 10))
    }

    @Test("long text is cut between characters with an ellipsis and fits")
    func truncation() {
        let long = String(repeating: "Alexander-", count: 20)
        let cut = TextMetrics.truncate(long, maxWidth: 100, size: 13)
        #expect(cut.truncated)
        #expect(cut.text.hasSuffix("…"))
        #expect(TextMetrics.width(cut.text, size: 13) <= 100)
        #expect(TextMetrics.truncate("Nora", maxWidth: 100, size: 13) == ("Nora", false))
        let emoji = TextMetrics.truncate("👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦", maxWidth: 60, size: 13)
        // Kept whole or dropped whole; without an emoji font a browser draws the family as its
        // four people, so the conservative width counts each of them.
        #expect(emoji.text.allSatisfy { $0 == "👩‍👩‍👧‍👦" || $0 == "…" })
        #expect(emoji.text.count <= 4)
        #expect(TextMetrics.width("👩‍👩‍👧‍👦", size: 10) == 4 * 13)
    }

    @Test("right-to-left labels are isolated, others untouched")
    func bidi() {
        #expect(Bidi.isolate("דוד כהן") == "\u{2068}דוד כהן\u{2069}")
        #expect(Bidi.isolate("Nora Rossi") == "Nora Rossi")
    }
}
