import ActivityModel
import Insights

/// A ``ChatPost`` as a Microsoft Teams message for a workflow webhook ("When a Teams webhook
/// request is received"): one Adaptive Card 1.4 attachment. Every text is a `TextRun` of a
/// `RichTextBlock`, which Teams never reads as Markdown, so no user text can make a link or
/// formatting. The whole message stays under Teams' message size limit: findings and projects
/// that do not fit are counted in "and N more".
public enum TeamsCard {
    public enum Limits {
        /// Teams refuses messages over about 28 KB; this leaves room for the envelope.
        public static let messageBytes = 27_000
    }

    public static let maxFindings = 5

    public static func render(_ post: ChatPost) -> [UInt8] {
        var rows = post.rows.count
        var findings = min(post.findings.count, maxFindings)
        while true {
            let bytes = JSONWriter.compact(tree(post, rows: rows, findings: findings))
            if bytes.count <= Limits.messageBytes || (rows == 0 && findings == 0) { return bytes }
            if rows > 0 {
                rows = min(rows - 1, rows * 9 / 10)
            } else {
                findings -= 1
            }
        }
    }

    static func tree(_ post: ChatPost, rows shownRows: Int, findings shownFindings: Int) -> JSONValue {
        var body: [JSONValue] = []
        body.append(rich([run(post.title, limit: 300, ("size", "Large"), ("weight", "Bolder"))]))
        body.append(rich([run(post.period, limit: 600, ("isSubtle", nil))], spacing: "None"))
        if !post.findings.isEmpty || post.noFindings != nil {
            body.append(rich([run("Findings", ("size", "Medium"), ("weight", "Bolder"))], spacing: "Medium"))
            for item in post.findings.prefix(shownFindings) {
                let color = colour(item.severity)
                let label = ChatPost.emoji(item.severity) + " " + ChatPost.word(item.severity) + ": "
                body.append(rich([run(label, ("weight", "Bolder"), ("color", color))] + runs(item.title.clipped(to: 300), bold: true)))
                body.append(rich(runs(item.detail.clipped(to: 900), bold: false), spacing: "None"))
            }
            if post.findings.count > shownFindings {
                body.append(rich([run("and \(post.findings.count - shownFindings) more in the full report", ("isSubtle", nil))]))
            }
            if let none = post.noFindings { body.append(rich([run(none, limit: 600)])) }
        }
        if let trend = post.trend {
            var inlines: [JSONValue] = []
            if let severity = trend.severity {
                inlines.append(
                    run(ChatPost.emoji(severity) + " " + ChatPost.word(severity) + ": ", ("weight", "Bolder"), ("color", colour(severity))))
            }
            inlines.append(run(ChatPost.Trend.label + ": ", ("weight", "Bolder")))
            inlines.append(run(trend.line, limit: 600))
            body.append(rich(inlines, spacing: "Medium"))
        }
        if !post.figures.isEmpty {
            let facts = post.figures.map { f -> JSONValue in
                var value = f.value + " · " + f.detail
                if let change = f.change { value += "; " + change }
                return .object([
                    ("title", .string(ChatPost.userText(f.label, limit: 100))), ("value", .string(ChatPost.userText(value, limit: 400))),
                ])
            }
            body.append(.object([("type", .string("FactSet")), ("separator", .bool(true)), ("facts", .array(facts))]))
        }
        if !post.rows.isEmpty {
            for row in post.rows.prefix(shownRows) {
                var inlines = runs(row.line, bold: false)
                if let link = row.link {
                    inlines.append(run(" "))
                    inlines.append(
                        .object([
                            ("type", .string("TextRun")), ("text", .string("report")),
                            ("selectAction", .object([("type", .string("Action.OpenUrl")), ("url", .string(link))])),
                        ]))
                }
                body.append(rich(inlines, spacing: "Small"))
            }
            if shownRows < post.rows.count {
                body.append(rich([run("and \(post.rows.count - shownRows) more projects in the index", ("isSubtle", nil))]))
            }
        }
        var card: [(String, JSONValue)] = [
            ("$schema", .string("http://adaptivecards.io/schemas/adaptive-card.json")),
            ("type", .string("AdaptiveCard")),
            ("version", .string("1.4")),
            ("msteams", .object([("width", .string("Full"))])),
            ("body", .array(body)),
        ]
        if let link = post.link {
            let title = post.rows.isEmpty ? ChatPost.linkTitle : ChatPost.indexLinkTitle
            card.append(
                ("actions", .array([.object([("type", .string("Action.OpenUrl")), ("title", .string(title)), ("url", .string(link))])])))
        }
        return .object([
            ("type", .string("message")),
            ("summary", .string(ChatPost.userText(post.fallback, limit: 300))),
            (
                "attachments",
                .array([
                    .object([
                        ("contentType", .string("application/vnd.microsoft.card.adaptive")),
                        ("contentUrl", .null),
                        ("content", .object(card)),
                    ])
                ])
            ),
        ])
    }

    /// A severity's Adaptive Card colour.
    static func colour(_ severity: Finding.Severity) -> String {
        switch severity {
        case .act: "Attention"
        case .watch: "Warning"
        case .good: "Good"
        case .info: "Accent"
        }
    }

    static func rich(_ inlines: [JSONValue], spacing: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", .string("RichTextBlock")), ("inlines", .array(inlines))]
        if let spacing { members.append(("spacing", .string(spacing))) }
        return .object(members)
    }

    /// A `TextRun` of `text` (cleaned, at most `limit` characters) with styles: a nil value is `true`.
    static func run(_ text: String, limit: Int = 200, _ styles: (String, String?)...) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", .string("TextRun")), ("text", .string(ChatPost.clean(text, limit: limit)))]
        for (key, value) in styles { members.append((key, value.map(JSONValue.string) ?? .bool(true))) }
        return .object(members)
    }

    /// A phrase as runs: names cleaned and isolated, numbers bold.
    static func runs(_ phrase: Phrase, bold: Bool) -> [JSONValue] {
        phrase.spans.map { span in
            switch span {
            case .text(let s): bold ? run(s, limit: 1000, ("weight", "Bolder")) : run(s, limit: 1000)
            case .number(let s): run(s, limit: 100, ("weight", "Bolder"))
            case .name(let name):
                bold ? run(ChatPost.userText(name, limit: 80), ("weight", "Bolder")) : run(ChatPost.userText(name, limit: 80))
            }
        }
    }
}
