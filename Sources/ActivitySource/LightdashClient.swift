import ActivityModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
public import Secrets

/// How to reach a Lightdash server and how patiently.
public struct FetchSettings: Sendable {
    public var endpoint: ServerEndpoint
    public var token: APIToken
    /// `LIGHTDASH_PROXY_AUTHORIZATION`, sent as `Proxy-Authorization` (for an authenticating proxy in front of Lightdash).
    public var proxyAuthorization: String?
    public var proxy: ProxySetting?
    /// Connect and read timeout, in seconds.
    public var timeout: Double
    /// The longest one attempt may take, head and body, in seconds: 10 x `timeout`, at least 60 s.
    public var attemptLimit: Double
    /// `--deadline`: the longest the whole run may fetch, in seconds from the client's creation.
    public var deadline: Double?
    /// The largest body accepted (after decompression).
    public var maxBodyBytes: Int
    public var retry: RetryPolicy

    public init(
        endpoint: ServerEndpoint, token: APIToken, proxyAuthorization: String? = nil, proxy: ProxySetting? = nil,
        timeout: Double = 30, attemptLimit: Double? = nil, deadline: Double? = nil, maxBodyBytes: Int = 512 << 20,
        retry: RetryPolicy = RetryPolicy()
    ) {
        self.endpoint = endpoint
        self.token = token
        self.proxyAuthorization = proxyAuthorization
        self.proxy = proxy
        self.timeout = timeout
        self.attemptLimit = attemptLimit ?? Self.attemptLimit(timeout: timeout)
        self.deadline = deadline
        self.maxBodyBytes = maxBodyBytes
        self.retry = retry
    }

    /// One attempt's bound for a connect and read `timeout`: 10 x it, at least 60 s.
    public static func attemptLimit(timeout: Double) -> Double { max(timeout * 10, 60) }

    /// Every secret these settings hold: the token, `LIGHTDASH_PROXY_AUTHORIZATION` (and its
    /// credentials without the scheme), the proxy's password.
    public var secrets: Redactor {
        var secrets = Redactor(token.secret, as: "token")
        if let proxyAuthorization {
            secrets.register(proxyAuthorization, as: "proxy authorization")
            if let space = proxyAuthorization.firstIndex(of: " ") {
                secrets.register(String(proxyAuthorization[proxyAuthorization.index(after: space)...]), as: "proxy authorization")
            }
        }
        if let password = proxy?.password { secrets.register(password, as: "proxy password") }
        return secrets
    }
}

/// A project of the organisation, from `GET /api/v1/org/projects`.
public struct ProjectSummary: Sendable, Equatable {
    public var uuid: String
    public var name: String
    /// `DEFAULT` or `PREVIEW`.
    public var type: String?

    public init(uuid: String, name: String, type: String? = nil) {
        self.uuid = uuid
        self.name = name
        self.type = type
    }
}

/// Load, from a server: GET requests with timeouts, a size cap, retries with backoff, and
/// failures explained. The only code that talks HTTP.
public final class LightdashClient: Sendable {
    let http: HTTPClient
    public let settings: FetchSettings
    let timing: RetryTiming
    /// Every secret of `settings`: taken out of whatever the server sends before it is read.
    let secrets: Redactor
    /// When `--deadline` runs out, on `timing.monotonic`.
    let end: Double?

