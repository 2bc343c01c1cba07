import Foundation
import Secrets
import TestSupport
import Testing

@testable import ActivitySource
@testable import ReportPipeline

/// Servers that echo the token: not a single piece of it may reach stderr, stdout or a file,
/// wherever the echo falls against the shortenings of the messages (values quoted at 40
/// characters, server messages at 300, the first line of an HTML page at 200).
@Suite("No secret, not even in part")
struct FetchRedactionTests {
    /// 32 secret hex digits, as the issue's token had.
    static let token = "ldpat_7f3a9c2e5b8d4f1a6c0e9b3d7a5f2c8e"
    static let secretDigits = String(token.dropFirst("ldpat_".count))
    static let project = FakeLightdash.uuid(7)

    /// Every piece of six or more secret digits found in `text`.
    static func pieces(in text: String) -> [String] {
        let digits = Array(secretDigits)
        var found: [String] = []
        for start in 0...(digits.count - 6) {
            let piece = String(digits[start..<(start + 6)])
            if text.contains(piece) { found.append(piece) }
        }
        return found
    }

    /// Runs against a server that answers `reply` to the payload request, and checks every output.
    static func run(_ reply: Reply, sourceLocation: SourceLocation = #_sourceLocation) async throws -> FetchOutcome {
        let server = try await TestServer.start { request, _ in
            guard request.header("authorization") == "ApiKey \(token)" else { return .apiError(401, "AuthorizationError", "no") }
            return reply
        }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", project], server: server, environment: ["LIGHTDASH_API_KEY": token])
        var everything = run.stderr + run.stdout.joined(separator: "\n")
        for file in run.files {
            everything += String(decoding: try Data(contentsOf: run.output.appendingPathComponent(file)), as: UTF8.self)
        }
        #expect(pieces(in: everything).isEmpty, "pieces of the token: \(pieces(in: everything))", sourceLocation: sourceLocation)
        return run
    }

    @Test func aPayloadEchoingTheAuthorizationHeaderInAFieldShowsNoPieceOfIt() async throws {
        // The value is quoted at 40 characters: "ApiKey ldpat_" leaves 27 digits before the cut.
        var payload = try JSONSerialization.jsonObject(with: Data(try TestPaths.sample("sample-small.json"))) as? [String: Any] ?? [:]
        var results = payload["results"] as? [String: Any] ?? [:]
        var series = results["chartWeeklyQueryingUsers"] as? [[String: Any]] ?? []
        try #require(!series.isEmpty)
        series[0]["date"] = "ApiKey \(Self.token)"
        results["chartWeeklyQueryingUsers"] = series
        payload["results"] = results
        let body = Array(try JSONSerialization.data(withJSONObject: payload))
        let run = try await Self.run(.json(200, bytes: body))
        #expect(run.status == .dataInvalid)
        #expect(run.stderr.contains("got \"ApiKey [token]\""), "\(run.stderr)")
    }

    @Test func aTokenEchoedInANameIsRedactedInEveryFileOfTheReport() async throws {
        var payload = try JSONSerialization.jsonObject(with: Data(try TestPaths.sample("sample-small.json"))) as? [String: Any] ?? [:]
        var results = payload["results"] as? [String: Any] ?? [:]
        var rows = results["tableMostQueries"] as? [[String: Any]] ?? []
        try #require(!rows.isEmpty)
        rows[0]["firstName"] = "Bearer \(Self.token)"
        results["tableMostQueries"] = rows
        payload["results"] = results
        let run = try await Self.run(.json(200, bytes: Array(try JSONSerialization.data(withJSONObject: payload))))
        #expect(run.status == .ok, "\(run.stderr)")
        let csv = try String(contentsOf: run.output.appendingPathComponent("data/most-queries.csv"), encoding: .utf8)
        #expect(csv.contains("Bearer [token]"), "the report shows where the server echoed it")
    }

    @Test func anUnauthorizedMessageWithTheTokenAtCharacter285ShowsNoPieceOfIt() async throws {
        // Server messages are cut at 300 characters: the token would straddle the cut.
        let message = String(repeating: "x", count: 285) + Self.token + " was refused"
        let run = try await Self.run(.apiError(401, "AuthorizationError", message))
        #expect(run.status == .noPermission)
        #expect(run.stderr.contains("401 AuthorizationError: xxx"), "\(run.stderr)")
    }

