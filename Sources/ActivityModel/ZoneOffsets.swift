/// A time zone's offsets from UTC over a span of time, as a plain value: the pipeline fills it
/// from the tz database (Foundation's `TimeZone`), the metrics only look offsets up, so they stay
/// pure and need no Foundation.
public struct ZoneOffsets: Sendable, Equatable {
    /// The zone's name as given (`UTC`, `Europe/Berlin`).
    public var name: String
    /// Offsets in seconds east of UTC, each from an instant (seconds since the epoch) on, in
    /// ascending order; the first one also applies before its instant.
    public var changes: [(from: Int64, offset: Int)]

    public init(name: String, changes: [(from: Int64, offset: Int)]) {
        self.name = name
        self.changes = changes.isEmpty ? [(Int64.min, 0)] : changes
    }

    public static let utc = ZoneOffsets(name: "UTC", changes: [(Int64.min, 0)])

    /// The offset at `time`.
    public func offset(at time: Int64) -> Int {
        var lo = 0
        var hi = changes.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if changes[mid].from <= time { lo = mid } else { hi = mid - 1 }
        }
        return changes[lo].offset
    }

    public static func == (a: ZoneOffsets, b: ZoneOffsets) -> Bool {
        a.name == b.name && a.changes.elementsEqual(b.changes) { $0.from == $1.from && $0.offset == $1.offset }
    }
}
