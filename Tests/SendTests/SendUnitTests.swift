import Foundation
import Testing

@testable import CurlTransport
@testable import ReportPipeline

@Suite("Sending, unit by unit")
struct SendUnitTests {
    @Test func aSecretNeverShowsInDescriptionsInterpolationOrDump() {
        let secret = Secret("hunter2-password", label: "SMTP password")
        var dumped = ""
        dump(secret, to: &dumped)
        for text in ["\(secret)", String(describing: secret), String(reflecting: secret), dumped, "\([secret])"] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect("\(secret)" == "[redacted]")
    }

    @Test func aWebhookSecretIsRemovedWholeInPartsAndPercentEncoded() {
        let url = "https://hooks.slack.com/services/T0000/B0000/abcdefghijklmnopqrstuvwx"
        let secret = Secret(url: url, label: "Slack webhook URL")
        #expect(secret.redact("posting to \(url) failed") == "posting to [Slack webhook URL] failed")
        #expect(secret.redact("token abcdefghijklmnopqrstuvwx is revoked") == "token [Slack webhook URL] is revoked")
        let encoded = url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? url
        #expect(!secret.redact("x=" + encoded).contains("abcdefghijklmnopqrstuvwx"))
        // Short path segments (T0000) are not secrets and stay.
        #expect(secret.redact("team T0000") == "team T0000")
    }

    @Test func smtpURLsAreCheckedWithDefaultPortsAndNoPassword() throws {
        let starttls = try SMTPServer.parse("smtp://reports%40example.com@SMTP.example.com")
        #expect(starttls == SMTPServer(scheme: "smtp", host: "smtp.example.com", port: 587, username: "reports@example.com"))
        #expect(starttls.url == "smtp://smtp.example.com:587")
        #expect(try SMTPServer.parse("smtps://mail.example.com").port == 465)
        #expect(try SMTPServer.parse("smtp://[::1]:2525").url == "smtp://[::1]:2525")
        for bad in ["smtp://u:pw@host", "http://host", "smtp://host/path", "smtp://host?x=1", "host:25", ""] {
            #expect(throws: ReportError.self, "\(bad)") { try SMTPServer.parse(bad) }
        }
        do {
            _ = try SMTPServer.parse("smtp://u:topsecret@host")
        } catch {
            #expect(error.status == .usage)
            #expect(!error.description.contains("topsecret"))
        }
    }

    static let server = SMTPServer(scheme: "smtp", host: "smtp.example.com", port: 587, username: "u")

    @Test func smtp4xxRepliesAndConnectionTroubleAreRetriedAnd5xxAreFinal() {
        func verdict(_ failure: TransferResult.Failure?, _ code: Int, _ text: String) -> Sender.Verdict {
            Sender.verdict(smtp: TransferResult(failure: failure, replyCode: code, serverText: text), server: Self.server, size: 1_000)
        }
        #expect(verdict(nil, 250, "ok") == .delivered)
        guard case .retry(let temporary, nil) = verdict(.rejected, 451, "4.3.0 try later") else {
            Issue.record("451 not retried")
            return
        }
        #expect(temporary.message == "the server answered 451 4.3.0 try later")
        guard case .retry = verdict(.connect, 0, "") else {
            Issue.record("connect not retried")
            return
        }
        guard case .final(let login) = verdict(.loginDenied, 535, "5.7.8 Authentication credentials invalid") else {
            Issue.record("535 retried")
            return
        }
        #expect(login.kind == .refused)
        #expect(ReportError.send(login).status == .noPermission)
        guard case .final(let large) = verdict(.rejected, 552, "5.3.4 Message size exceeds fixed limit") else {
            Issue.record("552 retried")
            return
        }
        #expect(large.kind == .undeliverable && large.message.hasPrefix("the message is too large for the server: 552"))
        #expect(ReportError.send(large).status == .unavailable)
        guard case .final(let relay) = verdict(.rejected, 554, "5.7.1 Relay access denied") else {
            Issue.record("554 retried")
            return
        }
        #expect(relay.message.hasPrefix("relaying denied"))
        guard case .final(let tls) = verdict(.certificate, 220, "") else {
            Issue.record("certificate retried")
            return
        }
        #expect(tls.hint?.contains("--smtp-ca-file") == true)
    }

    @Test func webhookStatusesFollowTheHTTPPolicy() {
        let now = Date(timeIntervalSince1970: 0)
        func verdict(_ status: Int, _ body: String = "", retryAfter: String? = nil) -> Sender.Verdict {
            Sender.verdict(
                post: TransferResult(failure: nil, replyCode: status, serverText: body, retryAfter: retryAfter),
                destination: "Slack webhook",
                now: now)
        }
        #expect(verdict(200, "ok") == .delivered)
        #expect(verdict(202) == .delivered)
        guard case .retry(_, let after) = verdict(429, "rate_limited", retryAfter: "7") else {
            Issue.record("429 not retried")
            return
        }
        #expect(after == 7)
        guard case .retry = verdict(503) else {
            Issue.record("503 not retried")
            return
        }
        guard case .final(let revoked) = verdict(403, "invalid_token") else {
            Issue.record("403 retried")
            return
        }
        #expect(revoked.kind == .refused)
        guard case .final(let gone) = verdict(404, "no_service") else {
            Issue.record("404 retried")
            return
        }
        #expect(gone.kind == .undeliverable)
        guard case .final = verdict(500, "rollup_error") else {
            Issue.record("500 retried")
            return
        }
    }

    @Test func theFailingSMTPReplyIsFoundAmongTheServersLines() {
        let lines = ["220 hello", "250-host", "250 HELP", "535 5.7.8 Authentication credentials invalid", "221 Bye"]
        #expect(SMTPReplies.failing(lines) == (535, "5.7.8 Authentication credentials invalid"))
        let multi = ["250 ok", "554-5.7.1 first line", "554 5.7.1 second line"]
        #expect(SMTPReplies.failing(multi) == (554, "5.7.1 first line 5.7.1 second line"))
        #expect(SMTPReplies.failing(["250 2.0.0 accepted"]) == (250, "2.0.0 accepted"))
        #expect(SMTPReplies.failing([]) == (0, ""))
    }
}
