public import ActivityModel

/// One earlier run kept by `--history`: its insights.json, the day it covers and where it came from.
public struct HistoryRecord: Sendable, Equatable {
    /// The record's file name, for data notes.
    public var name: String
    /// The day the run covers: `record.asOf`, else `trend.asOf`.
    public var day: Day
    public var insights: Insights
    /// The project's uuid when the run knew it.
    public var project: String?
    /// The payload the record was made from: a file name, or the URL fetched.
    public var source: String?

    public init(name: String, day: Day, insights: Insights, project: String? = nil, source: String? = nil) {
        self.name = name
        self.day = day
        self.insights = insights
        self.project = project
        self.source = source
    }

    /// The file name of the record of `day`: `2026-02-11.insights.json`.
    public static func fileName(_ day: Day) -> String { day.iso + ".insights.json" }

    /// The file name of the raw payload kept beside the record of `day` (`--history-raw`).
    public static func rawFileName(_ day: Day) -> String { day.iso + ".payload.json" }

    /// Whether a file in a history folder is a record (`*.insights.json`, not a temporary file).
    public static func isRecordName(_ name: String) -> Bool {
        name.hasSuffix(".insights.json") && !name.hasPrefix(".")
    }

    /// Rows of `content.homeDashboards` a record keeps (a project with hundreds of dashboards
    /// would otherwise make each record 30 KB instead of a few).
    public static let homeDashboardsKept = 10

    /// The record's bytes: the run's insights.json without its `overTime` group (it is derived
    /// from the other records, and would make every record grow with the history) and with the
    /// top ``homeDashboardsKept`` home dashboards only, plus a `record` group saying what day it
    /// covers, which project and which payload it came from.
    public static func encode(_ insights: Insights, day: Day, project: String?, source: String?) -> [UInt8] {
        var kept = insights
        kept.overTime = nil
        kept.content.homeDashboards = Array(kept.content.homeDashboards.prefix(homeDashboardsKept))
        guard case .object(var members) = InsightsJSON.tree(kept) else { return InsightsJSON.encode(kept) }
        members.append(
            (
                "record",
                .object([
                    ("asOf", .string(day.iso)), ("project", .optional(project, JSONValue.string)),
                    ("source", .optional(source, JSONValue.string)),
                ])
            ))
        return InsightsJSON.encode(tree: .object(members))
    }

    /// Reads one record; the error says why it cannot be used.
    public static func decode(_ bytes: [UInt8], name: String) throws(InsightsDecodingError) -> HistoryRecord {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch {
            throw InsightsDecodingError(path: "", message: "not JSON: \(error.description)")
        }
        guard case .object = root, root["schemaVersion"] != nil else {
            throw InsightsDecodingError(path: "", message: "not an insights.json (no schemaVersion)")
        }
        let insights = try Reader(root, path: "").insights()
        var day = insights.trend.asOf
        var project: String?
        var source: String?
        if let record = root["record"], record != .null {
            let r = Reader(record, path: "record")
            day = try r["asOf"].day()
            project = try r["project"].optional { r throws(InsightsDecodingError) in try r.string() }
            source = try r["source"].optional { r throws(InsightsDecodingError) in try r.string() }
        }
        guard let day else { throw InsightsDecodingError(path: "trend.asOf", message: "the record covers no day") }
        return HistoryRecord(name: name, day: day, insights: insights, project: project, source: source)
    }
}

/// The earlier runs of one project read from `--history`: usable records, oldest first, one per
/// day, and a data note for every file that was skipped.
public struct History: Sendable, Equatable {
    public var records: [HistoryRecord]
    /// Why files were skipped (`history-skipped`).
    public var notes: [Diagnostic]

    public init(records: [HistoryRecord] = [], notes: [Diagnostic] = []) {
        self.records = records
        self.notes = notes
    }

    /// Reads the files of a history folder (`name`: the file's name in it). Each file that is
    /// not a record of this project is skipped with a note naming it: not JSON, not an
    /// insights.json, another schema version, no day, another `project`, or a second record of
    /// a day already read (files are read in name order; the first one is kept).
    public static func read(_ files: [(name: String, bytes: [UInt8])], project: String?) -> History {
        var history = History()
        var days: [Day: String] = [:]
        for file in files.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            let record: HistoryRecord
            do {
                record = try HistoryRecord.decode(file.bytes, name: file.name)
            } catch {
                history.skip(file.name, "\(error)")
                continue
            }
            if let project, let other = record.project, other != project {
                history.skip(file.name, "it is a record of another project (\(other))")
                continue
            }
            if let first = days[record.day] {
                history.skip(file.name, "\(first) already covers \(record.day.long)")
                continue
            }
            days[record.day] = file.name
            history.records.append(record)
        }
        history.records.sort { $0.day < $1.day }
        return history
    }

    mutating func skip(_ name: String, _ reason: String) {
        notes.append(Diagnostic(code: "history-skipped", message: "History record \(name) was skipped: \(reason)."))
    }
}