    public init(settings: FetchSettings, timing: RetryTiming = .live) {
        var config = HTTPClient.Configuration()
        let timeout = TimeAmount.nanoseconds(Int64(settings.timeout * 1_000_000_000))
        config.timeout = .init(connect: timeout, read: timeout)
        // A redirect could carry the token to another host: report it instead of following it.
        config.redirectConfiguration = .disallow
        config.decompression = .enabled(limit: .size(settings.maxBodyBytes))
        // Failed connections are retried by our policy, with its delays and messages.
        config.connectionPool.retryConnectionEstablishment = false
        if let proxy = settings.proxy {
            switch proxy.kind {
            case .http:
                let auth = proxy.username.map { HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
                config.proxy = .server(host: proxy.host, port: proxy.port, authorization: auth)
            case .socks:
                config.proxy = .socksServer(host: proxy.host, port: proxy.port)
            }
        }
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        self.settings = settings
        self.timing = timing
        secrets = settings.secrets
        end = settings.deadline.map { timing.monotonic() + $0 }
    }

    /// Closes the connections. Call once, when done.
    public func shutdown() async {
        try? await http.shutdown()  // only fails when already shut down
    }

    /// The user-activity payload of `project` (a normalized uuid), exactly as received.
    public func userActivity(
        project: String, onRetry: @Sendable (RetryNotice) -> Void = { _ in }
    ) async throws(FetchFailure) -> [UInt8] {
        try await get("/api/v1/analytics/user-activity/\(project)", onRetry: onRetry)
    }

    /// Every project of the token's organisation.
    public func projects(onRetry: @Sendable (RetryNotice) -> Void = { _ in }) async throws(FetchFailure) -> [ProjectSummary] {
        let path = "/api/v1/org/projects"
        let bytes = try await get(path, onRetry: onRetry)
        guard let list = Self.decodeProjects(bytes) else {
            throw FetchFailure(
                kind: .unavailable, url: settings.endpoint.url(path),
                message: "the answer is not a list of projects ({\"status\":\"ok\",\"results\":[{\"projectUuid\":...,\"name\":...}]})",
                hint: "check the server URL: it should be the address of the Lightdash web app")
        }
        return list
    }

    /// `{"status":"ok","results":[{"projectUuid":...,"name":...,"type":...}]}` read with the project's
    /// strict reader, or nil (not JSON, or not that shape).
    static func decodeProjects(_ bytes: [UInt8]) -> [ProjectSummary]? {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch {
            return nil
        }
        guard case .array(let results)? = root["results"] else { return nil }
        var list: [ProjectSummary] = []
        for item in results {
            guard case .string(let uuid)? = item["projectUuid"], let id = ProjectID.normalize(uuid) else { return nil }
            var name = ""
            var type: String?
            if case .string(let text)? = item["name"] { name = text }
            if case .string(let text)? = item["type"] { type = text }
            list.append(ProjectSummary(uuid: id, name: name, type: type))
        }
        return list
    }

    /// GET `path` with the retry policy, each attempt bounded by `attemptLimit` and all of them by `--deadline`.
    func get(_ path: String, onRetry: @Sendable (RetryNotice) -> Void) async throws(FetchFailure) -> [UInt8] {
        switch try await send(Call(url: settings.endpoint.url(path)), onRetry: onRetry) {
        case .body(let bytes): return bytes
        case .redirect(let location):  // never: only calls that follow redirects get one
            throw FetchFailure(kind: .unavailable, url: settings.endpoint.url(path), message: "redirected to \(redacted(location))")
        }
    }

    /// `call` with the retry policy, each attempt bounded by `attemptLimit` and all of them by `--deadline`.
    func send(_ call: Call, onRetry: @Sendable (RetryNotice) -> Void) async throws(FetchFailure) -> Answer {
        let url = call.url
        var attempt = 0
        while true {
            attempt += 1
            var limit = settings.attemptLimit
            var bound = Bound.attempt
            if let left = remaining() {
                guard left > 0 else { throw deadlinePassed(url, attempts: attempt - 1) }
                if left < limit {
                    limit = left
                    bound = .run
                }
            }
            switch await once(call, limit: limit, bound: bound) {
            case .success(let bytes):
                return .body(bytes)
            case .redirect(let location):
                return .redirect(location)
            case .failure(var failure, let retry, let retryAfter):
                failure.attempts = attempt
                failure.message = secrets.redact(failure.message)
                failure.hint = failure.hint.map(secrets.redact)
                guard retry, attempt < settings.retry.maxAttempts, !Task.isCancelled else { throw failure }
                let delay = settings.retry.delay(afterAttempt: attempt, retryAfter: retryAfter, jitter: timing.jitter())
                if let left = remaining(), delay >= left {
                    failure.message += "; no time is left for another attempt before --deadline (\(Format.seconds(settings.deadline ?? 0)))"
                    throw failure
                }
                onRetry(RetryNotice(attempt: attempt, maxAttempts: settings.retry.maxAttempts, reason: failure.message, delay: delay))
                do {
                    try await timing.sleep(delay)
                } catch {
                    throw failure
                }
            }
        }
    }

    /// Seconds left before `--deadline`, or nil without one.
    func remaining() -> Double? {
        guard let end else { return nil }
        return end - timing.monotonic()
    }

    /// What ended an attempt that took too long.
    enum Bound {
        /// One attempt's limit (10 x --timeout, at least 60 s): another attempt may be made.
        case attempt
        /// `--deadline`: the run is out of time.
        case run
    }

    func deadlinePassed(_ url: String, attempts: Int) -> FetchFailure {
        FetchFailure(
            kind: .unavailable, url: url, message: "--deadline (\(Format.seconds(settings.deadline ?? 0))) passed before an answer came",
            hint: "raise --deadline, or --timeout if the server is just slow", attempts: max(attempts, 1))
    }

    enum Outcome {
        case success([UInt8])
        /// A 3xx with a `Location`, for a call that follows redirects itself.
        case redirect(String)
        /// `retry`: whether another attempt may help; `retryAfter`: the server's wish, in seconds.
        case failure(FetchFailure, retry: Bool, retryAfter: Double?)
    }

    /// One attempt, head and body, ended after `limit` seconds whatever the server does: a body
    /// that trickles in resets the read timeout with every byte, so only an overall timer can
    /// bound it. The attempt is cancelled (and its connection closed) when the timer wins.
    func once(_ call: Call, limit: Double, bound: Bound) async -> Outcome {
        let url = call.url
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask { await self.attempt(call, limit: limit) }
            group.addTask {
                do {
                    try await Task.sleep(nanoseconds: UInt64(max(limit, 0) * 1e9))
                } catch {
                    return nil  // cancelled: the attempt ended first
                }
                return self.tooSlow(url, limit: limit, bound: bound)
            }
            var first: Outcome?
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            // The attempt's task always returns an outcome, so `first` is set.
            return first ?? tooSlow(url, limit: limit, bound: bound)
        }
    }

