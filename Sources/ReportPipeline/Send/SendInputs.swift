import ActivitySource
public import CurlTransport
public import Delivery
import Foundation
public import Secrets

/// What sending needs besides the settings, read once per run and shared by every report: the
/// SMTP server and password, the webhook URLs, the CA file. Every secret is a ``Secret``
/// (``secrets`` lists them for a redactor); none is ever part of a message.
public struct SendInputs: Sendable {
    public var settings: SendSettings
    /// The email's addresses (`--mail-*`).
    public var email: EmailOptions?
    public var smtp: SMTPServer?
    public var password: Secret?
    public var slack: Secret?
    public var teams: Secret?
    /// `--smtp-ca-file` or `SSL_CERT_FILE`/`SSL_CERT_DIR`, for SMTP.
    public var smtpTrust: TLSTrust
    /// `SSL_CERT_FILE`/`SSL_CERT_DIR`, for the webhooks.
    public var webTrust: TLSTrust

    /// Every secret of the sending, for whoever removes secrets from text.
    public var secrets: [Secret] { [password, slack, teams].compactMap { $0 } }

    /// Every secret of the sending as one ``Redactor``: what the run merges into its own, so that
    /// every message of the run (not only the sending's) is free of them.
    public var redactor: Redactor { secrets.reduce(Redactor()) { $0.merging($1.redactor) } }

    /// `text` with every secret of the sending removed.
    public func redact(_ text: String) -> String { redactor.redact(text) }

    public init(
        settings: SendSettings, email: EmailOptions?, smtp: SMTPServer? = nil, password: Secret? = nil, slack: Secret? = nil,
        teams: Secret? = nil, smtpTrust: TLSTrust = TLSTrust(), webTrust: TLSTrust = TLSTrust()
    ) {
        self.settings = settings
        self.email = email
        self.smtp = smtp
        self.password = password
        self.slack = slack
        self.teams = teams
        self.smtpTrust = smtpTrust
        self.webTrust = webTrust
    }

    /// Checks the settings and reads the password and webhook files through `files`; nil when
    /// nothing is to be sent. `environment` gives `SMTP_PASSWORD`, `SSL_CERT_FILE` and `SSL_CERT_DIR`.
    public static func load(
        _ settings: SendSettings, email: EmailOptions?, environment env: [String: String], files: some FileReading
    ) throws(ReportError) -> SendInputs? {
        if let url = settings.reportURL { try SendSettings.checkReportURL(url) }
        guard settings.any else {
            if settings.digest || settings.dryRun {
                throw .usage(
                    "--digest and --dry-run-send need somewhere to send to: --smtp-url, --slack-webhook-file or --teams-webhook-file")
            }
            return nil
        }
        let certFile = env["SSL_CERT_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let certDir = env["SSL_CERT_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        var inputs = SendInputs(settings: settings, email: email, webTrust: TLSTrust(caFile: certFile, caPath: certDir))
        for (path, origin) in [(settings.smtpCAFile, "--smtp-ca-file"), (certFile, "SSL_CERT_FILE")] {
            if let path, !files.exists(path) { throw .missing("\(origin) \(path): no such file") }
        }
        inputs.smtpTrust = settings.smtpCAFile.map { TLSTrust(caFile: $0) } ?? inputs.webTrust
        if let url = settings.smtpURL {
            let server = try SMTPServer.parse(url)
            guard let email else { throw .usage("--smtp-url sends report.eml: give --mail-to (or --mail-cc, --mail-bcc)") }
            if email.to.isEmpty && email.cc.isEmpty && email.bcc.isEmpty {
                throw .usage("--smtp-url needs at least one recipient: --mail-to, --mail-cc or --mail-bcc")
            }
            inputs.smtp = server
            if let path = settings.smtpPasswordFile {
                inputs.password = Secret(
                    try secretFile(path, origin: "--smtp-password-file", url: false, files: files), label: "SMTP password")
            } else if let value = env["SMTP_PASSWORD"], !value.isEmpty {
                inputs.password = Secret(try secretText(value, origin: "SMTP_PASSWORD"), label: "SMTP password")
            }
            if server.username == nil && inputs.password != nil {
                throw .usage(
                    "an SMTP password is given but no user: put the user in --smtp-url, such as smtp://reports%40example.com@\(server.name)"
                )
            }
            if let user = server.username, inputs.password == nil {
                throw .usage("--smtp-url names the user \(user) but no password is given: set SMTP_PASSWORD or give --smtp-password-file")
            }
            if settings.smtpInsecure && !server.isLoopback && inputs.password != nil {
                throw .usage(
                    "--smtp-insecure with a password is only for a relay on this machine: the password would cross the network unencrypted to \(server.host). Use smtp:// with STARTTLS or smtps://"
                )
            }
        } else if settings.smtpInsecure || settings.smtpPasswordFile != nil || settings.smtpCAFile != nil {
            throw .usage("--smtp-insecure, --smtp-password-file and --smtp-ca-file go with --smtp-url")
        }
        if let path = settings.slackWebhookFile {
            inputs.slack = Secret(
                url: try secretFile(path, origin: "--slack-webhook-file", url: true, files: files), label: "Slack webhook URL")
        }
        if let path = settings.teamsWebhookFile {
            inputs.teams = Secret(
                url: try secretFile(path, origin: "--teams-webhook-file", url: true, files: files), label: "Teams webhook URL")
        }
        return inputs
    }

    /// The one line of a secret file, checked without ever quoting it.
    static func secretFile(_ path: String, origin: String, url: Bool, files: some FileReading) throws(ReportError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try files.read(path, limit: 64 << 10)
        } catch {
            throw .missing("\(origin): \(error)")
        }
        let text = try secretText(String(decoding: bytes, as: UTF8.self), origin: "\(origin) \(path)")
        if url { try checkWebhook(text, origin: "\(origin) \(path)") }
        return text
    }

    static func secretText(_ raw: String, origin: String) throws(ReportError) -> String {
        var text = Substring(raw)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        guard !text.isEmpty else { throw .usage("\(origin) is empty") }
        guard text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
            throw .usage("\(origin) holds a line break or control character; it should hold one line")
        }
        return String(text)
    }

    /// A webhook URL: `https://`, or plain `http://` to this machine (a stand-in).
    static func checkWebhook(_ text: String, origin: String) throws(ReportError) {
        let secret = " (its content is not shown: it is a secret)"
        guard let c = URLComponents(string: text), let scheme = c.scheme?.lowercased(), let host = c.host, !host.isEmpty,
            c.user == nil, c.password == nil
        else { throw .usage("\(origin) does not hold a webhook URL such as https://hooks.slack.com/services/...\(secret)") }
        if scheme == "http" && !isLoopback(host) {
            throw .usage("\(origin) holds a plain http:// URL: webhooks must be https:// (http only to this machine)\(secret)")
        }
        guard scheme == "https" || scheme == "http" else { throw .usage("\(origin) does not hold an https:// URL\(secret)") }
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return ServerEndpoint(scheme: "https", host: bare, port: nil, prefix: "").isLoopback
    }
}
