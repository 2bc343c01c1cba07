import ActivityModel

/// An HTTP answer that is not a success, explained: the server's `ApiErrorPayload` (name,
/// status, message) or the first line of whatever else came back, plus what to do about it.
enum ErrorAnswer {
    static func failure(url: String, status: Int, reason: String, body: [UInt8], location: String?) -> FetchFailure {
        let api = apiError(body)
        var message: String
        if let api {
            message = "\(status) \(api.name)"
            if let text = api.message, !text.isEmpty { message += ": " + oneLine(text, limit: 300) }
        } else {
            message = "HTTP \(status) \(reason)"
            if let line = firstLine(body) {
                message += ", and the answer is not JSON; it starts: \"\(line)\""
            } else {
                message += ", with an empty answer"
            }
        }
        var kind = FetchFailure.Kind.unavailable
        var hint: String?
        switch status {
        case 300..<400:
            let target = location.map { " to \(oneLine($0, limit: 200))" } ?? ""
            hint =
                "the server redirects\(target); use the address it redirects to as --url (redirects are not followed, so the token stays with the server it is meant for)"
        case 401:
            kind = .refused
            hint =
                "the token is missing, expired or disabled: create a personal access token in Lightdash (Settings > Personal access tokens) and pass it in LIGHTDASH_API_KEY or --api-key-file"
        case 403:
            kind = .refused
            hint =
                api?.name == "DeactivatedAccountError"
                ? "the token belongs to a deactivated user: use an active admin's token"
                : "only organisation admins, or roles with the view:Analytics permission, can read usage analytics: use such a user's token, or ask an admin to grant the permission"
        case 404 where api?.name == "NotExistsError":
            kind = .unknownProject
            hint =
                "check the project uuid: it is the part after /projects/ in the project's Lightdash address; --all-projects reports on every project the token can see"
        case 404:
            hint =
                "check the server URL (--url or LIGHTDASH_URL): it should be the address of the Lightdash web app, such as https://lightdash.example.com"
        case 407:
            hint = "the proxy asks for credentials: put them in the proxy variable, as http://user:password@proxy:port"
        case 429:
            hint = "the server limits how many requests it takes: try again later, or lower --concurrency"
        case 500..<600:
            hint = "the server, or a proxy in front of it, is failing: try again later, or tell the server's admin"
        default:
            break
        }
        return FetchFailure(kind: kind, url: url, message: message, hint: hint, status: status)
    }

    struct APIError {
        var name: String
        var message: String?
    }

    /// `{"status":"error","error":{"name":...,"statusCode":...,"message":...}}`, or nil.
    /// Read with the project's strict reader: a body that is not JSON (a trailing comma, a comment,
    /// invalid UTF-8) is shown as text by ``failure(url:status:reason:body:location:)``.
    static func apiError(_ body: [UInt8]) -> APIError? {
        let root: JSONValue
        do {
            root = try JSONValue.parse(body)
        } catch {
            return nil
        }
        guard case .string(let name)? = root["error"]?["name"] else { return nil }
        var message: String?
        if case .string(let text)? = root["error"]?["message"] { message = text }
        return APIError(name: oneLine(name, limit: 80), message: message)
    }

    /// The first line of text of a body that is not JSON: tags dropped (an HTML error page
    /// gives its title), control characters removed, at most 200 characters.
    static func firstLine(_ body: [UInt8]) -> String? {
        let text = String(decoding: body.prefix(16 << 10), as: UTF8.self)
        var plain = ""
        var inTag = false
        for ch in text {
            if ch == "<" {
                inTag = true
                plain.append("\n")
                continue
            }
            if ch == ">" && inTag {
                inTag = false
                continue
            }
            if !inTag { plain.append(ch) }
        }
        for line in plain.split(whereSeparator: { $0.isNewline }) {
            let cleaned = oneLine(String(line), limit: 200)
            if !cleaned.isEmpty { return cleaned }
        }
        return nil
    }

    /// Control characters as spaces, runs of spaces as one, trimmed and cut to `limit`.
    static func oneLine(_ text: String, limit: Int) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            if isSpace {
                if !out.isEmpty { space = true }
                continue
            }
            if space { out.append(" ") }
            space = false
            out.unicodeScalars.append(scalar)
        }
        if out.count > limit { out = String(out.prefix(limit)) + "…" }
        return out
    }
}
