import ActivityModel
import Delivery
import Foundation
import TestSupport
import Testing

@testable import ReportPipeline
@testable import ReportRendering

@Suite("Names capped for display")
struct DisplayNameTests {
    @Test func shortNamesAreKeptAsTheyAre() {
        for name in ["", "Ana", String(repeating: "é", count: 100), String(repeating: "👩‍👩‍👧‍👦", count: 57)] {
            #expect(DisplayName.cap(name) == name)
        }
    }

    @Test func longNamesKeepTheirFirstCharactersAndAnEllipsis() {
        let capped = DisplayName.cap(String(repeating: "a", count: 101))
        #expect(capped == String(repeating: "a", count: 99) + "…")
        #expect(capped.count == DisplayName.maxCharacters)
        // A family emoji is one character of seven scalars: never cut inside.
        let families = DisplayName.cap(String(repeating: "👩‍👩‍👧‍👦", count: 101))
        #expect(families == String(repeating: "👩‍👩‍👧‍👦", count: 57) + "…", "57 x 7 scalars fit in 399")
        // Stacked combining marks count as one character but are bounded by the scalar limit.
        let zalgo = DisplayName.cap("Z" + String(repeating: "\u{0301}", count: 5000) + "ed")
        #expect(zalgo.unicodeScalars.count <= DisplayName.maxScalars)
        #expect(zalgo.hasSuffix("…"))
        #expect(DisplayName.cap("Sales " + String(repeating: "x", count: 200)).count == 100)
        #expect(DisplayName.cap(String(repeating: "ab ", count: 50)).hasSuffix("ab…"), "no space before the ellipsis")
    }

    @Test func aTenMebibyteNameGivesAReportOfNormalSize() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let huge = String(repeating: "Ж", count: 5 << 20)  // 10 MiB of UTF-8
        let dashboard = String(repeating: "D", count: 8 << 20)
        let input = dir.appendingPathComponent("huge.json")
        try Data(
            payload { r in
                setRow(&r, "tableMostQueries", 0, "firstName", huge)
                setRow(&r, "dashboardViews", 0, "name", dashboard)
                setRow(&r, "userMostViewedDashboards", 0, "dashboardName", dashboard)
            }
        ).write(to: input)
        let out = dir.appendingPathComponent("out")
        let (status, console) = await runReports([input.path], output: out.path) {
            $0.email = EmailOptions(to: ["ops@example.com"])
            $0.quiet = true
        }
        #expect(status == .ok, "\(console.stderr)")
        func size(_ name: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path))?[.size] as? Int) ?? -1
        }
        #expect(size("report.html") < 200_000, "report.html: \(size("report.html"))")
        #expect(size("email.html") < 102_000, "email.html: \(size("email.html"))")
        #expect(size("summary.md") < 50_000)
        #expect(size("report.eml") < 2_000_000)
        for chart in ["top-queriers", "dashboard-views", "home-dashboards"] {
            #expect(size("charts/\(chart).svg") < 50_000, "\(chart).svg: \(size("charts/\(chart).svg"))")
        }
        // The data keeps every name whole.
        let csv = try String(contentsOf: out.appendingPathComponent("data/most-queries.csv"), encoding: .utf8)
        #expect(csv.contains(huge))
        let insights = try String(contentsOf: out.appendingPathComponent("insights.json"), encoding: .utf8)
        #expect(insights.contains(dashboard))
        // The page shows the capped name.
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains(String(repeating: "Ж", count: 99) + "…"))
    }

    @Test func aChartLibrsvgCannotDrawIsExit65WithTheCause() {
        let error = ReportError.email(DeliveryError("librsvg cannot read a chart: huge text node", kind: .drawing))
        #expect(error.status == .dataInvalid)
        #expect(error.description.contains("huge text node"))
        #expect(ReportError.email(DeliveryError("\"x\" is not an email address")).status == .usage)
        #expect(throws: DeliveryError.self) { try PNGRenderer.render(svg: Array("<svg".utf8)) }
        do {
            _ = try PNGRenderer.render(svg: Array("not svg".utf8))
        } catch {
            #expect(error.kind == .drawing)
        }
    }
}

@Suite("Markdown never links what a name holds")
struct MarkdownAutolinkTests {
    @Test func anEmailAddressInANameIsNeverAMailtoLinkInCmarkGFM() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = [
            "billing@evil.example", "mailto:billing@evil.example", "a.b+c-d_e@sub.evil.example", "x@y.z", "www.evil.example",
            "https://evil.example/path", "xmpp:user@evil.example/res",
        ]
        let md =
            "| name |\n|---|\n" + names.map { "| \(MarkdownText.escape($0)) |\n" }.joined() + "\n"
            + names.map { "- " + MarkdownText.escape($0) + "\n" }.joined()
        let file = dir.appendingPathComponent("names.md")
        try Data(md.utf8).write(to: file)
        let r = try runProcess(URL(fileURLWithPath: "/usr/bin/cmark-gfm"), ["-e", "table", "-e", "autolink", file.path])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("<a "), "\(r.stdout)")
        // The text reads the same (the zero-width non-joiner is invisible).
        for name in names {
            #expect(r.stdout.replacingOccurrences(of: "\u{200C}", with: "").contains(name), "\(name)")
        }
    }
}

