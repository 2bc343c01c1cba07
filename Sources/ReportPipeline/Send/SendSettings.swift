public import ActivitySource
import Foundation
import ReportRendering

/// What the command line asks to send, and where: `--smtp-url` and its options, the webhook
/// files, `--report-url`, `--digest`, `--dry-run-send`. Nothing here is secret: the password and
/// the webhook URLs are read from files or the environment by ``SendInputs``.
public struct SendSettings: Sendable, Equatable {
    /// `--smtp-url`: nil when no email is sent.
    public var smtpURL: String?
    /// `--smtp-insecure`: STARTTLS only when offered (a relay on this machine).
    public var smtpInsecure = false
    /// `--smtp-password-file` (else `SMTP_PASSWORD`).
    public var smtpPasswordFile: String?
    /// `--smtp-ca-file` (else `SSL_CERT_FILE`, else the system's CAs).
    public var smtpCAFile: String?
    /// `--slack-webhook-file`: a file holding the incoming-webhook URL.
    public var slackWebhookFile: String?
    /// `--teams-webhook-file`: a file holding the workflow webhook URL.
    public var teamsWebhookFile: String?
    /// `--report-url`: where the output folder is published, for the messages' links.
    public var reportURL: String?
    /// `--digest`: one message for a many-report run (after the index) instead of one per report.
    public var digest = false
    /// `--dry-run-send`: say what would be sent to whom, send nothing.
    public var dryRun = false
    /// Connect timeout, and how long a transfer may stall, in seconds.
    public var timeout: Double = 30
    public var retry = RetryPolicy()

    public init() {}

    /// Whether anything is to be sent.
    public var any: Bool { smtpURL != nil || slackWebhookFile != nil || teamsWebhookFile != nil }

    /// The link of a report in `folder` (empty for a single report), or of the index.
    func link(folder: String?) -> String? { ReportOptions.link(base: reportURL, folder: folder) }

    /// `--report-url`: an absolute http(s) URL of RFC 3986's characters (it goes into Slack's
    /// `<url|text>` links, Markdown autolinks and JSON as is).
    static func checkReportURL(_ text: String) throws(ReportError) {
        if let problem = ReportOptions.problem(reportURL: text) { throw .usage("--report-url: " + problem) }
    }
}

/// `--smtp-url`, checked: `smtp://[user@]host[:port]` (STARTTLS; port 587 by default) or
/// `smtps://[user@]host[:port]` (TLS from the start; port 465 by default).
public struct SMTPServer: Sendable, Equatable {
    public var scheme: String
    public var host: String
    public var port: Int
    /// The login, percent-decoded; nil to send without AUTH.
    public var username: String?

    public static func parse(_ text: String) throws(ReportError) -> SMTPServer {
        let example = "such as smtp://reports%40example.com@smtp.example.com:587 or smtps://smtp.example.com:465"
        guard let c = URLComponents(string: text.trimmingCharacters(in: .whitespaces)), let scheme = c.scheme?.lowercased(),
            let host = c.host, !host.isEmpty
        else { throw .usage("--smtp-url: not an SMTP address; give one \(example)") }
        guard scheme == "smtp" || scheme == "smtps" else {
            throw .usage("--smtp-url must start with smtp:// (STARTTLS) or smtps:// (TLS), \(example)")
        }
        if c.password != nil {
            throw .usage(
                "--smtp-url must not hold the password (it would show in shell history and process lists): put it in SMTP_PASSWORD or in a file given with --smtp-password-file"
            )
        }
        if !(c.path.isEmpty || c.path == "/") || c.query != nil || c.fragment != nil {
            throw .usage("--smtp-url: give only the user, host and port, \(example)")
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard bare.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .usage("--smtp-url: the host name holds spaces or characters a host name cannot have")
        }
        var user = c.user?.removingPercentEncoding
        if user?.isEmpty == true { user = nil }
        if let user, !user.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
            throw .usage("--smtp-url: the user name holds a control character")
        }
        return SMTPServer(scheme: scheme, host: bare.lowercased(), port: c.port ?? (scheme == "smtps" ? 465 : 587), username: user)
    }

    public init(scheme: String, host: String, port: Int, username: String?) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.username = username
    }

    /// `host:port`, for messages.
    public var name: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

    /// The URL handed to the transport: no user, no path.
    public var url: String { "\(scheme)://\(name)" }

    public var isLoopback: Bool { ServerEndpoint(scheme: "https", host: host, port: port, prefix: "").isLoopback }
}
