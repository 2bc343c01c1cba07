import ActivityModel
import Markup

extension ProjectIndex {
    /// The index as the HTML part of `index.eml` (`--digest`): one 600 px column, a table with
    /// inline styles only and explicit colours, as `email.html` is made.
    public static func email(_ rows: [ProjectIndexRow], title: String, generatedAt: Int64) -> [UInt8] {
        let font = "font-family:Verdana,'DejaVu Sans',Arial,sans-serif;"
        let ink = "#1a1a1a"
        let doc = Document.html()
        let html = doc.makeRoot("html")
        html.set("lang", "en")
        let head = html.append("head")
        head.append("meta", ["charset": "utf-8"])
        head.append("meta", ["name": "color-scheme", "content": "light only"])
        head.append("title", text: title)
        let body = html.append("body", ["style": "margin:0;padding:16px;background-color:#ffffff;color:\(ink);", "bgcolor": "#ffffff"])
        body.append("h1", ["style": "\(font)font-size:22px;margin:0 0 4px 0;color:\(ink);"], text: title)
        body.append("p", ["style": "\(font)font-size:13px;margin:0 0 12px 0;color:#4a4a4a;"], text: summaryLine(rows, generatedAt))
        let table = body.append(
            "table", ["role": "presentation", "cellpadding": "4", "cellspacing": "0", "border": "0", "style": "border-collapse:collapse;"])
        let head2 = table.append("tr")
        for (index, column) in columns.dropLast().enumerated() {
            head2.append(
                "th",
                [
                    "align": index == 0 ? "left" : "right", "bgcolor": "#e4e4e4",
                    "style": "\(font)font-size:12px;color:\(ink);background-color:#e4e4e4;border-bottom:1px solid #b0b0b0;",
                ], text: column)
        }
        let cell = "\(font)font-size:12px;color:\(ink);background-color:#ffffff;border-bottom:1px solid #e4e4e4;"
        for row in sorted(rows) {
            let tr = table.append("tr")
            let th = tr.append("td", ["align": "left", "bgcolor": "#ffffff", "style": cell])
            th.append("bdi", text: row.shownName)
            if let failure = row.failure {
                tr.append(
                    "td", ["colspan": String(columns.count - 2), "bgcolor": "#ffffff", "style": cell], text: "No report: " + failure)
                continue
            }
            for value in cells(row) { tr.append("td", ["align": "right", "bgcolor": "#ffffff", "style": cell], text: value) }
        }
        body.append(
            "p", ["style": "\(font)font-size:12px;margin:12px 0 0 0;color:#4a4a4a;"],
            text: "Each project's report is in its folder beside index.html.")
        return doc.serialize()
    }
}
