import ActivitySource
import CurlTransport
import Foundation
import Testing

@testable import ReportPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// A transport that delivers everything and notes, at each post, whether the report it announces
/// is already in the output folder.
final class WitnessTransport: Transport, @unchecked Sendable {
    let page: URL
    private let lock = NSLock()
    private var seen: [Bool] = []

    init(page: URL) { self.page = page }

    /// For each post, whether `page` existed when it was made.
    var pageExistedAtEachPost: [Bool] { lock.withLock { seen } }

    func send(_ mail: MailTransfer) async -> TransferResult { TransferResult(failure: nil, replyCode: 250) }

    func post(_ post: PostTransfer) async -> TransferResult {
        let exists = FileManager.default.fileExists(atPath: page.path)
        lock.withLock { seen.append(exists) }
        return TransferResult(failure: nil, replyCode: 200)
    }
}

/// Messages announce a report: they go out only once the output folder holds it.
@Suite("Sending after the commit")
struct SendAfterCommitTests {
    static func settings(_ dir: URL) throws -> RunSettings {
        let file = dir.appendingPathComponent("hook")
        try Data("https://hooks.slack.com/services/T0/B0/abcdefghijklmnopqrstuvwx\n".utf8).write(to: file)
        var send = SendSettings()
        send.slackWebhookFile = file.path
        return RunSettings(outputDirectory: dir.appendingPathComponent("out").path, generatedAt: 1_770_800_000, quiet: true, send: send)
    }

    @Test func theMessageIsSentOnceTheReportIsInPlace() async throws {
        let dir = try SendPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let transport = WitnessTransport(page: dir.appendingPathComponent("out/report.html"))
        let log = MessageLog()
        let result = await ReportRun.files(
            [SendPaths.small.path], settings: try Self.settings(dir), concurrency: 1, events: log, environment: [:],
            transport: transport)
        #expect(result.status == .ok, "\(log.lines)")
        #expect(transport.pageExistedAtEachPost == [true])
    }

    @Test func aReportThatCannotBePutInPlaceSendsNothing() async throws {
        let dir = try SendPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let transport = WitnessTransport(page: dir.appendingPathComponent("out/report.html"))
        let busy = FolderOperations(rename: { _, _ in EBUSY }, exchange: { _, _ in EBUSY }, removeTree: FolderOperations.system.removeTree)
        let log = MessageLog()
        let result = await ReportRun.files(
            [SendPaths.small.path], settings: try Self.settings(dir), concurrency: 1, events: log, environment: [:],
            transport: transport, operations: busy)
        #expect(result.status == .cannotWrite, "\(log.lines)")
        #expect(transport.pageExistedAtEachPost.isEmpty, "nothing announced")
        #expect(!log.messages.contains { $0.kind == .sent })
    }
}
