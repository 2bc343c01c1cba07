public import Charts
public import Insights
import Markup

/// `email.html`: the report for mail clients. One 600 px column laid out with tables, inline
/// styles only, no SVG, no script, no `data:` URIs and no `<style>` element; charts are PNG
/// images whose numbers are also written as text (for images off), with explicit colours on
/// every cell so that forced dark mode keeps contrast. Lists are capped at ``rowsPerTable`` rows,
/// so the size does not grow with the number of users.
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
    static let font = "font-family:Verdana,'DejaVu Sans',Arial,sans-serif;"

    public static func render(title: String, period: String, insights: Insights, figures: [Figure]) -> [UInt8] {
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
                "style": "width:600px;max-width:600px;background-color:\(paper);color:\(ink);border:1px solid #d0d0d0;",
            ])
        func row(_ padding: String = "16px 24px") -> Element {
            column.append("tr").append(
                "td",
                [
                    "bgcolor": paper,
                    "style": "\(font)padding:\(padding);background-color:\(paper);color:\(ink);font-size:14px;line-height:1.5;",
                ])
        }
        let header = row("24px 24px 8px 24px")
        header.append("h1", ["style": "\(font)margin:0 0 4px 0;font-size:22px;line-height:1.3;color:\(ink);"], text: title)
        header.append("p", ["style": "\(font)margin:0;font-size:13px;color:\(muted);"], text: period)

        // Headline numbers.
        let headline = row()
        let numbers = headline.append(
            "table", ["role": "presentation", "width": "100%", "cellpadding": "0", "cellspacing": "0", "border": "0"])
        let tr = numbers.append("tr")
        let a = insights.activity
        let tiles: [(String, String)] = [
            ("\(Check.format(a.activePercent))%", "active in the last 7 days (\(a.activeUsers) of \(insights.users.total) users)"),
            ("\(a.queries7d)", "queries in the last 7 days"),
            ("\(insights.inactive.count)", "users inactive for 90+ days"),
        ]
        for (value, label) in tiles {
            let td = tr.append(
                "td",
                [
                    "width": "33%", "valign": "top", "bgcolor": "#eef3fb",
                    "style": "\(font)padding:10px;background-color:#eef3fb;color:\(ink);border:2px solid \(paper);",
                ])
            td.append("div", ["style": "\(font)font-size:24px;font-weight:bold;color:\(ink);"], text: value)
            td.append("div", ["style": "\(font)font-size:12px;color:\(muted);"], text: label)
        }

        // Findings.
        if !insights.findings.isEmpty {
            let cell = row()
            cell.append("h2", ["style": "\(font)margin:0 0 8px 0;font-size:17px;color:\(ink);"], text: "Findings")
            for finding in insights.findings.prefix(rowsPerTable) {
                phrase(
                    finding.title.clipped(to: 160),
                    into: cell.append("p", ["style": "\(font)margin:0;font-size:14px;font-weight:bold;color:\(ink);"]))
                phrase(
                    finding.detail.clipped(to: 400),
                    into: cell.append("p", ["style": "\(font)margin:0 0 10px 0;font-size:14px;color:\(ink);"]))
            }
            if insights.findings.count > rowsPerTable {
                cell.append(
                    "p", ["style": "\(font)margin:0;font-size:13px;color:\(muted);"],
                    text: "and \(insights.findings.count - rowsPerTable) more in report.html")
            }
        }

        // Charts: image, the numbers as text, then the first rows of its data.
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
            table(chart.table, into: cell)
        }
        let footer = row("16px 24px 24px 24px")
        footer.append(
            "p", ["style": "\(font)margin:0;font-size:12px;color:\(muted);"],
            text: "The full report with every list is report.html; the data is in data/*.csv.")
        return doc.serialize()
    }

    static func table(_ data: DataTable, into cell: Element) {
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
        // Time series show their newest rows; ranked lists their top rows.
        let timeSeries = data.columns.first == "Day"
        let shown = timeSeries ? Array(data.rows.suffix(rowsPerTable)) : Array(data.rows.prefix(rowsPerTable))
        for row in shown {
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
        if data.rows.count > rowsPerTable {
            cell.append(
                "p", ["style": "\(font)margin:4px 0 0 0;font-size:12px;color:\(muted);"],
                text:
                    "\(timeSeries ? "the newest \(rowsPerTable) of \(data.rows.count) days" : "and \(data.rows.count - rowsPerTable) more rows"): all in report.html and data/*.csv"
            )
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
