public import ActivityModel
public import Charts
public import Insights
public import Markup

/// Render: the self-contained report.html, built with libxml2's tree API through `Markup`.
public enum HTMLReport {
    /// The page as UTF-8 bytes. Throws only for a broken user template.
    /// `charts`: the charts drawn in the page (built from the data when nil).
    public static func render(
        activity: UserActivity, insights: Insights, options: ReportOptions, templates: Templates = .builtIn,
        charts: ChartSet? = nil, narrowCharts: ChartSet? = nil
    ) throws(RenderError) -> [UInt8] {
        let doc = try build(
            activity: activity, insights: insights, options: options, templates: templates, charts: charts, narrowCharts: narrowCharts)
        return doc.serialize()
    }

    /// The page as a document, for callers that add to it (charts) before serializing.
    /// `charts`: the standalone drawings; `narrowCharts`: the same charts laid out for phones
    /// (``Theme/narrow``). Each is built from the data when nil.
    public static func build(
        activity: UserActivity, insights: Insights, options: ReportOptions, templates: Templates = .builtIn,
        charts: ChartSet? = nil, narrowCharts: ChartSet? = nil
    ) throws(RenderError) -> Document {
        let doc = try templates.parsedPage()
        let pair = ChartFigures.Pair(
            wide: charts ?? ChartBuilder.build(activity, insights: insights),
            narrow: narrowCharts ?? ChartBuilder.build(activity, insights: insights, theme: Theme.standard.narrow))
        let daily = ChartFigures.DailySeriesValues(
            activeUsers: activity.activeUsersSeries.map { Double($0.activeUsers) },
            percent: activity.activeUsersSeries.map(\.activePercent))
        fill(doc, slot: "title", text: options.title)
        fill(doc, slot: "heading", text: options.title)
        fill(doc, slot: "period", text: periodLine(insights, options))
        fill(
            doc, slot: "footer",
            text:
                "Made by ActivityReport from Lightdash's user-activity analytics at \(Format.timestamp(options.generatedAt)). Numbers are as the server reported them; see the data notes for anything odd."
        )
        for style in doc.elements(slot: "style") {
            style.removeChildren()
            style.text(templates.stylesheet)
        }
        for content in doc.elements(slot: "content").prefix(1) {
            content.removeChildren()
            if let link = options.indexLink {
                content.append("nav", ["class": "back", "aria-label": "Index"]).append("a", ["href": link], text: "← All projects")
            }
            findings(content, insights)
            headline(content, insights, charts: pair, daily: daily)
            dataNotes(content, insights.dataNotes)
            OverTimeSection.append(content, insights, charts: pair)
            ViewsSection.append(content, insights, charts: pair, maxRows: options.maxRows)
            for section in Sections.lists(activity, limit: options.maxRows) {
                list(content, section, maxRows: options.maxRows, charts: pair)
            }
            CleanupSection.append(content, insights)
            for section in CleanupSection.lists(insights, limit: options.maxRows) {
                list(content, section, maxRows: options.maxRows, charts: pair)
            }
            definitions(content, insights)
        }
        return doc
    }

    /// `Activity in the 7 days to 11 Feb 2026. Generated 11 Feb 2026, 08:53 UTC.`: the line
    /// under the title of the page, the summary and the email.
    package static func periodLine(_ insights: Insights, _ options: ReportOptions) -> String {
        let generated = "Generated \(Format.timestamp(options.generatedAt))."
        guard let asOf = insights.trend.asOf else { return "No daily activity in the data yet. " + generated }
        return "Activity in the 7 days to \(asOf.long). " + generated
    }

    static func fill(_ doc: Document, slot: String, text: String) {
        for element in doc.elements(slot: slot) {
            element.removeChildren()
            element.text(text)
        }
    }

    static func headline(_ parent: Element, _ insights: Insights, charts: ChartFigures.Pair, daily: ChartFigures.DailySeriesValues) {
        let h = Headline(insights)
        let section = parent.append("section", ["id": "headline", "aria-labelledby": "headline-title"])
        section.append("h2", ["id": "headline-title"], text: "Headline")
        let cards = section.append("div", ["class": "cards"])
        for figure in h.figures {
            let card = cards.append("div", ["class": "card"])
            card.append("p", ["class": "label"]).append("a", ["href": "#def-" + figure.definition.id], text: figure.label)
            let value = card.append("p", ["class": "value"], text: figure.value)
            if figure.direction > 0 { value.set("class", "value up") }
            if figure.direction < 0 { value.set("class", "value down") }
            card.append("p", ["class": "sub"], text: figure.detail)
            if let change = figure.change {
                let tone = figure.changeTone > 0 ? " better" : figure.changeTone < 0 ? " worse" : ""
                card.append("p", ["class": "change" + tone], text: change)
            }
            if let spark = ChartFigures.sparkline(for: figure.definition.id, insights: insights, series: daily), let svg = spark.root {
                card.append("div", ["class": "spark"]).appendCopy(of: svg)
            }
        }
        if let note = h.note { section.append("p", ["class": "window"], text: note) }
        section.append("h3", ["id": "roles-title"], text: "Users by role")
        if let roles = charts.wide["roles"], !roles.scene.dataMarks.isEmpty {
            // The chart, then its data (the role table) in <details>.
            ChartFigures.figure(roles, narrow: charts.narrow["roles"], into: section, dataTable: true)
            return
        }
        let wrap = section.append("div", ["class": "table-wrap roles"])
        let table = wrap.append("table", ["aria-labelledby": "roles-title"])
        let head = table.append("thead").append("tr")
        head.append("th", ["scope": "col"], text: "Role")
        head.append("th", ["scope": "col", "class": "num"], text: "Users")
        let body = table.append("tbody")
        for (role, count) in h.roles {
            let tr = body.append("tr")
            tr.append("th", ["scope": "row"], text: role)
            tr.append("td", ["class": "num"], text: Format.integer(count))
        }
    }

