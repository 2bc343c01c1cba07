import ActivitySource
import Foundation
import TestSupport
import Testing

@testable import ReportCLI
@testable import ReportPipeline

/// `report --url ... --cleanup` against the stand-in (`CleanupStandIn`): every clean-up route and its traps.
@Suite("Fetching the clean-up data")
struct FetchCleanupTests {
    static let project = CleanupStandIn.project

    static func server(_ standIn: CleanupStandIn = CleanupStandIn()) async throws -> TestServer {
        let fake = FakeLightdash(projects: [.init(uuid: project, name: "Sales", payload: payload { _ in })])
        return try await TestServer.start(standIn.route(fake))
    }

    /// `report --url SERVER --project P --cleanup ARGUMENTS`, in-process, "now" the stand-in's.
    static func run(
        _ arguments: [String] = [], server: TestServer, token: String = Tokens.personal, output: URL? = nil
    ) async throws -> FetchOutcome {
        let out = try output ?? FetchPaths.temporaryDirectory()
        var request = try ServerOptions.parse(["--url", server.baseURL, "--project", project] + arguments).request
        request.cleanup = true
        let errors = Recorder<String>()
        let timing = RetryTiming(now: { testNow }, sleep: { _ in }, jitter: { 0.5 }, monotonic: { 0 })
        let progress = ConsoleProgress(live: false, quiet: false, write: { errors.append($0) })
        let settings = RunSettings(outputDirectory: out.path, generatedAt: CleanupStandIn.now)
        let result = await ReportRun.server(
            request, settings: settings, environment: ["LIGHTDASH_API_KEY": token], events: progress, timing: timing)
        return FetchOutcome(status: result.status, stdout: result.written, stderr: errors.values.joined(), sleeps: [], output: out)
    }

