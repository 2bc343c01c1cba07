public import ActivityModel

extension Insights {
    /// `cleanup` (`--cleanup`): what an admin can review for archiving or removal. Nil without
    /// clean-up data. Days are whole UTC calendar days between two moments (`dayNumber`).
    public struct Cleanup: Sendable, Equatable {
        /// "Now": `SOURCE_DATE_EPOCH` when set, else the clock, in seconds.
        public var now: Int64
        /// Stale charts and dashboards; nil when the content list was not read.
        public var content: StaleContent?
        /// Every delivery; nil when the schedulers were not read (a viewer's token).
        public var deliveries: Deliveries?
        /// Members by state; nil when the members were not read (not an admin's token).
        public var seats: Seats?

        public init(now: Int64, content: StaleContent? = nil, deliveries: Deliveries? = nil, seats: Seats? = nil) {
            self.now = now
            self.content = content
            self.deliveries = deliveries
            self.seats = seats
        }

        /// The UTC day of `seconds` since the epoch.
        public static func dayNumber(_ seconds: Int64) -> Int {
            Int(seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400))
        }

        /// Whole UTC days from `then` to `now`.
        public static func days(from then: Int64, to now: Int64) -> Int { dayNumber(now) - dayNumber(then) }
    }

    public struct StaleContent: Sendable, Equatable {
        /// Charts and dashboards seen (de-duplicated by uuid).
        public var considered: Int
        /// What the server announced (`totalResults`); nil for the old plain-array shape.
        public var announced: Int?
        /// Whether the server sends `lastViewedAt`; without it only never-viewed items can be stale.
        public var lastViewedKnown: Bool
        /// Items not stale because they were created or edited at most `staleGraceDays` ago.
        public var inGrace: Int
        /// Stale items: never viewed first, then the longest unviewed; then by name and uuid.
        public var items: [StaleItem]

        public init(considered: Int, announced: Int?, lastViewedKnown: Bool, inGrace: Int, items: [StaleItem]) {
            self.considered = considered
            self.announced = announced
            self.lastViewedKnown = lastViewedKnown
            self.inGrace = inGrace
            self.items = items
        }

        /// Stale items with an enabled delivery (people may read the attachment, not the app).
        public var delivered: Int { items.filter(\.delivered).count }
        public var neverViewed: Int { items.filter { $0.daysSinceView == nil }.count }
    }

    public struct StaleItem: Sendable, Equatable {
        /// `chart` or `dashboard`.
        public var kind: String
        public var uuid: String
        public var name: String
        public var space: String
        public var owner: String
        /// Days since creation; nil when the server did not say.
        public var ageDays: Int?
        /// Lifetime views (the server's counter).
        public var views: Int
        public var lastViewed: Day?
        /// Nil: never viewed.
        public var daysSinceView: Int?
        /// An enabled delivery sends it.
        public var delivered: Bool

        public init(
            kind: String, uuid: String, name: String, space: String, owner: String, ageDays: Int?, views: Int, lastViewed: Day?,
            daysSinceView: Int?, delivered: Bool
        ) {
            self.kind = kind
            self.uuid = uuid
            self.name = name
            self.space = space
            self.owner = owner
            self.ageDays = ageDays
            self.views = views
            self.lastViewed = lastViewed
            self.daysSinceView = daysSinceView
            self.delivered = delivered
        }
    }

    public struct Deliveries: Sendable, Equatable {
        /// Every delivery, by name then uuid.
        public var rows: [Delivery]

        public init(rows: [Delivery]) { self.rows = rows }

        public var failing: Int { rows.filter { $0.status == "failed" }.count }
        public var partial: Int { rows.filter { $0.status == "partial_failure" }.count }
        public var disabled: Int { rows.filter { !$0.enabled }.count }
        public var ownerGone: Int { rows.filter { $0.ownerInactive || $0.ownerDeactivated }.count }
        public var ofStaleContent: Int { rows.filter(\.staleContent).count }
    }

    public struct Delivery: Sendable, Equatable {
        public var uuid: String
        public var name: String
        /// `chart` or `dashboard`.
        public var resourceKind: String
        public var resourceName: String
        /// Where it goes, in words: kinds and counts, channels, webhook hosts; addresses only with `--show-recipients`.
        public var destinations: String
        public var format: String
        /// The cron and time zone in words.
        public var cadence: String
        public var owner: String
        public var enabled: Bool
        /// The latest run's `runStatus` (or `status` on older builds); `none` when there was no run in the last 7 days.
        public var status: String
        /// Log lines with status `error` in the last 7 days.
        public var errors7d: Int
        /// The owner has had no chart view for `ownerInactiveDays` (90) days or more.
        public var ownerInactive: Bool
        public var ownerDeactivated: Bool
        /// It sends a stale chart or dashboard.
        public var staleContent: Bool

        public init(
            uuid: String, name: String, resourceKind: String, resourceName: String, destinations: String, format: String, cadence: String,
            owner: String, enabled: Bool, status: String, errors7d: Int, ownerInactive: Bool, ownerDeactivated: Bool, staleContent: Bool
        ) {
            self.uuid = uuid
            self.name = name
            self.resourceKind = resourceKind
            self.resourceName = resourceName
            self.destinations = destinations
            self.format = format
            self.cadence = cadence
            self.owner = owner
            self.enabled = enabled
            self.status = status
            self.errors7d = errors7d
            self.ownerInactive = ownerInactive
            self.ownerDeactivated = ownerDeactivated
            self.staleContent = staleContent
        }
    }

    public struct Seats: Sendable, Equatable {
        public var active: Int
        public var pending: Int
        public var deactivated: Int
        /// Invitations pending for more than `pendingInviteDays` days (by days, most first).
        public var oldInvites: [Seat]
        /// Admins, developers and editors with no chart view for over 90 days (the payload's inactive list).
        public var inactiveAdminsEditors: [Seat]
        /// Active users (last 7 days) whose organisation role is admin, developer or editor.
        public var activeAdminsEditors: Int
        /// Active users in the last 7 days, for the share.
        public var activeUsers: Int

        public init(
            active: Int, pending: Int, deactivated: Int, oldInvites: [Seat], inactiveAdminsEditors: [Seat], activeAdminsEditors: Int,
            activeUsers: Int
        ) {
            self.active = active
            self.pending = pending
            self.deactivated = deactivated
            self.oldInvites = oldInvites
            self.inactiveAdminsEditors = inactiveAdminsEditors
            self.activeAdminsEditors = activeAdminsEditors
            self.activeUsers = activeUsers
        }

        /// Admins and the data team (developers, editors) among active users, 0-1; nil with no active user.
        public var adminDataShare: Double? {
            activeUsers > 0 ? Double(activeAdminsEditors) / Double(activeUsers) : nil
        }
    }

    public struct Seat: Sendable, Equatable {
        public var uuid: String
        public var name: String
        public var role: String
        /// Days pending, or days without a chart view.
        public var days: Int?

        public init(uuid: String, name: String, role: String, days: Int?) {
            self.uuid = uuid
            self.name = name
            self.role = role
            self.days = days
        }
    }
}
