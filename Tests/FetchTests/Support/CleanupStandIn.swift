import Foundation
import TestSupport

/// The clean-up routes of the loopback stand-in, with their traps: content pages whose ties on
/// the sort key move between requests (an item repeats, another goes missing), the old
/// plain-array shapes without `lastViewedAt` or `isPending`, a 7-day `latestRun` window, 403
/// for a viewer's token on schedulers, logs and members, and a webhook URL that must never
/// appear in any output.
struct CleanupStandIn: Sendable {
    static let project = FakeLightdash.uuid(1)
    /// Accepted for the payload and content; refused (403) on schedulers, logs and members.
    static let viewerToken = "ldpat_viewer0123456789SECRETviewer"
    /// A Teams webhook: a secret, of which only the host may be shown.
    static let webhook = "https://example.webhook.office.com/webhookb2/SECRET-WEBHOOK-7f3a9c/IncomingWebhook/4b1e"
    static let chatWebhook = "https://chat.googleapis.com/v1/spaces/AAA/messages?key=SECRET-CHAT-KEY&token=SECRET-CHAT-TOKEN"
    /// The server's "now": the tests' SOURCE_DATE_EPOCH.
    static let now: Int64 = 1_770_800_000
    static let today = now / 86_400

    /// Largest page the stand-in gives, whatever is asked, so that paging happens.
    var maxPageSize = 4
    /// Ties move between pages on the first pass (`.once`), on every pass (`.always`), or never.
    enum Drift: Sendable { case none, once, always }
    var drift = Drift.once
    /// The old plain-array shapes: content without `lastViewedAt`, members without `isPending`.
    var legacy = false

    static func iso(_ seconds: Int64) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    static func daysAgo(_ days: Int64, at second: Int64 = 0) -> Int64 { (today - days) * 86_400 + second }

    struct Item {
        var kind: String
        var uuid: String
        var name: String
        var views: Int
        var created: Int64
        var updated: Int64?
        var lastViewed: Int64?
    }

    /// Sorted by name (the stand-in's only key), ties in a fixed order.
    static let items: [Item] =
        [
            Item(
                kind: "dashboard", uuid: "d-markup", name: "<b>Markup</b> & \u{202E}rtl", views: 3, created: daysAgo(500),
                lastViewed: daysAgo(120)),
            Item(kind: "chart", uuid: "c-never", name: "Never", views: 0, created: daysAgo(400), lastViewed: nil),
            Item(kind: "chart", uuid: "c-new", name: "New", views: 0, created: daysAgo(5), lastViewed: nil),
            Item(kind: "chart", uuid: "c-old", name: "Orders", views: 40, created: daysAgo(600), lastViewed: daysAgo(214, at: 3600)),
            Item(
                kind: "dashboard", uuid: "d-rev", name: "Revenue", views: 1412, created: daysAgo(700), lastViewed: daysAgo(90, at: 86_399)),
        ] + (1...6).map { Item(kind: "chart", uuid: "c-same-\($0)", name: "Same", views: 9, created: daysAgo(300), lastViewed: daysAgo(1)) }

    /// What a correct client concludes: stale never-viewed first, then the longest unviewed.
    static let expectedStale = ["c-never", "c-old", "d-markup"]

    func itemJSON(_ i: Item) -> [String: Any] {
        var o: [String: Any] = [
            "contentType": i.kind, "uuid": i.uuid, "slug": i.uuid, "name": i.name, "description": NSNull(),
            "createdAt": Self.iso(i.created), "createdBy": ["uuid": "a", "firstName": "Ann", "lastName": "Lee"],
            "lastUpdatedAt": i.updated.map(Self.iso) ?? NSNull(), "lastUpdatedBy": NSNull(),
            "project": ["uuid": Self.project, "name": "Sales"], "organization": ["uuid": "o", "name": "Acme"],
            "space": ["uuid": "s1", "name": "Sales, EMEA"], "pinnedList": NSNull(), "views": i.views,
            "firstViewedAt": i.lastViewed.map(Self.iso) ?? NSNull(),
        ]
        if !legacy { o["lastViewedAt"] = i.lastViewed.map(Self.iso) ?? NSNull() }
        return o
    }

