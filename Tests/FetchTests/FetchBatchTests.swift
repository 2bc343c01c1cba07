import ActivitySource
import Foundation
import NIOConcurrencyHelpers
import TestSupport
import Testing

@testable import ReportCLI

@Suite("Many projects")
struct FetchBatchTests {
    static let tricky = "Sales | <script>alert(1)</script> [x](javascript:alert(1)) *bold*"

    static func fifty() throws -> FakeLightdash {
        let samples = [
            try FetchPaths.sample("sample-small.json"), try FetchPaths.sample("sample-zero-activity.json"),
            try FetchPaths.sample("sample-empty.json"),
        ]
        var projects: [FakeLightdash.Project] = []
        for n in 1...50 {
            let name: String
            switch n {
            case 3: name = tricky
            case 8: name = ""
            case 9: name = "Ventes été 2026"
            default: name = "Project \(n)"
            }
            projects.append(.init(uuid: FakeLightdash.uuid(n), name: name, payload: samples[n % 3]))
        }
        var fake = FakeLightdash(projects: projects)
        fake.faults[FakeLightdash.uuid(5)] = { _ in .apiError(403, "ForbiddenError", "no view:Analytics here") }
        fake.faults[FakeLightdash.uuid(12)] = { _ in .apiError(503, "ServiceUnavailable", "down") }
        let payload = samples[0]
        fake.faults[FakeLightdash.uuid(30)] = { _ in .truncated(status: 200, announced: payload.count, body: Array(payload.prefix(99))) }
        fake.faults[FakeLightdash.uuid(41)] = { _ in .json(200, #"{"status":"ok"}"#) }
        return fake
    }

    @Test func fiftyProjectsWithFourFailingFinishWithTheOthersReportsAndAnIndex() async throws {
        let server = try await TestServer.start(try Self.fifty().route)
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--all-projects", "--concurrency", "4"], server: server)
        #expect(run.status == .noPermission, "failures of different kinds end with the first one's code (project 5: 403)")
        let failed = [5, 12, 30, 41].map(FakeLightdash.uuid)

        // One folder per successful project, named slug-uuid, each with its report.
        let files = run.files
        #expect(files.filter { $0.hasSuffix("/report.html") }.count == 46)
        #expect(files.filter { $0.hasSuffix("/summary.md") }.count == 46)
        #expect(files.contains("index.html") && files.contains("summary.md"))
        #expect(files.count == 46 * ReportFiles.written.count + 3, "the reports, the index and the batch's manifest")
        for uuid in failed { #expect(!files.contains { $0.contains(uuid) }, "nothing written for \(uuid)") }
        #expect(files.contains("project-1-\(FakeLightdash.uuid(1))/report.html"))
        #expect(files.contains("\(FakeLightdash.uuid(8))/report.html"), "an empty name gives the uuid alone")
        #expect(files.contains("ventes-ete-2026-\(FakeLightdash.uuid(9))/report.html"))
        #expect(
            files.contains("sales-script-alert-1-script-x-javascript-\(FakeLightdash.uuid(3))/report.html"),
            "\(files.filter { $0.contains(FakeLightdash.uuid(3)) })")
        #expect(run.stdout.count == 46 * ReportFiles.written.count + 3)
        #expect(run.stdout.suffix(3) == ["index.html", "summary.md", "manifest.json"].map { run.output.appendingPathComponent($0).path })

        // The index: every project, a link to each report that exists, the failures named.
        let index = String(decoding: try Data(contentsOf: run.output.appendingPathComponent("index.html")), as: UTF8.self)
        let links = index.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        let reportLinks = links.filter { $0.hasSuffix("/report.html") }
        #expect(reportLinks.count == 46)
        for link in reportLinks { #expect(files.contains(link), "\(link) points at a written report") }
        #expect(index.contains("No report: 403 ForbiddenError: no view:Analytics here"))
        #expect(
            index.contains("No report: 503 ServiceUnavailable: down (after 4 attempts)") == false,
            "the summary line names the failure without the attempts")
        #expect(index.contains("No report: 503 ServiceUnavailable: down"))
        #expect(!index.contains("<script>"))
        #expect(index.contains("Sales | &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(index.contains("50 projects, generated 11 Feb 2026, 08:53 UTC. 4 projects could not be reported"))

        let md = String(decoding: try Data(contentsOf: run.output.appendingPathComponent("summary.md")), as: UTF8.self)
        #expect(md.components(separatedBy: "/report.html)").count - 1 == 46)
        #expect(!md.contains("<script"))
        #expect(
            md.contains(#"Sales \| &lt;script&gt;alert\(1\)&lt;\/script&gt; \[x\]\(javascript\:alert\(1\)\) \*bold\*"#),
            "\(md.split(separator: "\n").filter { $0.contains("Sales") })")
        #expect(md.contains("| **failed:** 403 ForbiddenError\\: no view\\:Analytics here |"))
        // Project 10 serves sample-zero-activity: 5 users, none active, 4 inactive.
        #expect(
            md.contains(
                "| Project 10 (`\(FakeLightdash.uuid(10))`) | 5 | 0 | 0% | 0 | 4 | [report](project-10-\(FakeLightdash.uuid(10))/report.html) |"
            ), "\(md.split(separator: "\n").filter { $0.contains("Project 10 ") })")

        // The end: a summary of failures.
        #expect(run.stderr.contains("error: 4 of 50 projects failed; the others' reports and the index were written:"))
        for uuid in failed { #expect(run.stderr.contains("(\(uuid)): ")) }
        #expect(run.stderr.components(separatedBy: "] done ").count - 1 == 46)
        #expect(run.stderr.components(separatedBy: "] FAILED ").count - 1 == 4)
        expectNoToken(in: run.output)
        #expect(!run.stderr.contains(Tokens.personal))
        #expect(server.requests(path: "/api/v1/org/projects").count == 1)
    }

    @Test func theIndexIsValidHTML() async throws {
        let server = try await TestServer.start(try Self.fifty().route)
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--all-projects"], server: server, quiet: true)
        let script = FetchPaths.shared.appendingPathComponent("tools/validate/html.sh")
        let check = Process()
        check.executableURL = script
        check.arguments = [run.output.appendingPathComponent("index.html").path]
        let pipe = Pipe()
        check.standardOutput = pipe
        check.standardError = pipe
        try check.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "\(output)")
        #expect(run.stderr.hasPrefix("error: "), "quiet: only errors, no progress lines: \(run.stderr.prefix(300))")
    }

    @Test func allFailingWithTheSameCauseEndsWithThatCodeAndWritesNothing() async throws {
        let server = try await TestServer.start(try Self.fifty().route)
        defer { Task { await server.stop() } }
        let run = try await runFetch(
            ["--project", FakeLightdash.uuid(1), "--project", FakeLightdash.uuid(2)], server: server,
            environment: ["LIGHTDASH_API_KEY": "ldpat_revoked"])
        #expect(run.status == .noPermission)
        #expect(run.files.isEmpty)
        #expect(run.stderr.contains("warning: cannot list the organisation's projects for their names"))
        #expect(run.stderr.contains("error: 2 of 2 projects failed:"))
    }

    @Test func aProjectsFileWithCommentsAndRepeatedProjects() async throws {
        let server = try await TestServer.start(try Self.fifty().route)
        defer { Task { await server.stop() } }
        let dir = try FetchPaths.temporaryDirectory()
        let list = dir.appendingPathComponent("projects.txt")
        try Data(
            "# weekly report\n\(FakeLightdash.uuid(1))  # sales\n\n  \(FakeLightdash.uuid(2).uppercased())\n\(FakeLightdash.uuid(1))\n".utf8
        ).write(to: list)
        let run = try await runFetch(["--projects-file", list.path], server: server)
        #expect(run.status == .ok, "\(run.stderr)")
        let projects = ["project-1-\(FakeLightdash.uuid(1))", "project-2-\(FakeLightdash.uuid(2))"]
        var expected: [String] = ["index.html", "manifest.json", "summary.md"]
        for project in projects {
            for file in ReportFiles.written { expected.append(project + "/" + file) }
        }
        expected.sort()
        #expect(run.files == expected)
        let html = String(
            decoding: try Data(contentsOf: run.output.appendingPathComponent("project-1-\(FakeLightdash.uuid(1))/report.html")),
            as: UTF8.self)
        #expect(html.contains(">Lightdash user activity: Project 1</title>"))

        try Data("\(FakeLightdash.uuid(1))\nnot-a-uuid\n".utf8).write(to: list)
        let bad = try await runFetch(["--projects-file", list.path], server: server)
        #expect(bad.status == .usage)
        #expect(bad.stderr.contains("\(list.path) line 2: \"not-a-uuid\" is not a project uuid"))
    }

    @Test func atMostConcurrencyProjectsAreFetchedAtOnce() async throws {
        var fake = try Self.fifty()
        fake.projects = Array(fake.projects.prefix(8))
        fake.faults = [:]
        let inner = fake
        // Each answer waits until its wave of four requests has arrived (or all eight have), so
        // four are in flight at once however slow the machine; a fifth in flight would be counted.
        let state = NIOLockedValueBox((arrived: 0, answered: 0, inFlight: 0, most: 0))
        let server = try await TestServer.start { request, before in
            let reply = inner.answer(request, before)
            guard request.uri.contains("user-activity") else { return reply }
            let wave = state.withLockedValue { s -> Int in
                s.arrived += 1
                s.inFlight += 1
                s.most = max(s.most, s.inFlight)
                return (s.arrived - 1) / 4
            }
            return .whenReady(
                {
                    state.withLockedValue { s in
                        guard s.arrived >= min((wave + 1) * 4, 8) else { return false }
                        s.inFlight -= 1
                        s.answered += 1
                        return true
                    }
                }, reply)
        }
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--all-projects", "--concurrency", "4"], server: server)
        #expect(run.status == .ok)
        let counts = state.withLockedValue { $0 }
        #expect(counts.answered == 8)
        #expect(counts.most == 4, "the first four start together, and never a fifth while they run")
    }
}
