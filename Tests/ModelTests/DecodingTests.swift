import Foundation
import TestSupport
import Testing

@testable import ActivityModel

func decode(_ bytes: [UInt8]) -> Result<LoadedActivity, LoadError> {
    do { return .success(try PayloadDecoder.decode(bytes)) } catch { return .failure(error) }
}

@Suite("Decoding what real servers send")
struct DecodingTests {
    @Test(
        "every shared sample and the bundled example decode",
        arguments: [
            "samples/sample-small.json", "samples/sample-empty.json", "samples/sample-zero-activity.json",
        ])
    func sharedSamples(_ path: String) throws {
        let loaded = try PayloadDecoder.decode(try TestPaths.sharedFile(path))
        #expect(loaded.activity.numberUsers > 0)
        let days = loaded.activity.activeUsersSeries.map(\.day)
        #expect(days == days.sorted(), "the daily series is chronological")
    }

    @Test func bundledExample() throws {
        let bytes = Array(try Data(contentsOf: TestPaths.repo.appendingPathComponent("examples/activity.json")))
        let a = try PayloadDecoder.decode(bytes).activity
        #expect(a.numberUsers == 24)
        #expect(a.activeUsersSeries.count == 43)
        #expect(a.activeUsersSeries.last?.day.iso == "2026-02-11")
        #expect(a.noQueries.map(\.count) == a.noQueries.map(\.count).sorted(by: >))
    }

    @Test func sampleSmallValues() throws {
        let a = try PayloadDecoder.decode(try TestPaths.sharedFile("samples/sample-small.json")).activity
        #expect(a.numberUsers == 8)
        #expect(a.weeklyActivePercent == 87)
        #expect(a.mostQueries.first?.count == 102)
        #expect(a.mostQueries.first?.name == "Camille Nakamura")
        #expect(a.activeUsersSeries.last?.day == Day(year: 2026, month: 2, day: 11))
        #expect(a.activeUsersSeries.last?.activeUsers == 7)
    }

    @Test func bareObjectAndEnvelopeGiveTheSameActivity() throws {
        let envelope = try PayloadDecoder.decode(payload { _ in })
        let root = basePayload()
        let bare = Array(try JSONSerialization.data(withJSONObject: root["results"] as Any))
        #expect(try PayloadDecoder.decode(bare) == envelope)
    }

    @Test func ordersSeriesChronologicallyAndInactiveByDays() throws {
        let a = try PayloadDecoder.decode(payload { _ in }).activity
        #expect(a.activeUsersSeries.map(\.day.iso) == ["2026-02-04", "2026-02-11"])
        #expect(a.averageQueriesSeries.map(\.averageQueries) == [1.0, 2.5])
        #expect(a.noQueries.map(\.userUuid) == ["d", "c"])
        #expect(a.mostQueries.map(\.userUuid) == ["b", "a"])
    }

    struct Tolerance: CustomTestStringConvertible, Sendable {
        let name: String
        let change: @Sendable (inout [String: Any]) -> Void
        let check: @Sendable (LoadedActivity) -> Bool
        var testDescription: String { name }
    }

