import Foundation
import TestSupport
import Testing

/// The real `report` binary against the in-process server: what a person or a cron job sees.
@Suite("report --url, the command")
struct FetchCommandTests {
    static let project = FakeLightdash.uuid(21)

    static func server() async throws -> TestServer {
        var fake = FakeLightdash(projects: [.init(uuid: project, name: "Growth", payload: try FetchPaths.sample("sample-small.json"))])
        fake.faults[FakeLightdash.uuid(22)] = { n in
            n < 2 ? .apiError(503, "ServiceUnavailable", "restarting") : .apiError(404, "NotExistsError", "gone")
        }
        return try await TestServer.start(fake.route)
    }

    @Test func fetchesAndWritesTheSameFilesAsInputWithTheSavedPayload() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let dir = try FetchPaths.temporaryDirectory()
        let env = ["LIGHTDASH_API_KEY": Tokens.personal, "SOURCE_DATE_EPOCH": "1770800000"]
        let fetched = try runReport(
            [
                "--url", server.baseURL, "--project", Self.project, "--output", dir.appendingPathComponent("a").path,
                "--save-raw", dir.appendingPathComponent("raw.json").path,
            ], environment: env)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let lines = fetched.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == dir.appendingPathComponent("raw.json").path)
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix(dir.appendingPathComponent("a").path + "/") })
        #expect(
            lines.contains(dir.appendingPathComponent("a/report.html").path)
                && lines.contains(dir.appendingPathComponent("a/summary.md").path))
        let fromFile = try runReport(
            ["--input", dir.appendingPathComponent("raw.json").path, "--output", dir.appendingPathComponent("b").path], environment: env)
        #expect(fromFile.status == 0)
        let names = FetchPaths.files(under: dir.appendingPathComponent("a"))
        #expect(names == FetchPaths.files(under: dir.appendingPathComponent("b")))
        #expect(names.count == lines.count - 1)
        for name in names {
            #expect(
                try Data(contentsOf: dir.appendingPathComponent("a/" + name)) == Data(contentsOf: dir.appendingPathComponent("b/" + name)),
                "\(name)")
        }
        #expect(!fetched.stdout.contains(Tokens.personal) && !fetched.stderr.contains(Tokens.personal))
        expectNoToken(in: dir)
    }

    @Test func aRefusedTokenEndsWith77WithAHintAndNoToken() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let dir = try FetchPaths.temporaryDirectory()
        let bad = "ldpat_wrongwrongwrong"
        let r = try runReport(
            ["--url", server.baseURL, "--project", Self.project, "--output", dir.path], environment: ["LIGHTDASH_API_KEY": bad])
        #expect(r.status == 77)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("401 AuthorizationError"))
        #expect(r.stderr.contains("hint: the token is missing, expired or disabled"))
        #expect(!r.stderr.contains(bad))
        #expect(FetchPaths.files(under: dir).isEmpty)
    }

    @Test func retriesThenReportsAnUnknownProjectWith66() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let r = try runReport(
            [
                "--url", server.baseURL, "--project", FakeLightdash.uuid(22), "--retry-base-delay", "0.01", "--output",
                try FetchPaths.temporaryDirectory().path,
            ],
            environment: ["LIGHTDASH_API_KEY": Tokens.personal])
        #expect(r.status == 66, "\(r.stderr)")
        #expect(server.requests(path: "/api/v1/analytics/user-activity/\(FakeLightdash.uuid(22))").count == 3)
        #expect(r.stderr.contains("attempt 2 of 4 failed (503 ServiceUnavailable: restarting)"))
        #expect(r.stderr.contains("404 NotExistsError: gone (after 3 attempts)"))
    }

    @Test(arguments: [
        (["--url", "https://x.example", "--project", FakeLightdash.uuid(1), "--api-key", "ldpat_x"], "--api-key is not accepted"),
        (["--url", "https://x.example", "--project", FakeLightdash.uuid(1)], "no API token"),
        (["--input", "x.json", "--url", "https://x.example"], "give one or the other"),
        (
            ["--url", "https://x.example", "--project", FakeLightdash.uuid(1), "--concurrency", "0"],
            "--concurrency must be between 1 and 64"
        ),
    ])
    func usageErrorsEndWith64(_ arguments: [String], _ expected: String) throws {
        let r = try runReport(arguments)
        #expect(r.status == 64)
        #expect(r.stderr.contains(expected), "\(r.stderr)")
        #expect(!r.stderr.contains("ldpat_x"))
    }

    @Test func helpListsTheServerOptionsAndExitCodes() throws {
        let r = try runReport(["--help"])
        for text in [
            "--url <url>", "--project <uuid>", "--projects-file", "--all-projects", "--api-key-file", "--timeout", "--save-raw",
            "--concurrency", "77  authentication",
        ] {
            #expect(r.stdout.contains(text), "\(text)")
        }
        #expect(!r.stdout.contains("--retry-base-delay"))
    }
}
