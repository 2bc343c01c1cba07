import Foundation
import TestSupport
import Testing

@testable import FuzzChecks

/// Every input the fuzzers found a crash with (`fuzz/reproducers/TARGET/`) and every seed runs
/// through its target's checks here, so a fixed crash stays fixed.
@Suite("Fuzz reproducers and seeds")
struct FuzzReproducerTests {
    static let fuzz = TestPaths.repo.appendingPathComponent("fuzz")

    static func files(in folder: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    /// The committed inputs of `target`, and the shared samples for the payload targets.
    static func inputs(_ target: FuzzChecks.Target) -> [URL] {
        var urls = files(in: fuzz.appendingPathComponent("reproducers/\(target.rawValue)"))
        urls += files(in: fuzz.appendingPathComponent("seeds/\(target.rawValue)"))
        switch target {
        case .decode, .render, .insights:
            urls += files(in: TestPaths.shared.appendingPathComponent("samples"))
            urls.append(TestPaths.repo.appendingPathComponent("examples/activity.json"))
        case .templates:
            urls.append(TestPaths.repo.appendingPathComponent("templates/report.html"))
        }
        return urls
    }

    @Test(arguments: FuzzChecks.Target.allCases)
    func everyReproducerAndSeedKeepsItsTargetsProperties(_ target: FuzzChecks.Target) throws {
        let urls = Self.inputs(target)
        #expect(urls.count >= 2)
        for url in urls {
            let problems = FuzzChecks.violations(target, Array(try Data(contentsOf: url)))
            #expect(problems.isEmpty, "\(target.rawValue) \(url.lastPathComponent): \(problems)")
        }
    }

    @Test func theChecksCatchWhatTheyAreFor() {
        #expect(!FuzzChecks.activeContent(Array("<p><script>x</script></p>".utf8), "t").isEmpty)
        #expect(!FuzzChecks.activeContent(Array(#"<rect onclick="x" />"#.utf8), "t").isEmpty)
        #expect(!FuzzChecks.activeContent(Array(#"<a href="javascript:x">"#.utf8), "t").isEmpty)
        #expect(FuzzChecks.activeContent(Array(#"<rect data-label="on-call=yes &#61;" />"#.utf8), "t").isEmpty)
        #expect(!FuzzChecks.messageProblems(String(repeating: "x", count: 2000), "m").isEmpty)
        #expect(!FuzzChecks.messageProblems("a\u{1B}[2Jb", "m").isEmpty)
        #expect(FuzzChecks.messageProblems("results.a[3]: expected a string, got 4", "m").isEmpty)
    }
}
