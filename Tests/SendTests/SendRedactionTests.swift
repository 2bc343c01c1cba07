import ActivitySource
import CurlTransport
import Delivery
import Foundation
import Testing

@testable import ReportPipeline

/// A transport that never connects: each post or mail gets `result`, as if a server answered it.
struct EchoingTransport: Transport {
    var result: TransferResult

    func send(_ mail: MailTransfer) async -> TransferResult { result }
    func post(_ post: PostTransfer) async -> TransferResult { result }
}

/// The sending's secrets (the SMTP password, the webhook URLs) are secrets of the run: the run's
/// one redactor knows them, and what a server sends is redacted before anything shortens it.
@Suite("The sending's secrets, not even in part")
struct SendRedactionTests {
    static let webhookToken = "T0AAAAAAA/B0BBBBBBB/Zx9Qw8Er7Ty6Ui5Op4As3Df2"
    /// The part of the URL that is secret on its own (a path segment of 16 characters or more).
    static let secretPart = "Zx9Qw8Er7Ty6Ui5Op4As3Df2"
    static let password = "pw!8f14e45fceea167a5a36dedd4bea2543"

    /// The webhook file and a run's settings that post to it, in a fresh folder.
    static func webhookRun(_ dir: URL) throws -> RunSettings {
        let file = dir.appendingPathComponent("slack-hook")
        try Data("https://hooks.slack.com/services/\(webhookToken)\n".utf8).write(to: file)
        var send = SendSettings()
        send.slackWebhookFile = file.path
        send.retry = RetryPolicy(maxAttempts: 1)
        return RunSettings(outputDirectory: dir.appendingPathComponent("out").path, generatedAt: 1_770_800_000, quiet: true, send: send)
    }

    /// Every prefix of `secret` of 6 characters or more: what a cut could have left.
    static func pieces(of secret: String) -> [String] {
        (6...secret.count).map { String(secret.prefix($0)) }
    }

    @Test func theRunsRedactorKnowsThePasswordAndTheWebhookURLs() throws {
        var send = SendSettings()
        send.smtpURL = "smtp://alice@smtp.example.com"
        let inputs = try #require(
            try SendInputs.load(
                send, email: EmailOptions(to: ["ops@example.com"]), environment: ["SMTP_PASSWORD": Self.password], files: LocalFiles()))
        let run = RunInputs(settings: RunSettings(generatedAt: 0), send: inputs)
        let text = "login \(Self.password) / \(Self.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        #expect(run.secrets.redact(text) == "login [SMTP password] / [SMTP password]")
        let escaped = Array(#"{"echo":"pw\u00218f14e45fceea167a5a36dedd4bea2543"}"#.utf8)
        #expect(
            String(decoding: run.secrets.redact(escaped), as: UTF8.self) == #"{"echo":"[SMTP password]"}"#, "JSON-escaped raw bytes too")
    }

    @Test func aWebhookAnswerEchoingItsTokenAtTheCutShowsNoPieceOfIt() async throws {
        let dir = try SendPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The URL's secret part starts at character 292 of the answer: a message keeps 299 characters of it.
        let answer = String(repeating: "x", count: 292) + Self.secretPart + " is not allowed"
        let transport = EchoingTransport(result: TransferResult(failure: nil, replyCode: 400, serverText: answer))
        let log = MessageLog()
        let result = await ReportRun.files(
            [SendPaths.small.path], settings: try Self.webhookRun(dir), concurrency: 1, events: log, environment: [:],
            transport: transport)
        #expect(result.status == .unavailable, "\(log.lines)")
        let failure = try #require(log.messages.first { $0.kind == .error && $0.text.contains("Slack webhook") })
        #expect(failure.text.contains("the service refused the message: HTTP 400: xxx"), "\(failure.text)")
        for piece in Self.pieces(of: Self.secretPart) { #expect(!log.lines.joined().contains(piece), "\(piece)") }
    }

    @Test func anSMTPReplyEchoingThePasswordIsRedactedWhereverItIsCut() async throws {
        let dir = try SendPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var send = SendSettings()
        send.smtpURL = "smtp://alice@127.0.0.1:2525"
        send.retry = RetryPolicy(maxAttempts: 1)
        let settings = RunSettings(
            outputDirectory: dir.path, generatedAt: 1_770_800_000, quiet: true, email: EmailOptions(to: ["ops@example.com"]),
            send: send)
        for at in [0, 280, 290, 296] {
            let reply = String(repeating: "y", count: at) + Self.password + " rejected"
            let transport = EchoingTransport(
                result: TransferResult(failure: .loginDenied, replyCode: 535, serverText: reply, detail: "Login denied: \(Self.password)"))
            let log = MessageLog()
            let result = await ReportRun.files(
                [SendPaths.small.path], settings: settings, concurrency: 1, events: log, environment: ["SMTP_PASSWORD": Self.password],
                transport: transport)
            #expect(result.status == .noPermission, "\(log.lines)")
            #expect(log.lines.joined().contains("authentication failed: 535"))
            for piece in Self.pieces(of: Self.password) { #expect(!log.lines.joined().contains(piece), "at \(at): \(piece)") }
        }
    }

    @Test func anyMessageOfTheRunHasTheSendingsSecretsTakenOut() async throws {
        let dir = try SendPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A message that is not the sending's: the input is missing, and its path holds the token.
        let missing = dir.appendingPathComponent("Zx9Qw8Er7Ty6Ui5Op4As3Df2.json").path
        let transport = EchoingTransport(result: TransferResult(failure: nil, replyCode: 200))
        let log = MessageLog()
        let result = await ReportRun.files(
            [missing], settings: try Self.webhookRun(dir), concurrency: 1, events: log, environment: [:], transport: transport)
        #expect(result.status == .noInput, "\(log.lines)")
        #expect(log.lines.joined().contains("[Slack webhook URL].json"), "\(log.lines)")
        #expect(!log.lines.joined().contains("Zx9Qw8Er7Ty6"))
    }
}
