public import ActivityModel

extension LightdashClient {
    /// Pages asked of `GET /api/v2/content` at a time: one page holds most projects.
    static let contentPageSize = 500
    /// Full passes over the content pages while fewer items than `totalResults` were seen.
    static let contentPasses = 3
    /// Delivery log lines asked at a time (the server pages them in memory, 10 when not told).
    static let logPageSize = 1000
    /// At most this many log pages (the logs cover 7 days).
    static let logPages = 50

    /// `--cleanup`: the content of `project` (every page, until `totalResults` distinct items were
    /// seen or `contentPasses` passes were made), its deliveries with their latest run and 7 days
    /// of logs, and the organisation's members. A 403 or 404 on a route is kept as a refusal (a
    /// data note), not thrown. Webhook URLs are cut to their host in every body kept.
    public func cleanup(
        project: String, onRetry: @Sendable (RetryNotice) -> Void = { _ in }
    ) async throws(FetchFailure) -> CleanupResponses {
        var responses = CleanupResponses()
        func refusable(_ route: String, _ body: () async throws(FetchFailure) -> Void) async throws(FetchFailure) {
            do {
                try await body()
            } catch {
                guard error.status == 403 || error.status == 404 else { throw error }
                responses.refusals.append(.init(route: route, status: error.status, message: error.message))
            }
        }
        try await refusable("content") { () async throws(FetchFailure) in
            responses.content = try await contentPages(project: project, onRetry: onRetry)
        }
        try await refusable("schedulers") { () async throws(FetchFailure) in
            responses.schedulers = try await get("/api/v1/schedulers/\(project)/list?includeLatestRun=true", onRetry: onRetry)
        }
        if responses.schedulers != nil {
            try await refusable("logs") { () async throws(FetchFailure) in
                responses.logs = try await logPages(project: project, onRetry: onRetry)
            }
        }
        try await refusable("members") { () async throws(FetchFailure) in
            responses.members = try await get("/api/v1/org/users", onRetry: onRetry)
        }
        let webhooks = (responses.schedulers.map(Webhook.urls(in:)) ?? []) + responses.logs.flatMap(Webhook.urls(in:))
        if !webhooks.isEmpty {
            responses.schedulers = responses.schedulers.map { Webhook.redact($0, urls: webhooks) }
            responses.logs = responses.logs.map { Webhook.redact($0, urls: webhooks) }
        }
        return responses
    }

    /// Every page of charts and dashboards, as received. The server's sort has no unique
    /// tie-breaker, so an item can move between pages while they are read: pages are read again
    /// (whole passes) until `totalResults` distinct uuids were seen.
    func contentPages(project: String, onRetry: @Sendable (RetryNotice) -> Void) async throws(FetchFailure) -> [[UInt8]] {
        var pages: [[UInt8]] = []
        var seen: Set<String> = []
        for _ in 0..<Self.contentPasses {
            var page = 1
            var total: Int?
            var pageCount = 1
            repeat {
                let path =
                    "/api/v2/content?projectUuids=\(project)&contentTypes=chart&contentTypes=dashboard&page=\(page)&pageSize=\(Self.contentPageSize)&sortBy=name&sortDirection=asc"
                let bytes = try await get(path, onRetry: onRetry)
                pages.append(bytes)
                guard let root = try? JSONValue.parse(bytes) else { return pages }  // Validate says why
                let list: [JSONValue]
                switch root["results"] {
                case .array(let plain)?:
                    // The old plain-array shape: everything in one answer.
                    for item in plain { if case .string(let uuid)? = item["uuid"] { seen.insert(uuid) } }
                    return pages
                case .object?:
                    guard case .array(let data)? = root["results"]?["data"] else { return pages }
                    list = data
                default: return pages
                }
                for item in list { if case .string(let uuid)? = item["uuid"] { seen.insert(uuid) } }
                if case .number(let text)? = root["results"]?["pagination"]?["totalPageCount"], let n = Int(text) { pageCount = n }
                if case .number(let text)? = root["results"]?["pagination"]?["totalResults"], let n = Int(text) { total = n }
                page += 1
            } while page <= min(pageCount, 10_000)
            guard let total, seen.count < total else { break }
        }
        return pages
    }

    /// The delivery log pages of the last 7 days (always with `pageSize`: the server otherwise gives 10).
    func logPages(project: String, onRetry: @Sendable (RetryNotice) -> Void) async throws(FetchFailure) -> [[UInt8]] {
        var pages: [[UInt8]] = []
        for page in 1...Self.logPages {
            let bytes = try await get("/api/v1/schedulers/\(project)/logs?page=\(page)&pageSize=\(Self.logPageSize)", onRetry: onRetry)
            pages.append(bytes)
            guard let root = try? JSONValue.parse(bytes) else { break }
            let holder = root["results"]?["data"] ?? root["results"]
            guard case .array(let logs)? = holder?["logs"], logs.count >= Self.logPageSize else { break }
        }
        return pages
    }
}
