import ActivityModel

extension InsightsJSON {
    /// The `cleanup` group (documented in docs/insights.md, `#/properties/cleanup` of the schema).
    static func cleanup(_ c: Insights.Cleanup, thresholds: Thresholds) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("asOf", .string(Format.isoSeconds(c.now))),
            ("thresholds", .object(thresholds.cleanupValues.map { ($0.name, .int(Int($0.value))) })),
        ]
        members.append(("staleContent", .optional(c.content, staleContent)))
        members.append(("deliveries", .optional(c.deliveries, deliveries)))
        members.append(("seats", .optional(c.seats, seats)))
        return .object(members)
    }

    static func staleContent(_ s: Insights.StaleContent) -> JSONValue {
        .object([
            ("considered", .int(s.considered)),
            ("announced", .optional(s.announced, JSONValue.int)),
            ("lastViewedKnown", .bool(s.lastViewedKnown)),
            ("inGrace", .int(s.inGrace)),
            ("stale", .int(s.items.count)),
            ("neverViewed", .int(s.neverViewed)),
            ("delivered", .int(s.delivered)),
            (
                "items",
                .array(
                    s.items.map { i in
                        .object([
                            ("kind", .string(i.kind)),
                            ("uuid", .string(i.uuid)),
                            ("name", .string(i.name)),
                            ("space", .string(i.space)),
                            ("owner", .string(i.owner)),
                            ("ageDays", .optional(i.ageDays, JSONValue.int)),
                            ("views", .int(i.views)),
                            ("lastViewed", date(i.lastViewed)),
                            ("daysSinceView", .optional(i.daysSinceView, JSONValue.int)),
                            ("delivered", .bool(i.delivered)),
                        ])
                    })
            ),
        ])
    }

    static func deliveries(_ d: Insights.Deliveries) -> JSONValue {
        .object([
            ("total", .int(d.rows.count)),
            ("failing", .int(d.failing)),
            ("partialFailure", .int(d.partial)),
            ("disabled", .int(d.disabled)),
            ("ownerInactiveOrDeactivated", .int(d.ownerGone)),
            ("ofStaleContent", .int(d.ofStaleContent)),
            (
                "items",
                .array(
                    d.rows.map { r in
                        .object([
                            ("uuid", .string(r.uuid)),
                            ("name", .string(r.name)),
                            ("resourceKind", .string(r.resourceKind)),
                            ("resourceName", .string(r.resourceName)),
                            ("destinations", .string(r.destinations)),
                            ("format", .string(r.format)),
                            ("cadence", .string(r.cadence)),
                            ("owner", .string(r.owner)),
                            ("enabled", .bool(r.enabled)),
                            ("latestRun", .string(r.status)),
                            ("errors7d", .int(r.errors7d)),
                            ("ownerInactive", .bool(r.ownerInactive)),
                            ("ownerDeactivated", .bool(r.ownerDeactivated)),
                            ("staleContent", .bool(r.staleContent)),
                        ])
                    })
            ),
        ])
    }

    static func seats(_ s: Insights.Seats) -> JSONValue {
        func seat(_ x: Insights.Seat) -> JSONValue {
            .object([
                ("uuid", .string(x.uuid)), ("name", .string(x.name)), ("role", .string(x.role)),
                ("days", .optional(x.days, JSONValue.int)),
            ])
        }
        return .object([
            ("active", .int(s.active)),
            ("pending", .int(s.pending)),
            ("deactivated", .int(s.deactivated)),
            ("activeUsers", .int(s.activeUsers)),
            ("activeAdminsEditors", .int(s.activeAdminsEditors)),
            ("adminDataShare", ratio(s.adminDataShare)),
            ("oldInvites", .array(s.oldInvites.map(seat))),
            ("inactiveAdminsEditors", .array(s.inactiveAdminsEditors.map(seat))),
        ])
    }
}
