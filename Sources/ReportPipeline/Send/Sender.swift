import ActivityModel
public import ActivitySource
public import CurlTransport
import Delivery
import Foundation
public import ReportRendering

/// Send: after Write, one report's messages (or a run's digest) go out: `report.eml` byte for
/// byte over SMTP, the chat post to Slack and Teams. Every destination is tried even when
/// another fails; connection failures, timeouts and temporary refusals (SMTP 4xx, HTTP 429,
/// 502, 503, 504) are tried again with the HTTP fetch's backoff policy; everything else is final.
public struct Sender: Sendable {
    public let inputs: SendInputs
    public let transport: any Transport
    public let timing: RetryTiming

    public init(inputs: SendInputs, transport: any Transport = Libcurl(), timing: RetryTiming = .live) {
        self.inputs = inputs
        self.transport = transport
        self.timing = timing
    }

    /// What one report, or the digest of a run, sends.
    public struct Outgoing: Sendable {
        /// `report.eml` (or `index.eml`): its name for messages, and its bytes.
        public var mail: (name: String, bytes: [UInt8])?
        public var post: ChatPost?

        public init(mail: (name: String, bytes: [UInt8])?, post: ChatPost?) {
            self.mail = mail
            self.post = post
        }
    }

    /// One attempt's outcome.
    enum Verdict: Equatable {
        case delivered
        /// Worth another attempt, after the server's `Retry-After` (seconds) when it gave one.
        case retry(SendFailure, retryAfter: Double?)
        case final(SendFailure)
    }

    /// Sends everything of `outgoing`; `say` is told what happens (already free of secrets).
    /// Returns the failures, in the order email, Slack, Teams.
    public func send(_ outgoing: Outgoing, say: (RunMessage.Kind, String) -> Void) async -> [SendFailure] {
        var failures: [SendFailure] = []
        func tell(_ kind: RunMessage.Kind, _ text: String) { say(kind, inputs.redact(text)) }
        if let server = inputs.smtp, let mail = outgoing.mail, let email = inputs.email {
            if let failure = await sendMail(mail.name, mail.bytes, server: server, email: email, say: tell) { failures.append(failure) }
        }
        if let post = outgoing.post {
            for (url, name, file) in [
                (inputs.slack, "Slack", inputs.settings.slackWebhookFile), (inputs.teams, "Teams", inputs.settings.teamsWebhookFile),
            ] {
                guard let url else { continue }
                let body = name == "Slack" ? SlackMessage.render(post) : TeamsCard.render(post)
                if let failure = await postMessage(body, to: url, name: name, file: file ?? "", say: tell) { failures.append(failure) }
            }
        }
        return failures.map { f in
            var f = f
            f.message = inputs.redact(f.message)
            f.hint = f.hint.map(inputs.redact)
            return f
        }
    }

    /// A transport's result with every secret of the sending taken out of the server's words and
    /// the transport's, before a verdict quotes or shortens them (whatever the transport did).
    func redacted(_ result: TransferResult) -> TransferResult {
        var result = result
        let secrets = inputs.redactor
        result.serverText = secrets.redact(result.serverText)
        result.detail = secrets.redact(result.detail)
        return result
    }

    func sendMail(
        _ name: String, _ bytes: [UInt8], server: SMTPServer, email: EmailOptions, say: (RunMessage.Kind, String) -> Void
    ) async -> SendFailure? {
        let destination = "SMTP \(server.name)"
        let envelope: (from: String, recipients: [String])
        do {
            envelope = try email.envelope()
        } catch {
            return SendFailure(kind: .undeliverable, destination: destination, message: "\(error)")
        }
        let count = Format.count(envelope.recipients.count, "recipient")
        if inputs.settings.dryRun {
            var whom = "from \(envelope.from)"
            for (field, list) in [("to", email.to), ("cc", email.cc), ("bcc", email.bcc)] where !list.isEmpty {
                whom += " \(field) " + list.joined(separator: ", ")
            }
            let security = server.scheme == "smtps" ? "TLS" : inputs.settings.smtpInsecure ? "STARTTLS when offered" : "STARTTLS"
            let login = server.username.map { ", logging in as \($0)" } ?? ", without logging in"
            say(.wouldSend, "\(name) (\(Format.integer(bytes.count)) bytes) \(whom) through \(destination) (\(security)\(login))")
            return nil
        }
        let transfer = MailTransfer(
            server: server.url, requireTLS: !inputs.settings.smtpInsecure, username: server.username, password: inputs.password,
            from: envelope.from, recipients: envelope.recipients, message: bytes, trust: inputs.smtpTrust,
            timeout: inputs.settings.timeout)
        let (attempts, failure) = await deliver(destination, say: say) {
            Self.verdict(smtp: redacted(await transport.send(transfer)), server: server, size: bytes.count)
        }
        if failure == nil { say(.sent, "\(name) to \(count) through \(destination)" + (attempts > 1 ? " (attempt \(attempts))" : "")) }
        return failure
    }

    func postMessage(_ body: [UInt8], to url: Secret, name: String, file: String, say: (RunMessage.Kind, String) -> Void) async
        -> SendFailure?
    {
        let destination = "\(name) webhook"
        if inputs.settings.dryRun {
            say(.wouldSend, "\(name) message (\(Format.integer(body.count)) bytes of JSON) to the webhook in \(file)")
            return nil
        }
        let loopback = SendInputs.isLoopback(url.host ?? "")
        let transfer = PostTransfer(
            url: url, body: body, allowPlainHTTP: loopback, useProxy: !loopback, trust: inputs.webTrust, timeout: inputs.settings.timeout)
        let (attempts, failure) = await deliver(destination, say: say) {
            Self.verdict(post: redacted(await transport.post(transfer)), destination: destination, now: timing.now())
        }
        if failure == nil { say(.sent, "\(name) message to the webhook in \(file)" + (attempts > 1 ? " (attempt \(attempts))" : "")) }
        return failure
    }

    /// Attempts until delivered, final, or out of attempts; says before each wait why it waits.
    func deliver(_ destination: String, say: (RunMessage.Kind, String) -> Void, attempt: () async -> Verdict) async -> (
        Int, SendFailure?
    ) {
        let policy = inputs.settings.retry
        var n = 0
        while true {
            n += 1
            switch await attempt() {
            case .delivered:
                return (n, nil)
            case .final(var failure):
                failure.attempts = n
                return (n, failure)
            case .retry(var failure, let retryAfter):
                failure.attempts = n
                guard n < policy.maxAttempts, !Task.isCancelled else { return (n, failure) }
                let delay = policy.delay(afterAttempt: n, retryAfter: retryAfter, jitter: timing.jitter())
                let wait = delay < 10 ? String(format: "%.1f", delay) : String(Int(delay.rounded()))
                say(.retry, "\(destination): attempt \(n) of \(policy.maxAttempts) failed (\(failure.message)); trying again in \(wait) s")
                do {
                    try await timing.sleep(delay)
                } catch {
                    return (n, failure)
                }
            }
        }
    }
}
