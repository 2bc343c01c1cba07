import ActivitySource
import Foundation
import NIOSSL
import TestSupport
import Testing

@testable import ReportCLI
@testable import ReportPipeline

/// Every fault of the issue, injected by the test server: exit code, message, attempts, waits,
/// nothing written, no token anywhere.
@Suite("Server faults")
struct FetchFaultTests {
    static let project = FakeLightdash.uuid(7)

    /// A fake whose project answers `fault` for request number n (0-based), or normally when nil.
    static func server(_ fault: @escaping @Sendable (Int) -> Reply?) async throws -> TestServer {
        var fake = FakeLightdash(projects: [.init(uuid: project, name: "Ops", payload: try FetchPaths.sample("sample-small.json"))])
        fake.faults[project] = fault
        return try await TestServer.start(fake.route)
    }

    static func attempts(_ server: TestServer) -> Int {
        server.requests(path: "/api/v1/analytics/user-activity/\(project)").count
    }

    /// The common checks of a failed run.
    static func expectFailed(_ run: FetchOutcome, status: ReportPipeline.ExitStatus, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == status, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.files.isEmpty, "nothing is written for a failed project: \(run.files)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(!run.stderr.contains(Tokens.personal), sourceLocation: sourceLocation)
    }

    @Test func unauthorizedEndsWith77AndSaysWhatToDoAboutTheToken() async throws {
        let server = try await TestServer.start(FakeLightdash(projects: []).route)
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server, environment: ["LIGHTDASH_API_KEY": "ldpat_expired"])
        Self.expectFailed(run, status: .noPermission)
        #expect(
            run.stderr.contains(
                "error: GET \(server.baseURL)/api/v1/analytics/user-activity/\(Self.project): 401 AuthorizationError: Failed to authorize user"
            ), "\(run.stderr)")
        #expect(run.stderr.contains("hint: the token is missing, expired or disabled"))
        #expect(server.requests.count == 1, "no retry on 401")
        #expect(run.sleeps.isEmpty)
    }

    @Test func forbiddenEndsWith77AndNamesThePermission() async throws {
        let server = try await Self.server { _ in .apiError(403, "ForbiddenError", "You do not have permission to view analytics") }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        Self.expectFailed(run, status: .noPermission)
        #expect(run.stderr.contains("403 ForbiddenError: You do not have permission to view analytics"))
        #expect(run.stderr.contains("view:Analytics"))
        #expect(Self.attempts(server) == 1)
    }

    @Test func unknownProjectEndsWith66AndPointsAtTheUuid() async throws {
        let server = try await TestServer.start(FakeLightdash(projects: []).route)
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        Self.expectFailed(run, status: .noInput)
        #expect(run.stderr.contains("404 NotExistsError: Project \(Self.project) does not exist"))
        #expect(run.stderr.contains("hint: check the project uuid"))
        #expect(server.requests.count == 1)
    }

    @Test func unknownPathEndsWith69AndPointsAtTheServerURL() async throws {
        let server = try await Self.server { _ in .apiError(404, "NotFoundError", "Route not found") }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        Self.expectFailed(run, status: .unavailable)
        #expect(run.stderr.contains("404 NotFoundError: Route not found"))
        #expect(run.stderr.contains("hint: check the server URL"))
        #expect(Self.attempts(server) == 1)
    }

    @Test func tooManyRequestsWaitsAsRetryAfterSaysThenSucceeds() async throws {
        let server = try await Self.server { n in
            n == 0 ? .apiError(429, "TooManyRequestsError", "slow down", headers: [("Retry-After", "7")]) : nil
        }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        #expect(run.status == .ok, "\(run.stderr)")
        #expect(Self.attempts(server) == 2)
        #expect(run.sleeps == [7])
        #expect(
            run.stderr.contains(
                "retry: \(Self.project): attempt 1 of 4 failed (429 TooManyRequestsError: slow down); trying again in 7.0 s"),
            "\(run.stderr)")
        #expect(run.files == ReportFiles.sorted)
    }

    @Test func retryAfterAsAnHTTPDateAndCappedAt60Seconds() async throws {
        // testNow is Wed, 11 Feb 2026 08:53:20 GMT.
        let server = try await Self.server { n in
            switch n {
            case 0: return .apiError(503, "ServiceUnavailable", "maintenance", headers: [("Retry-After", "Wed, 11 Feb 2026 08:53:50 GMT")])
            case 1: return .apiError(503, "ServiceUnavailable", "maintenance", headers: [("Retry-After", "3600")])
            default: return nil
            }
        }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        #expect(run.status == .ok, "\(run.stderr)")
        #expect(run.sleeps == [30, 60])
    }

    @Test func serverErrorIsNotRetried() async throws {
        let server = try await Self.server { n in n == 0 ? .apiError(500, "UnexpectedServerError", "Something went wrong") : nil }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        Self.expectFailed(run, status: .unavailable)
        #expect(Self.attempts(server) == 1, "a 500 is final; the 200 that would follow is never asked for")
        #expect(run.stderr.contains("500 UnexpectedServerError: Something went wrong"))
        #expect(run.stderr.contains("hint: the server, or a proxy in front of it, is failing"))
    }

    @Test func serviceUnavailableThreeTimesThenSuccessWaitsWithExponentialBackoff() async throws {
        let server = try await Self.server { n in n < 3 ? .apiError(503, "ServiceUnavailable", "restarting") : nil }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        #expect(run.status == .ok, "\(run.stderr)")
        #expect(Self.attempts(server) == 4)
        // 1, 2, 4 s times the jitter factor 0.5 + 0.5 * 0.5.
        #expect(run.sleeps == [0.75, 1.5, 3.0])
        #expect(run.files == ReportFiles.sorted)
    }

    @Test func failingFourTimesEndsWith69AfterFourAttempts() async throws {
        let server = try await Self.server { _ in .apiError(502, "BadGateway", "upstream down") }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        Self.expectFailed(run, status: .unavailable)
        #expect(Self.attempts(server) == 4)
        #expect(run.sleeps.count == 3)
        #expect(run.stderr.contains("502 BadGateway: upstream down (after 4 attempts)"), "\(run.stderr)")
    }

    @Test func aResponseSlowerThanTheTimeoutIsAFailedAttempt() async throws {
        // The answer would come after 30 s and is not a payload: had any attempt waited for it, the
        // run would end with "not a valid payload", not with the timeout. No wall-clock bound, so a
        // loaded machine cannot fail the test.
        // The timeout is long enough for a loaded machine to connect and send the request.
        let server = try await Self.server { n in n < 4 ? .delayed(seconds: 60, .json(200, "{}")) : nil }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project, "--timeout", "2"], server: server)
        Self.expectFailed(run, status: .unavailable)
        #expect(Self.attempts(server) == 4)
        #expect(run.stderr.contains("no answer within 2 s (read timeout) (after 4 attempts)"), "\(run.stderr)")
        #expect(run.stderr.contains("hint: raise --timeout"))
        #expect(!run.stderr.contains("not a valid"), "\(run.stderr)")
    }

    @Test func aSlowResponseThenAFastOneSucceeds() async throws {
        let payload = try FetchPaths.sample("sample-small.json")
        // The slow answer comes long after the timeout; the timeout leaves a loaded machine
        // ample time for the fast one (a further retry would only add a wait, not fail).
        let server = try await Self.server { n in n == 0 ? .delayed(seconds: 60, .json(200, bytes: payload)) : nil }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project, "--timeout", "3"], server: server)
        #expect(run.status == .ok, "\(run.stderr)")
        #expect(run.sleeps.first == 0.75)
        #expect(run.stderr.contains("attempt 1 of 4 failed (no answer within 3 s (read timeout))"), "\(run.stderr)")
    }

    @Test func aConnectionClosedMidBodyIsRetried() async throws {
        let payload = try FetchPaths.sample("sample-small.json")
        let server = try await Self.server { n in n == 0 ? .closedMidBody(status: 200, body: Array(payload.prefix(500))) : nil }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        #expect(run.status == .ok, "\(run.stderr)")
        #expect(Self.attempts(server) == 2)
        #expect(
            run.stderr.contains("attempt 1 of 4 failed (the answer was cut short: the connection closed before the whole body arrived)"),
            "\(run.stderr)")
    }

    @Test func aTruncatedBodyIsAFailedAttemptAndNothingIsWritten() async throws {
        let payload = try FetchPaths.sample("sample-small.json")
        let server = try await Self.server { _ in
            .truncated(status: 200, announced: payload.count, body: Array(payload.prefix(payload.count / 2)))
        }
        defer { Task { await server.stop() } }
        let raw = try FetchPaths.temporaryDirectory().appendingPathComponent("raw.json")
        let run = try await runFetch(["--project", Self.project, "--save-raw", raw.path], server: server)
        Self.expectFailed(run, status: .unavailable)
        #expect(Self.attempts(server) == 4)
        #expect(!FileManager.default.fileExists(atPath: raw.path))
        #expect(
            run.stderr.contains("the answer was cut short: the connection closed before the whole body arrived (after 4 attempts)"),
            "\(run.stderr)")
    }

    @Test func anHTMLErrorPageIsShownAsStatusAndFirstLine() async throws {
        let page =
            "<!DOCTYPE html>\n<html><head><title>Access denied by the corporate proxy</title></head><body><h1>Denied</h1></body></html>"
        let server = try await Self.server { _ in .answer(status: 403, headers: [("Content-Type", "text/html")], body: Array(page.utf8)) }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        Self.expectFailed(run, status: .noPermission)
        #expect(
            run.stderr.contains("HTTP 403 Forbidden, and the answer is not JSON; it starts: \"Access denied by the corporate proxy\""),
            "\(run.stderr)")
    }

    @Test func anHTMLGatewayPageIsRetriedThenReported() async throws {
        let page =
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
        let server = try await Self.server { _ in .answer(status: 502, headers: [("Content-Type", "text/html")], body: Array(page.utf8)) }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        Self.expectFailed(run, status: .unavailable)
        #expect(Self.attempts(server) == 4)
        #expect(
            run.stderr.contains("HTTP 502 Bad Gateway, and the answer is not JSON; it starts: \"502 Bad Gateway\" (after 4 attempts)"),
            "\(run.stderr)")
    }

    @Test func aBodyOverTheSizeCapEndsWith65WithoutRetry() async throws {
        let server = try await Self.server { _ in nil }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server, maxInputBytes: 1000)
        Self.expectFailed(run, status: .dataInvalid)
        #expect(Self.attempts(server) == 1)
        #expect(run.stderr.contains("the answer is larger (8503 bytes) than --max-input-bytes (1000 bytes)"), "\(run.stderr)")
    }

    @Test func aChunkedBodyOverTheSizeCapIsCutOffToo() async throws {
        let big = Array(repeating: UInt8(ascii: " "), count: 200_000)
        let server = try await Self.server { _ in .closedMidBody(status: 200, body: big) }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server, maxInputBytes: 10_000)
        Self.expectFailed(run, status: .dataInvalid)
        #expect(Self.attempts(server) == 1)
        #expect(run.stderr.contains("than --max-input-bytes (10000 bytes)"), "\(run.stderr)")
    }

    @Test func anInvalidPayloadEndsWith65() async throws {
        let server = try await Self.server { _ in .json(200, #"{"status":"ok","results":{"numberUsers":"many"}}"#) }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        Self.expectFailed(run, status: .dataInvalid)
        #expect(run.stderr.contains("error: \(server.baseURL)/api/v1/analytics/user-activity/\(Self.project):"), "\(run.stderr)")
    }

    @Test func aRedirectIsNotFollowed() async throws {
        let server = try await Self.server { _ in .answer(status: 302, headers: [("Location", "https://evil.example/steal")], body: []) }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        Self.expectFailed(run, status: .unavailable)
        #expect(Self.attempts(server) == 1)
        #expect(run.stderr.contains("the server redirects to https://evil.example/steal"), "\(run.stderr)")
    }

    @Test func aRefusedConnectionIsRetriedAndNamed() async throws {
        let server = try await Self.server { _ in nil }
        await server.stop()
        let run = try await runFetch(["--project", Self.project], server: server)
        Self.expectFailed(run, status: .unavailable)
        #expect(run.sleeps == [0.75, 1.5, 3.0])
        #expect(run.stderr.contains("connection to 127.0.0.1:\(server.port) failed: connection refused"), "\(run.stderr)")
    }

    @Test func aTokenEchoedByTheServerIsRedacted() async throws {
        let server = try await Self.server { _ in .apiError(403, "ForbiddenError", "token \(Tokens.personal) may not read analytics") }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        Self.expectFailed(run, status: .noPermission)
        #expect(run.stderr.contains("token [token] may not read analytics"), "\(run.stderr)")
    }
}

@Suite("HTTPS")
struct FetchTLSTests {
    /// A self-signed certificate for 127.0.0.1, made by openssl for this test.
    static func selfSigned() throws -> NIOSSLContext {
        let dir = try FetchPaths.temporaryDirectory()
        let key = dir.appendingPathComponent("key.pem").path
        let cert = dir.appendingPathComponent("cert.pem").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
            "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }

    @Test func anUntrustedCertificateIsATLSFailureWithoutRetryOrToken() async throws {
        let fake = FakeLightdash(projects: [
            .init(uuid: FetchFaultTests.project, name: "Ops", payload: try FetchPaths.sample("sample-small.json"))
        ])
        let server = try await TestServer.start(tls: try Self.selfSigned(), fake.route)
        defer { Task { await server.stop() } }
        let options = try ServerOptions.parse(["--url", "https://127.0.0.1:\(server.port)", "--project", FetchFaultTests.project])
        let errors = Recorder<String>()
        let sleeps = Recorder<Double>()
        let out = try FetchPaths.temporaryDirectory()
        let status = await ReportRun.server(
            options.request, settings: RunSettings(outputDirectory: out.path, maxInputBytes: 1 << 20, generatedAt: 0),
            environment: ["LIGHTDASH_API_KEY": Tokens.personal],
            events: ConsoleProgress(live: false, quiet: false, write: { errors.append($0) }),
            timing: RetryTiming(now: { testNow }, sleep: { sleeps.append($0) }, jitter: { 0.5 })
        ).status
        let stderr = errors.values.joined()
        #expect(status == .unavailable, "\(stderr)")
        #expect(stderr.contains("TLS failure with 127.0.0.1:\(server.port)"), "\(stderr)")
        #expect(stderr.contains("hint: the server's certificate is not trusted here"))
        #expect(sleeps.values.isEmpty, "a certificate problem is not retried")
        #expect(server.requests.isEmpty, "no request, so no token, went over the untrusted connection")
        #expect(FetchPaths.files(under: out).isEmpty)
    }
}
