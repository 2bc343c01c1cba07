import ActivityModel
import Charts
import Foundation
import Insights
import ReportRendering
import Testing

/// Fixtures, golden files and the external SVG validator for the chart tests.
enum ChartTestSupport {
    /// The decoded fixture `Fixtures/NAME`.
    static func load(_ name: String) throws -> LoadedActivity {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        return try PayloadDecoder.decode(Array(data))
    }

    static func charts(_ name: String) throws -> ChartSet {
        let loaded = try load(name)
        return ChartBuilder.build(loaded.activity, insights: Analyzer.analyze(loaded))
    }

    static func specs(_ activity: UserActivity) -> [ChartBuilder.Spec] {
        ChartBuilder.specs(activity, insights: Analyzer.analyze(LoadedActivity(activity: activity, diagnostics: [])))
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// Compares `actual` with `__Snapshots__/NAME`; with `RECORD_SNAPSHOTS=1` writes it into the
    /// source tree instead (and fails, so a recording run is never mistaken for a passing one).
    static func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let sourceDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        if recording {
            try FileManager.default.createDirectory(at: sourceDir, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: sourceDir.appendingPathComponent(name))
            Issue.record("recorded \(name); unset RECORD_SNAPSHOTS and run again", sourceLocation: sourceLocation)
            return
        }
        let snapshots = try #require(Bundle.module.url(forResource: "__Snapshots__", withExtension: nil))
        guard let data = try? Data(contentsOf: snapshots.appendingPathComponent(name)) else {
            Issue.record("no golden file \(name); run with RECORD_SNAPSHOTS=1 to create it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            let diff = lineDiff(expected, actual)
            Issue.record(
                Comment(rawValue: "\(name) differs from the golden file (RECORD_SNAPSHOTS=1 re-records):\n\(diff)"),
                sourceLocation: sourceLocation)
        }
    }

    /// A compact line diff: common prefix and suffix skipped, then `-` expected / `+` actual lines.
    static func lineDiff(_ expected: String, _ actual: String, limit: Int = 40) -> String {
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

    /// Runs the shared SVG validator (`../shared/tools/validate/svg.sh`) on `files`; returns
    /// its exit status and output. Fails (does not skip) when the validator is missing.
    static func validateSVG(_ files: [URL]) throws -> (status: Int32, output: String) {
        let result = try runValidator("svg.sh", files.map(\.path))
        return (result.status, result.stdout + result.stderr)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("charts-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