    static let tolerances: [Tolerance] = [
        Tolerance(
            name: "counts as JSON numbers", change: { setRow(&$0, "tableMostQueries", 0, "count", 12) },
            check: { $0.activity.mostQueries.contains { $0.userUuid == "a" && $0.count == 12 } }),
        Tolerance(
            name: "a missing count is 0", change: { setRow(&$0, "tableMostQueries", 0, "count", nil) },
            check: { $0.activity.mostQueries.contains { $0.userUuid == "a" && $0.count == 0 } }),
        Tolerance(
            name: "null averages",
            change: { setRow(&$0, "chartWeeklyAverageQueries", 0, "average_number_of_weekly_queries_per_user", NSNull()) },
            check: {
                $0.activity.averageQueriesSeries.last?.averageQueries == nil && $0.diagnostics.contains { $0.code == "null-averages" }
            }),
        Tolerance(
            name: "dates without fractional seconds",
            change: { setRow(&$0, "chartWeeklyQueryingUsers", 0, "date", "2026-02-11T00:00:00Z") },
            check: { $0.activity.activeUsersSeries.last?.day.iso == "2026-02-11" }),
        Tolerance(
            name: "dates with an offset", change: { setRow(&$0, "chartWeeklyQueryingUsers", 0, "date", "2026-02-11T01:00:00+01:00") },
            check: { $0.activity.activeUsersSeries.last?.day.iso == "2026-02-11" }),
        Tolerance(
            name: "a server's midnight in another zone",
            change: { setRow(&$0, "chartWeeklyQueryingUsers", 0, "date", "2026-02-10T23:00:00.000Z") },
            check: { $0.activity.activeUsersSeries.last?.day.iso == "2026-02-11" }),
        Tolerance(
            name: "empty names",
            change: {
                setRow(&$0, "tableMostQueries", 0, "firstName", "")
                setRow(&$0, "tableMostQueries", 0, "lastName", "")
            },
            check: { $0.diagnostics.contains { $0.code == "empty-names" } }),
        Tolerance(
            name: "unknown keys",
            change: {
                $0["slug"] = "x"
                setRow(&$0, "dashboardViews", 0, "dashboard_slug", ["a": 1])
            },
            check: { $0.activity.dashboardViews.count == 1 }),
        Tolerance(
            name: "percentages as decimal strings",
            change: { setRow(&$0, "chartWeeklyQueryingUsers", 0, "percent_7d_active_users", "66.7") },
            check: { $0.activity.activeUsersSeries.last?.activePercent == 66.7 }),
        Tolerance(
            name: "role buckets short of the users", change: { $0["numberUsers"] = 9 },
            check: { $0.activity.otherRoles == 4 && $0.diagnostics.contains { $0.code == "roles-short" } }),
        Tolerance(
            name: "headline far from the newest row", change: { $0["numberWeeklyQueryingUsers"] = 90 },
            check: { $0.diagnostics.contains { $0.code == "headline-mismatch" } }),
        Tolerance(
            name: "duplicate uuids", change: { setRow(&$0, "tableMostQueries", 1, "userUuid", "a") },
            check: { $0.diagnostics.contains { $0.code == "duplicate-uuids" } && $0.activity.mostQueries.count == 2 }),
        Tolerance(
            name: "an older server without dashboardUuid", change: { setRow(&$0, "userMostViewedDashboards", 0, "dashboardUuid", nil) },
            check: { $0.activity.userMostViewedDashboards.first?.dashboardUuid == nil }),
        Tolerance(
            name: "tableNoQueries counts as numbers", change: { setRow(&$0, "tableNoQueries", 0, "count", 95) },
            check: { $0.activity.noQueries.last?.count == 95 }),
        Tolerance(
            name: "empty arrays",
            change: {
                for k in [
                    "tableMostQueries", "tableMostCreatedCharts", "tableNoQueries", "chartWeeklyQueryingUsers", "chartWeeklyAverageQueries",
                    "dashboardViews", "chartViews", "userMostViewedDashboards",
                ] { $0[k] = [Any]() }
            },
            check: { $0.activity.asOf == nil }),
    ]

    @Test("tolerated", arguments: tolerances)
    func tolerated(_ t: Tolerance) throws {
        let loaded = try PayloadDecoder.decode(payload(t.change))
        #expect(t.check(loaded))
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        let path: String
        let fragment: String
        let change: @Sendable (inout [String: Any]) -> Void
        var testDescription: String { path + ": " + fragment }
    }

