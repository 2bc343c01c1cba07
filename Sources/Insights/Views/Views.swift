public import ActivityModel

/// `views`: what the raw views CSV (`--views`) says, every number over the window the export
/// covers. Defined in `docs/insights.md` ("views").
public struct Views: Sendable, Equatable {
    /// The rows the server keeps at most: a file this long was cut by the cap.
    public static let serverCap = 100_000
    /// Items in `topReach`.
    public static let topCount = 20

    public struct Window: Sendable, Equatable {
        /// The oldest and the newest view (seconds since the epoch, UTC); nil with no view.
        public var from: Int64?
        public var to: Int64?
        /// Calendar days (UTC) from the oldest view's day to the newest's, both included.
        public var days: Int
        /// Usable rows (views).
        public var rows: Int
        /// Rows that could not be used.
        public var badRows: Int
        /// The file holds `serverCap` rows or more: older views were cut by the server.
        public var capped: Bool

        public var fromDay: Day? { from.map { Day(daysSinceEpoch: Views.day($0)) } }
        public var toDay: Day? { to.map { Day(daysSinceEpoch: Views.day($0)) } }
    }

    /// One day of the daily actives: distinct identified users with a view that day, in the
    /// trailing 7 days and in the trailing 30 days (both ending that day, cut at the window's start).
    public struct DailyActives: Sendable, Equatable {
        public var day: Day
        public var dau: Int
        public var wau: Int
        public var mau: Int
        /// Stickiness on that day: the mean DAU over the 30 days ending that day (cut at the
        /// window's start) divided by that day's MAU; nil when `mau` is 0.
        public var stickiness: Double?
        /// Whether the window covers the whole 7 and 30 days behind the day.
        public var fullWeek: Bool
        public var fullMonth: Bool
    }

    /// A chart or a dashboard and who views it.
    public struct Reach: Sendable, Equatable {
        public var kind: ViewedKind
        public var uuid: String
        public var name: String
        public var space: String
        public var views: Int
        /// Views without a user (anonymous, embedded, deleted users).
        public var anonymousViews: Int
        /// Distinct identified users.
        public var viewers: Int
        /// Identified views per viewer; nil with no viewer.
        public var viewsPerViewer: Double?
        public var lastViewed: Int64
    }

    /// One identified user of the export.
    public struct Viewer: Sendable, Equatable {
        public var uuid: String
        public var name: String
        public var lastSeen: Int64
        public var views: Int
        /// Whole UTC days from the day of `lastSeen` to the window's last day.
        public var daysSinceLastView: Int
        /// The item they viewed most (ties: the one they viewed last, then the smaller uuid).
        public var favourite: Reach.Key
        public var favouriteName: String
        public var favouriteViews: Int
    }

    /// A lifecycle bucket of identified users, with where its count comes from.
    public struct Bucket: Sendable, Equatable {
        /// `active-7d`, `active-8-30d`, `active-31-90d`, `over-90d-or-never`.
        public var key: String
        public var users: Int
        /// Of them, from the export (their last view is in it).
        public var fromViews: Int
        /// Of them, from the payload's list of inactive users (`tableNoQueries`) and absent from the export.
        public var fromPayload: Int
        /// Whether the export covers the bucket's whole span of days.
        public var covered: Bool
    }

    public struct Space: Sendable, Equatable {
        public var name: String
        public var views: Int
        public var viewers: Int
    }

    public var window: Window
    public var views: Int
    public var identifiedViews: Int
    public var anonymousViews: Int
    /// Distinct identified users with a view in the window.
    public var viewers: Int
    public var daily: [DailyActives]
    /// DAU, WAU and MAU on the window's last day.
    public var latest: DailyActives?
    /// Mean DAU over the last 30 days of the window (fewer when it is shorter) / MAU on its last day.
    public var stickiness: Double?
    /// The same for the 30 days that end 30 days before the last day; nil unless the window covers them.
    public var stickinessBefore: Double?
    /// Every item, most reach first (viewers, then views, then kind and uuid).
    public var reach: [Reach]
    /// Items with views from a single identified person and none without a user, most views first.
    public var singleViewer: [Reach]
    public var users: [Viewer]
    public var lifecycle: [Bucket]
    /// `heatmap[weekday][hour]`: views, weekday 0 = Monday, in `timeZone`.
    public var heatmap: [[Int]]
    public var timeZone: String
    /// Most views first.
    public var spaces: [Space]

    /// The first `topCount` of `reach`.
    public var topReach: ArraySlice<Reach> { reach.prefix(Views.topCount) }

    /// UTC day number of an instant.
    public static func day(_ t: Int64) -> Int { Int(t >= 0 ? t / 86_400 : -((-t + 86_399) / 86_400)) }

    /// What a number of the section covers: "the 90 days from 13 Nov 2025 to 11 Feb 2026", and,
    /// when the server's cap cut it, "the export holds at most 100,000 views".
    public var windowPhrase: String {
        guard let from = window.fromDay, let to = window.toDay else { return "no views in the export" }
        var text = window.days == 1 ? "1 day, \(to.long)" : "the \(window.days) days from \(from.long) to \(to.long)"
        if window.capped {
            text =
                "the last \(window.days) day\(window.days == 1 ? "" : "s"), \(from.long) to \(to.long): the export holds at most \(Format.integer(Views.serverCap)) views"
        }
        return text
    }
}

extension Views.Reach {
    /// Which item: kind and uuid.
    public struct Key: Sendable, Hashable {
        public var kind: ViewedKind
        public var uuid: String
    }

    public var key: Key { Key(kind: kind, uuid: uuid) }
}
