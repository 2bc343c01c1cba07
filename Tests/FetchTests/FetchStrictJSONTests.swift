import Foundation
import Testing

@testable import ActivitySource
@testable import ReportCLI

/// The server's JSON (error envelopes, the project list) goes through the project's strict reader:
/// what Foundation's lenient parser would take (a trailing comma, a comment) or invalid UTF-8 is
/// an unreadable body like any other, reported with the usual messages.
@Suite("Strict JSON from the server")
struct FetchStrictJSONTests {
    static let uuid = FakeLightdash.uuid(3)
    static let envelope = #"{"status":"error","error":{"statusCode":403,"name":"ForbiddenError","message":"no access","data":{}}}"#

    /// Bodies that are not JSON, each next to the valid JSON it is one change away from.
    static let brokenEnvelopes: [[UInt8]] = [
        Array(#"{"status":"error","error":{"statusCode":403,"name":"ForbiddenError","message":"no access",}}"#.utf8),
        Array(#"{"status":"error","error":{"name":"ForbiddenError","message":"no access"},}"#.utf8),
        Array(#"{"status":"error", /* proxy */ "error":{"name":"ForbiddenError","message":"no access"}}"#.utf8),
        Array(#"// proxy"#.utf8) + [0x0A] + Array(envelope.utf8),
        Array(#"{"status":"error","error":{"name":"ForbiddenError","message":"no "#.utf8) + [0xC3, 0x28]
            + Array(#" access"}}"#.utf8),
        Array(#"{"status":"error","error":{"name":"Forbidden"#.utf8) + [0xFF] + Array(#"Error"}}"#.utf8),
    ]

    @Test func validErrorEnvelopesAreRead() throws {
        // The test server's shape, the CI fake's (spaces after ':' and ','), and Lightdash's without a message.
        let api = try #require(ErrorAnswer.apiError(Array(Self.envelope.utf8)))
        #expect(api.name == "ForbiddenError")
        #expect(api.message == "no access")
        let spaced = #"{"status": "error", "error": {"statusCode": 404, "name": "NotExistsError", "message": "Project \"x\" not found\n"}}"#
        let spacedAPI = try #require(ErrorAnswer.apiError(Array(spaced.utf8)))
        #expect(spacedAPI.name == "NotExistsError")
        #expect(spacedAPI.message == "Project \"x\" not found\n")
        let bare = try #require(
            ErrorAnswer.apiError(Array("\u{FEFF}{\"error\": {\"name\": \"UnexpectedServerError\", \"message\": 42}}".utf8)))
        #expect(bare.name == "UnexpectedServerError")
        #expect(bare.message == nil, "a message that is not text is left out")
    }

    @Test func otherJSONIsNotAnErrorEnvelope() {
        for text in ["[]", "\"error\"", #"{"error":"ForbiddenError"}"#, #"{"error":{"name":403}}"#, #"{"status":"error"}"#] {
            #expect(ErrorAnswer.apiError(Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test(arguments: FetchStrictJSONTests.brokenEnvelopes)
    func aBrokenEnvelopeIsShownAsText(body: [UInt8]) {
        #expect(ErrorAnswer.apiError(body) == nil)
        let failure = ErrorAnswer.failure(url: "https://x.example/api", status: 403, reason: "Forbidden", body: body, location: nil)
        #expect(failure.message.hasPrefix("HTTP 403 Forbidden, and the answer is not JSON; it starts: \""), "\(failure.message)")
        #expect(failure.kind == .refused)
    }

    @Test func validProjectListsAreRead() throws {
        let fake = #"{"status":"ok","results":[{"name":"Sales","projectUuid":"\#(Self.uuid)","type":"DEFAULT","createdByUserUuid":null}]}"#
        #expect(LightdashClient.decodeProjects(Array(fake.utf8)) == [ProjectSummary(uuid: Self.uuid, name: "Sales", type: "DEFAULT")])
        let ci =
            #"{"status": "ok", "results": [{"projectUuid": "\#(Self.uuid.uppercased())", "name": "Zoë \"Q\"", "type": "PREVIEW"}, {"projectUuid": "\#(FakeLightdash.uuid(4))"}]}"#
        #expect(
            LightdashClient.decodeProjects(Array(ci.utf8)) == [
                ProjectSummary(uuid: Self.uuid, name: "Zoë \"Q\"", type: "PREVIEW"), ProjectSummary(uuid: FakeLightdash.uuid(4), name: ""),
            ])
        #expect(LightdashClient.decodeProjects(Array(#"{"status":"ok","results":[]}"#.utf8)) == [])
    }

    @Test(arguments: [
        Array(#"{"status":"ok","results":[{"projectUuid":"\#(FetchStrictJSONTests.uuid)","name":"Sales"},]}"#.utf8),
        Array(#"{"status":"ok","results":[{"projectUuid":"\#(FetchStrictJSONTests.uuid)","name":"Sales",}]}"#.utf8),
        Array(#"{"status":"ok","results":[{"projectUuid":"\#(FetchStrictJSONTests.uuid)","name":"Sales"}] /* 1 */}"#.utf8),
        Array(#"{"status":"ok","results":[{"projectUuid":"\#(FetchStrictJSONTests.uuid)","name":"Sa"#.utf8) + [0xED, 0xA0, 0x80]
            + Array(#"les"}]}"#.utf8),
        Array(#"{"status":"ok","results":{"projectUuid":"\#(FetchStrictJSONTests.uuid)"}}"#.utf8),
        Array(#"{"status":"ok","results":[{"projectUuid":"not-a-uuid"}]}"#.utf8),
        Array(#"{"status":"ok","results":["\#(FetchStrictJSONTests.uuid)"]}"#.utf8),
    ])
    func aBrokenProjectListIsRefused(body: [UInt8]) {
        #expect(LightdashClient.decodeProjects(body) == nil)
    }

    @Test func aProjectListWithATrailingCommaEndsTheRunAsUnreadable() async throws {
        var fake = FakeLightdash(projects: [.init(uuid: Self.uuid, name: "Ops", payload: try FetchPaths.sample("sample-small.json"))])
        fake.listFault = { _ in .json(200, #"{"status":"ok","results":[{"projectUuid":"\#(Self.uuid)","name":"Ops"},]}"#) }
        let server = try await TestServer.start(fake.route)
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--all-projects"], server: server)
        #expect(run.status == .unavailable, "\(run.stderr)")
        #expect(run.stderr.contains("/api/v1/org/projects: the answer is not a list of projects"), "\(run.stderr)")
        #expect(server.requests(path: "/api/v1/analytics/user-activity/\(Self.uuid)").isEmpty)
    }

    @Test func anErrorEnvelopeWithATrailingCommaIsShownAsText() async throws {
        var fake = FakeLightdash(projects: [.init(uuid: Self.uuid, name: "Ops", payload: try FetchPaths.sample("sample-small.json"))])
        fake.faults[Self.uuid] = { _ in .json(403, #"{"status":"error","error":{"name":"ForbiddenError","message":"no access",}}"#) }
        let server = try await TestServer.start(fake.route)
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.uuid], server: server)
        #expect(run.status == .noPermission, "\(run.stderr)")
        #expect(run.stderr.contains(#"HTTP 403 Forbidden, and the answer is not JSON; it starts: "{"status":"error""#), "\(run.stderr)")
        #expect(!run.stderr.contains("403 ForbiddenError"), "\(run.stderr)")
    }
}
