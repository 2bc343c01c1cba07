import ActivityModel
import Foundation
import TestSupport
import Testing

@testable import Insights

/// `insights.json`: layout, numbers, determinism, reading back, and the committed schema.
@Suite struct InsightsJSONTests {
    static let fixtures = [
        "insights-empty.json", "insights-zero-activity.json", "insights-single.json", "insights-ties.json",
        "insights-ties-next.json", "small.json",
    ]

    static func insights(_ fixture: String) throws -> Insights {
        Analyzer.analyze(try PayloadDecoder.decode(try TestPaths.fixture(fixture)))
    }

    static func compared() throws -> Insights {
        let previous = try PayloadDecoder.decode(try TestPaths.fixture("insights-ties.json"))
        return Analyzer.analyze(try PayloadDecoder.decode(try TestPaths.fixture("insights-ties-next.json")), previous: .payload(previous))
    }

    @Test func theTiesFixtureGivesTheGoldenFile() throws {
        try assertSnapshot(InsightsJSON.encode(try Self.insights("insights-ties.json")), named: "insights-ties.insights.json")
    }

    @Test func aComparisonGivesTheGoldenFile() throws {
        try assertSnapshot(InsightsJSON.encode(try Self.compared()), named: "insights-ties-next.insights.json")
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        for name in Self.fixtures {
            let a = InsightsJSON.encode(try Self.insights(name))
            let b = InsightsJSON.encode(try Self.insights(name))
            #expect(a == b, "\(name)")
        }
    }

