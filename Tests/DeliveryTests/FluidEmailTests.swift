import Foundation
import TestSupport
import Testing

/// email.html on a phone (issue 12): one fluid column, still laid out with tables.
@Suite("A fluid email")
struct FluidEmailTests {
    @Test("the column is the screen's width up to 600 px, 600 where CSS is ignored, with images that scale and room for 320 px")
    func fluidColumn() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let r = try runProcess(
            TestPaths.reportBinary,
            [
                "--input", TestPaths.repo.appendingPathComponent("examples/activity.json").path, "--email", "--output", out.path,
                "--quiet",
            ], environment: ["SOURCE_DATE_EPOCH": "1770768000"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("email.html"), encoding: .utf8)
        #expect(html.contains("width=\"600\""), "Outlook's Word engine reads the attribute")
        #expect(html.contains("style=\"width:100%;max-width:600px;"))
        #expect(!html.contains("\"width:600px") && !html.contains(";width:600px"), "no fixed 600 px width in CSS")
        let images = html.components(separatedBy: "<img ").dropFirst()
        #expect(!images.isEmpty)
        for image in images { #expect(image.prefix { $0 != ">" }.contains("max-width:100%;height:auto"), "\(image.prefix(80))") }
        // 16 px a side leaves 288 px of a 320 px screen to the content.
        #expect(!html.contains("padding:16px 24px") && html.contains("padding:16px 16px"))
    }
}
