import ActivityModel
import Delivery
import Foundation
import Insights
import ReportPipeline

/// Every file of one report rendered in memory through the pipeline's stages (with the email),
/// and the readable text of each, for tests that read the outputs as a person would.
struct RenderedOutputs {
    var insights: Insights
    var loaded: LoadedActivity
    var files: [String: [UInt8]]

    /// Validate -> Analyze -> Render of `payload`, compared with `previous` (a payload or an
    /// insights.json) when given.
    static func render(
        _ payload: [UInt8], previous: [UInt8]? = nil, reportURL: String? = nil, thresholds: Thresholds = Thresholds()
    ) throws -> RenderedOutputs {
        let settings = RunSettings(
            outputDirectory: "unused", title: "Usage: Sales", generatedAt: 1_770_800_000,
            email: EmailOptions(to: ["Ops <ops@example.com>"]), reportURL: reportURL)
        let inputs = RunInputs(settings: settings, thresholds: thresholds, previous: try previous.map { try Previous.load($0) })
        let loaded = try Stages.validate(Payload(bytes: payload, source: "shape.json"))
        let insights = Stages.analyze(loaded, inputs: inputs)
        let job = ReportJob(input: "shape.json", label: "shape.json", name: "shape", key: "shape.json", folder: "", title: "Usage: Sales")
        let rendered = try Stages.render(loaded, insights, job: job, inputs: inputs)
        return RenderedOutputs(
            insights: insights, loaded: loaded,
            files: Dictionary(rendered.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a }))
    }

    func string(_ path: String) -> String { String(decoding: files[path] ?? [], as: UTF8.self) }

    /// The plain-text part of report.eml, decoded.
    var emailPlainText: String {
        let eml = string("report.eml")
        guard let start = eml.range(of: "Content-Type: text/plain; charset=utf-8\r\n") else { return "" }
        let rest = eml[start.upperBound...]
        guard let body = rest.range(of: "\r\n\r\n") else { return "" }
        let encoded = rest[body.upperBound...].prefix { $0 != "-" }.filter { !$0.isWhitespace }
        return Data(base64Encoded: String(encoded)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// What a reader sees of an HTML or SVG file: the text between tags, entities decoded, without
    /// `<style>`, `<code>` (keys of insights.json) and attributes.
    static func visibleText(_ markup: String) -> String {
        var s = markup
        for tag in ["style", "code"] {
            s = s.replacingOccurrences(of: "<\(tag)[^>]*>[\\s\\S]*?</\(tag)>", with: " ", options: .regularExpression)
        }
        // Inline elements join their text to its neighbours; others separate it.
        s = s.replacingOccurrences(of: "</?(bdi|strong|span|a|time|em|b)(\\s[^>]*)?>", with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: entity, with: char)
        }
        return s
    }

    /// What a reader sees of Markdown: without code spans (keys of insights.json) and link targets.
    static func visibleMarkdown(_ md: String) -> String {
        md.replacingOccurrences(of: "`[^`]*`", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "\\]\\([^)]*\\)", with: "]", options: .regularExpression)
            .replacingOccurrences(of: "<https?://[^>]*>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "\\", with: "")
            .replacingOccurrences(of: "**", with: "")
    }

    /// Every text a person reads, by file: the page, the summary, email.html, the email's plain
    /// part, the charts and the header rows of the CSV files.
    var readableTexts: [(String, String)] {
        var out: [(String, String)] = [
            ("report.html", Self.visibleText(string("report.html"))),
            ("summary.md", Self.visibleMarkdown(string("summary.md"))),
            ("email.html", Self.visibleText(string("email.html"))),
            ("report.eml text", Self.visibleMarkdown(emailPlainText)),
        ]
        for path in files.keys.sorted() where path.hasPrefix("charts/") && path.hasSuffix(".svg") {
            out.append((path, Self.visibleText(string(path))))
        }
        for path in files.keys.sorted() where path.hasSuffix(".csv") {
            out.append((path + " header", String(string(path).prefix { $0 != "\r" })))
        }
        return out
    }
}