@Suite("Mail headers within RFC 5322's 998 bytes a line")
struct MailHeaderLengthTests {
    @Test func longWordsInTheSubjectTitleAndNamesAreEncodedAndFolded() throws {
        let word = String(repeating: "W", count: 3000)
        let message = MailMessage(
            from: try MIMEHeader.Mailbox(parsing: "\(word) <reports@example.com>"),
            to: [try MIMEHeader.Mailbox(parsing: "\"\(word)\" <ops@example.com>"), try MIMEHeader.Mailbox(parsing: "x@example.com")],
            subject: "Usage \(word) report", date: 1_770_800_000, text: Array("hi".utf8), html: Array("<p>hi</p>".utf8), images: [])
        let bytes = message.serialize()
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 }, "longest line: \(lines.map(\.utf8.count).max() ?? 0)")
        let headerEnd = try #require(text.range(of: "\r\n\r\n"))
        #expect(text[..<headerEnd.lowerBound].components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        // Python's email package reads the same subject and names back (RFC 2047 decoding).
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let eml = dir.appendingPathComponent("m.eml")
        try Data(bytes).write(to: eml)
        let script = """
            import email, email.header, email.utils, sys
            m = email.message_from_binary_file(open(sys.argv[1], 'rb'))
            def text(v): return str(email.header.make_header(email.header.decode_header(v)))
            print(text(m['Subject']))
            # RFC 2047 6.2: the white space between adjacent encoded words is not part of the text.
            print(text(email.utils.getaddresses([m['From']])[0][0]))
            print(text(email.utils.getaddresses([m['To']])[0][0]))
            """
        let r = try runProcess(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, eml.path])
        #expect(r.status == 0, "\(r.stderr)")
        let read = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(read.count == 4)
        #expect(read.first == "Usage \(word) report", "\(read.first?.count ?? 0) characters, \(read.first?.filter { $0 != "W" } ?? "")")
        #expect(Array(read.dropFirst().prefix(2)) == [word, word], "\(read.dropFirst().map { "\($0.count) \($0.filter { $0 != "W" })" })")
    }

    @Test func anAddressLongerThan254CharactersIsRefused() {
        #expect(throws: DeliveryError.self) { try MIMEHeader.Mailbox(parsing: String(repeating: "a", count: 250) + "@example.com") }
    }
}

@Suite("Limits before reading, bounded messages")
struct InputLimitTests {
    @Test func aFileRedirectedToStandardInputIsRefusedFromItsSizeBeforeReading() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 2 MiB of "{" against a 1 MiB limit: the size, which only fstat knows, is in the message.
        let r = try runProcess(
            TestPaths.reportBinary,
            ["--input", "-", "--max-input-bytes", String(1 << 20), "--output", dir.appendingPathComponent("out").path],
            stdin: Array(repeating: 0x7B, count: 2 << 20))
        #expect(r.status == 65)
        #expect(r.stderr.contains("standard input: the input is larger (2 MiB) than --max-input-bytes (1 MiB)"), "\(r.stderr)")
    }

    @Test func theSizeLeftIsMeasuredFromTheCurrentOffset() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("f")
        try Data(repeating: 0x20, count: 1000).write(to: file)
        let fd = open(file.path, O_RDONLY)
        defer { close(fd) }
        #expect(try FileIO.regularSize(fd: fd, name: "f", limit: 1000) == 1000)
        lseek(fd, 400, SEEK_SET)
        #expect(try FileIO.regularSize(fd: fd, name: "f", limit: 600) == 600)
        #expect(throws: InputError.self) { try FileIO.regularSize(fd: fd, name: "f", limit: 599) }
    }

    @Test func aSyntaxErrorUnderAHugeKeyPrintsABoundedLine() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("key.json")
        let key = String(repeating: "k", count: 10 << 20)
        try Data(#"{"results": {"\#(key)": [1, }}"#.utf8).write(to: input)
        let (status, console) = await runReports([input.path], output: dir.appendingPathComponent("out").path)
        #expect(status == .dataInvalid)
        #expect(
            console.stderr.contains { $0.contains(String(repeating: "k", count: 40) + "…") }, "\(console.stderr.map { $0.prefix(200) })")
        #expect(console.stderr.allSatisfy { $0.utf8.count < 1000 }, "longest: \(console.stderr.map(\.utf8.count).max() ?? 0)")
    }

    @Test func excerptsAreBoundedAndHarmless() {
        #expect(Excerpt.of("abc") == "abc")
        #expect(Excerpt.of(String(repeating: "x", count: 100), limit: 10) == "xxxxxxxxxx…")
        #expect(Excerpt.of("a\u{1B}[31mb") == "a?[31mb")
    }
}
