import Foundation
import Testing

@testable import ActivitySource
@testable import ReportCLI
@testable import ReportPipeline

@Suite("Server address, proxy, token and plan")
struct FetchConfigurationTests {
    @Test(arguments: [
        ("https://lightdash.example.com", "https://lightdash.example.com/api/v1/x"),
        ("https://Lightdash.Example.com:8443/", "https://lightdash.example.com:8443/api/v1/x"),
        ("https://example.com/lightdash/api/v1/", "https://example.com/lightdash/api/v1/x"),
        ("http://localhost:8080", "http://localhost:8080/api/v1/x"),
        ("http://127.0.0.1:3000", "http://127.0.0.1:3000/api/v1/x"),
        ("http://[::1]:3000", "http://[::1]:3000/api/v1/x"),
    ])
    func acceptedServerAddresses(_ text: String, _ url: String) throws {
        #expect(try ServerEndpoint.parse(text, allowInsecureHTTP: false).url("/api/v1/x") == url)
    }

    @Test(arguments: [
        ("http://lightdash.example.com", "plain http"),
        ("http://10.0.0.5:8080", "plain http"),
        ("ftp://lightdash.example.com", "must start with https://"),
        ("https://user:pass@lightdash.example.com", "must not hold a user name or password"),
        ("https://lightdash.example.com/?x=1", "must not have a query"),
        ("lightdash.example.com", "is not a server address"),
        ("", "is empty"),
    ])
    func refusedServerAddresses(_ text: String, _ expected: String) {
        #expect {
            try ServerEndpoint.parse(text, allowInsecureHTTP: false)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test func plainHTTPToAnotherHostOnlyWhenAllowed() throws {
        #expect(try ServerEndpoint.parse("http://lightdash.internal", allowInsecureHTTP: true).url("") == "http://lightdash.internal")
    }

    @Test func proxiesFromTheEnvironment() throws {
        let https = try ServerEndpoint.parse("https://lightdash.example.com", allowInsecureHTTP: false)
        let proxy = try ProxySetting.fromEnvironment(["HTTPS_PROXY": "http://u%40x:p%3Aw@proxy.corp:3128"], for: https)
        #expect(proxy == ProxySetting(kind: .http, host: "proxy.corp", port: 3128, username: "u@x", password: "p:w"))
        #expect(try ProxySetting.fromEnvironment(["https_proxy": "proxy.corp:8080"], for: https)?.port == 8080)
        #expect(try ProxySetting.fromEnvironment(["https_proxy": "socks5://proxy.corp"], for: https)?.kind == .socks)
        #expect(
            try ProxySetting.fromEnvironment(["http_proxy": "http://proxy.corp:3128"], for: https) == nil, "http_proxy is for http only")
        for noProxy in ["example.com", ".example.com", "lightdash.example.com:443", "*", "other.org, example.com"] {
            #expect(
                try ProxySetting.fromEnvironment(["https_proxy": "http://proxy.corp:3128", "no_proxy": noProxy], for: https) == nil,
                "\(noProxy)")
        }
        #expect(try ProxySetting.fromEnvironment(["https_proxy": "http://proxy.corp:3128", "NO_PROXY": "ample.com"], for: https) != nil)
        let local = try ServerEndpoint.parse("http://127.0.0.1:8080", allowInsecureHTTP: false)
        #expect(
            try ProxySetting.fromEnvironment(["http_proxy": "http://proxy.corp:3128"], for: local) == nil,
            "loopback never goes through a proxy")
        #expect(throws: SourceError.self) { try ProxySetting.fromEnvironment(["https_proxy": "https://proxy.corp"], for: https) }
    }

    @Test func tokensNeverShowInDescriptions() throws {
        let token = try APIToken(" \(Tokens.personal)\n", origin: "test")
        #expect(token.authorization == "ApiKey \(Tokens.personal)")
        #expect(try APIToken(Tokens.service, origin: "test").authorization == "Bearer \(Tokens.service)")
        #expect(!"\(token)".contains(Tokens.personal))
        #expect(!String(reflecting: token).contains(Tokens.personal))
        #expect(token.redact("a \(Tokens.personal) b") == "a [token] b")
        #expect(throws: SourceError.self) { try APIToken("ldpat_a\r\nX-Injected: 1", origin: "test") }
        #expect(throws: SourceError.self) { try APIToken("  \n", origin: "test") }
    }

    @Test func projectUuidsAreCheckedAndLowercased() {
        #expect(ProjectID.normalize(" 3675B69E-8324-4110-BDCA-059031AA8DA3 ") == "3675b69e-8324-4110-bdca-059031aa8da3")
        #expect(ProjectID.normalize("3675b69e-8324-4110-bdca-059031aa8da") == nil)
        #expect(ProjectID.normalize("../../api/v1/org/projects") == nil)
        #expect(ProjectID.normalize("3675b69e-8324-4110-bdca-059031aa8dag") == nil)
    }

    static func plan(_ arguments: [String], _ env: [String: String] = ["LIGHTDASH_API_KEY": Tokens.personal]) -> Result<
        FetchPlan, ReportError
    > {
        do {
            let options = try ServerOptions.parse(arguments)
            return .success(try FetchPlan.make(options.request, environment: env, maxInputBytes: 1000))
        } catch let problem as ReportError {
            return .failure(problem)
        } catch {
            return .failure(.usage("parse: \(error)"))
        }
    }

    @Test func planFromTheEnvironment() throws {
        let env = [
            "LIGHTDASH_URL": "https://lightdash.example.com", "LIGHTDASH_PROJECT": FakeLightdash.uuid(1),
            "LIGHTDASH_API_KEY": Tokens.personal,
        ]
        let plan = try Self.plan([], env).get()
        #expect(plan.selection == .projects([FakeLightdash.uuid(1)]))
        #expect(!plan.batch)
        #expect(plan.settings.timeout == 30)
        #expect(plan.settings.maxBodyBytes == 1000)
        #expect(plan.settings.retry == RetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 30, retryAfterCap: 60))
        #expect(plan.concurrency == 4)
        let batch = try Self.plan(["--url", "https://x.example", "--project", FakeLightdash.uuid(1), "--project", FakeLightdash.uuid(2)])
            .get()
        #expect(batch.batch)
    }

    @Test(arguments: [
        ([] as [String], [:] as [String: String], "give --input FILE, or --url"),
        (["--url", "https://x.example", "--project", FakeLightdash.uuid(1)], [:], "no API token: set LIGHTDASH_API_KEY"),
        (["--url", "https://x.example"], ["LIGHTDASH_API_KEY": "t"], "which project?"),
        (["--url", "https://x.example", "--project", "nope"], ["LIGHTDASH_API_KEY": "t"], "--project: \"nope\" is not a project uuid"),
        (["--url", "http://x.example", "--project", FakeLightdash.uuid(1)], ["LIGHTDASH_API_KEY": "t"], "add --allow-insecure-http"),
        (
            ["--url", "https://x.example", "--all-projects", "--project", FakeLightdash.uuid(1)], ["LIGHTDASH_API_KEY": "t"],
            "without --project"
        ),
        (
            ["--url", "https://x.example", "--all-projects", "--save-raw", "x.json"], ["LIGHTDASH_API_KEY": "t"],
            "--save-raw keeps one project's payload"
        ),
        (
            ["--url", "https://x.example", "--project", FakeLightdash.uuid(1)],
            ["LIGHTDASH_API_KEY": "t", "LIGHTDASH_PROXY_AUTHORIZATION": "a\nb"], "LIGHTDASH_PROXY_AUTHORIZATION holds a line break"
        ),
    ])
    func planProblemsAreUsageErrors(_ arguments: [String], _ env: [String: String], _ expected: String) {
        guard case .failure(let problem) = Self.plan(arguments, env) else {
            Issue.record("expected a problem for \(arguments)")
            return
        }
        #expect(problem.status == .usage)
        #expect(problem.description.contains(expected), "\(problem.description)")
    }

    @Test func anUnreadableKeyFileEndsWith66() {
        guard
            case .failure(let problem) = Self.plan([
                "--url", "https://x.example", "--project", FakeLightdash.uuid(1), "--api-key-file", "/nonexistent/token",
            ])
        else {
            Issue.record("expected a problem")
            return
        }
        #expect(problem.status == .noInput)
        #expect(problem.description.contains("/nonexistent/token"))
    }

    @Test func aTokenOnTheCommandLineIsRefused() {
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--api-key", "ldpat_x"]) }
    }
}

