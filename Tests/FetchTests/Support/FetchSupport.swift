import ActivitySource
import Foundation
import TestSupport
import Testing

@testable import ReportCLI
@testable import ReportPipeline

/// The fetch tests' name for the shared paths (`TestSupport`'s `TestPaths`).
typealias FetchPaths = TestPaths

/// The tokens the fake server accepts.
enum Tokens {
    static let personal = "ldpat_0123456789abcdefSECRETpersonal"
    static let service = "ldsvc_fedcba9876543210SECRETservice"
}

/// A Lightdash-compatible fake: the user-activity and org-projects endpoints with token checks,
/// and per-project faults.
struct FakeLightdash: Sendable {
    struct Project: Sendable {
        var uuid: String
        var name: String
        var payload: [UInt8]
    }

    var projects: [Project]
    /// A fault for a project uuid, given how many requests came before for it; nil to answer normally.
    var faults: [String: @Sendable (Int) -> Reply?] = [:]
    /// A fault for the project list.
    var listFault: (@Sendable (Int) -> Reply?)?
    /// Gzip the payload when the client accepts it.
    var gzip = false

    var route: TestServer.Route {
        let fake = self
        return { request, before in fake.answer(request, before) }
    }

    func answer(_ request: RecordedRequest, _ before: Int) -> Reply {
        let auth = request.header("authorization")
        guard auth == "ApiKey \(Tokens.personal)" || auth == "Bearer \(Tokens.service)" else {
            return .apiError(401, "AuthorizationError", "Failed to authorize user")
        }
        if request.uri == "/api/v1/org/projects" {
            if let fault = listFault?(before) { return fault }
            let items = projects.map { p -> String in
                let name = p.name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                return #"{"name":"\#(name)","projectUuid":"\#(p.uuid)","type":"DEFAULT","createdByUserUuid":null}"#
            }
            return .json(200, #"{"status":"ok","results":[\#(items.joined(separator: ","))]}"#)
        }
        let prefix = "/api/v1/analytics/user-activity/"
        guard request.method == "GET", request.uri.hasPrefix(prefix) else {
            return .apiError(404, "NotFoundError", "Route not found: \(request.uri)")
        }
        let uuid = String(request.uri.dropFirst(prefix.count))
        if let fault = faults[uuid]?(before) { return fault }
        guard let project = projects.first(where: { $0.uuid == uuid }) else {
            return .apiError(404, "NotExistsError", "Project \(uuid) does not exist")
        }
        if gzip, request.header("accept-encoding")?.contains("gzip") == true, let compressed = try? Gzip.compress(project.payload) {
            return .json(200, bytes: compressed, headers: [("Content-Encoding", "gzip")])
        }
        return .json(200, bytes: project.payload)
    }

    static func uuid(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return "3675b69e-8324-4110-bdca-" + String(repeating: "0", count: 12 - hex.count) + hex
    }
}

/// gzip by the system's `gzip`, for the compression test.
enum Gzip {
    static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = try FetchPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("body")
        try Data(bytes).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-9", "-n", file.path]
        try p.run()
        p.waitUntilExit()
        return Array(try Data(contentsOf: dir.appendingPathComponent("body.gz")))
    }
}

/// The outcome of one in-process fetch run.
struct FetchOutcome {
    var status: ReportPipeline.ExitStatus
    var stdout: [String]
    var stderr: String
    /// The waits the retry policy asked for, in order.
    var sleeps: [Double]
    var output: URL

    /// Every file written under the output folder.
    var files: [String] { FetchPaths.files(under: output) }
}

/// The fixed clock of the tests.
let testNow = Date(timeIntervalSince1970: 1_770_800_000)

/// Runs `report --url <server> ARGUMENTS` in-process with an injected clock, sleep (recorded,
/// not slept) and jitter (0.5, so backoff waits are 0.75 x 1, 2, 4 s).
func runFetch(
    _ arguments: [String], server: TestServer, environment: [String: String] = ["LIGHTDASH_API_KEY": Tokens.personal],
    maxInputBytes: Int = 512 << 20, quiet: Bool = false, live: Bool = false, output: URL? = nil,
    configure: (inout RunSettings) -> Void = { _ in },
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> FetchOutcome {
    let out = try output ?? FetchPaths.temporaryDirectory()
    let options = try ServerOptions.parse(["--url", server.baseURL] + arguments)
    let sleeps = Recorder<Double>()
    let errors = Recorder<String>()
    // The monotonic clock stands still: --deadline is then only reached by the attempt's own timer.
    let timing = RetryTiming(now: { testNow }, sleep: { sleeps.append($0) }, jitter: { 0.5 }, monotonic: { 0 })
    let progress = ConsoleProgress(live: live, quiet: quiet, write: { errors.append($0) })
    var settings = RunSettings(outputDirectory: out.path, maxInputBytes: maxInputBytes, generatedAt: 1_770_800_000, quiet: quiet)
    configure(&settings)
    let result = await ReportRun.server(options.request, settings: settings, environment: environment, events: progress, timing: timing)
    return FetchOutcome(status: result.status, stdout: result.written, stderr: errors.values.joined(), sleeps: sleeps.values, output: out)
}

/// Fails when `token` appears in any file under `dir`.
func expectNoToken(in dir: URL, token: String = Tokens.personal, sourceLocation: SourceLocation = #_sourceLocation) {
    for file in FetchPaths.files(under: dir) {
        let data = (try? Data(contentsOf: dir.appendingPathComponent(file))) ?? Data()
        #expect(!String(decoding: data, as: UTF8.self).contains(token), "token found in \(file)", sourceLocation: sourceLocation)
    }
}

/// The files one report is made of, relative to its folder, sorted as `run.files` lists them.
enum ReportFiles {
    static let written: [String] = {
        let csv = [
            "daily-activity", "most-queries", "chart-updates", "inactive-users", "dashboard-views", "chart-views", "favourite-dashboards",
        ]
        .map { "data/\($0).csv" }
        let charts = [
            "active-users", "average-queries", "roles", "top-queriers", "chart-editors", "dashboard-views", "chart-views", "inactivity",
            "home-dashboards",
        ]
        .map { "charts/\($0).svg" }
        // The order the pipeline writes (and prints) them in.
        return ["report.html", "summary.md", "insights.json"] + csv + charts + ["manifest.json"]
    }()

    static var sorted: [String] { written.sorted() }
}
