import Foundation
import TestSupport
import Testing

@testable import ReportCLI
@testable import ReportPipeline
@testable import ReportRendering

/// Every tag the serializer wrote (user text cannot make one: its `<` is escaped).
func tags(_ html: String) -> [String] {
    var out: [String] = []
    var current: String?
    for ch in html {
        if ch == "<" {
            current = ""
        } else if ch == ">", let c = current {
            out.append(c)
            current = nil
        } else if current != nil {
            current?.append(ch)
        }
    }
    return out
}

@Suite("Names from the Big List of Naughty Strings", .serialized)
struct NaughtyNamesTests {
    @Test func outputsKeepTheirStructure() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try naughtyPayload(in: dir)
        let (status, console, scratch) = try await runPipeline(input: input.path) {
            $0.outputDirectory = dir.appendingPathComponent("out").path
            $0.summaryRows = 50
        }
        try? FileManager.default.removeItem(at: scratch)
        try #require(status == .ok, "\(console.stderr)")
        let htmlURL = dir.appendingPathComponent("out/report.html")
        let mdURL = dir.appendingPathComponent("out/summary.md")

        // The Nu checker finds no error.
        let nu = try runValidator("html.sh", [htmlURL.path])
        #expect(nu.status == 0, "\(nu.stdout)")
        // Every Markdown table keeps its shape; no raw HTML survives.
        let md = try runValidator("md.py", [mdURL.path])
        #expect(md.status == 0, "\(md.stdout)")
        #expect(md.stdout.contains("raw HTML tags surviving GFM rendering: 0"), "\(md.stdout)")

        // Nothing executable anywhere: no script element, no event attribute, no javascript: URL.
        let page = try String(contentsOf: htmlURL, encoding: .utf8)
        #expect(!page.lowercased().contains("<script"))
        for tag in tags(page) {
            let lower = tag.lowercased()
            #expect(!lower.contains("javascript:"), "\(tag)")
            #expect(lower.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(tag)")
        }
        let summary = try String(contentsOf: mdURL, encoding: .utf8)
        #expect(!summary.lowercased().contains("<script"))
        #expect(!summary.lowercased().contains("javascript:"))

        // Rendered as GitHub would (cmark-gfm with autolinks, raw HTML allowed): no link, no tag of the user's.
        let cmark = try runProcess(
            URL(fileURLWithPath: "/usr/bin/cmark-gfm"), ["-e", "table", "-e", "autolink", "-e", "strikethrough", "--unsafe", mdURL.path])
        #expect(cmark.status == 0)
        // The only links are ours: headline labels to "How these numbers are computed".
        let ownLink = "<a href=\"#how-these-numbers-are-computed\">"
        let rendered = cmark.stdout.lowercased().replacingOccurrences(of: ownLink, with: "")
        #expect(!rendered.contains("<a "), "a name became a link")
        #expect(!rendered.contains("<script"))
        #expect(!rendered.contains("<img"))
        let allowed: Set<String> = [
            "h1", "h2", "p", "table", "thead", "tbody", "tr", "th", "td", "strong", "em", "ul", "li", "code", "a",
        ]  // "a": only ours, checked above
        for tag in tags(cmark.stdout.replacingOccurrences(of: ownLink, with: "")) {
            let name = tag.split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init) ?? ""
            #expect(allowed.contains(name) || name.isEmpty, "unexpected tag <\(tag)>")
        }
    }

    @Test func markdownEscapeKeepsEveryBlnsStringOnOneCell() throws {
        let blns = TestPaths.shared.appendingPathComponent("corpora/blns")
        let files = try FileManager.default.contentsOfDirectory(atPath: blns.path).filter { $0.hasSuffix(".txt") }
        let file = try #require(files.sorted().first)
        let lines = try String(contentsOf: blns.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        #expect(lines.count > 300)
        for line in lines {
            let escaped = MarkdownText.escape(line)
            #expect(!escaped.contains("\n"))
            #expect(!escaped.contains("\r"))
            // Every pipe is escaped, so the cell cannot split.
            let unescapedPipe = escaped.range(of: #"(^|[^\\])\|"#, options: .regularExpression)
            #expect(unescapedPipe == nil, "\(line) -> \(escaped)")
        }
    }
}