    func tooSlow(_ url: String, limit: Double, bound: Bound) -> Outcome {
        switch bound {
        case .attempt:
            let failure = FetchFailure(
                kind: .unavailable, url: url,
                message:
                    "the whole answer did not arrive within \(Format.seconds(limit)) (one attempt's limit: 10 x --timeout, at least 60 s)",
                hint: "the server sends too slowly; raise --timeout if it is just slow")
            return .failure(failure, retry: true, retryAfter: nil)
        case .run:
            let failure = FetchFailure(
                kind: .unavailable, url: url,
                message: "--deadline (\(Format.seconds(settings.deadline ?? 0))) passed before the whole answer arrived",
                hint: "raise --deadline, or --timeout if the server is just slow")
            return .failure(failure, retry: false, retryAfter: nil)
        }
    }

    /// The request itself. Everything the server sends has the run's secrets taken out first.
    func attempt(_ call: Call, limit: Double) async -> Outcome {
        let url = call.url
        var request = HTTPClientRequest(url: url)
        request.method = call.method
        // The token goes only to the configured server (scheme, host and port): see `Call.authorize`.
        if call.authorize && settings.endpoint.isSameOrigin(url) {
            request.headers.add(name: "Authorization", value: settings.token.authorization)
        }
        request.headers.add(name: "Accept", value: call.accept)
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        request.headers.add(name: "User-Agent", value: "ActivityReport")
        if let proxyAuthorization = settings.proxyAuthorization {
            request.headers.add(name: "Proxy-Authorization", value: proxyAuthorization)
        }
        do {
            // `once` bounds the attempt as a whole; this deadline only ends the wait for the head.
            let response = try await http.execute(request, timeout: .nanoseconds(Int64(max(limit, 0) * 1e9)))
            let status = Int(response.status.code)
            if call.followsRedirects, [301, 302, 303, 307, 308].contains(status),
                let location = response.headers.first(name: "location")
            {
                return .redirect(location)
            }
            let ok = (200..<300).contains(status)
            // Error answers are read only as far as needed to show them.
            let limit = ok ? settings.maxBodyBytes : min(settings.maxBodyBytes, 64 << 10)
            if ok, let length = response.headers.first(name: "content-length").flatMap(Int.init), length > limit {
                return .failure(tooLarge(url, size: length), retry: false, retryAfter: nil)
            }
            var body: [UInt8] = []
            var over = false
            for try await chunk in response.body {
                if body.count + chunk.readableBytes > limit {
                    body.append(contentsOf: chunk.readableBytesView.prefix(limit - body.count))
                    over = true
                    break
                }
                body.append(contentsOf: chunk.readableBytesView)
            }
            // A cancelled body stream may just end: never take what came so far for the answer.
            if Task.isCancelled {
                return .failure(FetchFailure(kind: .unavailable, url: url, message: "cancelled"), retry: false, retryAfter: nil)
            }
            // Before anything reads, quotes or shortens it.
            body = secrets.redact(body)
            if ok {
                if over { return .failure(tooLarge(url, size: nil), retry: false, retryAfter: nil) }
                return .success(body)
            }
            let retryAfter = response.headers.first(name: "retry-after").flatMap { RetryAfter.seconds($0, now: timing.now()) }
            let failure = ErrorAnswer.failure(
                url: url, status: status, reason: redacted(response.status.reasonPhrase), body: body,
                location: response.headers.first(name: "location").map(redacted))
            return .failure(failure, retry: RetryPolicy.retryableStatuses.contains(status), retryAfter: retryAfter)
        } catch {
            let (message, retry, kind, hint) = describe(error)
            return .failure(
                FetchFailure(kind: kind, url: url, message: redacted(message), hint: hint.map(redacted)), retry: retry, retryAfter: nil)
        }
    }

