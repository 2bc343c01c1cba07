import Testing

@testable import Markup

@Suite("libxml2 wrapper")
struct MarkupTests {
    @Test func cleanRemovesCharactersXMLForbidsAndNormalisesLineBreaks() {
        #expect(Text.clean("a\u{0}b\u{8}c\u{B}\u{C}d\u{1F}e\u{7F}\u{85}\u{9F}f") == "abcdef")
        #expect(Text.clean("one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour")
        var nonCharacters = String.UnicodeScalarView()
        for v: UInt32 in [0xFDD0, 0x78, 0xFFFE, 0xFFFF, 0x1FFFE, 0x79, 0x10FFFF] {
            if let scalar = Unicode.Scalar(v) { nonCharacters.append(scalar) }
        }
        #expect(Text.clean(String(nonCharacters)) == "xy")
        #expect(Text.clean("tab\tok ✓ שלום 🙂") == "tab\tok ✓ שלום 🙂")
    }

    @Test func textAndAttributesAreEscapedByLibxml2() {
        let doc = Document.html()
        let root = doc.makeRoot("p")
        root.set("title", "\"quoted\" & <tag>")
        root.text("<script>alert('x')</script> & more")
        let html = String(decoding: doc.serialize(), as: UTF8.self)
        #expect(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; more"))
        #expect(!html.contains("<script"))
        #expect(html.contains("&amp; &lt;tag&gt;"))
    }

    @Test func controlCharactersNeverReachTheOutput() {
        let doc = Document.xml(root: "svg", namespaceURI: "http://www.w3.org/2000/svg")
        let root = doc.root
        root?.append("title", text: "bell\u{7}null\u{0}esc\u{1B}")
        root?.set("data-label", "x\u{1}y")
        let xml = String(decoding: doc.serialize(), as: UTF8.self)
        #expect(xml.contains("<title>bellnullesc</title>"))
        #expect(xml.contains("data-label=\"xy\""))
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(xml.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test(
        "script URLs and handlers are written with character references",
        arguments: [
            ("javascript:alert(1)", "javascript&#58;alert(1)"),
            ("JaVaScRiPt:x", "JaVaScRiPt&#58;x"),
            ("vbscript:msgbox", "vbscript&#58;msgbox"),
            ("x onerror=alert(1)", "x onerror&#61;alert(1)"),
            ("onload =1", "onload &#61;1"),
            ("ratio: 3 = 3", "ratio: 3 = 3"),
            ("Boston=yes", "Boston=yes"),
            ("time: 10:30", "time: 10:30"),
        ])
    func defanged(_ input: String, _ expected: String) {
        let doc = Document.html()
        let root = doc.makeRoot("p")
        root.text(input)
        root.set("data-label", input)
        let html = String(decoding: doc.serialize(), as: UTF8.self)
        #expect(html.contains(">" + expected + "</p>"), "\(html)")
        #expect(html.contains("data-label=\"" + expected + "\""), "\(html)")
    }

    @Test func templatesKeepSVGNameCaseAndFindSlots() throws {
        let page =
            "<html lang=\"en\"><head><title data-slot=\"title\">x</title></head><body><main data-slot=\"content\"><svg viewBox=\"0 0 1 1\"></svg></main></body></html>"
        let doc = try Document.template(Array(page.utf8), name: "t.html")
        #expect(doc.elements(slot: "content").count == 1)
        let html = String(decoding: doc.serialize(), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("viewBox=\"0 0 1 1\""))
    }

    @Test func brokenTemplatesReportLineAndMessage() {
        #expect(throws: TemplateError.self) {
            try Document.template(Array("<html>\n<body></html>".utf8), name: "bad.html")
        }
        do {
            _ = try Document.template(Array("<html>\n<body></html>".utf8), name: "bad.html")
        } catch {
            #expect(error.line == 2)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func copiesAnotherDocumentsTree() {
        let svg = Document.xml(root: "svg", namespaceURI: "http://www.w3.org/2000/svg")
        svg.root?.set("viewBox", "0 0 10 10")
        svg.root?.append("rect", ["width": "5", "height": "5"])
        let page = Document.html()
        let body = page.makeRoot("html").append("body")
        if let root = svg.root { body.appendCopy(of: root) }
        let html = String(decoding: page.serialize(), as: UTF8.self)
        #expect(
            html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"5\" height=\"5\"></rect></svg>"))
    }
}
