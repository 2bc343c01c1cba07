public import ActivityModel

extension Analyzer {
    /// Owners (and admins, editors) count as inactive from this many days without a chart view:
    /// the payload's inactive list, which holds exactly those users.
    public static let ownerInactiveDays = 90

    /// `cleanup`: stale content, deliveries and seats from the clean-up data, the payload (its
    /// active and inactive lists) and "now". Email recipients are named only with `showRecipients`.
    public static func cleanup(
        _ data: CleanupData, activity a: UserActivity, now: Int64, thresholds t: Thresholds, showRecipients: Bool = false
    ) -> Insights.Cleanup {
        var result = Insights.Cleanup(now: now)
        let enabledResources = Set((data.schedulers ?? []).filter(\.enabled).map(\.resourceUuid))
        if let inventory = data.content {
            result.content = staleContent(inventory, now: now, thresholds: t, delivered: enabledResources)
        }
        let members = Dictionary((data.members ?? []).map { ($0.uuid, $0) }, uniquingKeysWith: { first, _ in first })
        if let schedulers = data.schedulers {
            let stale = Set(result.content?.items.map(\.uuid) ?? [])
            let inactive = Set(a.noQueries.filter { $0.count >= ownerInactiveDays }.map(\.userUuid))
            var errors: [String: Int] = [:]
            for log in data.logs ?? [] where log.status == "error" { errors[log.schedulerUuid, default: 0] += 1 }
            let rows = schedulers.map { s in
                Insights.Delivery(
                    uuid: s.uuid, name: s.name, resourceKind: s.resourceKind, resourceName: s.resourceName,
                    destinations: destinations(s, showRecipients: showRecipients), format: s.format,
                    cadence: Cadence.words(s.cron, timezone: s.timezone), owner: s.createdByName, enabled: s.enabled,
                    status: s.latestRun.map { $0.runStatus ?? ($0.status == "error" ? "failed" : $0.status) } ?? "none",
                    errors7d: errors[s.uuid] ?? 0, ownerInactive: s.createdBy.map(inactive.contains) ?? false,
                    ownerDeactivated: s.createdBy.flatMap { members[$0] }?.deactivated ?? false,
                    staleContent: stale.contains(s.resourceUuid))
            }
            result.deliveries = Insights.Deliveries(
                rows: rows.sorted { x, y in x.name != y.name ? codePointsPrecede(x.name, y.name) : codePointsPrecede(x.uuid, y.uuid) })
        }
        if let list = data.members { result.seats = seats(list, activity: a, now: now, thresholds: t) }
        return result
    }

    static func staleContent(
        _ inventory: ContentInventory, now: Int64, thresholds t: Thresholds, delivered: Set<String>
    ) -> Insights.StaleContent {
        var items: [Insights.StaleItem] = []
        var inGrace = 0
        for item in inventory.items {
            let changed = [item.createdAt, item.lastUpdatedAt].compactMap { $0 }.max()
            let neverViewed = inventory.hasLastViewedAt ? item.lastViewedAt == nil : item.views == 0
            let since = item.lastViewedAt.map { Insights.Cleanup.days(from: $0, to: now) }
            let stale: Bool
            if neverViewed {
                stale = true
            } else if inventory.hasLastViewedAt, let since {
                stale = since > t.staleDays
            } else {
                stale = false  // an older server: only never-viewed items can be told
            }
            guard stale else { continue }
            if let changed, Insights.Cleanup.days(from: changed, to: now) <= t.staleGraceDays {
                inGrace += 1
                continue
            }
            items.append(
                Insights.StaleItem(
                    kind: item.kind, uuid: item.uuid, name: item.name, space: item.spaceName, owner: item.ownerName,
                    ageDays: item.createdAt.map { Insights.Cleanup.days(from: $0, to: now) }, views: item.views,
                    lastViewed: neverViewed ? nil : item.lastViewedAt.map { Day(daysSinceEpoch: Insights.Cleanup.dayNumber($0)) },
                    daysSinceView: neverViewed ? nil : since, delivered: delivered.contains(item.uuid)))
        }
        items.sort { x, y in
            let dx = x.daysSinceView ?? Int.max
            let dy = y.daysSinceView ?? Int.max
            if dx != dy { return dx > dy }
            if x.name != y.name { return codePointsPrecede(x.name, y.name) }
            return codePointsPrecede(x.uuid, y.uuid)
        }
        return Insights.StaleContent(
            considered: inventory.items.count, announced: inventory.totalResults, lastViewedKnown: inventory.hasLastViewedAt,
            inGrace: inGrace, items: items)
    }

