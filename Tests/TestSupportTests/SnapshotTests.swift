import Foundation
import TestSupport
import Testing

@Suite("The snapshot helper")
struct SnapshotTests {
    /// Whether `issue` is the helper's failure saying `text`.
    static func says(_ issue: Issue, _ text: String) -> Bool {
        issue.comments.contains { $0.rawValue.contains(text) }
    }

    @Test("recording writes the golden file and fails, so a recording run is never a pass")
    func recordingWritesAndFails() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = Array("first line\nsecond line\n".utf8)
        try withKnownIssue {
            try assertSnapshot(bytes, named: "new.txt", directory: dir.appendingPathComponent("__Snapshots__"), recording: true)
        } matching: {
            Self.says($0, "recorded new.txt; unset RECORD_SNAPSHOTS and run again")
        }
        #expect(Array(try Data(contentsOf: dir.appendingPathComponent("__Snapshots__/new.txt"))) == bytes)
    }

    @Test("recording fails even when the golden file already has the same bytes")
    func recordingAnEqualFileStillFails() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = Array("same\n".utf8)
        try Data(bytes).write(to: dir.appendingPathComponent("same.txt"))
        try withKnownIssue {
            try assertSnapshot(bytes, named: "same.txt", directory: dir, recording: true)
        } matching: {
            Self.says($0, "recorded same.txt")
        }
    }

    @Test("equal bytes pass and the golden file stays as it was")
    func equalBytesPass() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("golden.svg")
        try Data("<svg/>\n".utf8).write(to: url)
        try assertSnapshot("<svg/>\n", named: "golden.svg", directory: dir, recording: false)
        #expect(try Data(contentsOf: url) == Data("<svg/>\n".utf8))
    }

    @Test("different bytes fail with a line diff of the changed line, and the golden file is kept")
    func differentBytesFailWithADiff() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let golden = Array("a\nold\nc\n".utf8)
        try Data(golden).write(to: dir.appendingPathComponent("page.html"))
        try withKnownIssue {
            try assertSnapshot("a\nnew\nc\n", named: "page.html", directory: dir, recording: false)
        } matching: {
            Self.says($0, "page.html differs from the golden file") && Self.says($0, "@@ line 2 @@\n- old\n+ new")
        }
        #expect(Array(try Data(contentsOf: dir.appendingPathComponent("page.html"))) == golden)
    }

    @Test("a missing golden file fails and nothing is written")
    func missingGoldenFileFails() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try withKnownIssue {
            try assertSnapshot("x", named: "absent.md", directory: dir, recording: false)
        } matching: {
            Self.says($0, "no golden file") && Self.says($0, "RECORD_SNAPSHOTS=1")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("absent.md").path))
    }

    @Test("golden files live in __Snapshots__ beside the test file that compares with them")
    func goldenFilesBesideTheTest() {
        #expect(Snapshots.directory(besides: "/r/Tests/ChartsTests/ChartsSVGTests.swift").path == "/r/Tests/ChartsTests/__Snapshots__")
    }

    @Test("the line diff skips the common lines and shows removed and added ones")
    func lineDiff() {
        #expect(Snapshots.lineDiff("a\nb\nc", "a\nB\nb2\nc") == "@@ line 2 @@\n- b\n+ B\n+ b2")
        #expect(Snapshots.lineDiff("a\nb", "a\nb\nc") == "@@ line 3 @@\n+ c")
    }
}
