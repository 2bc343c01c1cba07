public import ActivityModel
public import Insights

/// Render: summary.md, GitHub-flavoured Markdown for CI job summaries and emails.
public enum MarkdownSummary {
    /// The summary never exceeds this many bytes (GitHub's job-summary limit is 1 MiB).
    public static let byteLimit = 1_048_576

    public static func render(activity: UserActivity, insights: Insights, options: ReportOptions) -> [UInt8] {
        var md = ""
        md += "# " + MarkdownText.escape(options.title, limit: 200) + "\n\n"
        md += MarkdownText.own(HTMLReport.periodLine(insights, options)) + "\n\n"
        if let url = options.reportURL, ReportOptions.problem(reportURL: url) == nil { md += "The full report: <" + url + ">\n\n" }

        md += findings(insights)

        let h = Headline(insights)
        md +=
            "| "
            + h.figures.map { "[" + MarkdownText.own($0.label) + "](#" + InsightsText.definitionsAnchor + ")" }.joined(separator: " | ")
            + " |\n"
        md += "|" + String(repeating: " ---: |", count: h.figures.count) + "\n"
        md +=
            "| "
            + h.figures.map { f in
                "**" + MarkdownText.own(f.value) + "** " + MarkdownText.own(f.detail)
                    + (f.change.map { " · _" + MarkdownText.own($0) + "_" } ?? "")
            }.joined(separator: " | ") + " |\n\n"
        if let note = h.note { md += "_" + MarkdownText.own(note) + "_\n\n" }
        md +=
            "**Users by role:** "
            + h.roles.map { MarkdownText.own($0.0) + " " + Format.integer($0.1) }.joined(separator: " · ") + "\n\n"
        md += OverTimeSection.markdown(insights)
        md += ViewsSection.markdown(insights)
        md += CleanupSection.markdown(insights)

        if !insights.dataNotes.isEmpty {
            md += "## Data notes\n\n"
            for note in insights.dataNotes { md += "- " + MarkdownText.own(note.message) + "\n" }
            md += "\n"
        }

        for section in Sections.lists(activity, limit: options.summaryRows) + CleanupSection.lists(insights, limit: options.summaryRows) {
            md += "## " + MarkdownText.own(section.title) + " (" + MarkdownText.own(section.window) + ")\n\n"
            guard !section.rows.isEmpty else {
                md += "_" + MarkdownText.own(section.emptyMessage) + "_\n\n"
                continue
            }
            md += "| " + section.columns.map { MarkdownText.own($0.title) }.joined(separator: " | ") + " |\n"
            md += "|" + section.columns.map { $0.numeric ? " ---: |" : " --- |" }.joined() + "\n"
            let shown = min(options.summaryRows, section.rows.count)
            for row in section.rows.prefix(shown) {
                md += "| " + row.map(cell).joined(separator: " | ") + " |\n"
            }
            if let more = section.moreText(shown: shown) { md += "\n_" + MarkdownText.own(more) + "._\n" }
            md += "\n"
        }
        md += definitions(insights)
        md += "_Made by ActivityReport at " + Format.timestamp(options.generatedAt) + "._\n"
        return Array(clamp(md).utf8)
    }

    static func cell(_ c: Cell) -> String {
        let text: String
        switch c {
        case .person, .content, .text: text = MarkdownText.escape(c.plain)
        default: text = MarkdownText.own(c.plain)  // numbers and dates we formatted
        }
        if c.isPlaceholder { return "_" + text + "_" }
        return text.isEmpty ? " " : text
    }

    /// Keeps the summary under ``byteLimit``: cuts at a line boundary and says so.
    static func clamp(_ md: String) -> String {
        guard md.utf8.count > byteLimit else { return md }
        let note = "\n\n_The summary was cut here to stay under 1 MiB; see report.html for everything._\n"
        var out = ""
        var size = 0
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            let n = line.utf8.count + 1
            if size + n + note.utf8.count > byteLimit { break }
            out += line + "\n"
            size += n
        }
        return out + note
    }
}
