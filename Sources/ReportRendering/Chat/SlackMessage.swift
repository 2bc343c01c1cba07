import ActivityModel
import Insights

/// A ``ChatPost`` as a Slack incoming-webhook message: Block Kit blocks plus a `text` for
/// notifications. Every text is `mrkdwn` with `&`, `<` and `>` escaped (so no user text can
/// make a link or a mention) and `verbatim` (nothing is linked automatically); every limit of
/// Block Kit is kept, longer content is cut with "and N more".
public enum SlackMessage {
    /// Block Kit's limits (api.slack.com/reference/block-kit), counted in UTF-16 code units.
    public enum Limits {
        public static let blocks = 50
        public static let headerText = 150
        public static let sectionText = 3000
        public static let fields = 10
        public static let fieldText = 2000
        public static let contextElements = 10
        public static let contextText = 3000
        public static let buttonText = 75
        public static let url = 3000
        /// Slack truncates `text` past 40,000 characters; ours stays far below.
        public static let fallbackText = 3000
    }

    /// Findings shown; the rest are counted in "and N more".
    public static let maxFindings = 5

    public static func render(_ post: ChatPost) -> [UInt8] { JSONWriter.compact(tree(post)) }

    static func tree(_ post: ChatPost) -> JSONValue {
        var blocks: [JSONValue] = []
        blocks.append(
            .object([
                ("type", .string("header")),
                ("text", .object([("type", .string("plain_text")), ("text", .string(plain(post.title, Limits.headerText)))])),
            ]))
        blocks.append(context(escape(post.period, Limits.contextText)))
        if !post.findings.isEmpty || post.noFindings != nil {
            blocks.append(section("*Findings*"))
            for item in post.findings.prefix(maxFindings) {
                var text = Budget(limit: Limits.sectionText)
                text.add(ChatPost.emoji(item.severity) + " *" + ChatPost.word(item.severity) + ":* ")
                text.add(item.title.clipped(to: 300))
                text.add("\n")
                text.add(item.detail.clipped(to: 900))
                blocks.append(section(text.out))
            }
            if post.findings.count > maxFindings {
                blocks.append(context(escape("and \(post.findings.count - maxFindings) more in the full report", Limits.contextText)))
            }
            if let none = post.noFindings { blocks.append(section(escape(none, Limits.sectionText))) }
        }
        if let trend = post.trend {
            var text = Budget(limit: Limits.sectionText)
            if let severity = trend.severity { text.add(ChatPost.emoji(severity) + " *" + ChatPost.word(severity) + ":* ") }
            text.add("*" + ChatPost.Trend.label + ":* ")
            text.add(text: trend.line)
            blocks.append(section(text.out))
        }
        if !post.figures.isEmpty {
            blocks.append(.object([("type", .string("divider"))]))
            let fields = post.figures.prefix(Limits.fields).map { f -> JSONValue in
                var text = Budget(limit: Limits.fieldText)
                text.add("*" + escape(f.label, 200) + "*\n" + escape(f.value, 200) + " · " + escape(f.detail, 600))
                if let change = f.change { text.add("\n_" + escape(change, 600) + "_") }
                return mrkdwn(text.out)
            }
            blocks.append(.object([("type", .string("section")), ("fields", .array(fields))]))
        }
        let linkBlocks = post.link == nil ? 0 : 1
        if !post.rows.isEmpty {
            // Rows packed into sections, as many as the blocks left allow (one kept for "and N more").
            let room = Limits.blocks - blocks.count - linkBlocks - 1
            var sections: [String] = []
            var current = ""
            var shown = 0
            for row in post.rows {
                var line = Budget(limit: 1000)
                line.add("• ")
                line.add(row.line)
                if let link = row.link, link.utf16.count < 1000 { line.add(" <" + link.replacing("&", with: "&amp;") + "|report>") }
                if current.utf16.count + 1 + line.out.utf16.count > Limits.sectionText {
                    if sections.count + 1 >= room { break }
                    sections.append(current)
                    current = ""
                }
                current += (current.isEmpty ? "" : "\n") + line.out
                shown += 1
            }
            if !current.isEmpty { sections.append(current) }
            blocks += sections.map(section)
            if shown < post.rows.count {
                blocks.append(context(escape("and \(post.rows.count - shown) more projects in the index", Limits.contextText)))
            }
        }
        if let link = post.link {
            let title = post.rows.isEmpty ? ChatPost.linkTitle : ChatPost.indexLinkTitle
            blocks.append(
                .object([
                    ("type", .string("actions")),
                    (
                        "elements",
                        .array([
                            .object([
                                ("type", .string("button")),
                                ("text", .object([("type", .string("plain_text")), ("text", .string(plain(title, Limits.buttonText)))])),
                                ("url", .string(link)),
                            ])
                        ])
                    ),
                ]))
        }
        // The notification text is mrkdwn too: escaped, so that no name can notify a channel.
        return .object([("text", .string(escape(plain(post.fallback, Int.max), Limits.fallbackText))), ("blocks", .array(blocks))])
    }

    static func section(_ text: String) -> JSONValue {
        .object([("type", .string("section")), ("text", mrkdwn(text))])
    }

    static func context(_ text: String) -> JSONValue {
        .object([("type", .string("context")), ("elements", .array([mrkdwn(text)]))])
    }

    static func mrkdwn(_ text: String) -> JSONValue {
        .object([("type", .string("mrkdwn")), ("text", .string(text.isEmpty ? " " : text)), ("verbatim", .bool(true))])
    }

    /// Slack's three escapes; nothing else is decoded by Slack.
    static func escape(_ c: Character) -> String {
        switch c {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        default: String(c)
        }
    }

    /// Our own words escaped, within `limit`.
    static func escape(_ text: String, _ limit: Int) -> String {
        var budget = Budget(limit: limit)
        budget.add(text: text)
        return budget.out
    }

    /// Plain text (headers, buttons, the notification): no escaping, within `limit`.
    static func plain(_ text: String, _ limit: Int) -> String {
        let clean = ChatPost.userText(text, limit: Int.max)
        guard clean.utf16.count > limit else { return clean.isEmpty ? " " : clean }
        var out = ""
        for c in clean {
            if out.utf16.count + String(c).utf16.count > limit - 1 { break }
            out.append(c)
        }
        return out + "…"
    }

    /// Text within a limit of UTF-16 code units: what does not fit is cut, with `…`.
    struct Budget {
        let limit: Int
        var out = ""
        var full = false

        init(limit: Int) { self.limit = limit }

        /// Raw mrkdwn of ours (already escaped).
        mutating func add(_ markup: String) { append([markup]) }

        /// Our words, escaped.
        mutating func add(text: String) { append(text.map(SlackMessage.escape)) }

        /// A phrase: words and numbers escaped, names cleaned and escaped.
        mutating func add(_ phrase: Phrase) {
            for span in phrase.spans {
                switch span {
                case .text(let s), .number(let s): add(text: s)
                case .name(let name): add(text: ChatPost.userText(name, limit: 80))
                }
            }
        }

        private mutating func append(_ pieces: [String]) {
            for piece in pieces where !full {
                if out.utf16.count + piece.utf16.count > limit - 1 {
                    out += "…"
                    full = true
                    return
                }
                out += piece
            }
        }
    }
}
