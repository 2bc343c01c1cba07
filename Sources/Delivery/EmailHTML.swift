public import ActivityModel
public import Charts
public import Insights
import Markup
import ReportRendering

/// `email.html`: the report for mail clients. One fluid column (the screen's width, at most
/// 600 px; 600 px where CSS is ignored) laid out with tables, inline
/// styles only, no SVG, no script, no `data:` URIs and no `<style>` element; charts are PNG
/// images whose numbers are also written as text (for images off), with explicit colours on
/// every cell so that forced dark mode keeps contrast. Lists are capped at ``rowsPerTable`` rows,
/// so the size does not grow with the number of users.
///
/// It says what the page says, in the same words and numbers: the findings with their severity
/// (a word, and a colour), the headline cards with their changes, the data notes, each chart
/// with its data newest day first, and the inactive users by name. It points at no file it does
/// not carry: with a report URL "the full report" is a link, otherwise the email says the full
/// report is in the output folder of the run.
public enum EmailHTML {
    public static let rowsPerTable = 8
    static let cellLimit = 60

    /// One chart as the email shows it.
    public struct Figure {
        public var chart: RenderedChart
        /// `cid:...` in report.eml, `charts/NAME.png` in email.html.
        public var source: String
        public var width: Int
        public var height: Int
        public init(chart: RenderedChart, source: String, width: Int, height: Int) {
            self.chart = chart
            self.source = source
            self.width = width
            self.height = height
        }
    }

    static let ink = "#1a1a1a"
    static let muted = "#4a4a4a"
    static let paper = "#ffffff"
    static let tile = "#eef3fb"
    static let font = "font-family:Verdana,'DejaVu Sans',Arial,sans-serif;"
    static let better = "#14632a"
    static let worse = "#8a1111"

    /// The colours of a severity: text, background, border. The word is always printed too.
    public static func colours(_ s: Finding.Severity) -> (text: String, background: String, border: String) {
        switch s {
        case .act: ("#8a1111", "#fde2e2", "#c62828")
        case .watch: ("#6b4400", "#fff0cc", "#b26a00")
        case .good: ("#14632a", "#dff3e4", "#2e7d32")
        case .info: ("#2f3d4f", "#e6ebf1", "#6b7a8c")
        }
    }

