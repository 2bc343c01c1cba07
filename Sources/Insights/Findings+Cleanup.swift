/// The clean-up findings (`--cleanup`): worded as a review list, never as "safe to delete".
extension Findings {
    static func failingDeliveries(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let d = s.cleanup?.deliveries else { return nil }
        let failing = d.failing
        let partial = d.partial
        guard failing + partial > 0 else { return nil }
        var title: Phrase
        if failing > 0 {
            title = "\(count(failing, "delivery", "deliveries")) failed on \(failing == 1 ? "its" : "their") latest run"
            if partial > 0 { title += " and \(n(partial)) partly failed" }
        } else {
            title = "\(count(partial, "delivery", "deliveries")) partly failed on \(partial == 1 ? "its" : "their") latest run"
        }
        return Finding(
            id: "failing-deliveries", severity: .act, title: title,
            detail:
                "Their recipients did not get what they expect. Open the scheduler's logs in Lightdash, fix the destination or the content, or turn the delivery off. The list is under Clean-up."
        )
    }

    static func staleContent(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let c = s.cleanup?.content else { return nil }
        let stale = c.items.count
        guard stale > 0 else { return nil }
        let window: Phrase = c.lastViewedKnown ? "not viewed for more than \(count(t.staleDays, "day"))" : "never viewed"
        var detail: Phrase =
            "Review them with their owners before archiving anything: \(n(c.neverViewed)) \(c.neverViewed == 1 ? "was" : "were") never viewed"
        if c.delivered > 0 {
            detail +=
                ", and \(n(c.delivered)) \(c.delivered == 1 ? "has" : "have") an enabled delivery, so people may read the attachment rather than the app"
        }
        detail += ". Items created or edited in the last \(count(t.staleGraceDays, "day")) are left out."
        return Finding(
            id: "stale-content", severity: .watch,
            title:
                "\(count(stale, "chart or dashboard", "charts and dashboards")) of \(n(c.considered)) \(stale == 1 ? "was" : "were") \(window)",
            detail: detail)
    }

    static func deliveriesOfGoneOwners(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let d = s.cleanup?.deliveries else { return nil }
        let gone = d.rows.filter { $0.enabled && ($0.ownerInactive || $0.ownerDeactivated) }.count
        guard gone > 0 else { return nil }
        return Finding(
            id: "deliveries-owner-gone", severity: .watch,
            title:
                "\(count(gone, "enabled delivery", "enabled deliveries")) \(gone == 1 ? "belongs" : "belong") to an owner who is deactivated or has had no chart view for \(n(Analyzer.ownerInactiveDays)) days or more",
            detail: "Nobody may look after them: give each one an active owner, or ask whether it is still read.")
    }

    static func deliveriesOfStaleContent(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let d = s.cleanup?.deliveries else { return nil }
        let stale = d.rows.filter { $0.enabled && $0.staleContent }.count
        guard stale > 0 else { return nil }
        return Finding(
            id: "deliveries-stale-content", severity: .info,
            title:
                "\(count(stale, "enabled delivery", "enabled deliveries")) \(stale == 1 ? "sends" : "send") a chart or dashboard nobody opens in Lightdash",
            detail: "Their recipients may read the attachment; ask them before archiving the content.")
    }

    static func disabledDeliveries(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let d = s.cleanup?.deliveries, d.disabled > 0 else { return nil }
        return Finding(
            id: "disabled-deliveries", severity: .info,
            title: "\(count(d.disabled, "delivery", "deliveries")) \(d.disabled == 1 ? "is" : "are") turned off",
            detail: "A delivery that stays off can be reviewed with its owner and removed.")
    }

    static func inactiveAdminsEditors(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let seats = s.cleanup?.seats, !seats.inactiveAdminsEditors.isEmpty else { return nil }
        let k = seats.inactiveAdminsEditors.count
        return Finding(
            id: "inactive-admins-editors", severity: .watch,
            title:
                "\(count(k, "admin or editor", "admins and editors")) \(k == 1 ? "has" : "have") had no chart view for over \(n(Analyzer.ownerInactiveDays)) days",
            detail: "Review whether they still need rights to change the project; a lower role or removal frees the seat.")
    }

    static func oldInvites(_ s: Insights, _ t: Thresholds) -> Finding? {
        guard let seats = s.cleanup?.seats, !seats.oldInvites.isEmpty else { return nil }
        let k = seats.oldInvites.count
        return Finding(
            id: "old-invites", severity: .watch,
            title: "\(count(k, "invitation")) \(k == 1 ? "has" : "have") been pending for more than \(count(t.pendingInviteDays, "day"))",
            detail: "Resend or withdraw them.")
    }
}
