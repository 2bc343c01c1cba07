import ActivitySource
import Foundation
import Testing

@testable import ReportCLI
@testable import ReportPipeline

@Suite("Fetching one project")
struct FetchSingleProjectTests {
    static let project = FakeLightdash.uuid(1)

    static func fake() throws -> FakeLightdash {
        FakeLightdash(projects: [.init(uuid: project, name: "Sales", payload: try FetchPaths.sample("sample-small.json"))])
    }

    @Test func sendsOneGETWithTheTokenAsApiKeyAndAcceptsGzip() async throws {
        let server = try await TestServer.start(try Self.fake().route)
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--project", Self.project], server: server)
        #expect(run.status == .ok)
        let requests = server.requests
        #expect(requests.count == 1)
        let r = try #require(requests.first)
        #expect(r.method == "GET")
        #expect(r.uri == "/api/v1/analytics/user-activity/\(Self.project)")
        #expect(r.headers["authorization"] == ["ApiKey \(Tokens.personal)"])
        #expect(r.header("accept") == "application/json")
        #expect(r.header("accept-encoding")?.contains("gzip") == true)
        #expect(r.header("proxy-authorization") == nil)
        #expect(r.header("host") == "127.0.0.1:\(server.port)")
        #expect(run.files == ReportFiles.sorted)
        #expect(run.stdout == ReportFiles.written.map { run.output.appendingPathComponent($0).path })
    }

    @Test func serviceAccountTokensGoAsBearerAndProxyAuthorizationIsPassedOn() async throws {
        let server = try await TestServer.start(try Self.fake().route)
        defer { Task { await server.stop() } }
        let run = try await runFetch(
            ["--project", Self.project], server: server,
            environment: ["LIGHTDASH_API_KEY": Tokens.service, "LIGHTDASH_PROXY_AUTHORIZATION": "Basic cHJveHk6cGFzcw=="])
        #expect(run.status == .ok)
        let r = try #require(server.requests.first)
        #expect(r.headers["authorization"] == ["Bearer \(Tokens.service)"])
        #expect(r.headers["proxy-authorization"] == ["Basic cHJveHk6cGFzcw=="])
    }

    @Test func readsTheTokenFromAFileAndTheProjectFromTheEnvironment() async throws {
        let server = try await TestServer.start(try Self.fake().route)
        defer { Task { await server.stop() } }
        let dir = try FetchPaths.temporaryDirectory()
        let keyFile = dir.appendingPathComponent("token")
        try Data((Tokens.personal + "\n").utf8).write(to: keyFile)
        let run = try await runFetch(
            ["--api-key-file", keyFile.path], server: server, environment: ["LIGHTDASH_PROJECT": Self.project.uppercased()])
        #expect(run.status == .ok, "\(run.stderr)")
        #expect(server.requests.first?.uri == "/api/v1/analytics/user-activity/\(Self.project)")
    }

    @Test func writesTheSameReportAsInputWithTheSavedPayload() async throws {
        let server = try await TestServer.start(try Self.fake().route)
        defer { Task { await server.stop() } }
        let dir = try FetchPaths.temporaryDirectory()
        let raw = dir.appendingPathComponent("archive/raw.json")
        let run = try await runFetch(["--project", Self.project, "--save-raw", raw.path], server: server)
        #expect(run.status == .ok, "\(run.stderr)")
        #expect(Array(try Data(contentsOf: raw)) == (try FetchPaths.sample("sample-small.json")))
        #expect(run.stdout.last == raw.path)

        let fromFile = dir.appendingPathComponent("from-file")
        let status = await ReportRun.files(
            [raw.path], settings: RunSettings(outputDirectory: fromFile.path, generatedAt: 1_770_800_000), concurrency: 1,
            events: MessageLog()
        ).status
        #expect(status == .ok)
        for name in ReportFiles.written {
            let a = try Data(contentsOf: run.output.appendingPathComponent(name))
            let b = try Data(contentsOf: fromFile.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between --url and --input")
        }
        expectNoToken(in: run.output)
        expectNoToken(in: dir)
    }

    @Test func decompressesAGzippedAnswerAndSavesTheJSON() async throws {
        var fake = try Self.fake()
        fake.gzip = true
        let server = try await TestServer.start(fake.route)
        defer { Task { await server.stop() } }
        let raw = try FetchPaths.temporaryDirectory().appendingPathComponent("raw.json")
        let run = try await runFetch(["--project", Self.project, "--save-raw", raw.path], server: server)
        #expect(run.status == .ok, "\(run.stderr)")
        #expect(Array(try Data(contentsOf: raw)) == (try FetchPaths.sample("sample-small.json")))
    }

    @Test func aPlainLineOfProgressWhenNotATerminalAndNoneWhenQuiet() async throws {
        let server = try await TestServer.start(try Self.fake().route)
        defer { Task { await server.stop() } }
        let plain = try await runFetch(["--project", Self.project], server: server)
        #expect(plain.stderr.hasPrefix("[1/1] done \(Self.project) ("), "\(plain.stderr)")
        #expect(!plain.stderr.contains("\u{1B}"))
        let quiet = try await runFetch(["--project", Self.project], server: server, quiet: true)
        #expect(quiet.stderr == "")
        let live = try await runFetch(["--project", Self.project], server: server, live: true)
        #expect(live.stderr.contains("\r\u{1B}[K[0/1] fetching \(Self.project)"), "\(live.stderr.debugDescription)")
        #expect(live.stderr.hasSuffix("\r\u{1B}[K"), "the live line is erased at the end")
    }
}