    @Test func anHTMLErrorPageWithTheTokenNearItsFirstLinesCutShowsNoPieceOfIt() async throws {
        // The first line of an HTML page is cut at 200 characters.
        let page = "<html><head><title>" + String(repeating: "y", count: 184) + Self.token + "</title></head></html>"
        let run = try await Self.run(
            .answer(status: 502, headers: [("Content-Type", "text/html")], body: Array(page.utf8)))
        #expect(run.status == .unavailable)
        #expect(run.stderr.contains("HTTP 502 Bad Gateway, and the answer is not JSON; it starts: \"yyy"), "\(run.stderr)")
    }

    @Test func aTokenWrittenWithJSONEscapesIsFoundToo() async throws {
        let escaped = Self.token.replacingOccurrences(of: "_", with: "\\u005f").replacingOccurrences(of: "7f", with: "\\u0037f")
        // Decoded, the token would straddle the cut at 300 characters.
        let body =
            #"{"status":"error","error":{"statusCode":403,"name":"ForbiddenError","message":""#
            + String(repeating: "x", count: 285) + escaped + #" may not"}}"#
        let run = try await Self.run(.json(403, body))
        #expect(run.status == .noPermission)
        #expect(run.stderr.contains("403 ForbiddenError: xxx"), "\(run.stderr)")
    }

    @Test func aRedirectToAnAddressHoldingTheTokenShowsNoPieceOfIt() async throws {
        let run = try await Self.run(
            .answer(
                status: 302, headers: [("Location", "https://evil.example/" + String(repeating: "z", count: 161) + "?t=" + Self.token)],
                body: []))
        #expect(run.status == .unavailable)
        #expect(run.stderr.contains("the server redirects to https://evil.example/"), "\(run.stderr)")
    }
}

@Suite("The redactor")
struct RedactorTests {
    @Test func replacesEverySecretAsWrittenLongestFirst() {
        var r = Redactor("abc123secret", as: "token")
        r.register("Basic dXNlcjpwYXNz", as: "proxy authorization")
        r.register("dXNlcjpwYXNz", as: "proxy authorization")
        #expect(r.redact("x abc123secret y abc123secret") == "x [token] y [token]")
        #expect(r.redact("h: Basic dXNlcjpwYXNz") == "h: [proxy authorization]")
        #expect(r.redact(Array("nothing here".utf8)) == Array("nothing here".utf8))
    }

    @Test func findsSecretsSpelledWithJSONEscapesInsideStrings() {
        let r = Redactor("ldpat_abc", as: "token")
        let body = Array(#"{"a":"x ldpat\u005fabc y","b":"ldp\u0061t_abc","c":"keep \"this\" \u00e9"}"#.utf8)
        let out = String(decoding: r.redact(body), as: UTF8.self)
        #expect(out == #"{"a":"x [token] y","b":"[token]","c":"keep \"this\" \u00e9"}"#)
    }

    @Test func findsAPasswordPercentEncodedAsInAURL() {
        let r = Redactor("p@ss:w/rd", as: "proxy password")
        #expect(r.redact("http://u:p%40ss%3Aw%2Frd@proxy") == "http://u:[proxy password]@proxy")
    }

    @Test func aRunRedactsTheProxyCredentialsToo() throws {
        let endpoint = try ServerEndpoint.parse("https://lightdash.example.com", allowInsecureHTTP: false)
        let settings = FetchSettings(
            endpoint: endpoint, token: try APIToken("ldpat_tok", origin: "test"), proxyAuthorization: "Basic c2VjcmV0",
            proxy: ProxySetting(kind: .http, host: "proxy", port: 3128, username: "u", password: "hunter2"))
        #expect(
            settings.secrets.redact("ldpat_tok Basic c2VjcmV0 c2VjcmV0 hunter2")
                == "[token] [proxy authorization] [proxy authorization] [proxy password]")
    }
}