    static func cleanup(_ run: FetchOutcome) throws -> [String: Any] {
        let data = try Data(contentsOf: run.output.appendingPathComponent("insights.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(root["cleanup"] as? [String: Any])
    }

    static func notes(_ run: FetchOutcome) throws -> [String] {
        let data = try Data(contentsOf: run.output.appendingPathComponent("insights.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (root["dataNotes"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func pagesUntilEveryItemWasSeenDespiteTiesMovingBetweenPages() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let run = try await Self.run(server: server)
        #expect(run.status == .ok, "\(run.stderr)")
        let content = server.requests.filter { $0.uri.hasPrefix("/api/v2/content") }
        // The first pass saw 8 of 11 (ties repeated on page 3): a second pass completes the list.
        #expect(content.count == 6)
        #expect(content.allSatisfy { $0.uri.contains("totalPages") == false && $0.uri.contains("pageSize=500") })
        let stale = try #require(try Self.cleanup(run)["staleContent"] as? [String: Any])
        #expect(stale["considered"] as? Int == 11)
        #expect(stale["announced"] as? Int == 11)
        #expect((stale["items"] as? [[String: Any]])?.map { $0["uuid"] as? String } == CleanupStandIn.expectedStale)
        #expect((stale["items"] as? [[String: Any]])?.map { $0["daysSinceView"] as? Int } == [nil, 214, 120])
        #expect(stale["inGrace"] as? Int == 1)
        #expect(try !Self.notes(run).contains("content-incomplete"))
    }

    @Test func tiesThatNeverSettleLeaveANoteInsteadOfASilentlyShortList() async throws {
        var standIn = CleanupStandIn()
        standIn.drift = .always
        let server = try await Self.server(standIn)
        defer { Task { await server.stop() } }
        let run = try await Self.run(server: server)
        #expect(run.status == .ok)
        #expect(server.requests.filter { $0.uri.hasPrefix("/api/v2/content") }.count == 9)
        #expect(try Self.notes(run).contains("content-incomplete"))
        #expect(run.stderr.contains("announced 11 charts and dashboards but 8 were seen"))
    }

    @Test func deliveriesCarryTheirLatestRunWithinSevenDaysAndLogsArePagedWithAPageSize() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let run = try await Self.run(server: server)
        #expect(run.status == .ok)
        #expect(server.requests.contains { $0.uri == "/api/v1/schedulers/\(Self.project)/list?includeLatestRun=true" })
        let logs = server.requests.filter { $0.uri.hasPrefix("/api/v1/schedulers/\(Self.project)/logs") }.map(\.uri)
        #expect(logs == (1...2).map { "/api/v1/schedulers/\(Self.project)/logs?page=\($0)&pageSize=1000" })
        let d = try #require(try Self.cleanup(run)["deliveries"] as? [String: Any])
        let items = try #require(d["items"] as? [[String: Any]])
        #expect(items.map { $0["name"] as? String } == ["Markup sheet", "Orders to Teams", "Same, monthly", "Weekly revenue"])
        // The run 8 days ago is outside the server's 7-day window: no latest run.
        #expect(items.map { $0["latestRun"] as? String } == ["none", "failed", "none", "completed"])
        #expect(items.map { $0["errors7d"] as? Int } == [0, 2, 0, 0])
        #expect(items.map { $0["ownerInactive"] as? Bool } == [false, true, true, false])
        #expect(items.map { $0["ownerDeactivated"] as? Bool } == [true, false, false, false])
        #expect(items.map { $0["staleContent"] as? Bool } == [true, true, false, false])
        #expect(items[1]["destinations"] as? String == "Slack: #sales; Teams webhook at example.webhook.office.com")
        #expect(items[3]["destinations"] as? String == "2 email recipients")
        #expect(items[3]["cadence"] as? String == "weekly on Monday at 09:00 (Europe/Paris)")
        #expect((d["failing"] as? Int, d["disabled"] as? Int, d["ofStaleContent"] as? Int) == (1, 1, 2))
    }

    @Test func seatsJoinTheMembersWithThePayloadsActiveAndInactiveUsers() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let run = try await Self.run(server: server)
        let seats = try #require(try Self.cleanup(run)["seats"] as? [String: Any])
        #expect((seats["active"] as? Int, seats["pending"] as? Int, seats["deactivated"] as? Int) == (4, 2, 1))
        #expect((seats["oldInvites"] as? [[String: Any]])?.map { $0["uuid"] as? String } == ["p"])
        #expect((seats["inactiveAdminsEditors"] as? [[String: Any]])?.map { $0["uuid"] as? String } == ["d", "c"])
        #expect(seats["adminDataShare"] as? Double == 0.5)
    }

    @Test func aViewersTokenStillGetsItsUsageReportWithANote() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let run = try await Self.run(server: server, token: CleanupStandIn.viewerToken)
        #expect(run.status == .ok, "\(run.stderr)")
        let c = try Self.cleanup(run)
        #expect(c["deliveries"] is NSNull)
        #expect(c["seats"] is NSNull)
        #expect(c["staleContent"] is [String: Any])
        #expect(try Self.notes(run).contains("cleanup-schedulers-refused"))
        #expect(try Self.notes(run).contains("cleanup-members-refused"))
        #expect(run.stderr.contains("Deliveries need a token with editor rights"))
        #expect(FetchPaths.files(under: run.output).contains("report.html"))
    }

    @Test func olderServersPlainArraysWithoutLastViewedAtFlagOnlyNeverViewedItems() async throws {
        var standIn = CleanupStandIn()
        standIn.legacy = true
        let server = try await Self.server(standIn)
        defer { Task { await server.stop() } }
        let run = try await Self.run(server: server)
        #expect(run.status == .ok, "\(run.stderr)")
        let c = try Self.cleanup(run)
        let stale = try #require(c["staleContent"] as? [String: Any])
        #expect((stale["items"] as? [[String: Any]])?.map { $0["uuid"] as? String } == ["c-never"])
        #expect(stale["lastViewedKnown"] as? Bool == false)
        #expect(stale["announced"] is NSNull)
        #expect(try Self.notes(run).contains("content-no-last-viewed"))
        // Old member rows: isActive false means "not accepted yet", so Ex counts as pending.
        let seats = try #require(c["seats"] as? [String: Any])
        #expect((seats["pending"] as? Int, seats["deactivated"] as? Int) == (3, 0))
    }

    @Test func noWebhookURLOrTokenAppearsInAnyWrittenFileOrOnStandardError() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let raw = try FetchPaths.temporaryDirectory().appendingPathComponent("raw")
        let run = try await Self.run(["--save-raw", raw.path + "/"], server: server)
        #expect(run.status == .ok, "\(run.stderr)")
        #expect(FetchPaths.files(under: raw).contains("schedulers.json"))
        let secrets = ["SECRET-WEBHOOK", "SECRET-CHAT", "webhookb2", "spaces/AAA", Tokens.personal]
        for dir in [run.output, raw] {
            for file in FetchPaths.files(under: dir) {
                let text = String(decoding: try Data(contentsOf: dir.appendingPathComponent(file)), as: UTF8.self)
                for secret in secrets { #expect(!text.contains(secret), "\(secret) in \(file)") }
            }
        }
        for secret in secrets { #expect(!run.stderr.contains(secret)) }
        // The saved answers keep the host, so the report reads the same offline.
        let saved = String(decoding: try Data(contentsOf: raw.appendingPathComponent("schedulers.json")), as: UTF8.self)
        #expect(saved.contains("https://example.webhook.office.com/…"))
    }

    @Test func theSavedFolderReproducesTheReportByteForByteOffline() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let raw = try FetchPaths.temporaryDirectory().appendingPathComponent("saved")
        let online = try await Self.run(["--save-raw", raw.path + "/"], server: server)
        #expect(online.status == .ok, "\(online.stderr)")
        let index = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: raw.appendingPathComponent("index.json"))) as? [String: Any])
        #expect(index["format"] as? String == "activityreport-raw")
        #expect((index["content"] as? [String])?.count == 6)
        #expect(index["views"] is NSNull)
        let offline = try FetchPaths.temporaryDirectory()
        let settings = RunSettings(outputDirectory: offline.path, generatedAt: CleanupStandIn.now)
        let result = await ReportRun.files([raw.path], settings: settings, concurrency: 1, events: MessageLog())
        #expect(result.status == .ok)
        let files = FetchPaths.files(under: online.output)
        #expect(files == FetchPaths.files(under: offline))
        #expect(files.contains("insights.json"))
        for file in files {
            let a = try Data(contentsOf: online.output.appendingPathComponent(file))
            let b = try Data(contentsOf: offline.appendingPathComponent(file))
            #expect(a == b, "\(file) differs offline")
        }
    }

    @Test func cleanupWithASaveRawFileAsksForAFolder() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let file = try FetchPaths.temporaryDirectory().appendingPathComponent("raw.json")
        let run = try await Self.run(["--save-raw", file.path], server: server)
        #expect(run.status == .usage)
        #expect(run.stderr.contains("end the path with /"))
        #expect(server.requests.isEmpty)
    }

    @Test func theReportHasAReviewListCSVFilesSummaryLinesAndEscapedNames() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let run = try await Self.run(server: server)
        #expect(run.status == .ok)
        for csv in ["data/stale-content.csv", "data/deliveries.csv", "data/seats.csv"] { #expect(run.files.contains(csv)) }
        let page = String(decoding: try Data(contentsOf: run.output.appendingPathComponent("report.html")), as: UTF8.self)
        #expect(page.contains(#"<section id="cleanup""#))
        #expect(page.contains(#"<section id="stale-content""#))
        #expect(page.contains(#"<section id="stale-content-delivered""#))
        #expect(page.contains("not viewed for more than 90 days"))
        #expect(page.contains("214 days (last"))
        #expect(!page.contains("<b>Markup</b>"))
        #expect(page.contains("&lt;b&gt;Markup&lt;/b&gt;"))
        #expect(!page.lowercased().contains("safe to delete"))
        let summary = String(decoding: try Data(contentsOf: run.output.appendingPathComponent("summary.md")), as: UTF8.self)
        #expect(summary.contains("**Clean-up:** As of 11 Feb 2026: 3 charts and dashboards of 11 to review"))
        #expect(summary.contains("## Scheduled deliveries"))
        let stale = String(decoding: try Data(contentsOf: run.output.appendingPathComponent("data/stale-content.csv")), as: UTF8.self)
        #expect(
            stale.hasPrefix("kind,uuid,name,space,owner,days_since_last_view,last_viewed,views_all_time,age_days,has_enabled_delivery\r\n"))
        #expect(stale.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4)
        let manifest = String(decoding: try Data(contentsOf: run.output.appendingPathComponent("manifest.json")), as: UTF8.self)
        #expect(manifest.contains("data/deliveries.csv"))
        let insights = try Data(contentsOf: run.output.appendingPathComponent("insights.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: insights) as? [String: Any])
        let ids = (root["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.contains("failing-deliveries"))
        #expect(ids.contains("stale-content"))
    }
}