    /// A header value or reason phrase with the secrets taken out, as raw text.
    func redacted(_ text: String) -> String { String(decoding: secrets.redact(Array(text.utf8)), as: UTF8.self) }

    func tooLarge(_ url: String, size: Int?) -> FetchFailure {
        let sizeText = size.map { " (\($0) bytes)" } ?? ""
        return FetchFailure(
            kind: .tooLarge, url: url,
            message: "the answer is larger\(sizeText) than --max-input-bytes (\(settings.maxBodyBytes) bytes)",
            hint: "raise --max-input-bytes if the project really has that much activity")
    }

    var serverName: String {
        let target = "\(settings.endpoint.host):\(settings.endpoint.port ?? (settings.endpoint.scheme == "https" ? 443 : 80))"
        guard let proxy = settings.proxy else { return target }
        return "\(target) (through the proxy \(proxy.host):\(proxy.port))"
    }

    /// A thrown error in words: (message, worth another attempt, kind, hint).
    func describe(_ error: any Error) -> (String, Bool, FetchFailure.Kind, String?) {
        let seconds = Format.seconds(settings.timeout)
        if let e = error as? HTTPClientError {
            switch e {
            case .readTimeout:
                return ("no answer within \(seconds) (read timeout)", true, .unavailable, "raise --timeout if the server is just slow")
            case .connectTimeout:
                return (
                    "could not connect to \(serverName) within \(seconds) (connection timeout)", true, .unavailable,
                    "check the address and any firewall or proxy in the way"
                )
            case .deadlineExceeded:
                return (
                    "the answer took too long to arrive (deadline exceeded)", true, .unavailable,
                    "raise --timeout if the server is just slow"
                )
            case .remoteConnectionClosed:
                return ("the connection closed before the whole answer arrived", true, .unavailable, nil)
            case .proxyAuthenticationRequired:
                return (
                    "the proxy \(settings.proxy.map { "\($0.host):\($0.port)" } ?? "") asks for credentials (407)", false, .unavailable,
                    "put them in the proxy variable, as http://user:password@proxy:port"
                )
            case .invalidProxyResponse:
                return ("the proxy refused to connect to \(serverName)", true, .unavailable, "check https_proxy / no_proxy")
            case .tlsHandshakeTimeout:
                return ("TLS handshake with \(serverName) timed out", true, .unavailable, nil)
            default:
                return ("HTTP failure: \(e)", true, .unavailable, nil)
            }
        }
        if let e = error as? NIOConnectionError {
            if e.connectionErrors.isEmpty, let dns = e.dnsAError ?? e.dnsAAAAError {
                return ("DNS lookup of \(e.host) failed: \(dns)", true, .unavailable, "check the host name in --url (or LIGHTDASH_URL)")
            }
            if let first = e.connectionErrors.first?.error {
                return (
                    "connection to \(serverName) failed: \(Self.networkText(first))", true, .unavailable,
                    "check that the server is running and the address and port are right"
                )
            }
            return ("connection to \(serverName) failed", true, .unavailable, nil)
        }
        if let e = error as? SocketAddressError {
            return (
                "DNS lookup of \(settings.endpoint.host) failed: \(e)", true, .unavailable,
                "check the host name in --url (or LIGHTDASH_URL)"
            )
        }
        if let e = error as? IOError {
            if [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, ETIMEDOUT].contains(e.errnoCode) {
                return (
                    "connection to \(serverName) failed: \(Self.networkText(e))", true, .unavailable,
                    "check that the server is running and the address and port are right"
                )
            }
            return ("network failure talking to \(serverName): \(Self.networkText(e))", true, .unavailable, nil)
        }
        if let e = error as? HTTPParserError {
            if e == .invalidEOFState {
                return ("the answer was cut short: the connection closed before the whole body arrived", true, .unavailable, nil)
            }
            return (
                "the answer is not valid HTTP (\(e))", true, .unavailable,
                "check that --url is the Lightdash server and not some other service"
            )
        }
        if error is NIOTooManyBytesError {
            return (
                tooLarge(settings.endpoint.url(""), size: nil).message, false, .tooLarge,
                "raise --max-input-bytes if the project really has that much activity"
            )
        }
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("Decompression") {
            return (
                "the compressed answer could not be decompressed, or is larger than --max-input-bytes once decompressed (\(error))", false,
                .tooLarge, nil
            )
        }
        // NIOSSL's error types, matched by name to keep this module off NIOSSL's API.
        if typeName.contains("SSL") || typeName.contains("TLS") {
            return (
                "TLS failure with \(serverName): \(error)", false, .unavailable,
                "the server's certificate is not trusted here (expired, self-signed or for another name); fix the certificate or add its CA to the system's trust store"
            )
        }
        if error is CancellationError {
            return ("cancelled", false, .unavailable, nil)
        }
        return ("request failed: \(error)", true, .unavailable, nil)
    }

    static func networkText(_ error: any Error) -> String {
        guard let io = error as? IOError else { return "\(error)" }
        switch io.errnoCode {
        case ECONNREFUSED: return "connection refused (nothing listens on that port)"
        case ECONNRESET: return "connection reset by the other side"
        case ENETUNREACH, EHOSTUNREACH: return "network unreachable"
        case ETIMEDOUT: return "timed out"
        default: return "\(io)"
        }
    }
}

enum Format {
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
