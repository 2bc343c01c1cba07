import ActivityModel
import Insights
import TestSupport
import Testing

/// The clean-up rules at their exact boundaries: whole UTC days between the moment and "now".
@Suite("Clean-up: stale content, deliveries and seats")
struct CleanupRuleTests {
    /// 2026-02-11T08:53:20Z, the tests' "now" (SOURCE_DATE_EPOCH of the fetch tests).
    static let now: Int64 = 1_770_800_000
    static let today = Int64(Insights.Cleanup.dayNumber(now))
    /// `days` whole UTC days before today, at `second` past midnight.
    static func daysAgo(_ days: Int64, at second: Int64 = 0) -> Int64 { (today - days) * 86_400 + second }

    static func activity() throws -> UserActivity { try PayloadDecoder.decode(payload { _ in }).activity }

    static func item(
        _ uuid: String, created: Int64? = daysAgo(400), updated: Int64? = nil, views: Int = 1, last: Int64?
    ) -> ContentItem {
        ContentItem(
            kind: "chart", uuid: uuid, name: "Chart \(uuid)", spaceName: "Space", ownerUuid: "a", ownerName: "Ann Lee",
            createdAt: created, lastUpdatedAt: updated, views: views, firstViewedAt: nil, lastViewedAt: last)
    }

    static func stale(_ items: [ContentItem], known: Bool = true, thresholds: Thresholds = Thresholds()) throws -> Insights.StaleContent {
        let data = CleanupData(content: ContentInventory(items: items, totalResults: items.count, hasLastViewedAt: known))
        return try #require(Analyzer.cleanup(data, activity: try activity(), now: now, thresholds: thresholds).content)
    }

    @Test func exactlyNinetyDaysSinceTheLastViewIsNotStaleAndNinetyOneIs() throws {
        let s = try Self.stale([
            Self.item("at-90-late", last: Self.daysAgo(90, at: 86_399)),
            Self.item("at-90-early", last: Self.daysAgo(90)),
            Self.item("at-91-late", last: Self.daysAgo(91, at: 86_399)),
        ])
        #expect(s.items.map(\.uuid) == ["at-91-late"])
        #expect(s.items.first?.daysSinceView == 91)
    }

    @Test func staleDaysIsAThreshold() throws {
        var t = Thresholds()
        try t.set("staleDays", 30)
        let s = try Self.stale([Self.item("x", last: Self.daysAgo(30)), Self.item("y", last: Self.daysAgo(31))], thresholds: t)
        #expect(s.items.map(\.uuid) == ["y"])
    }

    @Test func anItemCreatedOrEditedAtMostThirtyDaysAgoIsInItsGracePeriod() throws {
        let s = try Self.stale([
            Self.item("created-30", created: Self.daysAgo(30), views: 0, last: nil),
            Self.item("created-31", created: Self.daysAgo(31, at: 86_399), views: 0, last: nil),
            Self.item("edited-30", updated: Self.daysAgo(30), last: Self.daysAgo(200)),
            Self.item("edited-31", updated: Self.daysAgo(31), last: Self.daysAgo(200)),
        ])
        #expect(s.items.map(\.uuid) == ["created-31", "edited-31"])
        #expect(s.inGrace == 2)
        #expect(s.items.first?.daysSinceView == nil)
        #expect(s.neverViewed == 1)
    }

    @Test func aViewJustBeforeUTCMidnightCountsForItsUTCDay() throws {
        // 2025-11-13T01:30:00+02:00 is 2025-11-12T23:30:00Z: 91 UTC days before today, so stale.
        let seconds = try #require(ISODate.parseSeconds("2025-11-13T01:30:00+02:00"))
        #expect(seconds == Self.daysAgo(91, at: 23 * 3600 + 1800))
        let s = try Self.stale([Self.item("tz", last: seconds)])
        #expect(s.items.map(\.daysSinceView) == [91])
    }

    @Test func withoutLastViewedAtOnlyNeverViewedItemsAreStale() throws {
        let s = try Self.stale(
            [Self.item("never", views: 0, last: nil), Self.item("viewed", views: 3, last: nil)], known: false)
        #expect(s.items.map(\.uuid) == ["never"])
        #expect(s.lastViewedKnown == false)
    }

    static func scheduler(
        _ uuid: String, resource: String, enabled: Bool = true, owner: String? = "a", run: Scheduler.Run? = nil,
        targets: [Scheduler.Target] = [.init(kind: "email", value: "ann@example.com")], cron: String = "0 9 * * 1",
        timezone: String? = nil
    ) -> Scheduler {
        Scheduler(
            uuid: uuid, name: "Delivery \(uuid)", createdBy: owner, createdByName: "Owner", format: "pdf", cron: cron, timezone: timezone,
            resourceKind: "chart", resourceUuid: resource, resourceName: "Chart", enabled: enabled, targets: targets, latestRun: run)
    }

