/// The clean-up responses of one project (`--cleanup`), exactly as received: every page of
/// `GET /api/v2/content`, the scheduler list with its latest runs, the pages of scheduler logs
/// and the organisation's members, and the routes the server refused. What `--save-raw DIR`
/// keeps and `--input DIR` reads back.
public struct CleanupResponses: Sendable, Equatable {
    /// Every content page in the order fetched (a second pass after drift included).
    public var content: [[UInt8]]
    /// `GET /api/v1/schedulers/{p}/list?includeLatestRun=true`; nil when not fetched.
    public var schedulers: [UInt8]?
    /// The pages of `GET /api/v1/schedulers/{p}/logs`.
    public var logs: [[UInt8]]
    /// `GET /api/v1/org/users`; nil when not fetched.
    public var members: [UInt8]?
    /// The raw views CSV (issue 16's download), when fetched: reserved, read back as is.
    public var views: [UInt8]?
    /// The routes the server refused, with its status and message (already redacted).
    public var refusals: [Refusal]

    public init(
        content: [[UInt8]] = [], schedulers: [UInt8]? = nil, logs: [[UInt8]] = [], members: [UInt8]? = nil,
        views: [UInt8]? = nil, refusals: [Refusal] = []
    ) {
        self.content = content
        self.schedulers = schedulers
        self.logs = logs
        self.members = members
        self.views = views
        self.refusals = refusals
    }

    /// A route the token may not read (403, 404 ...): a data note, not a failure.
    public struct Refusal: Sendable, Equatable {
        /// `content`, `schedulers`, `logs` or `members`.
        public var route: String
        public var status: Int?
        public var message: String

        public init(route: String, status: Int?, message: String) {
            self.route = route
            self.status = status
            self.message = message
        }
    }
}

/// The clean-up data of one project, decoded: content, deliveries and members. A part is nil
/// when it was not fetched or the server refused it (a data note says which).
public struct CleanupData: Sendable, Equatable {
    public var content: ContentInventory?
    public var schedulers: [Scheduler]?
    /// Scheduler logs of the last 7 days; nil when not fetched.
    public var logs: [SchedulerLog]?
    public var members: [Member]?
    /// What the data leaves out (refused routes, incomplete paging, an older server).
    public var notes: [Diagnostic]

    public init(
        content: ContentInventory? = nil, schedulers: [Scheduler]? = nil, logs: [SchedulerLog]? = nil, members: [Member]? = nil,
        notes: [Diagnostic] = []
    ) {
        self.content = content
        self.schedulers = schedulers
        self.logs = logs
        self.members = members
        self.notes = notes
    }
}

/// Charts and dashboards of the project, de-duplicated by uuid.
public struct ContentInventory: Sendable, Equatable {
    /// In the order first seen.
    public var items: [ContentItem]
    /// The largest `totalResults` any page announced (charts and dashboards); nil for the old plain-array shape.
    public var totalResults: Int?
    /// Whether the server sends `lastViewedAt` (builds since 2026-09-14).
    public var hasLastViewedAt: Bool

    public init(items: [ContentItem], totalResults: Int?, hasLastViewedAt: Bool) {
        self.items = items
        self.totalResults = totalResults
        self.hasLastViewedAt = hasLastViewedAt
    }
}

/// One chart or dashboard of `GET /api/v2/content`. Times are seconds since the epoch.
public struct ContentItem: Sendable, Equatable {
    /// `chart` or `dashboard`.
    public var kind: String
    public var uuid: String
    public var name: String
    public var spaceName: String
    public var ownerUuid: String?
    public var ownerName: String
    public var createdAt: Int64?
    public var lastUpdatedAt: Int64?
    public var views: Int
    public var firstViewedAt: Int64?
    public var lastViewedAt: Int64?