    static let failures: [Failure] = [
        Failure(
            path: "results.chartWeeklyQueryingUsers[1].date", fragment: #"expected an ISO-8601 date-time, got "yesterday""#,
            change: { setRow(&$0, "chartWeeklyQueryingUsers", 1, "date", "yesterday") }),
        Failure(
            path: "results.tableMostQueries[0].count", fragment: #"got "12abc""#,
            change: { setRow(&$0, "tableMostQueries", 0, "count", "12abc") }),
        Failure(
            path: "results.tableMostQueries[0].count", fragment: #"got "NaN""#,
            change: { setRow(&$0, "tableMostQueries", 0, "count", "NaN") }),
        Failure(
            path: "results.tableMostQueries[0].count", fragment: #"got "1e999""#,
            change: { setRow(&$0, "tableMostQueries", 0, "count", "1e999") }),
        Failure(path: "results.tableMostQueries[0].count", fragment: "got -3", change: { setRow(&$0, "tableMostQueries", 0, "count", -3) }),
        Failure(
            path: "results.tableMostQueries[0].count", fragment: #"got "-3""#, change: { setRow(&$0, "tableMostQueries", 0, "count", "-3") }
        ),
        Failure(
            path: "results.tableMostQueries[0].count", fragment: "got 1.5", change: { setRow(&$0, "tableMostQueries", 0, "count", 1.5) }),
        Failure(
            path: "results.numberWeeklyQueryingUsers", fragment: "expected a percentage from 0 to 100, got 150",
            change: { $0["numberWeeklyQueryingUsers"] = 150 }),
        Failure(
            path: "results.chartWeeklyQueryingUsers[0].percent_7d_active_users", fragment: #"got "101""#,
            change: { setRow(&$0, "chartWeeklyQueryingUsers", 0, "percent_7d_active_users", "101") }),
        Failure(path: "results.numberUsers", fragment: "missing required key", change: { $0.removeValue(forKey: "numberUsers") }),
        Failure(path: "results.chartViews", fragment: "missing required key", change: { $0.removeValue(forKey: "chartViews") }),
        Failure(path: "results.tableNoQueries", fragment: "expected an array, got null", change: { $0["tableNoQueries"] = NSNull() }),
        Failure(path: "results.numberAdmins", fragment: #"got "two""#, change: { $0["numberAdmins"] = "two" }),
        Failure(
            path: "results.tableMostQueries[1].userUuid", fragment: "missing required key",
            change: { setRow(&$0, "tableMostQueries", 1, "userUuid", nil) }),
        Failure(
            path: "results.dashboardViews[0].name", fragment: "expected a string, got 42",
            change: { setRow(&$0, "dashboardViews", 0, "name", 42) }),
        Failure(
            path: "results.chartWeeklyAverageQueries[0].average_number_of_weekly_queries_per_user", fragment: #"got "n/a""#,
            change: { setRow(&$0, "chartWeeklyAverageQueries", 0, "average_number_of_weekly_queries_per_user", "n/a") }),
        Failure(
            path: "results.chartWeeklyQueryingUsers[0].date", fragment: #"got "2026-02-30T00:00:00Z""#,
            change: { setRow(&$0, "chartWeeklyQueryingUsers", 0, "date", "2026-02-30T00:00:00Z") }),
        Failure(
            path: "results.tableMostCreatedCharts[0]", fragment: "expected an object", change: { $0["tableMostCreatedCharts"] = ["x"] }),
    ]

    @Test("refused with the JSON path", arguments: failures)
    func refused(_ f: Failure) {
        guard case .failure(.invalid(let problems, _)) = decode(payload(f.change)) else {
            Issue.record("expected the payload to be refused")
            return
        }
        #expect(problems.contains { $0.path == f.path && $0.description.contains(f.fragment) }, "\(problems)")
    }

    @Test func everyProblemIsListedUpToTwenty() {
        let bytes = payload { r in
            r["tableMostQueries"] = (0..<30).map { ["userUuid": "u\($0)", "firstName": "", "lastName": "", "count": "x\($0)"] }
            r["numberUsers"] = -1
        }
        guard case .failure(.invalid(let problems, let more)) = decode(bytes) else {
            Issue.record("expected the payload to be refused")
            return
        }
        #expect(problems.count == 20)
        #expect(more == 11)
        #expect(problems[0].path == "results.numberUsers")
        let text = LoadError.invalid(problems, more: more).description
        #expect(text.contains("and 11 more problems"))
    }

    @Test func serverErrorEnvelopeIsReportedInTheServersWords() {
        let json =
            #"{"status":"error","error":{"statusCode":403,"name":"ForbiddenError","message":"You don't have access to this resource or action","data":{}}}"#
        guard case .failure(let error) = decode(Array(json.utf8)) else {
            Issue.record("expected an error")
            return
        }
        #expect(error.description == "Lightdash error 403 ForbiddenError: You don't have access to this resource or action")
    }

    @Test(
        "not JSON, not UTF-8, wrong type",
        arguments: [
            ("", "the input is empty"),
            ("{\"status\":\"ok\",}", "trailing comma"),
            ("[1,2]", "expected a JSON object"),
            ("\"just a string\"", "expected a JSON object"),
            ("{\"status\":\"maybe\"}", "expected \"ok\" or \"error\""),
            ("{\"status\":\"ok\",\"results\":[]}", "expected the UserActivity object, got an array"),
            ("{\"a\":\"\u{FF}\"}", "invalid UTF-8"),
            ("<html>Bad gateway</html>", "expected a value, got '<'"),
        ])
    func notAPayload(_ input: String, _ fragment: String) {
        var bytes = Array(input.utf8)
        if input.contains("\u{FF}") { bytes = Array("{\"a\":\"".utf8) + [0xFF] + Array("\"}".utf8) }
        guard case .failure(.invalid(let problems, _)) = decode(bytes) else {
            Issue.record("expected \(input) to be refused")
            return
        }
        #expect(problems.contains { $0.description.contains(fragment) }, "\(problems)")
    }

    @Test func syntaxErrorsNameLineColumnAndPath() {
        let json = "{\"status\":\"ok\",\"results\":{\"tableMostQueries\":[{\"a\":1},\n {\"b\": tru}]}}"
        guard case .failure(.invalid(let problems, _)) = decode(Array(json.utf8)) else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(problems.count == 1)
        #expect(problems[0].path == "results.tableMostQueries[1].b")
        #expect(problems[0].message.contains("line 2, column 8"))
    }
}

@Suite("JSONTestSuite conformance")
struct JSONTestSuiteTests {
    static func files(_ prefix: String) -> [String] {
        let dir = TestPaths.shared.appendingPathComponent("corpora/JSONTestSuite/test_parsing")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
    }

