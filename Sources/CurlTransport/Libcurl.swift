import CCurl
import Dispatch
import Secrets

/// The transport through libcurl: the only code that calls libcurl, so that it can be swapped
/// or loaded lazily without touching anything else. Each transfer runs on a thread of its own
/// (libcurl's easy interface blocks) with a fresh handle: no connection is shared or reused.
public struct Libcurl: Transport {
    public init() {}

    public func send(_ mail: MailTransfer) async -> TransferResult {
        await Self.offThread { Self.perform(mail) }
    }

    public func post(_ post: PostTransfer) async -> TransferResult {
        await Self.offThread { Self.perform(post) }
    }

    static func offThread(_ work: @escaping @Sendable () -> TransferResult) async -> TransferResult {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// libcurl loaded (`dlopen`) and `curl_global_init` run, once per process: nil when ready,
    /// otherwise why not. A run that sends nothing never loads libcurl.
    static let unavailable: String? = ar_curl_load().map { String(cString: $0) }

    /// The result of a transfer that could not start.
    static func cannotStart() -> TransferResult {
        if let reason = unavailable {
            return TransferResult(
                failure: .other,
                detail:
                    "libcurl cannot be loaded (Debian and Ubuntu: apt-get install libcurl4; or set REPORT_LIBCURL to its path): \(reason)")
        }
        return TransferResult(failure: .other, detail: "libcurl cannot start")
    }

    /// What the callbacks share with the transfer.
    final class State {
        var upload: [UInt8] = []
        var offset = 0
        /// The server's SMTP reply lines (never what we sent: that holds the credentials).
        var replies: [String] = []
        var body: [UInt8] = []
        var headers: [String] = []
        /// The transfer's secrets (the password, the webhook URL), taken out of what the server
        /// sends before anything shortens it: a secret cut in two would leave its first half.
        var secrets = Redactor()
    }

    static func perform(_ mail: MailTransfer) -> TransferResult {
        guard unavailable == nil, let handle = ar_curl_easy_init() else { return cannotStart() }
        defer { ar_curl_easy_cleanup(handle) }
        let state = State()
        state.upload = mail.message
        state.secrets = mail.password?.redactor ?? Redactor()
        var recipients: UnsafeMutablePointer<curl_slist>?
        for address in mail.recipients { recipients = ar_curl_slist_append(recipients, "<\(address)>") }
        defer { ar_curl_slist_free_all(recipients) }
        common(handle, timeout: mail.timeout, trust: mail.trust)
        ar_curl_set_string(handle, CURLOPT_URL, mail.server)
        ar_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        ar_curl_set_long(handle, CURLOPT_USE_SSL, Int(mail.requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
        // SMTP goes straight to the server: the proxy variables are for the web.
        ar_curl_set_string(handle, CURLOPT_PROXY, "")
        if let user = mail.username { ar_curl_set_string(handle, CURLOPT_USERNAME, user) }
        if let password = mail.password { ar_curl_set_string(handle, CURLOPT_PASSWORD, password.value) }
        ar_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(mail.from)>")
        ar_curl_set_list(handle, CURLOPT_MAIL_RCPT, recipients)
        ar_curl_set_long(handle, CURLOPT_UPLOAD, 1)
        ar_curl_set_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(mail.message.count))
        ar_curl_set_data_callback(handle, CURLOPT_READFUNCTION, readCallback)
        // The server's replies arrive through the debug callback, which keeps only incoming lines.
        ar_curl_set_long(handle, CURLOPT_VERBOSE, 1)
        ar_curl_set_debug_callback(handle, debugCallback)
        let context = Unmanaged.passUnretained(state).toOpaque()
        ar_curl_set_pointer(handle, CURLOPT_READDATA, context)
        ar_curl_set_pointer(handle, CURLOPT_DEBUGDATA, context)
        let (code, detail) = run(handle)
        let reply = SMTPReplies.failing(state.replies)
        return TransferResult(
            failure: failure(code, replyCode: reply.code), replyCode: reply.code, serverText: reply.text,
            detail: state.secrets.redact(detail))
    }

    static func perform(_ post: PostTransfer) -> TransferResult {
        guard unavailable == nil, let handle = ar_curl_easy_init() else { return cannotStart() }
        defer { ar_curl_easy_cleanup(handle) }
        let state = State()
        state.secrets = post.url.redactor
        var headers: UnsafeMutablePointer<curl_slist>?
        for header in ["Content-Type: application/json; charset=utf-8", "Accept: application/json, text/plain", "Expect:"] {
            headers = ar_curl_slist_append(headers, header)
        }
        defer { ar_curl_slist_free_all(headers) }
        common(handle, timeout: post.timeout, trust: post.trust)
        ar_curl_set_string(handle, CURLOPT_URL, post.url.value)
        ar_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, post.allowPlainHTTP ? "http,https" : "https")
        if !post.useProxy { ar_curl_set_string(handle, CURLOPT_PROXY, "") }
        ar_curl_set_string(handle, CURLOPT_USERAGENT, "ActivityReport")
        ar_curl_set_list(handle, CURLOPT_HTTPHEADER, headers)
        ar_curl_set_long(handle, CURLOPT_POST, 1)
        ar_curl_set_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(post.body.count))
        ar_curl_set_data_callback(handle, CURLOPT_WRITEFUNCTION, writeCallback)
        ar_curl_set_data_callback(handle, CURLOPT_HEADERFUNCTION, headerCallback)
        let context = Unmanaged.passUnretained(state).toOpaque()
        ar_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
        ar_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
        var body = post.body
        body.append(0)  // never empty, so the pointer below is set
        let (code, detail) = body.withUnsafeMutableBytes { raw in
            ar_curl_set_pointer(handle, CURLOPT_POSTFIELDS, raw.baseAddress)
            return run(handle)
        }
        var status = 0
        ar_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        let retryAfter = state.headers.last { $0.lowercased().hasPrefix("retry-after:") }
            .map { String($0.dropFirst("retry-after:".count).drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()) }
        return TransferResult(
            failure: code == CURLE_OK ? nil : failure(code, replyCode: 0), replyCode: status,
            serverText: String(decoding: state.secrets.redact(state.body).prefix(2048), as: UTF8.self), retryAfter: retryAfter,
            detail: state.secrets.redact(detail))
    }

