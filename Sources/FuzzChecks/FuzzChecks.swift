import ActivityModel
import Charts
import Delivery
import Insights
import Markup
import ReportRendering

/// What the fuzz targets (`scripts/fuzz`, `Sources/fuzz`) check on any bytes, and what the
/// tests run every committed reproducer and seed through (`fuzz/`). Each target returns the
/// properties its input broke; the fuzzer traps on any, so a broken property is a crash with a
/// reproducer like a memory error.
///
/// The render target composes the renderers as `Stages.render` does, without the pipeline
/// module: that would bring SwiftNIO and two BoringSSL copies into the sanitizer build.
public enum FuzzChecks {
    public enum Target: String, CaseIterable, Sendable {
        /// The payload decoder: bounded, control-free messages; the same result twice.
        case decode
        /// Decode -> analyze -> every output: no active content, insights.json readable back,
        /// the summary within 1 MiB, email.html within Gmail's 102 KB, no mail line over 998 bytes.
        case render
        /// insights.json (`--previous`), `--config` and `--previous` payloads: bounded messages,
        /// insights.json read back from its own output.
        case insights
        /// A user's page template (and stylesheet after a NUL byte): a report or a template error.
        case templates
    }

    /// The properties `bytes` broke for `target`; empty when all hold.
    public static func violations(_ target: Target, _ bytes: [UInt8]) -> [String] {
        Library.initialize()
        switch target {
        case .decode: return decode(bytes)
        case .render: return render(bytes)
        case .insights: return insights(bytes)
        case .templates: return templates(bytes)
        }
    }

    /// The longest line any message may have.
    static let longestMessageLine = 1000