    @Test func theFileStartsWithTheSchemaVersionAndEndsWithANewline() throws {
        let text = String(decoding: InsightsJSON.encode(try Self.insights("insights-empty.json")), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"schemaVersion\": 1,\n  \"users\": {"))
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"queriesPerActiveUser\": null"))
        #expect(text.contains("\"homeDashboards\": []"))
    }

    @Test func readingBackGivesTheSameBytes() throws {
        var all = try Self.fixtures.map { try Self.insights($0) }
        all.append(try Self.compared())
        for s in all {
            let bytes = InsightsJSON.encode(s)
            let back = try InsightsJSON.decode(bytes)
            #expect(InsightsJSON.encode(back) == bytes)
            // Read back, a finding's text is one span of words: names are only told apart when drawn.
            func plain(_ f: [Finding]) -> [[String]] { f.map { [$0.id, $0.severity.rawValue, $0.title.text, $0.detail.text] } }
            #expect(plain(back.findings) == plain(s.findings))
            #expect(back.dataNotes == s.dataNotes)
            #expect(back.thresholds == s.thresholds)
        }
    }

    @Test func theTreeIsWhatTheFileReadsBackAs() throws {
        // `--check` looks paths up in the tree, so it must be exactly the written file.
        var all = try Self.fixtures.map { try Self.insights($0) }
        all.append(try Self.compared())
        for s in all {
            #expect(try JSONValue.parse(InsightsJSON.encode(s)) == InsightsJSON.tree(s))
        }
    }

    @Test func everyFixtureValidatesAgainstTheSchema() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [URL] = []
        var all = try Self.fixtures.map { ($0, try Self.insights($0)) }
        all.append(("compared", try Self.compared()))
        for (name, s) in all {
            let url = dir.appendingPathComponent(name + ".insights.json")
            try Data(InsightsJSON.encode(s)).write(to: url)
            files.append(url)
        }
        try InsightsTools.validate(files)
    }

    @Test func theSchemaRejectsWhatItShould() throws {
        guard InsightsTools.requireVenv() else { return }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = String(decoding: InsightsJSON.encode(try Self.insights("insights-ties.json")), as: UTF8.self)
        let bad = [
            good.replacingOccurrences(of: "\"schemaVersion\": 1", with: "\"schemaVersion\": 2"),
            good.replacingOccurrences(of: "\"severity\": \"watch\"", with: "\"severity\": \"maybe\""),
            good.replacingOccurrences(of: "\"asOf\": \"2026-02-11\"", with: "\"asOf\": \"2026-02-11T00:00:00Z\""),
            good.replacingOccurrences(of: "\"gini\": 0.4151", with: "\"gini\": 1.5"),
            good.replacingOccurrences(of: "\"schemaVersion\": 1,", with: "\"schemaVersion\": 1, \"surprise\": true,"),
        ]
        for (i, text) in bad.enumerated() {
            #expect(text != good, "mutation \(i) did not apply")
            let url = dir.appendingPathComponent("bad\(i).json")
            try Data(text.utf8).write(to: url)
            let r = try runProcess(InsightsTools.venvPython, [InsightsTools.validateSchema.path, InsightsTools.schema.path, url.path])
            #expect(r.status == 1, "mutation \(i) passed the schema")
        }
    }

    @Test(arguments: [
        (0.48231, 4, "0.4823"), (0.48235, 4, "0.4824"), (50.0, 2, "50"), (2.5, 2, "2.5"), (1.005, 2, "1"),
        (-1.7652173913, 2, "-1.77"), (-0.001, 2, "0"), (1.0 / 3, 4, "0.3333"), (2.0 / 3, 2, "0.67"),
        (1e20, 2, "1e+20"), (123456789012.345, 2, "123456789012.35"), (0.0, 4, "0"),
    ])
    func numbersAreRoundedWithoutFloatNoise(value: Double, places: Int, text: String) {
        #expect(JSONNumber.text(value, places: places) == text)
    }

    @Test func stringsAreEscapedAndReadBack() throws {
        let tricky = "quote \" backslash \\ tab \t nl \n nul \u{0} del \u{7F} ls \u{2028} emoji 👩‍💻 rtl שלום"
        var out: [UInt8] = []
        JSONWriter.string(tricky, into: &out)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains("\\u0000"))
        #expect(text.contains("\\u007f"))
        #expect(text.contains("\\u2028"))
        #expect(try JSONValue.parse(out) == .string(tricky))
        // Foundation reads it the same way.
        let foundation = try JSONSerialization.jsonObject(with: Data(out), options: .fragmentsAllowed) as? String
        #expect(foundation == tricky)
    }

    @Test(arguments: [
        "[1,]", "{\"a\":1,}", "[01]", "[1.]", "{\"a\" 1}", "[\"\u{1}\"]", "nul", "[1] x", "\"abc",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ])
    func theReaderIsStrict(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8)) }
    }

    @Test func aLoneSurrogateEscapeReadsAsTheReplacementCharacter() throws {
        // The same rule as for payloads: JSONTestSuite leaves it to the implementation.
        #expect(try JSONValue.parse(Array("\"\\ud800\"".utf8)) == .string("\u{FFFD}"))
    }

    @Test func decodingErrorsNameTheKey() throws {
        let good = String(decoding: InsightsJSON.encode(try Self.insights("insights-single.json")), as: UTF8.self)
        func error(_ text: String) -> String {
            do {
                _ = try InsightsJSON.decode(Array(text.utf8))
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(error(good.replacingOccurrences(of: "\"schemaVersion\": 1", with: "\"schemaVersion\": 7")).contains("schemaVersion"))
        #expect(error(good.replacingOccurrences(of: "\"queries7d\"", with: "\"queries\"")) == "activity.queries7d: missing key")
        #expect(
            error(good.replacingOccurrences(of: "\"asOf\": \"2026-02-11\"", with: "\"asOf\": \"soon\"")).hasPrefix(
                "trend.asOf: expected a date"))
        #expect(
            error(good.replacingOccurrences(of: "\"severity\": \"good\"", with: "\"severity\": \"fine\"")).hasPrefix("findings[0].severity")
        )
        #expect(error("[]").contains("expected an object"))
        #expect(error("{").contains("invalid JSON"))
    }

    @Test func insightsFilesAreToldApartFromPayloads() throws {
        #expect(InsightsJSON.looksLikeInsights(InsightsJSON.encode(try Self.insights("insights-empty.json"))))
        #expect(!InsightsJSON.looksLikeInsights(try TestPaths.fixture("small.json")))
        #expect(!InsightsJSON.looksLikeInsights(Array(#"{"name":"schemaVersion"}"#.utf8)))
        #expect(InsightsJSON.looksLikeInsights(Array(#"{ "schemaVersion" : 1 }"#.utf8)))
        #expect(!InsightsJSON.looksLikeInsights([]))
    }
}
