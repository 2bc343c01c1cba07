public import Foundation
public import Testing

/// Golden files: `__Snapshots__/NAME` beside the test file that compares with it.
public enum Snapshots {
    /// `RECORD_SNAPSHOTS=1` in the environment: write golden files instead of comparing.
    public static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// The `__Snapshots__` folder beside the source file `filePath`.
    public static func directory(besides filePath: String) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    }

    /// A compact line diff: the common prefix and suffix skipped, then `-` expected and `+` actual
    /// lines (at most `limit` of each).
    public static func lineDiff(_ expected: String, _ actual: String, limit: Int = 40) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var start = 0
        while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
        var endA = a.count
        var endB = b.count
        while endA > start, endB > start, a[endA - 1] == b[endB - 1] {
            endA -= 1
            endB -= 1
        }
        var out = ["@@ line \(start + 1) @@"]
        out += a[start..<endA].prefix(limit).map { "- " + $0 }
        out += b[start..<endB].prefix(limit).map { "+ " + $0 }
        return out.joined(separator: "\n")
    }
}

/// Compares `actual` byte for byte with the golden file `NAME` in `directory` (by default the
/// `__Snapshots__` folder beside the calling test file) and records an issue with a line diff when
/// they differ. When `recording` (`RECORD_SNAPSHOTS=1`), writes the golden file and records an issue
/// anyway, so a recording run is never mistaken for a passing one.
public func assertSnapshot(
    _ actual: [UInt8], named name: String, directory: URL? = nil, recording: Bool = Snapshots.recording,
    filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let folder = directory ?? Snapshots.directory(besides: filePath)
    let url = folder.appendingPathComponent(name)
    if recording {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(actual).write(to: url)
        Issue.record("recorded \(name); unset RECORD_SNAPSHOTS and run again", sourceLocation: sourceLocation)
        return
    }
    guard let expected = FileManager.default.contents(atPath: url.path) else {
        Issue.record(
            "no golden file \(url.path); run RECORD_SNAPSHOTS=1 swift test, review it, and run again", sourceLocation: sourceLocation)
        return
    }
    guard Array(expected) != actual else { return }
    let diff = Snapshots.lineDiff(String(decoding: expected, as: UTF8.self), String(decoding: actual, as: UTF8.self))
    Issue.record(
        Comment(rawValue: "\(name) differs from the golden file (RECORD_SNAPSHOTS=1 re-records it):\n\(diff)"),
        sourceLocation: sourceLocation)
}

/// ``assertSnapshot(_:named:directory:recording:filePath:sourceLocation:)`` for text (its UTF-8 bytes).
public func assertSnapshot(
    _ actual: String, named name: String, directory: URL? = nil, recording: Bool = Snapshots.recording,
    filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    try assertSnapshot(
        Array(actual.utf8), named: name, directory: directory, recording: recording, filePath: filePath, sourceLocation: sourceLocation)
}
