import ActivitySource
import Foundation
import TestSupport
import Testing

@testable import ReportCLI
@testable import ReportPipeline

/// A server that answers at once and then sends its body one byte at a time resets the read
/// timeout with every byte: only the tool's own timers (one attempt's limit, `--deadline`) end it.
///
/// On a busy machine those timers fire late: the whole suite with both cores busy once took 12
/// minutes here, its timers waiting for threads the other suites held. So the trickles last over
/// an hour, longer than any such delay (the outcome does not depend on when a timer fires), and
/// the time limit is only a net that turns a hang (a timer that never fires) into a failure.
@Suite("Bounded attempts and --deadline", .timeLimit(.minutes(45)))
struct FetchDeadlineTests {
    static let project = FakeLightdash.uuid(7)

    /// A project whose every answer trickles: the sample payload, one byte each 0.5 s (over an hour).
    static func tricklingServer() async throws -> TestServer {
        let payload = try TestPaths.sample("sample-small.json")
        var fake = FakeLightdash(projects: [.init(uuid: project, name: "Ops", payload: payload)])
        fake.faults[project] = { _ in .trickle(status: 200, body: payload, interval: 0.5) }
        return try await TestServer.start(fake.route)
    }

    @Test func aTricklingBodyEndsTheRunAtItsDeadlineWithExit69() async throws {
        let server = try await Self.tricklingServer()
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project, "--deadline", "3"], server: server)
        #expect(run.status == .unavailable, "\(run.stderr)")
        #expect(run.stderr.contains("--deadline (3 s) passed before the whole answer arrived"), "\(run.stderr)")
        #expect(run.stderr.contains("hint: raise --deadline"))
        #expect(run.files.isEmpty, "\(run.files)")
        #expect(run.sleeps.isEmpty, "no attempt after the deadline")
        #expect(server.requests(path: "/api/v1/analytics/user-activity/\(Self.project)").count <= 1)
    }

    @Test func eachAttemptHeadAndBodyIsCutAtItsLimitThenRetried() async throws {
        let server = try await Self.tricklingServer()
        defer { Task { await server.stop() } }
        let endpoint = try ServerEndpoint.parse(server.baseURL, allowInsecureHTTP: false)
        // The connect and read timeouts are far beyond the attempt's limit: on a loaded machine an
        // in-process server may take seconds to accept, and only the attempt's limit may end it.
        let settings = FetchSettings(
            endpoint: endpoint, token: try APIToken(Tokens.personal, origin: "test"), timeout: 600, attemptLimit: 0.4)
        let sleeps = Recorder<Double>()
        let client = LightdashClient(
            settings: settings, timing: RetryTiming(now: { testNow }, sleep: { sleeps.append($0) }, jitter: { 0.5 }))
        do {
            _ = try await client.userActivity(project: Self.project)
            Issue.record("a trickling body was taken for an answer")
        } catch {
            #expect(error.attempts == 4)
            #expect(error.kind == .unavailable)
            #expect(error.message.hasPrefix("the whole answer did not arrive within 0.4 s"), "\(error.message)")
        }
        await client.shutdown()
        #expect(sleeps.values == [0.75, 1.5, 3], "retried like any failed attempt")
        // Each attempt's request reached the server unless the machine was too loaded to send it in 0.4 s.
        #expect(server.requests(path: "/api/v1/analytics/user-activity/\(Self.project)").count <= 4)
    }

    @Test func theReportBinaryEndsAgainstATricklingServerWithExit69() async throws {
        let server = try await Self.tricklingServer()
        defer { Task { await server.stop() } }
        let out = try TestPaths.temporaryDirectory()
        // On a thread of its own: waiting for the process must not hold one of the few threads
        // every other test's timers run on.
        let r = try await onOwnThread {
            try runReport(
                ["--url", server.baseURL, "--project", Self.project, "--timeout", "5", "--deadline", "2", "--output", out.path],
                environment: ["LIGHTDASH_API_KEY": Tokens.personal], timeout: 600)
        }
        #expect(r.status == 69, "\(r.stderr)")
        #expect(r.stderr.contains("--deadline (2 s) passed before"), "\(r.stderr)")
        #expect(TestPaths.files(under: out).isEmpty)
    }

    @Test func noRequestIsSentOnceTheDeadlineHasPassed() async throws {
        let server = try await Self.tricklingServer()
        defer { Task { await server.stop() } }
        let endpoint = try ServerEndpoint.parse(server.baseURL, allowInsecureHTTP: false)
        let settings = FetchSettings(endpoint: endpoint, token: try APIToken(Tokens.personal, origin: "test"), deadline: 30)
        let clock = Recorder<Double>()
        clock.append(0)
        let timing = RetryTiming(now: { testNow }, sleep: { _ in }, jitter: { 0.5 }, monotonic: { clock.values.last ?? 0 })
        let client = LightdashClient(settings: settings, timing: timing)
        clock.append(31)  // the run spent its time elsewhere (other projects, rendering)
        do {
            _ = try await client.userActivity(project: Self.project)
            Issue.record("fetched after the deadline")
        } catch {
            #expect(error.message == "--deadline (30 s) passed before an answer came")
        }
        await client.shutdown()
        #expect(server.requests.isEmpty)
    }

    @Test func aRetryWaitThatWouldPassTheDeadlineIsNotWaited() async throws {
        let server = try await FetchFaultTests.server { _ in .apiError(503, "ServiceUnavailable", "busy", headers: [("Retry-After", "30")])
        }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project, "--deadline", "20"], server: server)
        #expect(run.status == .unavailable)
        #expect(run.sleeps.isEmpty)
        #expect(run.stderr.contains("no time is left for another attempt before --deadline (20 s)"), "\(run.stderr)")
        #expect(server.requests(path: "/api/v1/analytics/user-activity/\(Self.project)").count == 1)
    }

    @Test func oneAttemptIsBoundedByTenTimesTheTimeoutAndAtLeastAMinute() throws {
        #expect(FetchSettings.attemptLimit(timeout: 30) == 300)
        #expect(FetchSettings.attemptLimit(timeout: 2) == 60)
        let endpoint = try ServerEndpoint.parse("https://lightdash.example.com", allowInsecureHTTP: false)
        let settings = FetchSettings(endpoint: endpoint, token: try APIToken(Tokens.personal, origin: "test"), timeout: 12)
        #expect(settings.attemptLimit == 120)
    }

    @Test func theDeadlineMustBePositive() {
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--deadline", "0"]) }
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--deadline", "-3"]) }
        #expect((try? ServerOptions.parse(["--deadline", "90"]))?.request.deadline == 90)
    }
}

/// `work` on a new thread, awaited without blocking a thread of Swift's cooperative pool.
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
