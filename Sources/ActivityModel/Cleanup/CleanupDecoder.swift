/// A clean-up response that is not what its route sends: which response, the JSON path, why.
public struct CleanupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `content page 2`, `schedulers`, `members` ...
    public var response: String
    /// `$.results.data[3].uuid`
    public var path: String
    public var message: String

    public init(response: String, path: String, message: String) {
        self.response = response
        self.path = path
        self.message = message
    }

    public var description: String { "the \(response) answer is not usable: \(path): \(message)" }
}

/// Validate for the clean-up responses: bytes -> ``CleanupData``, accepting both generations of
/// each route (the plain arrays of older builds, `{data, pagination}` of newer ones).
public enum CleanupDecoder {
    public static func decode(_ r: CleanupResponses) throws(CleanupError) -> CleanupData {
        var data = CleanupData()
        for refusal in r.refusals {
            data.notes.append(
                Diagnostic(
                    code: "cleanup-\(refusal.route)-refused",
                    message: "The server did not give the \(routeName(refusal.route))"
                        + (refusal.status.map { " (HTTP \($0))" } ?? "") + ": \(Excerpt.of(refusal.message, limit: 160)). "
                        + routeHint(refusal.route)))
        }
        let refused = Set(r.refusals.map(\.route))
        if !refused.contains("content") {
            data.content = try content(r.content)
            if let inventory = data.content {
                if let total = inventory.totalResults, inventory.items.count < total {
                    data.notes.append(
                        Diagnostic(
                            code: "content-incomplete",
                            message:
                                "The content list announced \(total) charts and dashboards but \(inventory.items.count) were seen across its pages (the server's order has no tie-breaker); the stale list may miss some."
                        ))
                }
                if !inventory.hasLastViewedAt && !inventory.items.isEmpty {
                    data.notes.append(
                        Diagnostic(
                            code: "content-no-last-viewed",
                            message:
                                "This server does not send lastViewedAt (builds before 2026-09-14), so only charts and dashboards never viewed can be called stale."
                        ))
                }
            }
        }
        if !refused.contains("schedulers"), let bytes = r.schedulers { data.schedulers = try schedulers(bytes) }
        if !refused.contains("logs"), !r.logs.isEmpty { data.logs = try logs(r.logs) }
        if !refused.contains("members"), let bytes = r.members { data.members = try members(bytes) }
        return data
    }

    static func routeName(_ route: String) -> String {
        switch route {
        case "content": return "content list"
        case "schedulers": return "scheduled deliveries"
        case "logs": return "delivery logs"
        case "members": return "organisation members"
        default: return route
        }
    }

    static func routeHint(_ route: String) -> String {
        switch route {
        case "schedulers", "logs": return "Deliveries need a token with editor rights on the project; they are left out."
        case "members": return "Seats need an organisation admin's token; they are left out."
        default: return "Stale content is left out."
        }
    }

    // MARK: content

    static func content(_ pages: [[UInt8]]) throws(CleanupError) -> ContentInventory? {
        guard !pages.isEmpty else { return nil }
        var items: [ContentItem] = []
        var seen: Set<String> = []
        var total: Int?
        var hasLast = false
        for (n, bytes) in pages.enumerated() {
            let reader = Reader(response: "content page \(n + 1)", root: try parse(bytes, "content page \(n + 1)"))
            let (list, listPath) = try reader.list(reader.root)
            if case .object? = reader.root["results"], let pagination = reader.root["results"]?["pagination"] {
                if case .number(let text)? = pagination["totalResults"], let value = Int(text) { total = max(total ?? 0, value) }
            }
            for (i, item) in list.enumerated() {
                let path = "\(listPath)[\(i)]"
                guard case .object = item else { throw reader.fail(path, "expected an object") }
                let kind = try reader.string(item, "contentType", path) ?? ""
                guard kind == "chart" || kind == "dashboard" else { continue }
                guard let uuid = try reader.string(item, "uuid", path), !uuid.isEmpty else {
                    throw reader.fail("\(path).uuid", "expected a string")
                }
                if item["lastViewedAt"] != nil { hasLast = true }
                guard seen.insert(uuid).inserted else { continue }
                let owner = item["createdBy"]
                var ownerName = ""
                var ownerUuid: String?
                if case .object? = owner {
                    ownerName = PersonName.join(
                        try reader.string(owner!, "firstName", "\(path).createdBy") ?? "",
                        try reader.string(owner!, "lastName", "\(path).createdBy") ?? "")
                    ownerUuid = try reader.string(owner!, "uuid", "\(path).createdBy")
                }
                var space = ""
                if case .object? = item["space"] { space = try reader.string(item["space"]!, "name", "\(path).space") ?? "" }
                items.append(
                    ContentItem(
                        kind: kind, uuid: uuid, name: try reader.string(item, "name", path) ?? "", spaceName: space, ownerUuid: ownerUuid,
                        ownerName: ownerName, createdAt: try reader.date(item, "createdAt", path),
                        lastUpdatedAt: try reader.date(item, "lastUpdatedAt", path), views: try reader.int(item, "views", path) ?? 0,
                        firstViewedAt: try reader.date(item, "firstViewedAt", path),
                        lastViewedAt: try reader.date(item, "lastViewedAt", path)))
            }
        }
        return ContentInventory(items: items, totalResults: total, hasLastViewedAt: hasLast)
    }