    static func read(_ name: String) throws -> [UInt8] {
        try TestPaths.sharedFile("corpora/JSONTestSuite/test_parsing/" + name)
    }

    @Test func corpusIsPresent() {
        #expect(Self.files("n_").count > 150)
        #expect(Self.files("y_").count > 80)
    }

    @Test func everyNFileIsRefusedAsInvalid() throws {
        for name in Self.files("n_") {
            let result = decode(try Self.read(name))
            guard case .failure(.invalid(let problems, _)) = result else {
                Issue.record("\(name) was not refused: \(result)")
                continue
            }
            #expect(!problems.isEmpty, "\(name)")
        }
    }

    @Test func everyYFileIsDecodedOrRefusedWithASchemaMessage() throws {
        for name in Self.files("y_") {
            switch decode(try Self.read(name)) {
            case .success: break
            case .failure(.invalid(let problems, _)):
                // Valid JSON: the refusal is about the payload's shape, never its syntax.
                #expect(problems.allSatisfy { !$0.message.contains("invalid JSON") }, "\(name): \(problems)")
            case .failure(.server): Issue.record("\(name) read as an error envelope")
            }
        }
    }

    @Test func everyIFileEndsWithoutACrash() throws {
        let names = Self.files("i_")
        #expect(names.count > 30)
        for name in names {
            // Implementation-defined inputs: either read (as a shape error, since none is a payload)
            // or refused with a message; never a crash, never taken for a server's error envelope.
            switch decode(try Self.read(name)) {
            case .success: Issue.record("\(name) decoded as a payload")
            case .failure(.invalid(let problems, _)): #expect(!problems.isEmpty, "\(name)")
            case .failure(.server): Issue.record("\(name) read as an error envelope")
            }
        }
    }
}
