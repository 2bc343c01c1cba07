import ActivityModel
public import Insights

/// What a chat message says, for Slack and Teams alike: built from the values the report
/// already has (the findings' ``Phrase``s, the headline numbers of ``Headline``, the index's
/// rows), never from rendered text. Each platform writes it within its own limits.
public struct ChatPost: Sendable, Equatable {
    /// One finding: its severity and its two phrases.
    public struct Item: Sendable, Equatable {
        public var severity: Finding.Severity
        public var title: Phrase
        public var detail: Phrase
    }

    /// One headline number.
    public struct Figure: Sendable, Equatable {
        public var label: String
        public var value: String
        public var detail: String
        /// The change since the previous report, in words.
        public var change: String?
    }

    /// One project of a digest: its name and figures as a phrase, or why it has no report.
    public struct Row: Sendable, Equatable {
        public var line: Phrase
        public var failed: Bool
        /// The project's report, when published.
        public var link: String?
        /// The index's cells (users, active, % active, week over week, inactive), empty when failed.
        public var cells: [String]
        public var name: String
    }

    public var title: String
    /// "Activity in the 7 days to ...", and the comparison line when there is one.
    public var period: String
    public var findings: [Item]
    /// What the report says when there is no finding.
    public var noFindings: String?
    public var figures: [Figure]
    public var rows: [Row]
    /// The full report (or the index), when `--report-url` says where it is published.
    public var link: String?
    /// The notification text: the title and the gist.
    public var fallback: String

    /// With `--history`: one line on the trend, summary.md's "Over time" line in the same words,
    /// judged with the severity of the `over-time-change` finding when there is one.
    public struct Trend: Sendable, Equatable {
        public var severity: Finding.Severity?
        /// `47 active users · last 12 weeks ▇█▇▆▅▄▃▂▂▁ · since a week ago: …`.
        public var line: String
        /// `Over time`.
        public static let label = "Over time"
    }

    public var trend: Trend? = nil

    /// The post of one report.
    public static func report(title: String, insights: Insights, generatedAt: Int64, link: String?) -> ChatPost {
        var period = HTMLReport.periodLine(insights, ReportOptions(title: title, generatedAt: generatedAt))
        if let line = InsightsText.comparisonLine(insights) { period += " " + line }
        let items = insights.findings.map { Item(severity: $0.severity, title: $0.title, detail: $0.detail) }
        let figures = Headline(insights).figures.map { Figure(label: $0.label, value: $0.value, detail: $0.detail, change: $0.change) }
        var fallback = title
        if let first = insights.findings.first {
            fallback += ": " + InsightsText.severity(first.severity) + ": " + first.title.text
            if insights.findings.count > 1 { fallback += " (and \(Format.count(insights.findings.count - 1, "more finding")))" }
        }
        let trend = insights.overTime.flatMap(OverTimeSection.compactLine).map { line in
            Trend(severity: insights.findings.first { $0.id == "over-time-change" }?.severity, line: line)
        }
        return ChatPost(
            title: title, period: period, findings: items, noFindings: items.isEmpty ? InsightsText.noFindings(insights) : nil,
            figures: figures, rows: [], link: link, fallback: fallback, trend: trend)
    }

    /// The digest of a many-project run: the index's table, one row a project (failed ones last).
    /// `link(folder)` gives a project's published report.
    public static func digest(
        _ rows: [ProjectIndexRow], title: String, generatedAt: Int64, link: String?, reportLink: (String) -> String?
    ) -> ChatPost {
        let sorted = ProjectIndex.sorted(rows)
        let lines = sorted.map { row -> Row in
            let name: Phrase = row.name.isEmpty ? Phrase(row.shownName) : .name(row.name)
            if let failure = row.failure {
                return Row(line: "\(name): no report: \(Phrase.name(failure))", failed: true, link: nil, cells: [], name: row.name)
            }
            let c = ProjectIndex.cells(row)
            var line: Phrase =
                "\(name): \(Phrase.number(c[0])) users, \(Phrase.number(c[1])) active (\(Phrase.number(c[2]))), \(Phrase.number(c[3])) week over week, \(Phrase.number(c[4])) inactive"
            // With --history: the index's 12 weeks of active users, as summary.md's index shows them.
            if let weekly = row.weekly {
                line = line + " · last \(Phrase.number(String(weekly.count))) weeks \(Phrase.number(OverTimeSection.blocks(weekly)))"
            }
            return Row(line: line, failed: false, link: row.safeFolder.flatMap(reportLink), cells: c, name: row.name)
        }
        let failed = rows.filter { $0.failure != nil }.count
        var fallback = title + ": " + Format.count(rows.count, "project")
        if failed > 0 { fallback += ", " + Format.count(failed, "failure") }
        return ChatPost(
            title: title, period: ProjectIndex.summaryLine(rows, generatedAt), findings: [], noFindings: nil, figures: [],
            rows: lines, link: link, fallback: fallback)
    }

    /// The words for a severity: `Act`, `Watch`, `Good`, `Info`.
    public static func word(_ severity: Finding.Severity) -> String { InsightsText.severity(severity) }

    /// Decoration only (the word says it): a coloured circle.
    static func emoji(_ severity: Finding.Severity) -> String {
        switch severity {
        case .act: "\u{1F534}"
        case .watch: "\u{1F7E1}"
        case .good: "\u{1F7E2}"
        case .info: "\u{1F535}"
        }
    }

    static let linkTitle = "Open the full report"
    static let indexLinkTitle = "Open the index of every report"

    /// User text for chat: control characters and line separators as spaces, at most `limit`
    /// characters, and isolated (U+2068 ... U+2069) when it holds right-to-left text.
    static func userText(_ text: String, limit: Int = 120) -> String {
        let out = clean(text, limit: Int.max).trimmingWhitespace()
        let clipped = out.count > limit ? String(out.prefix(limit - 1)) + "…" : out
        return text.unicodeScalars.contains { MarkdownText.isBidiRelevant($0.value) } ? "\u{2068}" + clipped + "\u{2069}" : clipped
    }

    /// Any text for chat: control characters and line separators as one space, at most `limit` characters.
    static func clean(_ text: String, limit: Int) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || !MarkdownText.isAllowedXMLish(v) {
                if !out.hasSuffix(" ") { out += " " }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out.count > limit ? String(out.prefix(limit - 1)) + "…" : out
    }
}