    static func dataNotes(_ parent: Element, _ notes: [Diagnostic]) {
        guard !notes.isEmpty else { return }
        let section = parent.append("section", ["id": "data-notes", "class": "notes", "aria-labelledby": "data-notes-title"])
        section.append("h2", ["id": "data-notes-title"], text: "Data notes")
        let ul = section.append("ul")
        for note in notes {
            ul.append("li", ["data-code": note.code], text: note.message)
        }
    }

    /// Rows of the daily table shown open; the rest (up to `--max-rows`) are in `<details>`.
    static let openDays = 8

    /// A list section: its chart, then one table (capped, "and N more" linking to the list's CSV
    /// file). An empty list, or a daily series where nothing happened, is one sentence.
    static func list(_ parent: Element, _ s: ListSection, maxRows: Int, charts: ChartFigures.Pair) {
        let section = parent.append("section", ["id": s.id, "aria-labelledby": s.id + "-title"])
        section.append("h2", ["id": s.id + "-title"], text: s.title)
        if s.rows.isEmpty || s.quietMessage != nil {
            section.set("class", "empty-section")
            section.append("p", ["class": "empty"], text: s.quietMessage ?? s.emptyMessage)
            return
        }
        section.append("p", ["class": "window"], text: capitalizedFirst(s.window) + ". " + s.explanation)
        let shown = min(maxRows, s.rows.count)
        // A section with one chart puts it beside its table on wide screens (`side`).
        let body = section.append("div", ["class": "list-body"])
        let figures = ChartFigures.append(section: s.id, charts: charts, sectionHasRows: true, tableRows: shown, to: body)
        if figures == 1 { body.set("class", "list-body side") }
        let tables = body.append("div", ["class": "list-tables"])
        let open = s.id == "daily-activity" ? min(openDays, shown) : shown
        table(s, rows: s.rows.prefix(open), labelledBy: s.id + "-title", into: tables)
        if open < shown {
            let details = tables.append("details", ["class": "more-rows"])
            details.append(
                "summary", text: "The \(Format.integer(shown - open)) earlier \(shown - open == 1 ? s.noun.singular : s.noun.plural)")
            table(s, rows: s.rows[open..<shown], caption: s.title + ", earlier " + s.noun.plural, into: details)
        }
        if let more = s.moreText(shown: shown) {
            // The link names no file: file names keep older words (most-queries), the page's don't.
            let p = tables.append("p", ["class": "more"], text: more + ": ")
            p.append("a", ["href": s.csvPath], text: "the whole list as CSV")
            p.text(".")
        }
    }

    /// One table of a list's rows, named by the section heading or by its own caption.
    static func table(
        _ s: ListSection, rows: ArraySlice<[Cell]>, labelledBy: String? = nil, caption: String? = nil, into parent: Element
    ) {
        let wrap = parent.append("div", ["class": "table-wrap"])
        let table = wrap.append("table")
        if let labelledBy { table.set("aria-labelledby", labelledBy) }
        if let caption { table.append("caption", text: caption) }
        let head = table.append("thead").append("tr")
        for column in s.columns {
            let th = head.append("th", ["scope": "col"], text: column.title)
            if column.numeric { th.set("class", "num") }
        }
        let body = table.append("tbody")
        for row in rows {
            let tr = body.append("tr")
            for (index, cell) in row.enumerated() {
                let td = tr.append("td")
                if cell.isNumeric || s.columns[index].numeric { td.set("class", "num") }
                if case .text = cell, s.columns[index].title == "#" { td.set("class", "rank") }
                write(cell, into: td)
            }
        }
    }

    /// Names go into `<bdi>` so right-to-left text cannot reorder the cells around it.
    static func write(_ cell: Cell, into td: Element) {
        switch cell {
        case .person, .content:
            if cell.isPlaceholder {
                td.append("span", ["class": "unnamed"], text: cell.plain)
            } else {
                td.append("bdi", text: cell.plain)
            }
        case .day(let day):
            td.append("time", ["datetime": day.iso], text: cell.plain)
        case .decimal(nil):
            td.append("span", ["class": "unnamed", "title": "no active user in the 7 days to this day"], text: "none")
        default:
            td.text(cell.plain)
        }
    }

    static func capitalizedFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }
}
