import ActivityModel
import Delivery
import Foundation
import Insights
import TestSupport
import Testing

@testable import ReportRendering

/// A report that never misleads: severities that mean something, card changes that compare the
/// numbers shown, one name per concept, one formatter, sentences that hold for the data, and an
/// email that says what the page says. Most tests run over payloads of known shapes
/// (`ShapedPayloads`), generated payloads (`RandomPayloads.payload`) and realistic ones
/// (`gen-synthetic.py`).
@Suite struct HonestReportTests {
    static func analyze(_ spec: ShapedPayloads.Spec, previous: ShapedPayloads.Spec? = nil, _ t: Thresholds = Thresholds()) throws
        -> Insights
    {
        let loaded = try PayloadDecoder.decode(ShapedPayloads.payload(spec))
        return Analyzer.analyze(loaded, previous: try previous.map { try Previous.load(ShapedPayloads.payload($0)) }, thresholds: t)
    }

    /// Every shape, alone and against a previous report of each of three other shapes.
    static func shapeCases() -> [(label: String, current: ShapedPayloads.Spec, previous: ShapedPayloads.Spec?)] {
        let previous: [(String, ShapedPayloads.Spec?)] = [
            ("alone", nil), ("after rising", ShapedPayloads.rising()), ("after flat", ShapedPayloads.flat()),
            ("after falling-20", ShapedPayloads.falling(percent: 20)),
            ("after share-falling", ShapedPayloads.shareFallingWithConstantCount().previous),
        ]
        return ShapedPayloads.all().flatMap { shape in previous.map { ("\(shape.name) \($0.0)", shape.spec, $0.1) } }
    }

    // MARK: Severity means something

    /// The movement a finding is about, when it is one: a `good` finding must not be about a fall.
    static func checkNoGoodFall(_ s: Insights, _ label: String) {
        let t = s.thresholds
        for f in s.findings where f.severity == .good {
            switch f.id {
            case "weekly-change": #expect((s.trend.changeActiveUsers ?? 0) > 0, "\(label): \(f.title)")
            case "long-trend": #expect((s.trend.slopePerWeek ?? 0) > 0, "\(label): \(f.title)")
            case "since-last-active": #expect((s.comparison?.delta(.activeUsers)?.change ?? 0) > 0, "\(label): \(f.title)")
            case "since-last-share": #expect((s.comparison?.delta(.activePercent)?.points ?? 0) > 0, "\(label): \(f.title)")
            case "active-share":
                // A level, judged on its threshold, and not one that fell since the last report.
                #expect(Format.wholePercent(s.activity.activePercent) >= t.activePercentWatch, "\(label)")
                #expect(Double(s.comparison?.delta(.activePercent)?.points ?? 0) > -t.runShareDropWatchPoints, "\(label): \(f.title)")
                // Nor while the daily series falls.
                #expect(Format.wholePercent(s.trend.changeActiveUsersPercent ?? 0) >= -t.weeklySteadyPercent, "\(label): \(f.title)")
                #expect(!s.findings.contains { $0.id == "below-peak" || ($0.id == "long-trend" && $0.severity == .watch) }, "\(label)")
            case "inactive-seats":
                #expect(s.inactive.count == 0 || Format.wholePercent(s.inactive.percentOfUsers ?? 100) < t.inactivePercentWatch, "\(label)")
                #expect((s.comparison?.delta(.inactiveCount)?.change ?? 0) <= 0, "\(label): \(f.title)")
            default: Issue.record("\(label): \(f.id) is rated good, but no rule of that id may be: \(f.title)")
            }
            for word in ["fell", "falling", "dipped", "fewer", "below the peak"] {
                #expect(!f.title.text.contains(word), "\(label): a good finding says \(word): \(f.title)")
            }
        }
        for f in s.findings where f.title.text.contains("held steady") {
            let change = Format.wholePercent(s.trend.changeActiveUsersPercent ?? .infinity)
            #expect(abs(change) <= t.weeklySteadyPercent, "\(label): \(f.title) for a change of \(change)%")
            #expect(f.severity == .info, "\(label)")
        }
    }

