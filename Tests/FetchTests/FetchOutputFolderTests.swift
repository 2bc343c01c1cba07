import Foundation
import TestSupport
import Testing

@testable import ReportPipeline

@Suite("Fetching into an output folder committed as a whole")
struct FetchOutputFolderTests {
    static let project = FakeLightdash.uuid(7)

    @Test func saveRawInsideTheOutputFolderIsAUsageError() async throws {
        var fake = FakeLightdash(projects: [.init(uuid: Self.project, name: "Ops", payload: try TestPaths.sample("sample-small.json"))])
        fake.gzip = false
        let server = try await TestServer.start(fake.route)
        defer { Task { await server.stop() } }
        let out = try TestPaths.temporaryDirectory()
        let run = try await runFetch(
            ["--project", Self.project, "--save-raw", out.appendingPathComponent("archive/raw.json").path], server: server, output: out)
        #expect(run.status == .usage)
        #expect(run.stderr.contains("is inside the output folder"), "\(run.stderr)")
        #expect(server.requests.isEmpty, "refused before anything is fetched")
        #expect(run.files.isEmpty)
    }

    @Test func theRawPayloadIsSavedOnlyOnceTheReportIsInPlace() async throws {
        let fake = FakeLightdash(projects: [.init(uuid: Self.project, name: "Ops", payload: try TestPaths.sample("sample-small.json"))])
        let server = try await TestServer.start(fake.route)
        defer { Task { await server.stop() } }
        let dir = try TestPaths.temporaryDirectory()
        let raw = dir.appendingPathComponent("raw.json")
        // A folder of other files cannot be replaced: no report, and so no raw copy either.
        let taken = dir.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: taken.appendingPathComponent("notes.txt"))
        let run = try await runFetch(["--project", Self.project, "--save-raw", raw.path], server: server, output: taken)
        #expect(run.status == .cannotWrite)
        #expect(!FileManager.default.fileExists(atPath: raw.path))
        #expect(run.files == ["notes.txt"])
    }
}