    static func json(_ object: Any) -> Reply {
        .json(200, bytes: Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()))
    }

    static func query(_ uri: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for item in URLComponents(string: uri)?.queryItems ?? [] { out[item.name, default: []].append(item.value ?? "") }
        return out
    }

    /// The answer to a clean-up route, or nil when `request` is not one.
    /// Content requests answered so far (the first pass is the first `totalPageCount` of them).
    let contentRequests = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        /// The count before this call, then one more.
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value - 1
        }
    }

    /// The payload and project routes of `fake` (the viewer's token is accepted for them too), then these.
    func route(_ fake: FakeLightdash) -> TestServer.Route {
        let standIn = self
        return { request, before in
            if let reply = standIn.answer(request) {
                let auth = request.header("authorization")
                guard auth == "ApiKey \(Tokens.personal)" || auth == "ApiKey \(Self.viewerToken)" else {
                    return .apiError(401, "AuthorizationError", "Failed to authorize user")
                }
                return reply
            }
            var asOwner = request
            if request.header("authorization") == "ApiKey \(Self.viewerToken)" {
                asOwner.headers["authorization"] = ["ApiKey \(Tokens.personal)"]
            }
            return fake.answer(asOwner, before)
        }
    }

    func answer(_ request: RecordedRequest) -> Reply? {
        let path = URLComponents(string: request.uri)?.path ?? request.uri
        let q = Self.query(request.uri)
        let viewer = request.header("authorization") == "ApiKey \(Self.viewerToken)"
        switch path {
        case "/api/v2/content":
            guard q["projectUuids"] == [Self.project] else {
                return Self.json([
                    "status": "ok",
                    "results": ["data": [], "pagination": ["page": 1, "pageSize": 10, "totalPageCount": 0, "totalResults": 0]],
                ])
            }
            if legacy { return Self.json(["status": "ok", "results": Self.items.map(itemJSON)]) }
            let size = min(Int(q["pageSize"]?.first ?? "10") ?? 10, maxPageSize)
            let page = Int(q["page"]?.first ?? "1") ?? 1
            let pageCount = (Self.items.count + size - 1) / size
            // Requests for content so far: the first pass is the first `pageCount` of them.
            let earlier = contentRequests.next()
            var order = Self.items
            if drift == .always || (drift == .once && earlier < pageCount), page % 2 == 1, page > 1 {
                // Equal names come back in another order on this page.
                let ties = order.filter { $0.name == "Same" }
                order = order.filter { $0.name != "Same" } + ties.reversed()
            }
            let slice = Array(order.dropFirst((page - 1) * size).prefix(size))
            return Self.json([
                "status": "ok",
                "results": [
                    "data": slice.map(itemJSON),
                    "pagination": ["page": page, "pageSize": size, "totalPageCount": pageCount, "totalResults": Self.items.count],
                ],
            ])
        case "/api/v1/schedulers/\(Self.project)/list":
            if viewer { return .apiError(403, "ForbiddenError", "You don't have access to this resource or action") }
            return Self.json(["status": "ok", "results": ["data": schedulers(latestRun: q["includeLatestRun"] == ["true"])]])
        case "/api/v1/schedulers/\(Self.project)/logs":
            if viewer { return .apiError(403, "ForbiddenError", "You don't have access to this resource or action") }
            let size = Int(q["pageSize"]?.first ?? "10") ?? 10
            let page = Int(q["page"]?.first ?? "1") ?? 1
            let all = logs()
            let slice = Array(all.dropFirst((page - 1) * size).prefix(size))
            return Self.json([
                "status": "ok",
                "results": [
                    "data": ["schedulers": schedulers(latestRun: false), "users": [], "charts": [], "dashboards": [], "logs": slice],
                    "pagination": ["page": page, "pageSize": size, "totalPageCount": (all.count + size - 1) / size],
                ],
            ])
        case "/api/v1/org/users":
            if viewer { return .apiError(403, "ForbiddenError", "You don't have access to this resource or action") }
            return Self.json(["status": "ok", "results": legacy ? members() as Any : ["data": members()] as Any])
        default:
            return nil
        }
    }

    /// Runs of each scheduler; the server only reports those of the last 7 days as `latestRun`.
    static let runs: [String: (status: String, runStatus: String, at: Int64)] = [
        "s-rev": ("completed", "completed", daysAgo(2)),
        "s-old": ("error", "failed", daysAgo(1)),
        "s-week": ("completed", "completed", daysAgo(8)),
    ]

    func schedulers(latestRun: Bool) -> [[String: Any]] {
        func s(
            _ uuid: String, _ name: String, chart: String?, dashboard: String?, owner: String, ownerName: String, format: String,
            cron: String, timezone: String?, enabled: Bool, targets: [[String: Any]]
        ) -> [String: Any] {
            var o: [String: Any] = [
                "schedulerUuid": uuid, "name": name, "createdAt": Self.iso(Self.daysAgo(100)), "updatedAt": Self.iso(Self.daysAgo(100)),
                "createdBy": owner, "createdByName": ownerName, "format": format, "cron": cron,
                "savedChartUuid": chart ?? NSNull(),
                "savedChartName": chart.map { c in Self.items.first { $0.uuid == c }?.name ?? "" } ?? NSNull(),
                "dashboardUuid": dashboard ?? NSNull(),
                "dashboardName": dashboard.map { d in Self.items.first { $0.uuid == d }?.name ?? "" } ?? NSNull(), "enabled": enabled,
                "includeLinks": true, "options": [:], "targets": targets,
            ]
            if let timezone { o["timezone"] = timezone }
            if latestRun {
                if let run = Self.runs[uuid], run.at >= Self.now - 7 * 86_400 {
                    o["latestRun"] = [
                        "runId": "r-\(uuid)", "schedulerUuid": uuid, "schedulerName": name, "scheduledTime": Self.iso(run.at),
                        "createdAt": Self.iso(run.at), "status": run.status, "runStatus": run.runStatus,
                        "logCounts": [
                            "total": 1, "scheduled": 0, "started": 0, "completed": run.status == "completed" ? 1 : 0,
                            "error": run.status == "error" ? 1 : 0,
                        ],
                    ]
                } else {
                    o["latestRun"] = NSNull()
                }
            }
            return o
        }
        return [
            s(
                "s-rev", "Weekly revenue", chart: nil, dashboard: "d-rev", owner: "a", ownerName: "Ann Lee", format: "pdf",
                cron: "0 9 * * 1",
                timezone: "Europe/Paris", enabled: true,
                targets: [
                    ["schedulerEmailTargetUuid": "t1", "recipient": "ann@example.com"],
                    ["schedulerEmailTargetUuid": "t2", "recipient": "bo@example.com"],
                ]),
            s(
                "s-old", "Orders to Teams", chart: "c-old", dashboard: nil, owner: "d", ownerName: "Di Older", format: "csv",
                cron: "30 7 * * *",
                timezone: nil, enabled: true,
                targets: [
                    ["schedulerMsTeamsTargetUuid": "t3", "webhook": Self.webhook], ["schedulerSlackTargetUuid": "t4", "channel": "#sales"],
                ]),
            s(
                "s-week", "Same, monthly", chart: "c-same-1", dashboard: nil, owner: "c", ownerName: "Cy Old", format: "image",
                cron: "0 6 1 * *",
                timezone: nil, enabled: true, targets: [["schedulerGoogleChatTargetUuid": "t5", "googleChatWebhook": Self.chatWebhook]]),
            s(
                "s-off", "Markup sheet", chart: nil, dashboard: "d-markup", owner: "x", ownerName: "Ex Member", format: "gsheets",
                cron: "0 * * * *", timezone: nil, enabled: false, targets: []),
        ]
    }

    func logs() -> [[String: Any]] {
        func log(_ job: String, _ scheduler: String, _ status: String, _ target: String, _ type: String, _ at: Int64) -> [String: Any] {
            [
                "jobId": job, "jobGroup": "g", "task": "handleScheduledDelivery", "status": status, "scheduledTime": Self.iso(at),
                "createdAt": Self.iso(at), "schedulerUuid": scheduler, "target": target, "targetType": type,
                "details": ["projectUuid": Self.project, "error": status == "error" ? "Webhook \(target) answered 500" : NSNull()],
            ]
        }
        var out = [
            log("j1", "s-old", "error", Self.webhook, "msteams", Self.daysAgo(1)),
            log("j2", "s-old", "error", Self.webhook, "msteams", Self.daysAgo(2)),
            log("j3", "s-rev", "completed", "ann@example.com", "email", Self.daysAgo(2)),
        ]
        // More than one page of 1,000 log lines, so that the client must page them.
        for k in 0..<1_200 { out.append(log("k\(k)", "s-rev", "started", "bo@example.com", "email", Self.daysAgo(3))) }
        return out
    }

    func members() -> [[String: Any]] {
        func m(_ uuid: String, _ first: String, _ role: String, active: Bool, pending: Bool, created: Int64) -> [String: Any] {
            var o: [String: Any] = [
                "userUuid": uuid, "email": "\(uuid)@example.com", "firstName": first, "lastName": "", "organizationUuid": "o",
                "role": role, "isActive": legacy ? active && !pending : active, "userCreatedAt": Self.iso(created),
            ]
            if !legacy { o["isPending"] = pending }
            return o
        }
        return [
            m("a", "Ann", "admin", active: true, pending: false, created: Self.daysAgo(900)),
            m("b", "Bo", "viewer", active: true, pending: false, created: Self.daysAgo(900)),
            m("c", "Cy", "editor", active: true, pending: false, created: Self.daysAgo(900)),
            m("d", "Di", "developer", active: true, pending: false, created: Self.daysAgo(900)),
            m("x", "Ex", "editor", active: false, pending: false, created: Self.daysAgo(900)),
            m("p", "Pat", "viewer", active: true, pending: true, created: Self.daysAgo(45)),
            m("q", "Quinn", "viewer", active: true, pending: true, created: Self.daysAgo(10)),
        ]
    }
}
