/// Which certificates to trust: the system's by default, or a CA file or folder (a company's
/// private CA, `--smtp-ca-file`, `SSL_CERT_FILE`, `SSL_CERT_DIR`). Verification itself is never
/// switched off.
public struct TLSTrust: Sendable, Equatable {
    /// A PEM file of CA certificates that replaces the system's.
    public var caFile: String?
    /// A folder of hashed CA certificates.
    public var caPath: String?

    public init(caFile: String? = nil, caPath: String? = nil) {
        self.caFile = caFile
        self.caPath = caPath
    }
}

/// One message handed to an SMTP server.
public struct MailTransfer: Sendable {
    /// `smtp://host:port` (STARTTLS) or `smtps://host:port` (TLS from the start), without a user.
    public var server: String
    /// Refuse to go on without TLS; false: STARTTLS when the server offers it (loopback relays).
    public var requireTLS: Bool
    public var username: String?
    public var password: Secret?
    /// The envelope sender: a bare address.
    public var from: String
    /// The envelope recipients: bare addresses (To, Cc and Bcc alike).
    public var recipients: [String]
    /// The message, sent byte for byte.
    public var message: [UInt8]
    public var trust: TLSTrust
    /// Seconds to connect; also how long the transfer may stall before it is abandoned.
    public var timeout: Double

    public init(
        server: String, requireTLS: Bool, username: String?, password: Secret?, from: String, recipients: [String],
        message: [UInt8], trust: TLSTrust, timeout: Double
    ) {
        self.server = server
        self.requireTLS = requireTLS
        self.username = username
        self.password = password
        self.from = from
        self.recipients = recipients
        self.message = message
        self.trust = trust
        self.timeout = timeout
    }
}

/// One JSON document posted to a webhook.
public struct PostTransfer: Sendable {
    /// The webhook's URL: a secret (whoever has it can post to the channel).
    public var url: Secret
    public var body: [UInt8]
    /// Plain `http` is accepted (for loopback stand-ins); otherwise only `https`.
    public var allowPlainHTTP: Bool
    /// Go through the proxy of `https_proxy` and friends (false for loopback hosts).
    public var useProxy: Bool
    public var trust: TLSTrust
    public var timeout: Double

    public init(url: Secret, body: [UInt8], allowPlainHTTP: Bool, useProxy: Bool, trust: TLSTrust, timeout: Double) {
        self.url = url
        self.body = body
        self.allowPlainHTTP = allowPlainHTTP
        self.useProxy = useProxy
        self.trust = trust
        self.timeout = timeout
    }
}

/// What became of one attempt.
public struct TransferResult: Sendable, Equatable {
    /// Why an attempt failed, as far as the transport can tell.
    public enum Failure: Sendable, Equatable {
        /// The host name did not resolve.
        case resolve
        /// Nothing accepted the connection (refused, unreachable).
        case connect
        /// No progress within the timeout.
        case timeout
        /// TLS was required and the server does not offer STARTTLS.
        case tlsUnavailable
        /// The server's certificate did not verify (untrusted, expired, another name).
        case certificate
        /// The TLS handshake failed for another reason.
        case tlsHandshake
        /// The CA file or folder cannot be used.
        case trustFile
        /// The server refused the user name and password.
        case loginDenied
        /// The server answered a command with an error reply (``TransferResult/replyCode``).
        case rejected
        /// The connection broke off.
        case connectionLost
        /// The server's answers made no sense.
        case protocolError
        /// Anything else (see ``TransferResult/detail``).
        case other
    }

    /// Nil when the transfer went through (for a post: whatever the HTTP status).
    public var failure: Failure?
    /// The SMTP reply code that failed the transfer (or the last one), or the HTTP status; 0 when none.
    public var replyCode: Int
    /// SMTP: the lines of that reply; HTTP: the start of the answer's body.
    public var serverText: String
    /// HTTP: the `Retry-After` header.
    public var retryAfter: String?
    /// The transport's own words about a failure.
    public var detail: String

    public init(failure: Failure?, replyCode: Int = 0, serverText: String = "", retryAfter: String? = nil, detail: String = "") {
        self.failure = failure
        self.replyCode = replyCode
        self.serverText = serverText
        self.retryAfter = retryAfter
        self.detail = detail
    }
}

/// Moves messages: SMTP and HTTPS posts. ``Libcurl`` is the real one.
public protocol Transport: Sendable {
    func send(_ mail: MailTransfer) async -> TransferResult
    func post(_ post: PostTransfer) async -> TransferResult
}
