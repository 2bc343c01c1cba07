public import Insights

extension CSVExport {
    /// The clean-up lists in full (`--cleanup`): `data/stale-content.csv`, `data/deliveries.csv`,
    /// `data/seats.csv`, each only when its part was read. Same dialect as the other CSV files.
    public static func cleanupFiles(_ insights: Insights) -> [(path: String, bytes: [UInt8])] {
        guard let c = insights.cleanup else { return [] }
        var out: [(String, [UInt8])] = []
        if let s = c.content {
            var t = Table(
                [
                    "kind", "uuid", "name", "space", "owner", "days_since_last_view", "last_viewed", "views_all_time", "age_days",
                    "has_enabled_delivery",
                ], rows: s.items.count)
            for i in s.items {
                t.text(i.kind)
                t.text(i.uuid)
                t.text(i.name)
                t.text(i.space)
                t.text(i.owner)
                t.text(i.daysSinceView.map(String.init) ?? "")
                t.text(i.lastViewed?.iso ?? "")
                t.integer(i.views)
                t.text(i.ageDays.map(String.init) ?? "")
                t.text(i.delivered ? "true" : "false")
                t.endRow()
            }
            out.append(("data/stale-content.csv", t.bytes))
        }
        if let d = c.deliveries {
            var t = Table(
                [
                    "scheduler_uuid", "name", "resource_kind", "resource_name", "format", "destinations", "cadence", "owner", "enabled",
                    "latest_run", "errors_7d", "owner_inactive", "owner_deactivated", "stale_content",
                ], rows: d.rows.count)
            for r in d.rows {
                for v in [r.uuid, r.name, r.resourceKind, r.resourceName, r.format, r.destinations, r.cadence, r.owner] { t.text(v) }
                t.text(r.enabled ? "true" : "false")
                t.text(r.status)
                t.integer(r.errors7d)
                for b in [r.ownerInactive, r.ownerDeactivated, r.staleContent] { t.text(b ? "true" : "false") }
                t.endRow()
            }
            out.append(("data/deliveries.csv", t.bytes))
        }
        if let s = c.seats {
            var t = Table(["member_uuid", "name", "role", "reason", "days"], rows: s.inactiveAdminsEditors.count + s.oldInvites.count)
            for (reason, list) in [("inactive_admin_or_editor", s.inactiveAdminsEditors), ("pending_invitation", s.oldInvites)] {
                for x in list {
                    t.text(x.uuid)
                    t.text(x.name)
                    t.text(x.role)
                    t.text(reason)
                    t.text(x.days.map(String.init) ?? "")
                    t.endRow()
                }
            }
            out.append(("data/seats.csv", t.bytes))
        }
        return out
    }
}
