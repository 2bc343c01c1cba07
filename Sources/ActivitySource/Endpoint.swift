import Foundation
import Secrets

/// A Lightdash server's base address, checked: `https://host[:port][/prefix]`, or plain `http`
/// only for a loopback host or when explicitly allowed.
public struct ServerEndpoint: Sendable, Equatable {
    /// `http` or `https`.
    public var scheme: String
    /// The host as written (IPv6 without brackets).
    public var host: String
    public var port: Int?
    /// A path prefix with no trailing slash (empty for the server root).
    public var prefix: String

    /// Parses and checks `text`. Throws a message a person can act on.
    public static func parse(_ text: String, allowInsecureHTTP: Bool) throws(SourceError) -> ServerEndpoint {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw .usage("--url (or LIGHTDASH_URL) is empty; give the server's address, such as https://lightdash.example.com")
        }
        guard let components = URLComponents(string: trimmed), let rawScheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw .usage("\(trimmed) is not a server address; give one such as https://lightdash.example.com")
        }
        guard rawScheme == "https" || rawScheme == "http" else {
            throw .usage("\(trimmed): the address must start with https:// (or http:// on this machine)")
        }
        if components.user != nil || components.password != nil {
            throw .usage(
                "the server address must not hold a user name or password; the token comes from LIGHTDASH_API_KEY or --api-key-file")
        }
        if components.query != nil || components.fragment != nil {
            throw .usage("\(trimmed): the server address must not have a query (?...) or fragment (#...)")
        }
        var prefix = components.percentEncodedPath
        while prefix.hasSuffix("/") { prefix.removeLast() }
        // The API's own path is added by us: accept a URL copied from the browser's address bar up to /api.
        if prefix.hasSuffix("/api/v1") { prefix.removeLast("/api/v1".count) }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let endpoint = ServerEndpoint(scheme: rawScheme, host: bareHost.lowercased(), port: components.port, prefix: prefix)
        if rawScheme == "http" && !allowInsecureHTTP && !endpoint.isLoopback {
            throw .usage(
                "\(trimmed) is plain http: the token would cross the network unencrypted. Use https, or add --allow-insecure-http if this network is trusted"
            )
        }
        return endpoint
    }

    public init(scheme: String, host: String, port: Int?, prefix: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.prefix = prefix
    }

    /// Whether the host is this machine: `localhost`, 127.0.0.0/8 or ::1.
    public var isLoopback: Bool { Self.isLoopback(host) }

    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h.hasSuffix(".localhost") || h == "::1" || h == "[::1]" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// `scheme://host[:port]`, with IPv6 hosts in brackets.
    public var origin: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(h)" + (port.map { ":\($0)" } ?? "")
    }

    /// The absolute URL of an API path such as `/api/v1/org/projects`.
    public func url(_ path: String) -> String { origin + prefix + path }
}

/// An HTTP proxy to reach the server through, from the usual environment variables.
public struct ProxySetting: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case http, socks }
    public var kind: Kind
    public var host: String
    public var port: Int
    /// `user:password` from the proxy URL, percent-decoded; sent to the proxy with Basic auth.
    public var username: String?
    public var password: String?

    /// The proxy for `endpoint` according to `https_proxy`/`HTTPS_PROXY` (https),
    /// `http_proxy`/`HTTP_PROXY` (http), `all_proxy`/`ALL_PROXY`, and `no_proxy`/`NO_PROXY`.
    /// Loopback hosts never go through a proxy.
    public static func fromEnvironment(_ env: [String: String], for endpoint: ServerEndpoint) throws(SourceError) -> ProxySetting? {
        if endpoint.isLoopback { return nil }
        func value(_ names: String...) -> String? {
            for name in names { if let v = env[name], !v.isEmpty { return v } }
            return nil
        }
        let noProxy = value("no_proxy", "NO_PROXY") ?? ""
        if bypasses(noProxy, host: endpoint.host) { return nil }
        let raw: String?
        let variable: String
        if endpoint.scheme == "https" {
            raw = value("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
            variable = "https_proxy"
        } else {
            raw = value("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")
            variable = "http_proxy"
        }
        guard let raw else { return nil }
        return try parse(raw, variable: variable)
    }

    static func parse(_ raw: String, variable: String) throws(SourceError) -> ProxySetting {
        let withScheme = raw.contains("://") ? raw : "http://" + raw
        guard let c = URLComponents(string: withScheme), let host = c.host, !host.isEmpty else {
            throw .usage("the proxy in \(variable) is not an address such as http://proxy.example.com:3128")
        }
        let scheme = c.scheme?.lowercased() ?? "http"
        let kind: Kind
        switch scheme {
        case "http": kind = .http
        case "socks5", "socks5h": kind = .socks
        default:
            throw .usage("the proxy in \(variable) uses \(scheme)://, which is not supported; use an http:// or socks5:// proxy")
        }
        return ProxySetting(
            kind: kind, host: host, port: c.port ?? (kind == .socks ? 1080 : 80),
            username: c.user?.removingPercentEncoding, password: c.password?.removingPercentEncoding)
    }

    /// `no_proxy` matching as curl does: `*`, exact hosts, and domain suffixes (`example.com`
    /// and `.example.com` both match `a.example.com`); ports in entries are ignored.
    static func bypasses(_ list: String, host: String) -> Bool {
        let h = host.lowercased()
        for item in list.split(separator: ",") {
            var entry = item.trimmingCharacters(in: .whitespaces).lowercased()
            if entry == "*" { return true }
            if entry.isEmpty { continue }
            if !entry.hasPrefix("["), let colon = entry.lastIndex(of: ":"), entry.filter({ $0 == ":" }).count == 1 {
                entry = String(entry[..<colon])
            }
            entry = entry.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            if entry.hasPrefix(".") { entry.removeFirst() }
            if h == entry || h.hasSuffix("." + entry) { return true }
        }
        return false
    }
}

/// A personal access token or service-account token. Its text is never part of a description.
public struct APIToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    let secret: String

    /// Checks `text` (surrounding whitespace removed), naming `origin` in errors, never the token.
    public init(_ text: String, origin: String) throws(SourceError) {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else {
            throw .usage("\(origin) is empty; create a personal access token in Lightdash (Settings > Personal access tokens)")
        }
        guard t.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .usage(
                "\(origin) holds spaces, line breaks or other characters a token cannot have; it should be one line such as ldpat_...")
        }
        secret = t
    }

    /// `Bearer <token>` for service-account tokens (`ldsvc_`), `ApiKey <token>` otherwise.
    public var authorization: String {
        (secret.hasPrefix("ldsvc_") ? "Bearer " : "ApiKey ") + secret
    }

    /// Replaces every occurrence of the token in `text` (a run redacts through its ``Redactor``,
    /// which knows this token and every other secret).
    public func redact(_ text: String) -> String {
        Redactor(secret, as: "token").redact(text)
    }

    public var description: String { "APIToken([redacted])" }
    public var debugDescription: String { description }
}

/// A project uuid, checked so that it is safe in a URL path and a folder name.
public enum ProjectID {
    /// The lowercased uuid, or nil when `text` is not 8-4-4-4-12 hexadecimal digits.
    public static func normalize(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let groups = t.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12],
            groups.allSatisfy({ $0.allSatisfy { $0.isHexDigit && $0.isASCII } })
        else { return nil }
        return t
    }
}