@Suite("Retry policy")
struct RetryPolicyTests {
    @Test func backoffDoublesWithJitterBetweenHalfAndFull() {
        let policy = RetryPolicy()
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, jitter: 0) == 0.5)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, jitter: 0.999_999) > 0.999)
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil, jitter: 0.5) == 1.5)
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, jitter: 0.5) == 3)
        #expect(policy.delay(afterAttempt: 10, retryAfter: nil, jitter: 1) == 30, "capped at maxDelay")
        for attempt in 1...3 {
            for j in stride(from: 0.0, to: 1.0, by: 0.05) {
                let d = policy.delay(afterAttempt: attempt, retryAfter: nil, jitter: j)
                let full = pow(2, Double(attempt - 1))
                #expect(d >= full / 2 && d <= full)
            }
        }
    }

    @Test func retryAfterWinsAndIsCapped() {
        let policy = RetryPolicy()
        #expect(policy.delay(afterAttempt: 1, retryAfter: 12, jitter: 0.9) == 12)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 600, jitter: 0.9) == 60)
        #expect(policy.delay(afterAttempt: 1, retryAfter: -5, jitter: 0.9) == 0)
    }

    @Test func retryAfterInSecondsOrAsAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_770_800_000)  // Wed, 11 Feb 2026 08:53:20 GMT
        #expect(RetryAfter.seconds("120", now: now) == 120)
        #expect(RetryAfter.seconds(" 0 ", now: now) == 0)
        #expect(RetryAfter.seconds("Wed, 11 Feb 2026 08:54:20 GMT", now: now) == 60)
        #expect(RetryAfter.seconds("Wednesday, 11-Feb-26 08:53:30 GMT", now: now) == 10)
        #expect(RetryAfter.seconds("Wed Feb 11 08:53:25 2026", now: now) == 5)
        #expect(RetryAfter.seconds("Wed, 11 Feb 2026 08:00:00 GMT", now: now) == 0, "a date in the past: no wait")
        #expect(RetryAfter.seconds("soon", now: now) == nil)
        #expect(RetryAfter.seconds("-3", now: now) == nil)
    }

    @Test func onlyTransientStatusesAreRetried() {
        #expect(RetryPolicy.retryableStatuses == [429, 502, 503, 504])
    }
}

@Suite("Project folders and index")
struct ProjectFolderTests {
    static let uuid = "3675b69e-8324-4110-bdca-059031aa8da3"

    @Test(arguments: [
        ("Sales", "sales-"),
        ("Ventes été 2026!", "ventes-ete-2026-"),
        ("  --Ops / Finance--  ", "ops-finance-"),
        ("", ""),
        ("日本語", ""),
        ("../../etc/passwd", "etc-passwd-"),
        (String(repeating: "abc ", count: 30), "abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-"),
    ])
    func folderNames(_ name: String, _ prefix: String) {
        #expect(Slug.folder(name: name, uuid: Self.uuid) == prefix + Self.uuid)
    }

    @Test func namesAreMadeSafeForATerminal() {
        #expect(Terminal.safe("a\u{1B}[2Jb\u{202E}c\nd") == "a?[2Jb?c?d")
    }
}