    static func messageProblems(_ text: String, _ what: String) -> [String] {
        var problems: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.utf8.count > longestMessageLine { problems.append("\(what): a line of \(line.utf8.count) bytes") }
            if line.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                problems.append("\(what): a control character in \(Excerpt.of(String(line)))")
            }
        }
        return problems
    }

    static func decode(_ bytes: [UInt8]) -> [String] {
        let first = Result(catching: { () throws(LoadError) -> LoadedActivity in try PayloadDecoder.decode(bytes) })
        let second = Result(catching: { () throws(LoadError) -> LoadedActivity in try PayloadDecoder.decode(bytes) })
        var problems: [String] = []
        switch (first, second) {
        case (.success(let a), .success(let b)):
            if a != b { problems.append("decoding twice gave two results") }
        case (.failure(let a), .failure(let b)):
            if a != b { problems.append("decoding twice gave two errors") }
            if case .invalid(let list, _) = a, list.count > 20 { problems.append("more than 20 problems listed") }
            problems += messageProblems(a.description, "decode error")
        default:
            problems.append("decoding twice succeeded once")
        }
        return problems
    }

    static func render(_ bytes: [UInt8]) -> [String] {
        guard let loaded = try? PayloadDecoder.decode(bytes) else { return [] }
        var problems: [String] = []
        let insights = Analyzer.analyze(loaded)
        let activity = loaded.activity.cappingNames()
        let shown = insights.cappingNames()
        let options = ReportOptions(generatedAt: 1_770_800_000)
        let charts = ChartBuilder.build(activity, insights: shown)
        do {
            let page = try HTMLReport.render(activity: activity, insights: shown, options: options, charts: charts)
            problems += activeContent(page, "report.html")
        } catch {
            problems.append("the built-in templates failed: \(error)")
        }
        for chart in charts.charts { problems += activeContent(chart.svgBytes(), "charts/\(chart.name).svg") }
        let summary = MarkdownSummary.render(activity: activity, insights: shown, options: options)
        if summary.count > 1 << 20 { problems.append("summary.md is \(summary.count) bytes") }
        let lowerSummary = String(decoding: summary, as: UTF8.self).lowercased()
        if lowerSummary.contains("<script") || lowerSummary.contains("javascript:") { problems.append("summary.md holds active content") }
        let json = InsightsJSON.encode(insights)
        do {
            _ = try InsightsJSON.decode(json)
        } catch {
            problems.append("insights.json cannot be read back: \(error)")
        }
        _ = CSVExport.files(loaded.activity)
        let figures = charts.charts.map { EmailHTML.Figure(chart: $0, source: "charts/\($0.name).png", width: 480, height: 240) }
        let email = EmailHTML.render(
            title: options.title, period: EmailPackage.period(shown), insights: shown, activity: activity, figures: figures)
        problems += activeContent(email, "email.html")
        if email.count > 102_000 { problems.append("email.html is \(email.count) bytes") }
        do {
            let message = MailMessage(
                from: try MIMEHeader.Mailbox(parsing: "ActivityReport <reports@example.com>"),
                to: [try MIMEHeader.Mailbox(parsing: "ops@example.com")],
                subject: "\(options.title): \(EmailPackage.period(shown))", date: 1_770_800_000, text: summary, html: email, images: [])
            let lines = message.serialize().split(separator: 0x0A)
            if let long = lines.first(where: { $0.count > 999 }) { problems.append("a mail line of \(long.count) bytes") }
        } catch {
            problems.append("fixed addresses refused: \(error)")
        }
        _ = Manifest.render([("report.html", summary)])
        return problems
    }

    /// Script elements, event attributes and `javascript:` in the tags of serialized markup
    /// (user text cannot make a tag: its `<` is escaped).
    static func activeContent(_ markup: [UInt8], _ what: String) -> [String] {
        var problems: [String] = []
        var tag: [UInt8]?
        for byte in markup {
            if byte == 0x3C {
                tag = []
            } else if byte == 0x3E, let t = tag {
                let text = String(decoding: t, as: UTF8.self).lowercased()
                let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "/" })
                if words.first == "script" { problems.append("\(what): a script element") }
                if text.contains("javascript:") { problems.append("\(what): javascript: in <\(Excerpt.of(text))>") }
                for (i, word) in words.enumerated().dropFirst() where word.hasPrefix("on") {
                    let letters = word.dropFirst(2).prefix { $0 >= "a" && $0 <= "z" }
                    let after = word.dropFirst(2 + letters.count)
                    let next = i + 1 < words.count ? words[i + 1] : ""
                    if !letters.isEmpty && (after.hasPrefix("=") || (after.isEmpty && next.hasPrefix("="))) {
                        problems.append("\(what): an event attribute in <\(Excerpt.of(text))>")
                    }
                }
                tag = nil
            } else if tag != nil {
                tag?.append(byte)
            }
        }
        return problems
    }

    static func insights(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        do {
            let first = try InsightsJSON.decode(bytes)
            let once = InsightsJSON.encode(first)
            do {
                let again = InsightsJSON.encode(try InsightsJSON.decode(once))
                if again != once { problems.append("insights.json read back and written again differs") }
            } catch {
                problems.append("insights.json written from a read one cannot be read: \(error)")
            }
        } catch {
            problems += messageProblems(error.description, "insights.json error")
        }
        var thresholds = Thresholds()
        do {
            try thresholds.apply(config: bytes)
        } catch {
            problems += messageProblems(error.description, "--config error")
        }
        do {
            _ = try Previous.load(bytes)
        } catch {
            problems += messageProblems(error.description, "--previous error")
        }
        return problems
    }

    /// A small payload for the template target, decoded once.
    static let sample: (UserActivity, Insights)? = {
        let payload = #"""
            {"results":{"numberUsers":3,"numberAdmins":1,"numberEditors":1,"numberInteractiveViewers":0,"numberViewers":1,
            "numberWeeklyQueryingUsers":66,"tableMostQueries":[{"userUuid":"a","firstName":"Ann","lastName":"<b>Lee</b>","count":"4"}],
            "tableMostCreatedCharts":[],"tableNoQueries":[],"chartWeeklyQueryingUsers":[{"date":"2026-02-11T00:00:00.000Z",
            "num_7d_active_users":"2","percent_7d_active_users":"66"}],"chartWeeklyAverageQueries":[],"dashboardViews":[],
            "chartViews":[],"userMostViewedDashboards":[]}}
            """#
        guard let loaded = try? PayloadDecoder.decode(Array(payload.utf8)) else { return nil }
        return (loaded.activity, Analyzer.analyze(loaded))
    }()

    static func templates(_ bytes: [UInt8]) -> [String] {
        guard let (activity, insights) = sample else { return ["the template target's own payload is invalid"] }
        var templates = Templates.builtIn
        if let nul = bytes.firstIndex(of: 0) {
            templates.page = Array(bytes[..<nul])
            templates.stylesheet = String(decoding: bytes[(nul + 1)...], as: UTF8.self)
        } else {
            templates.page = bytes
        }
        templates.pageName = "fuzzed report.html"
        do {
            let page = try HTMLReport.render(
                activity: activity, insights: insights, options: ReportOptions(generatedAt: 0), templates: templates)
            if page.isEmpty { return ["a template gave an empty page"] }
        } catch {
            // A template is the user's own file: its errors may quote it, only their length is bounded.
            let long = error.description.split(separator: "\n").first { $0.utf8.count > longestMessageLine }
            return long.map { ["template error: a line of \($0.utf8.count) bytes"] } ?? []
        }
        return []
    }
}