    // MARK: schedulers

    static func schedulers(_ bytes: [UInt8]) throws(CleanupError) -> [Scheduler] {
        let reader = Reader(response: "schedulers", root: try parse(bytes, "schedulers"))
        let (list, listPath) = try reader.list(reader.root)
        var out: [Scheduler] = []
        var seen: Set<String> = []
        for (i, item) in list.enumerated() {
            let path = "\(listPath)[\(i)]"
            guard case .object = item else { throw reader.fail(path, "expected an object") }
            guard let uuid = try reader.string(item, "schedulerUuid", path) else {
                throw reader.fail("\(path).schedulerUuid", "expected a string")
            }
            guard seen.insert(uuid).inserted else { continue }
            let chart = try reader.string(item, "savedChartUuid", path)
            let dashboard = try reader.string(item, "dashboardUuid", path)
            var targets: [Scheduler.Target] = []
            if case .array(let list)? = item["targets"] {
                for (t, target) in list.enumerated() {
                    let tp = "\(path).targets[\(t)]"
                    if let v = try reader.string(target, "recipient", tp) {
                        targets.append(.init(kind: "email", value: v))
                    } else if let v = try reader.string(target, "channel", tp) {
                        targets.append(.init(kind: "slack", value: v))
                    } else if let v = try reader.string(target, "webhook", tp) {
                        targets.append(.init(kind: "msteams", value: Webhook.host(v)))
                    } else if let v = try reader.string(target, "googleChatWebhook", tp) {
                        targets.append(.init(kind: "googlechat", value: Webhook.host(v)))
                    }
                }
            }
            var run: Scheduler.Run?
            if case .object? = item["latestRun"], let latest = item["latestRun"] {
                run = Scheduler.Run(
                    status: try reader.string(latest, "status", "\(path).latestRun") ?? "",
                    runStatus: try reader.string(latest, "runStatus", "\(path).latestRun"),
                    scheduledTime: try reader.date(latest, "scheduledTime", "\(path).latestRun"))
            }
            var enabled = true
            if case .bool(let b)? = item["enabled"] { enabled = b }
            out.append(
                Scheduler(
                    uuid: uuid, name: try reader.string(item, "name", path) ?? "", createdBy: try reader.string(item, "createdBy", path),
                    createdByName: try reader.string(item, "createdByName", path) ?? "",
                    format: try reader.string(item, "format", path) ?? "",
                    cron: try reader.string(item, "cron", path) ?? "", timezone: try reader.string(item, "timezone", path),
                    resourceKind: chart != nil ? "chart" : "dashboard", resourceUuid: chart ?? dashboard ?? "",
                    resourceName: try reader.string(item, chart != nil ? "savedChartName" : "dashboardName", path) ?? "",
                    enabled: enabled, targets: targets, latestRun: run))
        }
        return out
    }

    static func logs(_ pages: [[UInt8]]) throws(CleanupError) -> [SchedulerLog] {
        var out: [SchedulerLog] = []
        var seen: Set<String> = []
        for (n, bytes) in pages.enumerated() {
            let name = "delivery logs page \(n + 1)"
            let reader = Reader(response: name, root: try parse(bytes, name))
            let holder = reader.root["results"]?["data"] ?? reader.root["results"]
            guard case .array(let list)? = holder?["logs"] else { throw reader.fail("$.results.data.logs", "expected a list") }
            for (i, log) in list.enumerated() {
                let path = "$.results.data.logs[\(i)]"
                let jobId = try reader.string(log, "jobId", path) ?? ""
                let task = try reader.string(log, "task", path) ?? ""
                let status = try reader.string(log, "status", path) ?? ""
                guard seen.insert("\(jobId)\u{0}\(task)\u{0}\(status)").inserted else { continue }
                out.append(
                    SchedulerLog(
                        jobId: jobId, task: task, schedulerUuid: try reader.string(log, "schedulerUuid", path) ?? "", status: status,
                        scheduledTime: try reader.date(log, "scheduledTime", path)))
            }
        }
        return out
    }

    // MARK: members

    static func members(_ bytes: [UInt8]) throws(CleanupError) -> [Member] {
        let reader = Reader(response: "members", root: try parse(bytes, "members"))
        let (list, listPath) = try reader.list(reader.root)
        var out: [Member] = []
        var seen: Set<String> = []
        for (i, item) in list.enumerated() {
            let path = "\(listPath)[\(i)]"
            guard case .object = item else { throw reader.fail(path, "expected an object") }
            guard let uuid = try reader.string(item, "userUuid", path) else { throw reader.fail("\(path).userUuid", "expected a string") }
            guard seen.insert(uuid).inserted else { continue }
            var active = true
            if case .bool(let b)? = item["isActive"] { active = b }
            var pending: Bool?
            if case .bool(let b)? = item["isPending"] { pending = b }
            out.append(
                Member(
                    uuid: uuid, email: try reader.string(item, "email", path) ?? "",
                    firstName: try reader.string(item, "firstName", path) ?? "",
                    lastName: try reader.string(item, "lastName", path) ?? "", role: try reader.string(item, "role", path) ?? "",
                    isActive: active, isPending: pending, createdAt: try reader.date(item, "userCreatedAt", path)))
        }
        return out
    }