    @Test func deliveriesAreJudgedByTheirLatestRunOwnerAndContent() throws {
        let members = [
            Member(
                uuid: "c", email: "", firstName: "Cy", lastName: "Old", role: "editor", isActive: true, isPending: false, createdAt: nil),
            Member(uuid: "x", email: "", firstName: "Ex", lastName: "", role: "editor", isActive: false, isPending: false, createdAt: nil),
        ]
        let data = CleanupData(
            content: ContentInventory(
                items: [Self.item("stale", views: 0, last: nil), Self.item("fresh", last: Self.daysAgo(1))], totalResults: 2,
                hasLastViewedAt: true),
            schedulers: [
                Self.scheduler("1", resource: "stale", run: .init(status: "error", runStatus: "failed", scheduledTime: nil)),
                Self.scheduler(
                    "2", resource: "fresh", owner: "c", run: .init(status: "completed", runStatus: "partial_failure", scheduledTime: nil)),
                Self.scheduler("3", resource: "fresh", enabled: false, owner: "x"),
                Self.scheduler(
                    "4", resource: "fresh", targets: [.init(kind: "msteams", value: "example.webhook.office.com")], cron: "30 7 * * *",
                    timezone: "Europe/Paris"),
            ],
            logs: [
                SchedulerLog(jobId: "j1", task: "t", schedulerUuid: "1", status: "error", scheduledTime: nil),
                SchedulerLog(jobId: "j2", task: "t", schedulerUuid: "1", status: "error", scheduledTime: nil),
            ],
            members: members)
        let c = Analyzer.cleanup(data, activity: try Self.activity(), now: Self.now, thresholds: Thresholds())
        let d = try #require(c.deliveries)
        #expect(d.rows.map(\.status) == ["failed", "partial_failure", "none", "none"])
        #expect(d.rows.map(\.errors7d) == [2, 0, 0, 0])
        #expect(d.rows.map(\.ownerInactive) == [false, true, false, false])
        #expect(d.rows.map(\.ownerDeactivated) == [false, false, true, false])
        #expect(d.rows.map(\.staleContent) == [true, false, false, false])
        #expect(
            d.rows.map(\.cadence) == [
                "weekly on Monday at 09:00 (project time zone)", "weekly on Monday at 09:00 (project time zone)",
                "weekly on Monday at 09:00 (project time zone)", "daily at 07:30 (Europe/Paris)",
            ])
        #expect(d.rows[0].destinations == "1 email recipient")
        #expect(d.rows[3].destinations == "Teams webhook at example.webhook.office.com")
        #expect((d.failing, d.partial, d.disabled, d.ownerGone, d.ofStaleContent) == (1, 1, 1, 2, 1))
        // The stale chart has an enabled delivery: shown apart.
        #expect(c.content?.items.map(\.delivered) == [true])
        let shown = Analyzer.cleanup(data, activity: try Self.activity(), now: Self.now, thresholds: Thresholds(), showRecipients: true)
        #expect(shown.deliveries?.rows[0].destinations == "email: ann@example.com")
    }

    @Test func seatsCountStatesOldInvitesAndInactiveAdminsAndEditors() throws {
        func m(_ uuid: String, _ role: String, active: Bool, pending: Bool?, created: Int64? = nil) -> Member {
            Member(
                uuid: uuid, email: "\(uuid)@example.com", firstName: uuid, lastName: "", role: role, isActive: active, isPending: pending,
                createdAt: created)
        }
        let members = [
            m("a", "admin", active: true, pending: false), m("b", "viewer", active: true, pending: false),
            m("c", "editor", active: true, pending: false), m("d", "viewer", active: true, pending: false),
            m("p30", "viewer", active: true, pending: true, created: Self.daysAgo(30)),
            m("p31", "viewer", active: true, pending: true, created: Self.daysAgo(31)),
            m("gone", "admin", active: false, pending: false),
        ]
        let c = Analyzer.cleanup(CleanupData(members: members), activity: try Self.activity(), now: Self.now, thresholds: Thresholds())
        let s = try #require(c.seats)
        #expect((s.active, s.pending, s.deactivated) == (4, 2, 1))
        #expect(s.oldInvites.map(\.uuid) == ["p31"])
        #expect(s.inactiveAdminsEditors.map(\.uuid) == ["c"])
        #expect(s.inactiveAdminsEditors.first?.days == 95)
        // Active users a (admin) and b (viewer): half are admins or the data team.
        #expect(s.adminDataShare == 0.5)
    }

    @Test func olderMemberShapesCountAnInactiveMemberAsPending() throws {
        let old = Member(uuid: "o", email: "", firstName: "", lastName: "", role: "viewer", isActive: false, isPending: nil, createdAt: nil)
        #expect(old.pending)
        #expect(!old.deactivated)
    }
}
