import ActivityModel
package import Insights
import Markup

/// The parts of the reports that come from the analysis rather than from the payload's lists:
/// the findings (first), the changes since the last report (on the headline cards) and
/// "How these numbers are computed" (last), for the page and the summary alike.
package enum InsightsText {
    /// The severity as a word, which every report prints beside its colour (the word alone
    /// carries the meaning when colours are off).
    package static func severity(_ s: Finding.Severity) -> String {
        switch s {
        case .act: "Act"
        case .watch: "Watch"
        case .good: "Good"
        case .info: "Info"
        }
    }

    package static let findingsTitle = "Findings"
    static let definitionsTitle = "How these numbers are computed"
    /// GitHub's anchor for the definitions heading of summary.md.
    static let definitionsAnchor = "how-these-numbers-are-computed"

    package static func noFindings(_ insights: Insights) -> String {
        insights.users.total == 0 && insights.trend.asOf == nil
            ? "No findings: the data holds no users and no activity yet."
            : "No findings: none of the rules had the data it needs."
    }

    package static func comparisonLine(_ insights: Insights) -> String? {
        guard let c = insights.comparison else { return nil }
        let to = c.previousAsOf.map { " (data to \($0.long))" } ?? ""
        return "Changes are against the previous report\(to)."
    }
}

extension HTMLReport {
    /// `<section id="findings">`: one list item per finding, most important first.
    static func findings(_ parent: Element, _ insights: Insights) {
        let section = parent.append("section", ["id": "findings", "aria-labelledby": "findings-title"])
        section.append("h2", ["id": "findings-title"], text: InsightsText.findingsTitle)
        if let line = InsightsText.comparisonLine(insights) { section.append("p", ["class": "window"], text: line) }
        guard !insights.findings.isEmpty else {
            section.append("p", ["class": "empty"], text: InsightsText.noFindings(insights))
            return
        }
        let ol = section.append("ol", ["class": "findings"])
        for f in insights.findings {
            let li = ol.append("li", ["class": "finding " + f.severity.rawValue, "data-id": f.id])
            let title = li.append("p", ["class": "finding-title"])
            title.append("span", ["class": "badge " + f.severity.rawValue], text: InsightsText.severity(f.severity))
            title.text(" ")
            phrase(f.title, into: title.append("strong"))
            phrase(f.detail, into: li.append("p", ["class": "finding-detail"]))
        }
    }

    /// Our words and numbers as text, each name in `<bdi>` (user text, isolated against
    /// right-to-left reordering); libxml2 escapes both.
    static func phrase(_ phrase: Phrase, into parent: Element) {
        for span in phrase.spans {
            switch span {
            case .text(let s), .number(let s): parent.text(s)
            case .name(let name): parent.append("bdi", text: name)
            }
        }
    }

    /// `<section id="definitions">`: each number's definition, with the anchor its label links to.
    static func definitions(_ parent: Element, _ insights: Insights) {
        let section = parent.append("section", ["id": "definitions", "aria-labelledby": "definitions-title"])
        section.append("h2", ["id": "definitions-title"], text: InsightsText.definitionsTitle)
        section.append(
            "p", ["class": "window"],
            text:
                "Each number links here. Full definitions, with every key of insights.json: docs/insights.md in the ActivityReport repository."
        )
        let dl = section.append("dl", ["class": "definitions"])
        for e in Glossary.entries(for: insights) {
            // Each term with its definition in a <div>, so columns and pages never split them.
            let item = dl.append("div")
            item.append("dt", ["id": "def-" + e.id], text: e.term)
            let dd = item.append("dd")
            dd.text(e.text + " ")
            dd.append("span", ["class": "keys"], text: "insights.json: ")
            for (i, key) in e.keys.enumerated() {
                if i > 0 { dd.text(", ") }
                dd.append("code", text: key)
            }
        }
    }
}

extension MarkdownSummary {
    /// `## Findings` with one bullet per finding.
    static func findings(_ insights: Insights) -> String {
        var md = "## " + InsightsText.findingsTitle + "\n\n"
        if let line = InsightsText.comparisonLine(insights) { md += "_" + MarkdownText.own(line) + "_\n\n" }
        guard !insights.findings.isEmpty else { return md + "_" + MarkdownText.own(InsightsText.noFindings(insights)) + "_\n\n" }
        for f in insights.findings {
            md += "- **" + InsightsText.severity(f.severity) + ":** " + markdown(f.title) + ". " + markdown(f.detail) + "\n"
        }
        return md + "\n"
    }

    /// Our words and numbers escaped as our own text, names as user text.
    static func markdown(_ phrase: Phrase) -> String {
        phrase.spans.map { span in
            switch span {
            case .text(let s), .number(let s): MarkdownText.own(s)
            case .name(let name): MarkdownText.escape(name, limit: 120)
            }
        }.joined()
    }

    /// `## How these numbers are computed`.
    static func definitions(_ insights: Insights) -> String {
        var md = "## " + InsightsText.definitionsTitle + "\n\n"
        for e in Glossary.entries(for: insights) {
            md +=
                "- **" + MarkdownText.own(e.term) + "** (" + e.keys.map { "`" + $0 + "`" }.joined(separator: ", ") + "): "
                + MarkdownText.own(e.text) + "\n"
        }
        return md + "\n_Full definitions: docs/insights.md in the ActivityReport repository._\n\n"
    }
}