    /// The email's HTML. `period` is the line under the title (the page's); `reportURL` makes
    /// "the full report" a link.
    public static func render(
        title: String, period: String, insights: Insights, activity: UserActivity, figures: [Figure], trend: Figure? = nil,
        reportURL: String? = nil
    ) -> [UInt8] {
        let doc = Document.html()
        let html = doc.makeRoot("html")
        html.set("lang", "en")
        let head = html.append("head")
        head.append("meta", ["charset": "utf-8"])
        head.append("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        head.append("meta", ["name": "color-scheme", "content": "light only"])
        head.append("title", text: title)
        let body = html.append("body", ["style": "margin:0;padding:0;background-color:#f0f0f0;color:\(ink);", "bgcolor": "#f0f0f0"])
        let outer = body.append(
            "table",
            [
                "role": "presentation", "width": "100%", "cellpadding": "0", "cellspacing": "0", "border": "0", "bgcolor": "#f0f0f0",
                "style": "background-color:#f0f0f0;",
            ])
        let outerCell = outer.append("tr").append("td", ["align": "center", "style": "padding:16px 0;"])
        let column = outerCell.append(
            "table",
            [
                "role": "presentation", "width": "600", "cellpadding": "0", "cellspacing": "0", "border": "0", "bgcolor": paper,
                // Fluid: the full width of a phone, at most 600 px; clients that ignore CSS (Outlook's
                // Word engine) keep the 600 of the attribute.
                "style": "width:100%;max-width:600px;background-color:\(paper);color:\(ink);border:1px solid #d0d0d0;",
            ])
        func row(_ padding: String = "16px 16px") -> Element {
            column.append("tr").append(
                "td",
                [
                    "bgcolor": paper,
                    "style": "\(font)padding:\(padding);background-color:\(paper);color:\(ink);font-size:14px;line-height:1.5;",
                ])
        }
        let header = row("24px 16px 8px 16px")
        header.append("h1", ["style": "\(font)margin:0 0 4px 0;font-size:22px;line-height:1.3;color:\(ink);"], text: title)
        header.append("p", ["style": "\(font)margin:0;font-size:13px;color:\(muted);"], text: period)
        if let reportURL {
            let p = header.append("p", ["style": "\(font)margin:4px 0 0 0;font-size:13px;color:\(muted);"])
            p.append("a", ["href": reportURL, "style": "color:#0b4f9c;"], text: "The full report")
        }

        findings(row(), insights)
        headline(row(), Headline(insights))
        if let trend { overTime(row(), trend, reportURL: reportURL) }
        if let views = insights.views { viewsHighlights(row(), views) }
        if let cleanup = insights.cleanup {
            // The clean-up highlights: the counts of the page's Clean-up part, in one sentence.
            let cell = row()
            cell.append("h2", ["style": "\(font)margin:0 0 8px 0;font-size:17px;color:\(ink);"], text: "Clean-up")
            cell.append(
                "p", ["style": "\(font)margin:0;font-size:13px;color:\(ink);"], text: CleanupSection.line(cleanup, insights.thresholds))
        }
        if !insights.dataNotes.isEmpty {
            let cell = row()
            cell.append("h2", ["style": "\(font)margin:0 0 8px 0;font-size:17px;color:\(ink);"], text: "Data notes")
            let list = cell.append("ul", ["style": "\(font)margin:0;padding:0 0 0 20px;font-size:13px;color:\(ink);"])
            for note in insights.dataNotes.prefix(rowsPerTable) { list.append("li", text: note.message) }
            if insights.dataNotes.count > rowsPerTable {
                more(cell, "and \(Format.count(insights.dataNotes.count - rowsPerTable, "more note")) in", reportURL)
            }
        }

        // Charts: image, the numbers as text, then the first rows of its data.
        let inactiveList = Sections.lists(activity, limit: rowsPerTable).first { $0.id == "inactive-users" }
        for figure in figures {
            let cell = row()
            let chart = figure.chart
            cell.append("h2", ["style": "\(font)margin:0 0 8px 0;font-size:17px;color:\(ink);"], text: chart.title)
            let scaledHeight = figure.width > 552 ? figure.height * 552 / max(figure.width, 1) : figure.height
            let width = min(figure.width, 552)
            cell.append(
                "img",
                [
                    "src": figure.source, "width": String(width), "height": String(scaledHeight), "alt": clip(chart.summary, 600),
                    "style":
                        "display:block;width:\(width)px;max-width:100%;height:auto;border:1px solid #d0d0d0;background-color:#ffffff;\(font)font-size:13px;color:\(ink);",
                ])
            cell.append("p", ["style": "\(font)margin:8px 0;font-size:13px;color:\(ink);"], text: chart.summary)
            table(chart.table, into: cell, reportURL: reportURL)
            if chart.name == "inactivity", let list = inactiveList, !list.rows.isEmpty {
                // The people behind the buckets, longest inactive first, as the page lists them.
                cell.append("h3", ["style": "\(font)margin:12px 0 4px 0;font-size:15px;color:\(ink);"], text: list.title)
                let rows = list.rows.map { $0.map(\.plain) }
                table(
                    DataTable(columns: list.columns.map(\.title), rows: rows, numeric: list.columns.map(\.numeric)), into: cell,
                    reportURL: reportURL, total: list.total, noun: list.noun.plural)
            }
        }
        let footer = row("16px 16px 24px 16px")
        let p = footer.append("p", ["style": "\(font)margin:0;font-size:12px;color:\(muted);"])
        if let reportURL {
            p.append("a", ["href": reportURL, "style": "color:#0b4f9c;"], text: "The full report")
            p.text(" has every list in full, the definitions of the numbers and every chart at full size.")
        } else {
            p.text(fullReportInOutputFolder)
        }
        return doc.serialize()
    }

    /// What the email says about the full report without a report URL.
    public static let fullReportInOutputFolder =
        "The full report (report.html, with every list, the definitions of the numbers and every chart) and every list in full (data/*.csv) are in the output folder of this run; they are not attached to this email."

    /// The findings, most important first, each with its severity as a word on its colour.
    static func findings(_ cell: Element, _ insights: Insights) {
        cell.append("h2", ["style": "\(font)margin:0 0 8px 0;font-size:17px;color:\(ink);"], text: InsightsText.findingsTitle)
        if let line = InsightsText.comparisonLine(insights) {
            cell.append("p", ["style": "\(font)margin:0 0 8px 0;font-size:13px;color:\(muted);"], text: line)
        }
        guard !insights.findings.isEmpty else {
            cell.append("p", ["style": "\(font)margin:0;font-size:14px;color:\(muted);"], text: InsightsText.noFindings(insights))
            return
        }
        let list = cell.append(
            "table", ["role": "presentation", "width": "100%", "cellpadding": "0", "cellspacing": "0", "border": "0"])
        for finding in insights.findings {
            let c = colours(finding.severity)
            let td = list.append("tr", ["data-id": finding.id]).append(
                "td",
                [
                    "bgcolor": paper, "data-severity": finding.severity.rawValue,
                    "style":
                        "\(font)padding:4px 0 8px 10px;background-color:\(paper);color:\(ink);border-left:4px solid \(c.border);",
                ])
            let title = td.append("p", ["style": "\(font)margin:0;font-size:14px;color:\(ink);"])
            title.append(
                "span",
                [
                    "style":
                        "\(font)display:inline-block;padding:0 6px;font-size:11px;font-weight:bold;text-transform:uppercase;letter-spacing:0.03em;color:\(c.text);background-color:\(c.background);border:1px solid \(c.border);"
                ], text: InsightsText.severity(finding.severity))
            title.text(" ")
            phrase(finding.title.clipped(to: 300), into: title.append("strong", ["style": "color:\(ink);"]))
            phrase(
                finding.detail.clipped(to: 600),
                into: td.append("p", ["style": "\(font)margin:2px 0 0 0;font-size:14px;color:\(ink);"]))
        }
    }

    /// The headline cards, three to a row, each with its change.
    static func headline(_ cell: Element, _ h: Headline) {
        let cards = cell.append(
            "table", ["role": "presentation", "width": "100%", "cellpadding": "0", "cellspacing": "0", "border": "0"])
        var tr = cards.append("tr")
        for (i, figure) in h.figures.enumerated() {
            if i > 0 && i % 3 == 0 { tr = cards.append("tr") }
            let td = tr.append(
                "td",
                [
                    "width": "33%", "valign": "top", "bgcolor": tile,
                    "style": "\(font)padding:10px;background-color:\(tile);color:\(ink);border:2px solid \(paper);",
                ])
            td.append("div", ["style": "\(font)font-size:12px;color:\(muted);"], text: figure.label)
            td.append("div", ["style": "\(font)font-size:24px;font-weight:bold;color:\(ink);"], text: figure.value)
            td.append("div", ["style": "\(font)font-size:12px;color:\(ink);"], text: figure.detail)
            if let change = figure.change {
                let colour = figure.changeTone > 0 ? better : figure.changeTone < 0 ? worse : muted
                td.append("div", ["style": "\(font)margin-top:4px;font-size:12px;color:\(colour);"], text: change)
            }
        }
        if let note = h.note {
            cell.append("p", ["style": "\(font)margin:8px 0 0 0;font-size:12px;color:\(muted);"], text: note)
        }
    }

    /// "Over time" (`--history`): the 12-week sparkline, whose alt text states every weekly value
    /// and the changes (so the email reads with images off), and where the whole history is.
    /// The full chart (up to 52 weeks, four panels) stays in the report: the email is the gist.
    static func overTime(_ cell: Element, _ figure: Figure, reportURL: String?) {
        cell.append("h2", ["style": "\(font)margin:0 0 8px 0;font-size:17px;color:\(ink);"], text: "Over time")
        let width = min(figure.width, 552)
        let height = figure.width > 552 ? figure.height * 552 / max(figure.width, 1) : figure.height
        cell.append(
            "img",
            [
                "src": figure.source, "width": String(width), "height": String(height), "alt": clip(figure.chart.summary, 600),
                "style":
                    "display:block;width:\(width)px;max-width:100%;height:auto;border:1px solid #d0d0d0;background-color:#ffffff;\(font)font-size:13px;color:\(ink);",
            ])
        let p = cell.append("p", ["style": "\(font)margin:8px 0 0 0;font-size:12px;color:\(muted);"])
        p.text(
            "Every week of the history, with the share of active users, the users with access and the inactive users: the Over time section of "
        )
        if let reportURL {
            p.append("a", ["href": reportURL, "style": "color:#0b4f9c;"], text: "the full report")
            p.text(".")
        } else {
            p.text("the full report.")
        }
    }

    /// `and 2 more rows in the full report`, "the full report" a link when there is a URL.
    static func more(_ cell: Element, _ text: String, _ reportURL: String?) {
        let p = cell.append("p", ["style": "\(font)margin:4px 0 0 0;font-size:12px;color:\(muted);"])
        p.text(text + " ")
        if let reportURL {
            p.append("a", ["href": reportURL, "style": "color:#0b4f9c;"], text: "the full report")
            p.text(".")
        } else {
            p.text("the full report.")
        }
    }

    /// The first ``rowsPerTable`` rows of `data` (daily data is newest first, like the page);
    /// `total` and `noun`: the whole list, when it is longer than the table's rows.
    static func table(_ data: DataTable, into cell: Element, reportURL: String?, total: Int? = nil, noun: String = "rows") {
        guard !data.rows.isEmpty else { return }
        let t = cell.append(
            "table",
            [
                "role": "presentation", "width": "100%", "cellpadding": "4", "cellspacing": "0", "border": "0",
                "style": "border-collapse:collapse;",
            ])
        let head = t.append("tr")
        for (i, column) in data.columns.enumerated() {
            let right = i < data.numeric.count && data.numeric[i]
            head.append(
                "th",
                [
                    "align": right ? "right" : "left", "bgcolor": "#e4e4e4",
                    "style":
                        "\(font)font-size:12px;color:\(ink);background-color:#e4e4e4;border-bottom:1px solid #b0b0b0;text-align:\(right ? "right" : "left");",
                ],
                text: clip(column, cellLimit))
        }
        for row in data.rows.prefix(rowsPerTable) {
            let tr = t.append("tr")
            for (i, value) in row.enumerated() {
                let right = i < data.numeric.count && data.numeric[i]
                tr.append(
                    "td",
                    [
                        "align": right ? "right" : "left", "bgcolor": paper,
                        "style": "\(font)font-size:12px;color:\(ink);background-color:\(paper);border-bottom:1px solid #e4e4e4;",
                    ],
                    text: clip(value, cellLimit))
            }
        }
        let all = total ?? data.rows.count
        let shown = min(rowsPerTable, data.rows.count)
        guard all > shown else { return }
        if data.columns.first == "Day" {
            more(cell, "The newest \(Format.integer(shown)) of \(Format.count(all, "day")); for the others, see", reportURL)
        } else {
            more(cell, "and \(Format.integer(all - shown)) more \(noun) in", reportURL)
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

    static func clip(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }
}
