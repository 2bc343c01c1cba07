import ActivityModel
import Foundation
import NIOHTTP1

/// The raw views CSV: `POST .../download`, then a GET of the link it returns.
extension LightdashClient {
    /// One request: where, how, and whether the token may go with it.
    struct Call: Sendable {
        var url: String
        var method: HTTPMethod = .GET
        /// Send the token, which `attempt` still does only when the URL's scheme, host and port are
        /// the configured server's (the one host rule, for every request and every redirect hop).
        var authorize = true
        /// Return 3xx answers as redirects to follow (each hop checked by the host rule) instead of failures.
        var followsRedirects = false
        var accept = "application/json"
    }

    enum Answer {
        case body([UInt8])
        case redirect(String)
    }

    /// Redirects followed at most, per link.
    static let maxRedirects = 5

    /// The views export of `project` and the URL it came from; nil bytes when the server says the
    /// project has no views (404 "No user activity data found", newer builds).
    public func viewsCSV(
        project: String, onRetry: @Sendable (RetryNotice) -> Void = { _ in }
    ) async throws(FetchFailure) -> (bytes: [UInt8]?, url: String) {
        let path = "/api/v1/analytics/user-activity/\(project)/download"
        let postURL = settings.endpoint.url(path)
        let answer: [UInt8]
        do throws(FetchFailure) {
            guard case .body(let bytes) = try await send(Call(url: postURL, method: .POST), onRetry: onRetry) else {
                throw FetchFailure(kind: .unavailable, url: postURL, message: "unexpected redirect")
            }
            answer = bytes
        } catch {
            if error.status == 404, error.message.contains("No user activity data found") { return (nil, postURL) }
            if error.status == 500 {
                var failure = error
                failure.hint =
                    "older servers answer 500 when the project has no views, others when file storage (S3) is not set up: run without --views, or export the CSV by hand and pass it to --views FILE"
                throw failure
            }
            throw error
        }
        guard let link = Self.decodeLink(answer) else {
            throw FetchFailure(
                kind: .unavailable, url: postURL, message: "the answer is not {\"status\":\"ok\",\"results\":\"<URL of the CSV>\"}",
                hint: "check the server URL: it should be the address of the Lightdash web app")
        }
        return try await follow(link, from: postURL, onRetry: onRetry)
    }

    /// `results` of `{"status":"ok","results":"https://..."}`.
    static func decodeLink(_ bytes: [UInt8]) -> String? {
        guard let root = try? JSONValue.parse(bytes), case .string(let link)? = root["results"], !link.isEmpty else { return nil }
        return link
    }

    /// GETs `link`, following redirects: the token goes only to the configured server, so a link or
    /// hop to S3 or any other host gets none. A link to another host whose path is the API's (the
    /// server's SITE_URL differs from --url) is tried there without the token, then on --url with it.
    func follow(_ link: String, from base: String, onRetry: @Sendable (RetryNotice) -> Void) async throws(FetchFailure) -> (
        bytes: [UInt8]?, url: String
    ) {
        guard var url = Self.resolve(link, against: base) else {
            throw FetchFailure(kind: .unavailable, url: base, message: "the download link is not an http(s) URL: \(redacted(link))")
        }
        var movedToBase = false
        var hops = 0
        while true {
            let call = Call(url: url, authorize: true, followsRedirects: true, accept: "text/csv, */*")
            do throws(FetchFailure) {
                switch try await send(call, onRetry: onRetry) {
                case .body(let bytes): return (bytes, url)
                case .redirect(let location):
                    hops += 1
                    guard hops <= Self.maxRedirects, let next = Self.resolve(location, against: url) else {
                        throw FetchFailure(
                            kind: .unavailable, url: url,
                            message: hops > Self.maxRedirects
                                ? "more than \(Self.maxRedirects) redirects" : "redirected to a URL that is not http(s)")
                    }
                    url = next
                }
            } catch {
                if !movedToBase, !settings.endpoint.isSameOrigin(url), [401, 403, 404].contains(error.status ?? 0),
                    let onBase = apiPathOnBase(url)
                {
                    movedToBase = true
                    url = onBase
                    continue
                }
                var failure = error
                if error.status == 404 || error.status == 403 {
                    failure.hint = "the download link expired or is not this token's: run again to request a new one"
                }
                throw failure
            }
        }
    }

    /// The same `/api/v1/...` path (and query) on the configured server; nil for any other path.
    func apiPathOnBase(_ url: String) -> String? {
        guard let c = URLComponents(string: url), let range = c.percentEncodedPath.range(of: "/api/v1/") else { return nil }
        let query = c.percentEncodedQuery.map { "?" + $0 } ?? ""
        return settings.endpoint.url(String(c.percentEncodedPath[range.lowerBound...]) + query)
    }

    /// `link` made absolute against `base`; nil unless it is http or https.
    static func resolve(_ link: String, against base: String) -> String? {
        guard let b = URL(string: base), let u = URL(string: link, relativeTo: b)?.absoluteURL,
            let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https", u.host != nil
        else { return nil }
        return u.absoluteString
    }
}

extension ServerEndpoint {
    /// Whether `url` has this server's scheme, host and port (default ports filled in): the one
    /// rule for where the token may go.
    public func isSameOrigin(_ url: String) -> Bool {
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(), var host = c.host?.lowercased() else {
            return false
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        func port(_ p: Int?, _ s: String) -> Int { p ?? (s == "https" ? 443 : 80) }
        return scheme == self.scheme && host == self.host && port(c.port, scheme) == port(self.port, self.scheme)
            && c.user == nil && c.password == nil
    }
}
