public import ActivityModel
import Foundation

/// The raw views CSV of a job: `--views FILE` (read once per run) or, with `--views auto`, the
/// file the server's download gave for the project.
public struct ViewsInput: Sendable, Equatable {
    /// The bytes as received; nil when the server said the project has no views (404).
    public var bytes: [UInt8]?
    /// The path or URL, for messages.
    public var source: String

    public init(bytes: [UInt8]?, source: String) {
        self.bytes = bytes
        self.source = source
    }

    /// `--views FILE` read through `files`; nil without `--views` or with `--views auto`. Also
    /// checks `--timezone`, so that a wrong name stops the run before any report.
    static func load(_ settings: RunSettings, files: some FileReading) throws(ReportError) -> ViewsInput? {
        guard TimeZone(identifier: settings.timeZone) != nil else {
            throw .usage(
                "--timezone \(settings.timeZone) is not a time zone of the tz database; give a name such as UTC, Europe/Berlin or America/New_York"
            )
        }
        guard let path = settings.views, path != "auto" else { return nil }
        do {
            return ViewsInput(bytes: try files.read(path, limit: settings.maxInputBytes), source: path)
        } catch {
            throw .viewsUnreadable(error)
        }
    }

    /// The offsets of the zone `name` over the span of `log`'s views, from the tz database
    /// (daylight saving changes included).
    static func zone(_ name: String, for log: ViewsLog) throws(ReportError) -> ZoneOffsets {
        guard let zone = TimeZone(identifier: name) else { throw .usage("--timezone \(name) is not a time zone of the tz database") }
        guard let first = log.events.lazy.map(\.time).min(), let last = log.events.lazy.map(\.time).max() else {
            return ZoneOffsets(name: name, changes: [(Int64.min, zone.secondsFromGMT(for: Date()))])
        }
        var date = Date(timeIntervalSince1970: TimeInterval(first - 86_400))
        var changes: [(from: Int64, offset: Int)] = [(Int64.min, zone.secondsFromGMT(for: date))]
        let end = Date(timeIntervalSince1970: TimeInterval(last + 86_400))
        while let next = zone.nextDaylightSavingTimeTransition(after: date), next <= end {
            changes.append((Int64(next.timeIntervalSince1970.rounded()), zone.secondsFromGMT(for: next)))
            date = next
        }
        return ZoneOffsets(name: name, changes: changes)
    }
}

extension Stages {
    /// The views CSV read into a log; no bytes (the server has no views) is an empty log.
    public static func readViews(_ input: ViewsInput) throws(ReportError) -> ViewsLog {
        guard let bytes = input.bytes else { return ViewsLog() }
        do {
            return try ViewsCSV.read(bytes)
        } catch {
            throw .views(source: input.source, error)
        }
    }
}