    @Test func noFindingCallsAFallGoodOverEveryShape() throws {
        for c in Self.shapeCases() {
            Self.checkNoGoodFall(try Self.analyze(c.current, previous: c.previous), c.label)
        }
    }

    @Test func noFindingCallsAFallGoodOverGeneratedPayloads() throws {
        for seed in UInt64(1)...300 {
            let loaded = try PayloadDecoder.decode(RandomPayloads.payload(seed: seed))
            let previous = try Previous.load(RandomPayloads.payload(seed: seed + 20_000))
            Self.checkNoGoodFall(Analyzer.analyze(loaded, previous: previous), "seed \(seed)")
            Self.checkNoGoodFall(Analyzer.analyze(loaded), "seed \(seed) alone")
        }
    }

    @Test func noFindingCallsAFallGoodOverRealisticProjects() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (users, seed) in [(40, 1), (250, 2), (250, 3), (1200, 4)] {
            let now = try InsightsTools.synthetic(users: users, days: 43, seed: seed, into: dir)
            let before = try InsightsTools.synthetic(users: users, days: 43, seed: seed + 50, into: dir)
            let s = Analyzer.analyze(
                try PayloadDecoder.decode(Array(try Data(contentsOf: now))),
                previous: try Previous.load(Array(try Data(contentsOf: before))))
            Self.checkNoGoodFall(s, "synthetic \(users)/\(seed)")
        }
    }

    /// The independent recomputation (scripts/insights-crosscheck.py) draws the same findings,
    /// with the same severities, from the shapes that exercise every rule of the daily series.
    @Test func theCrossCheckDrawsTheSameFindingsFromEveryShape() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for shape in ShapedPayloads.all() {
            let payload = dir.appendingPathComponent("\(shape.name).json")
            try Data(ShapedPayloads.payload(shape.spec)).write(to: payload)
            let out = dir.appendingPathComponent("\(shape.name).insights.json")
            try Data(InsightsJSON.encode(try Self.analyze(shape.spec))).write(to: out)
            let r = try InsightsTools.crossCheck(payload: payload, insights: out)
            #expect(r.status == 0, "\(shape.name): \(r.stdout)\(r.stderr)")
        }
    }

    /// Falls of 1% to 40% in the last week: steady within ±3%, "dipped" (`info`) short of 10%,
    /// `watch` from 10%, `act` from 25%; never `good`.
    @Test func aWeeklyFallIsSteadyThenDippedThenWatchThenAct() throws {
        for p in 1...40 {
            let s = try Self.analyze(ShapedPayloads.falling(percent: p))
            let f = try #require(s.findings.first { $0.id == "weekly-change" }, "\(p)%")
            let (severity, verb): (Finding.Severity, String) =
                p <= 3 ? (.info, "held steady") : p < 10 ? (.info, "dipped") : p < 25 ? (.watch, "fell") : (.act, "fell")
            #expect(f.severity == severity, "\(p)%: \(f.title)")
            #expect(f.title.text.hasPrefix("Active users \(verb)"), "\(p)%: \(f.title)")
            #expect(f.title.text.contains("\(p)%"), "\(p)%: \(f.title)")
        }
    }

    /// The project of the issue: 273 -> 250 (-8%), 20% below a peak of 311, falling for weeks.
    @Test func aProjectDriftingDownIsToldItIsFalling() throws {
        let series = (0..<43).map { d -> Int in
            d <= 5 ? 290 + d * 21 / 5 : d <= 35 ? 311 - (d - 5) * 38 / 30 : 273 - (d - 35) * 23 / 7
        }
        let s = try Self.analyze(ShapedPayloads.Spec(users: 600, series: series, inactiveDays: [100, 200]))
        let weekly = try #require(s.findings.first { $0.id == "weekly-change" })
        #expect(weekly.severity == .info)
        #expect(weekly.title.text == "Active users dipped 8% week over week (273 \u{2192} 250)")
        let peak = try #require(s.findings.first { $0.id == "below-peak" })
        #expect(peak.severity == .watch)
        #expect(peak.title.text.hasPrefix("Active users are 20% below the peak of the last 43 days (250 on 11 Feb 2026, 311 on "))
        let trend = try #require(s.findings.first { $0.id == "long-trend" })
        #expect(trend.severity == .watch)
        #expect(trend.title.text.contains("falling"))
        // The signal comes first: every act or watch finding before the statements.
        let firstInfo = s.findings.firstIndex { $0.severity == .info } ?? s.findings.count
        #expect(s.findings[..<firstInfo].allSatisfy { $0.severity != .info })
        #expect(!s.findings[firstInfo...].contains { $0.severity == .watch || $0.severity == .act })
    }

    @Test func aFallingTrendIsWordedAsFallingWhenTheLastWeekIsFlat() throws {
        let s = try Self.analyze(ShapedPayloads.fallingTrendFlatLastWeek())
        let weekly = try #require(s.findings.first { $0.id == "weekly-change" })
        #expect(weekly.severity == .info)
        #expect(weekly.title.text.hasPrefix("Active users held steady week over week"))
        let trend = try #require(s.findings.first { $0.id == "long-trend" })
        #expect(trend.severity == .watch)
        #expect(trend.title.text.hasPrefix("Active users have been falling by about"))
        #expect(trend.detail.text.contains("The last week alone does not show it"))
        #expect(s.findings.first { $0.id == "below-peak" }?.severity == .watch)
        #expect(s.findings.firstIndex { $0.id == "long-trend" }! < s.findings.firstIndex { $0.id == "weekly-change" }!)
    }

    @Test func aShareFallingWithAConstantCountIsAFallInPoints() throws {
        let (before, now) = ShapedPayloads.shareFallingWithConstantCount()
        let s = try Self.analyze(now, previous: before)
        let f = try #require(s.findings.first { $0.id == "since-last-share" })
        #expect(f.severity == .watch)
        #expect(f.title.text == "The share of users active in the last 7 days fell 13 points since the last report (75% \u{2192} 62%)")
        #expect(f.detail.text.hasPrefix("Active users stayed at 1,500 while users with access went from 2,000 to 2,400"))
        #expect(!s.findings.contains { $0.id == "since-last-active" })
        let card = try #require(Headline(s).figures.first { $0.definition == Glossary.activePercent })
        #expect(card.value == "62%")
        #expect(card.change == "-13 points since the last report (75% \u{2192} 62%)")
        #expect(card.changeTone == -1)
    }

    /// Statements of fact are `info` and come after every `act` and `watch`; `maxFindings` keeps
    /// `act` and `watch` first.
    @Test func triviaComeLastAndTheCapKeepsTheSignal() throws {
        let spec = ShapedPayloads.falling(percent: 30)
        let s = try Self.analyze(spec)
        for id in ["top-dashboard", "creators", "concentration"] {
            let f = try #require(s.findings.first { $0.id == id }, "\(id)")
            #expect(f.severity == .info || (id == "concentration" && f.severity == .watch), "\(id): \(f.severity)")
        }
        let ranks = s.findings.map(\.severity.rank)
        #expect(ranks == ranks.sorted(by: >))
        var t = Thresholds()
        t.maxFindings = 2
        let capped = try Self.analyze(spec, t)
        #expect(capped.findings.count == 2)
        #expect(capped.findings.allSatisfy { $0.severity == .act || $0.severity == .watch })
    }

    @Test func aSmallRiseIsInfoAndOnlyARisePastTheThresholdIsGood() throws {
        let series = (0..<43).map { $0 <= 35 ? 3_000 : 3_000 + ($0 - 35) * 150 / 7 }  // +5%
        let f = try #require(
            try Self.analyze(ShapedPayloads.Spec(users: 5_000, series: series)).findings.first { $0.id == "weekly-change" })
        #expect(f.severity == .info)
        #expect(f.title.text == "Active users rose 5% week over week (3,000 \u{2192} 3,150)")
        let rising = try #require(try Self.analyze(ShapedPayloads.rising()).findings.first { $0.id == "weekly-change" })
        #expect(rising.severity == .good)
        #expect(rising.title.text.hasPrefix("Active users rose 12% week over week"))
    }

    // MARK: Every card's change compares the number it shows

    /// `(A → B)` or `(B)`: the numbers a change line shows.
    static func numbers(_ text: Substring) -> [Double?] {
        text.split(separator: "\u{2192}").map { part in
            let t = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
            guard !t.hasPrefix("<"), !t.hasPrefix(">") else { return nil }
            return Double(t.hasSuffix("%") ? String(t.dropLast()) : t)
        }
    }

    static func checkCards(_ s: Insights, _ label: String) throws {
        for figure in Headline(s).figures {
            if figure.definition == Glossary.weekOverWeek {
                guard let latest = s.trend.latest, let weekAgo = s.trend.weekAgo else { continue }
                let detail = figure.detail
                #expect(
                    detail.hasPrefix(
                        "\(Format.integer(latest.activeUsers)) on \(latest.day.long), \(Format.integer(weekAgo.activeUsers)) on "),
                    "\(label): \(detail)")
                let shown = latest.activeUsers - weekAgo.activeUsers
                #expect(figure.value == (shown == 0 ? "no change" : Format.signed(shown)), "\(label): \(figure.value) vs \(detail)")
                if weekAgo.activeUsers > 0 {
                    let pct = Format.signedPercent(Double(shown) * 100 / Double(weekAgo.activeUsers))
                    #expect(detail.hasSuffix("(\(pct))"), "\(label): \(detail)")
                }
                #expect(figure.change == nil, "\(label): the week-over-week card has no change since the last report")
                continue
            }
            guard let change = figure.change else {
                #expect(s.comparison == nil, "\(label): \(figure.label) has no change line")
                continue
            }
            #expect(change.contains(" since the last report ("), "\(label): \(change)")
            let open = try #require(change.lastIndex(of: "("))
            let shown = Self.numbers(change[change.index(after: open)..<change.index(before: change.endIndex)])
            let lastShown = change[change.index(after: open)...].split(separator: "\u{2192}").last.map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: " )"))
            }
            #expect(lastShown == figure.value, "\(label): \(figure.label) shows \(figure.value), its change ends on \(lastShown ?? "")")
            if change.hasPrefix("no change") {
                #expect(shown.count == 1 || shown[0] == shown[1], "\(label): \(change)")
                continue
            }
            guard shown.count == 2, let a = shown[0], let b = shown[1] else { continue }  // "<1%": no exact difference to check
            let unit = figure.definition == Glossary.activePercent ? " point" : ""
            let amount = Int(b - a)
            #expect(
                change.hasPrefix(Format.signed(amount) + (unit.isEmpty ? "" : unit + (abs(amount) == 1 ? "" : "s"))),
                "\(label): \(change) is not \(b) - \(a)")
            if unit.isEmpty, a > 0 {
                #expect(change.contains("(\(Format.signedPercent(Double(amount) * 100 / a)))"), "\(label): \(change)")
            }
        }
    }

    @Test func everyCardsChangeIsTheDifferenceOfTheNumbersItShows() throws {
        for c in Self.shapeCases() { try Self.checkCards(try Self.analyze(c.current, previous: c.previous), c.label) }
        for seed in UInt64(1)...200 {
            let loaded = try PayloadDecoder.decode(RandomPayloads.payload(seed: seed))
            let previous = try Previous.load(RandomPayloads.payload(seed: seed + 30_000))
            try Self.checkCards(Analyzer.analyze(loaded, previous: previous), "seed \(seed)")
        }
    }

    @Test func theCardsAndTheirChangesReadTheSameInThePageTheSummaryAndTheEmail() throws {
        let (before, now) = ShapedPayloads.shareFallingWithConstantCount()
        let out = try RenderedOutputs.render(ShapedPayloads.payload(now), previous: ShapedPayloads.payload(before))
        let texts = [
            RenderedOutputs.visibleText(out.string("report.html")), RenderedOutputs.visibleMarkdown(out.string("summary.md")),
            RenderedOutputs.visibleText(out.string("email.html")),
        ]
        for figure in Headline(out.insights).figures {
            for (i, text) in texts.enumerated() {
                #expect(text.contains(figure.value), "output \(i) lacks \(figure.value)")
                #expect(text.contains(figure.detail), "output \(i) lacks \(figure.detail)")
                if let change = figure.change { #expect(text.contains(change), "output \(i) lacks \(change)") }
            }
        }
    }

    // MARK: One name per concept, one formatter

    /// The names the glossary's terms replaced: chart views were "queries" and "chart loads",
    /// chart saves "chart updates" and "chart versions", chart-days "average queries".
    static let retiredNames = ["quer", "chart load", "chart update", "chart version", "avg.", "creates and updates", "idle"]

    static func renderedCases() throws -> [(String, RenderedOutputs)] {
        var out: [(String, RenderedOutputs)] = []
        let flat = ShapedPayloads.payload(ShapedPayloads.flat())
        for shape in ShapedPayloads.all()
        where ["rising", "flat", "falling-8", "falling-30", "empty", "single-day", "falling-trend-flat-week"]
            .contains(shape.name)
        {
            out.append((shape.name, try RenderedOutputs.render(ShapedPayloads.payload(shape.spec), previous: flat)))
        }
        let (before, now) = ShapedPayloads.shareFallingWithConstantCount()
        out.append(("share-falling", try RenderedOutputs.render(ShapedPayloads.payload(now), previous: ShapedPayloads.payload(before))))
        for sample in ["samples/sample-small.json", "samples/sample-empty.json", "samples/sample-zero-activity.json"] {
            out.append((sample, try RenderedOutputs.render(try TestPaths.sharedFile(sample))))
        }
        out.append(
            (
                "example",
                try RenderedOutputs.render(Array(try Data(contentsOf: TestPaths.repo.appendingPathComponent("examples/activity.json"))))
            ))
        return out
    }

    @Test func eachGlossaryTermIsTheOnlyNameOfItsConceptInEveryOutput() throws {
        for (label, out) in try Self.renderedCases() {
            for (file, text) in out.readableTexts {
                #expect(text.count > 10, "\(label) \(file) has no text to read")
                let lower = text.lowercased()
                for name in Self.retiredNames {
                    #expect(!lower.contains(name), "\(label) \(file) says \"\(name)\": …\(Self.around(lower, name))…")
                }
            }
            // The daily average has its own name, distinct from chart views per active user.
            let page = RenderedOutputs.visibleText(out.string("report.html"))
            #expect(page.contains(Glossary.chartDays.term), "\(label)")
            #expect(page.contains(Glossary.chartViews.term), "\(label)")
        }
        let terms = Glossary.entries.map(\.term)
        #expect(Set(terms).count == terms.count)
        #expect(Set(Glossary.entries.map(\.id)).count == terms.count)
    }

    static func around(_ text: String, _ word: String) -> String {
        guard let r = text.range(of: word) else { return "" }
        let start = text.index(r.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(r.upperBound, offsetBy: 40, limitedBy: text.endIndex) ?? text.endIndex
        return String(text[start..<end])
    }

    /// Numbers of four digits or more without separators, dates and times aside.
    static func unformattedNumbers(_ text: String) -> [String] {
        let months = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
        let cleaned = text.replacingOccurrences(of: "\\b\\d{1,2} \(months) \\d{4}\\b", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "\\b\\d{4}-\\d{2}-\\d{2}\\b", with: " ", options: .regularExpression)
        let regex = try! NSRegularExpression(pattern: "(?<![\\d.,])\\d{4,}")
        let ns = cleaned as NSString
        return regex.matches(in: cleaned, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    @Test func everyNumberOver999HasThousandsSeparatorsOutsideCSVAndJSON() throws {
        #expect(Self.unformattedNumbers("5000 users on 11 Feb 2026, 2026-02-11") == ["5000"])
        for (label, out) in try Self.renderedCases() {
            for (file, text) in out.readableTexts where !file.hasSuffix(" header") {
                #expect(Self.unformattedNumbers(text).isEmpty, "\(label) \(file): \(Self.unformattedNumbers(text).prefix(5))")
            }
            for note in out.insights.dataNotes {
                #expect(Self.unformattedNumbers(note.message).isEmpty, "\(label): \(note.message)")
            }
        }
        // The data notes of a large project with custom roles and days without an average.
        var spec = ShapedPayloads.flat()
        spec.users = 100_000
        spec.roles = (5_000, 20_000, 30_000, 44_200)
        spec.series = (0..<43).map { $0 < 20 ? 0 : 3_100 }
        let s = try Self.analyze(spec)
        let notes = s.dataNotes.map(\.message).joined(separator: " ")
        #expect(notes.contains("The four role buckets add up to 99,200 of 100,000 users: 800 users hold a custom role"))
        #expect(notes.contains("20 of 43 days have no chart-days per active user"))
    }

    @Test func sharesPrintAsWholePercentsWithLessThanOneForSmallOnes() throws {
        #expect(Format.percent(16.667) == "17%")
        #expect(Format.percent(0.4) == "<1%")
        #expect(Format.percent(0) == "0%")
        #expect(Format.percent(99.6) == ">99%")
        #expect(Format.percent(100) == "100%")
        #expect(Format.signedPercent(-0.2) == "-<1%")
        #expect(Format.signedPercent(-8.4) == "-8%")
        #expect(Format.signedPoints(-1) == "-1 point")
        #expect(Format.signedPoints(13) == "+13 points")
        #expect(Format.timestamp(1_770_800_000) == "11 Feb 2026, 08:53 UTC")
        // The same quantity, rounded the same way on the card and in the finding.
        var spec = ShapedPayloads.flat()
        spec.users = 24
        spec.series = Array(repeating: 15, count: 43)
        spec.inactiveDays = [100, 200, 300, 400]
        let s = try Self.analyze(spec)
        #expect(Headline(s).figures.last?.detail == "17% of users")
        #expect(s.findings.first { $0.id == "inactive-seats" }?.title.text.hasPrefix("4 users (17%)") == true)
        // Two users of 420 are "<1%" of them, not "0%".
        var roles = s
        roles.users = Insights.Users(total: 420, admins: 10, editors: 8, interactiveViewers: 100, viewers: 300, other: 2)
        let chart = ChartBuilder.roles(roles, .standard)
        #expect(chart.table.rows.last == ["Other roles", "2", "<1%"])
    }

    // MARK: Sentences that hold for the data

    @Test func atMostTenPeopleIsSaidOnlyOfAFullList() throws {
        for (rows, capped) in [(5, false), (10, true), (11, false)] {
            var spec = ShapedPayloads.flat()
            spec.saves = Array(repeating: 2, count: rows)
            let payload = ShapedPayloads.payload(spec)
            // The generator keeps the server's cap of 10; an 11th row is what --list-limit makes.
            let bytes =
                rows > 10
                ? Array(
                    String(decoding: payload, as: UTF8.self).replacingOccurrences(
                        of: "\"tableMostCreatedCharts\":[",
                        with: "\"tableMostCreatedCharts\":[" + ShapedPayloads.user("x", 999, 2) + ","
                    ).utf8) : payload
            let s = Analyzer.analyze(try PayloadDecoder.decode(bytes))
            let f = try #require(s.findings.first { $0.id == "creators" })
            #expect(f.detail.text.contains("at most 10") == capped, "\(rows) rows: \(f.detail)")
            #expect(f.title.text == "\(rows * 2) chart saves by \(rows) users in the last 7 days")
        }
    }

    @Test func noInactiveUserIsSaidTheSameWayInTheListTheChartAndTheFinding() throws {
        var spec = ShapedPayloads.flat()
        spec.inactiveDays = []
        let out = try RenderedOutputs.render(ShapedPayloads.payload(spec))
        let clause = "viewed a chart in this project in the last 90 days or joined less than 90 days ago."
        let f = try #require(out.insights.findings.first { $0.id == "inactive-seats" })
        #expect(f.detail.text == "All 5,000 users with access " + clause)
        let page = RenderedOutputs.visibleText(out.string("report.html"))
        #expect(page.contains("No inactive users: every user " + clause))
        #expect(RenderedOutputs.visibleText(out.string("charts/inactivity.svg")).contains("No inactive users: every user " + clause))
        #expect(out.string("summary.md").contains("No inactive users: every user " + clause))
    }

    @Test func theTwoCountsOfActiveUsersAreExplainedWhenTheyDiffer() throws {
        var spec = ShapedPayloads.flat()
        spec.activeUsers = 3_120
        let out = try RenderedOutputs.render(ShapedPayloads.payload(spec))
        let why =
            "The two counts of active users differ: 3,120 in the last 168 hours (the list of active users) against 3,100 in the daily series on 11 Feb 2026, which counts calendar days and only users who existed that day."
        #expect(out.insights.findings.first { $0.id == "weekly-change" }?.detail.text.hasSuffix(why) == true)
        #expect(Headline(out.insights).note == why)
        for text in [out.string("report.html"), out.string("email.html"), RenderedOutputs.visibleMarkdown(out.string("summary.md"))] {
            #expect(text.contains(why))
        }
        // When they agree, nothing is said.
        let same = try Self.analyze(ShapedPayloads.flat())
        #expect(Headline(same).note == nil)
    }

    // MARK: Email parity

    /// `(severity, text)` of each finding of the page, in order.
    static func pageFindings(_ html: String) -> [(String, String)] {
        let regex = try! NSRegularExpression(pattern: "<li class=\"finding (\\w+)\"[^>]*>([\\s\\S]*?)</li>")
        let ns = html as NSString
        return regex.matches(in: html, range: NSRange(location: 0, length: ns.length)).map {
            (ns.substring(with: $0.range(at: 1)), normalized(RenderedOutputs.visibleText(ns.substring(with: $0.range(at: 2)))))
        }
    }

    /// `(severity, text)` of each finding of email.html, in order.
    static func emailFindings(_ html: String) -> [(String, String)] {
        let regex = try! NSRegularExpression(
            pattern: "<tr data-id=\"[a-z-]+\"><td[^>]*data-severity=\"(\\w+)\"[^>]*>([\\s\\S]*?)</td></tr>")
        let ns = html as NSString
        return regex.matches(in: html, range: NSRange(location: 0, length: ns.length)).map {
            (ns.substring(with: $0.range(at: 1)), normalized(RenderedOutputs.visibleText(ns.substring(with: $0.range(at: 2)))))
        }
    }

    static func normalized(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func theEmailAndThePageListTheSameFindingsWithTheSameSeveritiesAndNumbers() throws {
        var compared = 0
        for (label, out) in try Self.renderedCases() {
            let page = Self.pageFindings(out.string("report.html"))
            let email = Self.emailFindings(out.string("email.html"))
            #expect(page.count == out.insights.findings.count, "\(label)")
            #expect(email.map(\.0) == page.map(\.0), "\(label)")
            #expect(email.map(\.1) == page.map(\.1), "\(label)")
            let summary = Self.normalized(RenderedOutputs.visibleMarkdown(out.string("summary.md")))
            for f in out.insights.findings {
                let word = InsightsText.severity(f.severity)
                #expect(page.contains { $0.1 == Self.normalized("\(word) \(f.title.text) \(f.detail.text)") }, "\(label): \(f.title)")
                #expect(summary.contains(Self.normalized("\(word): \(f.title.text). \(f.detail.text)")), "\(label): \(f.title)")
            }
            compared += page.count
        }
        #expect(compared > 40)
    }

    @Test func theEmailCarriesColoursChangesLongDatesNewestDaysFirstAndInactiveNames() throws {
        var spec = ShapedPayloads.falling(percent: 30)
        spec.inactiveDays = [400, 120, 95, 700, 130, 150, 160, 170, 180, 190]
        let out = try RenderedOutputs.render(ShapedPayloads.payload(spec), previous: ShapedPayloads.payload(ShapedPayloads.flat()))
        let html = out.string("email.html")
        let text = Self.normalized(RenderedOutputs.visibleText(html))
        // Severity: the word, and the colours of its kind.
        for f in out.insights.findings {
            #expect(html.contains("data-severity=\"\(f.severity.rawValue)\""))
            #expect(html.contains("border-left:4px solid \(EmailHTML.colours(f.severity).border)"))
        }
        #expect(text.contains("Act Active users fell 30% week over week (3,000 \u{2192} 2,100)"))
        // The changes since the last report, as on the cards.
        for figure in Headline(out.insights).figures { if let change = figure.change { #expect(text.contains(change)) } }
        #expect(text.contains("Changes are against the previous report (data to 11 Feb 2026)."))
        // Dates as everywhere else; no ISO date.
        #expect(text.contains("Activity in the 7 days to 11 Feb 2026."))
        #expect(text.range(of: "\\d{4}-\\d{2}-\\d{2}", options: .regularExpression) == nil)
        #expect(Self.unformattedNumbers(text).isEmpty, "\(Self.unformattedNumbers(text))")
        // The newest day first, as in the page.
        let days = text.components(separatedBy: "Day Active users Active %").dropFirst().first ?? ""
        let firstDay = days.split(whereSeparator: \.isWhitespace).prefix(3).joined(separator: " ")
        #expect(firstDay == "11 Feb 2026", "\(days.prefix(80))")
        // The inactive users by name, longest first.
        #expect(text.contains("Inactive users User Days since last chart view Dmitri Okafor 700 Ana Okafor 400"), "\(text)")
        #expect(text.contains("and 2 more users in the full report."))
        #expect(out.string("report.eml").contains("Subject: Usage: Sales: the 7 days to 11 Feb 2026"))
    }

    @Test func theEmailPointsAtTheFullReportOnlyWhereItIs() throws {
        let payload = ShapedPayloads.payload(ShapedPayloads.rising())
        let local = try RenderedOutputs.render(payload)
        let text = RenderedOutputs.visibleText(local.string("email.html"))
        #expect(text.contains(EmailHTML.fullReportInOutputFolder))
        #expect(!text.contains("all in report.html"))
        #expect(!local.string("email.html").contains("<a href"))
        #expect(local.emailPlainText.hasSuffix("_" + EmailHTML.fullReportInOutputFolder + "_\n"))
        #expect(!local.string("summary.md").contains("The full report"))

        let folderURL = "https://ci.example.com/jobs/42/artifacts/"
        let url = folderURL.dropLast() + "/report.html"
        let linked = try RenderedOutputs.render(payload, reportURL: folderURL)
        let html = linked.string("email.html")
        #expect(html.contains("<a href=\"\(url)\""))
        #expect(!RenderedOutputs.visibleText(html).contains("output folder"))
        #expect(linked.string("summary.md").contains("The full report: <\(url)>"))
        #expect(linked.emailPlainText.hasSuffix("The full report: <\(url)>\n"))
        #expect(ReportOptions.problem(reportURL: folderURL) == nil)
        // On the command line, anything but an http(s) URL is a usage error and nothing is written.
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.json")
        try Data(payload).write(to: input)
        let r = try runProcess(
            TestPaths.reportBinary,
            ["--input", input.path, "--output", dir.appendingPathComponent("out").path, "--report-url", "javascript:alert(1)"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("--report-url: expected an http:// or https:// URL"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
        for bad in ["ftp://x/y", "https://", "https://a b", "https://x/\"><script>", "javascript:alert(1)"] {
            #expect(ReportOptions.problem(reportURL: bad) != nil, "\(bad)")
        }
    }
}