    /// Timeouts, certificate verification and no signals, for every transfer.
    static func common(_ handle: UnsafeMutableRawPointer, timeout: Double, trust: TLSTrust) {
        let ms = Int(max(timeout, 0.001) * 1000)
        ar_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        ar_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, ms)
        // Abandon a transfer that moves less than a byte a second for `timeout`, and any that
        // takes longer than 10 times `timeout` (at least a minute) in all.
        ar_curl_set_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1)
        ar_curl_set_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Int(timeout.rounded(.up))))
        ar_curl_set_long(handle, CURLOPT_TIMEOUT_MS, max(ms * 10, 60_000))
        ar_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        ar_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        ar_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        if let file = trust.caFile { ar_curl_set_string(handle, CURLOPT_CAINFO, file) }
        if let path = trust.caPath { ar_curl_set_string(handle, CURLOPT_CAPATH, path) }
    }

    /// `curl_easy_perform` with libcurl's error text.
    static func run(_ handle: UnsafeMutableRawPointer) -> (CURLcode, String) {
        var buffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = buffer.withUnsafeMutableBufferPointer { errors in
            ar_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errors.baseAddress)
            let code = ar_curl_easy_perform(handle)
            ar_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, nil)
            return code
        }
        var detail = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if detail.isEmpty, code != CURLE_OK, let text = ar_curl_easy_strerror(code) { detail = String(cString: text) }
        return (code, detail)
    }

    static func failure(_ code: CURLcode, replyCode: Int) -> TransferResult.Failure? {
        switch code {
        case CURLE_OK: return nil
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .resolve
        case CURLE_COULDNT_CONNECT: return .connect
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_USE_SSL_FAILED: return .tlsUnavailable
        case CURLE_PEER_FAILED_VERIFICATION: return .certificate
        case CURLE_SSL_CONNECT_ERROR: return .tlsHandshake
        case CURLE_SSL_CACERT_BADFILE: return .trustFile
        case CURLE_LOGIN_DENIED: return .loginDenied
        default:
            if replyCode >= 400 { return .rejected }
            switch code {
            case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE: return .connectionLost
            case CURLE_WEIRD_SERVER_REPLY: return .protocolError
            default: return .other
            }
        }
    }

    // MARK: Callbacks (C functions: no captures; the state comes through the context pointer)

    static let readCallback: ar_curl_data_callback = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
        let n = min(size * count, state.upload.count - state.offset)
        if n > 0 {
            state.upload.withUnsafeBytes { raw in
                UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + state.offset, byteCount: n)  // n > 0: not empty
            }
            state.offset += n
        }
        return n
    }

    /// Keeps at most 64 KiB of an answer's body: enough to show it.
    static let writeCallback: ar_curl_data_callback = { buffer, size, count, context in
        guard let context else { return 0 }
        let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
        let n = size * count
        if let buffer, state.body.count < 64 << 10 {
            state.body.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: min(n, (64 << 10) - state.body.count)))
        }
        return n
    }

    static let headerCallback: ar_curl_data_callback = { buffer, size, count, context in
        guard let context else { return 0 }
        let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
        let n = size * count
        if let buffer, state.headers.count < 200 {
            state.headers.append(String(decoding: UnsafeRawBufferPointer(start: buffer, count: min(n, 8192)), as: UTF8.self))
        }
        return n
    }

    static let debugCallback: ar_curl_debug_callback = { _, type, data, size, context in
        guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
        let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
        // Redacted whole, then cut.
        let raw = state.secrets.redact(Array(UnsafeRawBufferPointer(start: data, count: size)))
        let text = String(decoding: raw.prefix(4096), as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
            state.replies.append(String(line))
        }
        if state.replies.count > 400 { state.replies.removeFirst(state.replies.count - 400) }
        return 0
    }
}

/// SMTP replies as the server sent them: `250-first line`, ..., `250 last line`.
enum SMTPReplies {
    /// The reply that failed the transfer (the last one with a 4xx or 5xx code), else the last
    /// reply: its code and its lines without the codes.
    static func failing(_ lines: [String]) -> (code: Int, text: String) {
        func code(_ line: String) -> Int? {
            guard line.count >= 3, let n = Int(line.prefix(3)), n >= 200, n < 600 else { return nil }
            return n
        }
        guard let end = lines.lastIndex(where: { (code($0) ?? 0) >= 400 }) ?? lines.lastIndex(where: { code($0) != nil }),
            let failing = code(lines[end])
        else { return (0, "") }
        var start = end
        while start > 0, code(lines[start - 1]) == failing, lines[start - 1].dropFirst(3).first == "-" { start -= 1 }
        let text = lines[start...end].map { String($0.dropFirst(4)) }.joined(separator: " ")
        return (failing, text)
    }
}
