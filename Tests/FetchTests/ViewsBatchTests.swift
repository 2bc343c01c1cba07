import ActivitySource
import Foundation
import Testing

@testable import ReportCLI
@testable import ReportPipeline

/// `--all-projects --views auto`: each project's views CSV is downloaded for its own report.
@Suite("Downloading the views CSV in a batch")
struct ViewsBatchTests {
    static func csv(rows: Int) -> String {
        "type,timestamp,uuid,name,user_uuid,user_first_name,user_last_name,space_name\n"
            + (0..<rows).map { "chart,2026-02-11T09:\(10 + $0):00Z,c\($0),Chart \($0),u\($0),U,,S" }.joined(separator: "\n") + "\n"
    }

    @Test func eachProjectGetsTheViewsOfItsOwnExport() async throws {
        let payload = try FetchPaths.sample("sample-small.json")
        let fake = FakeLightdash(projects: [
            .init(uuid: FakeLightdash.uuid(1), name: "Alpha", payload: payload),
            .init(uuid: FakeLightdash.uuid(2), name: "Beta", payload: payload),
        ])
        let server = try await TestServer.start { request, before in
            let counts: [(Int, Int)] = [(1, 2), (2, 5)]
            for (n, rows) in counts {
                let uuid = FakeLightdash.uuid(n)
                if request.method == "POST", request.uri == "/api/v1/analytics/user-activity/\(uuid)/download" {
                    return .json(
                        200, #"{"status":"ok","results":"http://\#(request.header("host") ?? "")/api/v1/projects/\#(uuid)/csv/f"}"#)
                }
                if request.uri == "/api/v1/projects/\(uuid)/csv/f" {
                    guard request.header("authorization") == "ApiKey \(Tokens.personal)" else {
                        return .apiError(401, "AuthorizationError", "no")
                    }
                    return .answer(status: 200, headers: [("Content-Type", "text/csv")], body: Array(Self.csv(rows: rows).utf8))
                }
            }
            return fake.answer(request, before)
        }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--all-projects"], server: server, quiet: true, configure: { $0.views = "auto" })
        #expect(run.status == .ok, "\(run.stderr)")
        let expected: [(Int, String, Int)] = [(1, "alpha", 2), (2, "beta", 5)]
        for (n, name, rows) in expected {
            let file = run.output.appendingPathComponent("\(name)-\(FakeLightdash.uuid(n))/insights.json")
            let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
            #expect((doc?["views"] as? [String: Any])?["views"] as? Int == rows, "\(name)")
            #expect(server.requests(path: "/api/v1/analytics/user-activity/\(FakeLightdash.uuid(n))/download").count == 1)
        }
    }
}
