import Delivery
import Foundation
import Testing

@testable import ReportCLI

@Suite("Checks over many projects")
struct FetchCheckTests {
    @Test func aFailedCheckKeepsEveryReportAndTheIndexAndExitsOne() async throws {
        let sample = try FetchPaths.sample("sample-small.json")
        let projects = (1...3).map { FakeLightdash.Project(uuid: FakeLightdash.uuid($0), name: "Project \($0)", payload: sample) }
        let server = try await TestServer.start(FakeLightdash(projects: projects).route)
        defer { Task { await server.stop() } }
        let run = try await runFetch(["--all-projects"], server: server) {
            $0.checks = [try! Check(parsing: "activity.activePercent > 100")]  // a valid literal expression
        }
        #expect(run.status == .checkFailed, "\(run.stderr)")
        #expect(run.files.filter { $0.hasSuffix("/report.html") }.count == 3)
        #expect(run.files.filter { $0.hasSuffix("/manifest.json") }.count == 3)
        #expect(run.files.contains("index.html"))
        #expect(run.stderr.contains("check: Project 1 (\(FakeLightdash.uuid(1))): FAIL activity.activePercent > 100 (actual: 87)"))
    }
}