    // MARK: reading

    static func parse(_ bytes: [UInt8], _ response: String) throws(CleanupError) -> JSONValue {
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw CleanupError(response: response, path: "line \(error.line), column \(error.column)", message: error.message)
        }
    }

    struct Reader {
        var response: String
        var root: JSONValue

        func fail(_ path: String, _ message: String) -> CleanupError {
            CleanupError(response: response, path: path, message: message)
        }

        /// `results` as a plain array (older builds), or `results.data` (newer ones).
        func list(_ root: JSONValue) throws(CleanupError) -> ([JSONValue], String) {
            if case .string(let status)? = root["status"], status == "error" {
                throw fail("$.status", "the server answered with an error")
            }
            switch root["results"] {
            case .array(let list)?: return (list, "$.results")
            case .object?:
                guard case .array(let list)? = root["results"]?["data"] else { throw fail("$.results.data", "expected a list") }
                return (list, "$.results.data")
            default: throw fail("$.results", "expected a list, or an object with a data list")
            }
        }

        func string(_ object: JSONValue, _ key: String, _ path: String) throws(CleanupError) -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let s)?: return s
            default: throw fail("\(path).\(key)", "expected a string")
            }
        }

        func int(_ object: JSONValue, _ key: String, _ path: String) throws(CleanupError) -> Int? {
            switch object[key] {
            case nil, .null?: return nil
            case .number(let n)?:
                guard let v = Int(n), v >= 0 else { throw fail("\(path).\(key)", "expected a whole number, 0 or more, got \(n)") }
                return v
            default: throw fail("\(path).\(key)", "expected a number")
            }
        }

        func date(_ object: JSONValue, _ key: String, _ path: String) throws(CleanupError) -> Int64? {
            guard let text = try string(object, key, path) else { return nil }
            guard let seconds = ISODate.parseSeconds(text) else {
                throw fail("\(path).\(key)", "expected a date such as 2026-02-11T09:14:02.000Z, got \"\(Excerpt.of(text, limit: 40))\"")
            }
            return seconds
        }
    }
}

/// Webhook URLs are secrets: only their host is ever kept.
public enum Webhook {
    /// The host of `url` (no user, port or path), or `(not a URL)`.
    public static func host(_ url: String) -> String {
        let scalars = Array(url)
        var start: Int?
        for i in 0..<max(scalars.count - 2, 0) where scalars[i] == ":" && scalars[i + 1] == "/" && scalars[i + 2] == "/" {
            start = i + 3
            break
        }
        guard let start else { return "(not a URL)" }
        var rest = Substring(String(scalars[start...]))
        if let end = rest.firstIndex(where: { "/?#".contains($0) }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if !rest.hasPrefix("["), let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        let host = rest.lowercased()
        return host.isEmpty ? "(not a URL)" : host
    }

    /// Every webhook URL in scheduler lists and logs (`webhook`, `googleChatWebhook`, and log
    /// targets of Teams and Google Chat), as sent.
    public static func urls(in bytes: [UInt8]) -> [String] {
        guard let root = try? JSONValue.parse(bytes) else { return [] }
        var found: [String] = []
        func walk(_ v: JSONValue) {
            switch v {
            case .object(let members):
                var type: String?
                if case .string(let t)? = v["targetType"] { type = t }
                for (key, value) in members {
                    if case .string(let s) = value {
                        if key == "webhook" || key == "googleChatWebhook"
                            || (key == "target" && (type == "msteams" || type == "googlechat"))
                        {
                            found.append(s)
                        }
                    } else {
                        walk(value)
                    }
                }
            case .array(let list): list.forEach(walk)
            default: break
            }
        }
        walk(root)
        return found
    }

    /// `bytes` with every `url` (as written in JSON, `/` escaped or not) replaced by `https://HOST/…`.
    public static func redact(_ bytes: [UInt8], urls: [String]) -> [UInt8] {
        var out = bytes
        for url in Set(urls).sorted(by: { $0.utf8.count > $1.utf8.count }) where !url.isEmpty {
            let shown = Array("https://\(host(url))/…".utf8)
            for form in [url, String(url.flatMap { $0 == "/" ? ["\\", "/"] : [$0] })] {
                out = replace(out, Array(form.utf8), with: shown)
            }
        }
        return out
    }

    static func replace(_ bytes: [UInt8], _ needle: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        guard !needle.isEmpty, bytes.count >= needle.count else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if i + needle.count <= bytes.count, bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle {
                out += replacement
                i += needle.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }
}