    public init(
        kind: String, uuid: String, name: String, spaceName: String, ownerUuid: String?, ownerName: String, createdAt: Int64?,
        lastUpdatedAt: Int64?, views: Int, firstViewedAt: Int64?, lastViewedAt: Int64?
    ) {
        self.kind = kind
        self.uuid = uuid
        self.name = name
        self.spaceName = spaceName
        self.ownerUuid = ownerUuid
        self.ownerName = ownerName
        self.createdAt = createdAt
        self.lastUpdatedAt = lastUpdatedAt
        self.views = views
        self.firstViewedAt = firstViewedAt
        self.lastViewedAt = lastViewedAt
    }
}

/// One scheduled delivery. Webhook targets keep their host only: the rest of a webhook URL is a secret.
public struct Scheduler: Sendable, Equatable {
    public var uuid: String
    public var name: String
    public var createdBy: String?
    public var createdByName: String
    /// `csv`, `xlsx`, `image`, `gsheets`, `pdf`.
    public var format: String
    public var cron: String
    /// Nil: the project's time zone.
    public var timezone: String?
    /// `chart` or `dashboard`.
    public var resourceKind: String
    public var resourceUuid: String
    public var resourceName: String
    public var enabled: Bool
    public var targets: [Target]
    /// `latestRun`: nil when there was no run in the last 7 days.
    public var latestRun: Run?

    public init(
        uuid: String, name: String, createdBy: String?, createdByName: String, format: String, cron: String, timezone: String?,
        resourceKind: String, resourceUuid: String, resourceName: String, enabled: Bool, targets: [Target], latestRun: Run?
    ) {
        self.uuid = uuid
        self.name = name
        self.createdBy = createdBy
        self.createdByName = createdByName
        self.format = format
        self.cron = cron
        self.timezone = timezone
        self.resourceKind = resourceKind
        self.resourceUuid = resourceUuid
        self.resourceName = resourceName
        self.enabled = enabled
        self.targets = targets
        self.latestRun = latestRun
    }

    public struct Target: Sendable, Equatable {
        /// `email`, `slack`, `msteams`, `googlechat`.
        public var kind: String
        /// The address, the channel, or a webhook's host.
        public var value: String

        public init(kind: String, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    public struct Run: Sendable, Equatable {
        /// `scheduled`, `started`, `completed`, `error`.
        public var status: String
        /// `completed`, `partial_failure`, `failed`, `running`, `scheduled` (newer builds).
        public var runStatus: String?
        public var scheduledTime: Int64?

        public init(status: String, runStatus: String?, scheduledTime: Int64?) {
            self.status = status
            self.runStatus = runStatus
            self.scheduledTime = scheduledTime
        }
    }
}

/// One scheduler log line of the last 7 days.
public struct SchedulerLog: Sendable, Equatable {
    public var jobId: String
    public var task: String
    public var schedulerUuid: String
    public var status: String
    public var scheduledTime: Int64?

    public init(jobId: String, task: String, schedulerUuid: String, status: String, scheduledTime: Int64?) {
        self.jobId = jobId
        self.task = task
        self.schedulerUuid = schedulerUuid
        self.status = status
        self.scheduledTime = scheduledTime
    }
}

/// A member of the organisation (`GET /api/v1/org/users`).
public struct Member: Sendable, Equatable {
    public var uuid: String
    public var email: String
    public var firstName: String
    public var lastName: String
    /// `member`, `viewer`, `interactive_viewer`, `editor`, `developer`, `admin`.
    public var role: String
    public var isActive: Bool
    /// Newer builds only.
    public var isPending: Bool?
    public var createdAt: Int64?

    public init(
        uuid: String, email: String, firstName: String, lastName: String, role: String, isActive: Bool, isPending: Bool?,
        createdAt: Int64?
    ) {
        self.uuid = uuid
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.role = role
        self.isActive = isActive
        self.isPending = isPending
        self.createdAt = createdAt
    }

    public var name: String { PersonName.join(firstName, lastName) }
    /// `isPending ?? !isActive`.
    public var pending: Bool { isPending ?? !isActive }
    /// Not active and not pending (newer builds; older ones cannot tell it from pending).
    public var deactivated: Bool { !isActive && isPending == false }
}