    static let dataTeamRoles: Set<String> = ["admin", "developer", "editor"]

    static func seats(_ list: [Member], activity a: UserActivity, now: Int64, thresholds t: Thresholds) -> Insights.Seats {
        let byUuid = Dictionary(list.map { ($0.uuid, $0) }, uniquingKeysWith: { first, _ in first })
        var oldInvites: [Insights.Seat] = []
        for m in list where m.pending {
            guard let created = m.createdAt else { continue }
            let days = Insights.Cleanup.days(from: created, to: now)
            if days > t.pendingInviteDays { oldInvites.append(Insights.Seat(uuid: m.uuid, name: m.name, role: m.role, days: days)) }
        }
        let inactive = a.noQueries.compactMap { row -> Insights.Seat? in
            guard let m = byUuid[row.userUuid], dataTeamRoles.contains(m.role), !m.deactivated else { return nil }
            return Insights.Seat(uuid: m.uuid, name: m.name.isEmpty ? row.name : m.name, role: m.role, days: row.count)
        }
        func order(_ x: Insights.Seat, _ y: Insights.Seat) -> Bool {
            (x.days ?? 0) != (y.days ?? 0) ? (x.days ?? 0) > (y.days ?? 0) : codePointsPrecede(x.uuid, y.uuid)
        }
        let activeIDs = Set(a.mostQueries.map(\.userUuid))
        return Insights.Seats(
            active: list.filter { $0.isActive && !$0.pending }.count, pending: list.filter(\.pending).count,
            deactivated: list.filter(\.deactivated).count, oldInvites: oldInvites.sorted(by: order),
            inactiveAdminsEditors: inactive.sorted(by: order),
            activeAdminsEditors: activeIDs.filter { byUuid[$0].map { dataTeamRoles.contains($0.role) } ?? false }.count,
            activeUsers: activeIDs.count)
    }

    /// Where a delivery goes, in words. Webhooks show their host only (the decoder keeps no more);
    /// email addresses only with `showRecipients`.
    static func destinations(_ s: Scheduler, showRecipients: Bool) -> String {
        var parts: [String] = []
        let emails = s.targets.filter { $0.kind == "email" }.map(\.value)
        if !emails.isEmpty {
            parts.append(showRecipients ? "email: " + emails.joined(separator: ", ") : Format.count(emails.count, "email recipient"))
        }
        let channels = s.targets.filter { $0.kind == "slack" }.map(\.value)
        if !channels.isEmpty { parts.append("Slack: " + channels.joined(separator: ", ")) }
        for t in s.targets where t.kind == "msteams" { parts.append("Teams webhook at \(t.value)") }
        for t in s.targets where t.kind == "googlechat" { parts.append("Google Chat webhook at \(t.value)") }
        if parts.isEmpty { parts.append(s.format == "gsheets" ? "Google Sheets" : "no destination") }
        return parts.joined(separator: "; ")
    }
}

/// A cron expression (minute hour day-of-month month day-of-week) in words, with its time zone.
public enum Cadence {
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    public static func words(_ cron: String, timezone: String?) -> String {
        let zone = timezone.map { " (\($0))" } ?? " (project time zone)"
        let f = cron.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard f.count == 5 else { return "cron \(cron)\(zone)" }
        let (minute, hour, dom, month, dow) = (f[0], f[1], f[2], f[3], f[4])
        guard month == "*", let m = Int(minute), (0...59).contains(m) else { return "cron \(cron)\(zone)" }
        if hour == "*", dom == "*", dow == "*" { return "hourly at minute \(m)\(zone)" }
        guard let h = Int(hour), (0...23).contains(h) else { return "cron \(cron)\(zone)" }
        let time = (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
        if dom == "*", dow == "*" { return "daily at \(time)\(zone)" }
        if dom == "*", dow == "1-5" { return "weekdays at \(time)\(zone)" }
        if dom == "*", let d = Int(dow), (0...7).contains(d) { return "weekly on \(weekdays[d % 7]) at \(time)\(zone)" }
        if dow == "*", let d = Int(dom), (1...31).contains(d) { return "monthly on day \(d) at \(time)\(zone)" }
        return "cron \(cron)\(zone)"
    }
}
