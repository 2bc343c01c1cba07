public import ActivityModel

/// `insights.json`: the insights for machines. Layout and rounding are fixed, so the same
/// insights give the same bytes: keys in the order of `schemas/insights.schema.json`, two-space
/// indentation, counts as integers, shares (0-1) rounded to 4 decimals and every other decimal
/// to 2 (half away from zero, trailing zeros dropped), dates `YYYY-MM-DD`, null where a value
/// is undefined.
public enum InsightsJSON {
    /// The version written in `schemaVersion`; bumped when a key changes meaning or is removed,
    /// not when keys or values are added (readers of version 1 ignore keys they do not know:
    /// `trend.changeActiveUsersPercent`, `trend.belowPeakPercent`, `comparison.changes[].changePercent`
    /// and the severity `info` were added within version 1; a version 1 file without them is read).
    public static let schemaVersion = 1
    /// Decimals of shares and Gini (0-1).
    public static let ratioPlaces = 4
    /// Decimals of every other non-integer number.
    public static let decimalPlaces = 2

    public static func encode(_ insights: Insights) -> [UInt8] {
        JSONWriter.write(tree(insights))
    }

    /// The bytes of a tree made by ``tree(_:)``: fixed key order, fixed rounding.
    public static func encode(tree: JSONValue) -> [UInt8] {
        JSONWriter.write(tree)
    }

    /// Reads what ``encode(_:)`` wrote (a number may be written with more or fewer decimals).
    public static func decode(_ bytes: [UInt8]) throws(InsightsDecodingError) -> Insights {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch {
            throw InsightsDecodingError(path: "", message: error.description)
        }
        return try Reader(root, path: "").insights()
    }

    /// Whether `bytes` hold a `"schemaVersion"` key (insights.json) rather than a payload.
    public static func looksLikeInsights(_ bytes: [UInt8]) -> Bool {
        let key = Array("\"schemaVersion\"".utf8)
        var i = 0
        let limit = bytes.count - key.count
        while i <= limit {
            if bytes[i] == 0x22, bytes[i..<i + key.count].elementsEqual(key) {
                var j = i + key.count
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x0D || bytes[j] == 0x09 { j += 1 }
                if j < bytes.count, bytes[j] == 0x3A { return true }
            }
            i += 1
        }
        return false
    }

    // MARK: Encoding

    static func ratio(_ v: Double?) -> JSONValue { .optional(v) { .decimal($0, places: ratioPlaces) } }
    static func decimal(_ v: Double?) -> JSONValue { .optional(v) { .decimal($0, places: decimalPlaces) } }
    static func date(_ d: Day?) -> JSONValue { .optional(d) { .string($0.iso) } }

    /// The document ``encode(_:)`` prints, as a tree: what `--check` looks its paths up in.
    public static func tree(_ s: Insights) -> JSONValue {
        guard s.overTime != nil || s.views != nil || s.cleanup != nil, case .object(var members) = tree(withoutOverTime: s),
            let at = members.firstIndex(where: { $0.0 == "findings" })
        else { return tree(withoutOverTime: s) }
        // Only with `--history`, `--views` and `--cleanup`: without them the file is as before the keys were added.
        var added: [(String, JSONValue)] = []
        if let o = s.overTime { added.append(("overTime", overTime(o))) }
        if let v = s.views { added.append(("views", views(v))) }
        if let c = s.cleanup { added.append(("cleanup", cleanup(c, thresholds: s.thresholds))) }
        members.insert(contentsOf: added, at: at)
        return .object(members)
    }

    static func tree(withoutOverTime s: Insights) -> JSONValue {
        .object([
            ("schemaVersion", .int(schemaVersion)),
            (
                "users",
                .object([
                    ("total", .int(s.users.total)),
                    (
                        "byRole",
                        .object([
                            ("admins", .int(s.users.admins)),
                            ("editors", .int(s.users.editors)),
                            ("interactiveViewers", .int(s.users.interactiveViewers)),
                            ("viewers", .int(s.users.viewers)),
                            ("other", .int(s.users.other)),
                        ])
                    ),
                ])
            ),
            (
                "activity",
                .object([
                    ("activePercent", decimal(s.activity.activePercent)),
                    ("activeUsers", .int(s.activity.activeUsers)),
                    ("queries7d", .int(s.activity.queries7d)),
                    ("queriesPerActiveUser", decimal(s.activity.queriesPerActiveUser)),
                    ("medianQueriesPerActiveUser", decimal(s.activity.medianQueriesPerActiveUser)),
                ])
            ),
            (
                "trend",
                .object([
                    ("asOf", date(s.trend.asOf)),
                    ("latest", .optional(s.trend.latest, point)),
                    ("weekAgo", .optional(s.trend.weekAgo, point)),
                    ("changeActiveUsers", .optional(s.trend.changeActiveUsers, JSONValue.int)),
                    ("changeActivePercentPoints", decimal(s.trend.changeActivePercentPoints)),
                    ("changeActiveUsersPercent", decimal(s.trend.changeActiveUsersPercent)),
                    ("peak", .optional(s.trend.peak) { .object([("date", .string($0.day.iso)), ("activeUsers", .int($0.activeUsers))]) }),
                    ("belowPeakPercent", decimal(s.trend.belowPeakPercent)),
                    ("slopePerWeek", decimal(s.trend.slopePerWeek)),
                    ("days", .int(s.trend.days)),
                    ("meanActiveUsers", decimal(s.trend.meanActiveUsers)),
                ])
            ),
            (
                "concentration",
                .object([
                    ("topDecileShare", ratio(s.concentration.topDecileShare)),
                    ("topDecileUsers", .int(s.concentration.topDecileUsers)),
                    ("gini", ratio(s.concentration.gini)),
                ])
            ),
            (
                "inactive",
                .object([
                    ("count", .int(s.inactive.count)),
                    ("percentOfUsers", decimal(s.inactive.percentOfUsers)),
                    ("buckets", .object(s.inactive.buckets.map { ($0.key, .int($0.count)) })),
                ])
            ),
            (
                "creators",
                .object([
                    ("count", .int(s.creators.count)),
                    ("chartUpdates7d", .int(s.creators.chartUpdates7d)),
                ])
            ),
            (
                "content",
                .object([
                    ("topDashboard", .optional(s.content.topDashboard, topItem)),
                    ("topChart", .optional(s.content.topChart, topItem)),
                    (
                        "homeDashboards",
                        .array(
                            s.content.homeDashboards.map {
                                .object([
                                    ("uuid", .optional($0.uuid, JSONValue.string)), ("name", .string($0.name)), ("users", .int($0.users)),
                                ])
                            })
                    ),
                ])
            ),
            (
                "comparison",
                .optional(s.comparison) { c in
                    .object([
                        ("previousAsOf", date(c.previousAsOf)),
                        ("changes", .array(c.deltas.map(delta))),
                    ])
                }
            ),
            (
                "findings",
                .array(
                    s.findings.map {
                        .object([
                            ("id", .string($0.id)), ("severity", .string($0.severity.rawValue)),
                            ("title", .string($0.title.text)), ("detail", .string($0.detail.text)),
                        ])
                    })
            ),
            ("dataNotes", .array(s.dataNotes.map { .object([("code", .string($0.code)), ("message", .string($0.message))]) })),
            ("thresholds", .object(s.thresholds.all.map { ($0.name, .decimal($0.value, places: 4)) })),
        ])
    }

    static func overTime(_ o: Insights.OverTime) -> JSONValue {
        .object([
            ("asOf", .string(o.asOf.iso)),
            ("records", .int(o.records)),
            ("weeks", .array(o.weeks.map(week))),
            (
                "changes",
                .array(
                    o.changes.map { c in
                        .object([("weeks", .int(c.weeks)), ("since", .string(c.since.iso)), ("changes", .array(c.deltas.map(delta)))])
                    })
            ),
            ("lowestInWeeks", .optional(o.lowestInWeeks, JSONValue.int)),
            ("highestInWeeks", .optional(o.highestInWeeks, JSONValue.int)),
        ])
    }

    static func week(_ w: Insights.Week) -> JSONValue {
        .object([
            ("weekEnding", .string(w.ending.iso)),
            ("date", date(w.day)),
            ("source", .optional(w.source) { .string($0.rawValue) }),
            ("activeUsers", .optional(w.activeUsers, JSONValue.int)),
            ("activePercent", decimal(w.activePercent)),
            ("users", .optional(w.users) { .int($0.total) }),
            ("inactive", .optional(w.inactive, JSONValue.int)),
            (
                "byRole",
                .optional(w.users) { u in
                    .object([
                        ("admins", .int(u.admins)), ("editors", .int(u.editors)), ("interactiveViewers", .int(u.interactiveViewers)),
                        ("viewers", .int(u.viewers)), ("other", .int(u.other)),
                    ])
                }
            ),
        ])
    }

    static func point(_ p: Insights.Point) -> JSONValue {
        .object([
            ("date", .string(p.day.iso)),
            ("activeUsers", .int(p.activeUsers)),
            ("activePercent", decimal(p.activePercent)),
            ("averageQueries", decimal(p.averageQueries)),
        ])
    }

    static func topItem(_ t: Insights.TopItem) -> JSONValue {
        .object([
            ("uuid", .string(t.uuid)), ("name", .string(t.name)), ("views", .int(t.views)),
            ("shareOfListed", ratio(t.shareOfListed)),
        ])
    }

    static func delta(_ d: Delta) -> JSONValue {
        let places = d.metric.places
        return .object([
            ("metric", .string(d.metric.rawValue)),
            ("previous", .optional(d.previous) { .decimal($0, places: places) }),
            ("current", .optional(d.current) { .decimal($0, places: places) }),
            ("change", .optional(d.change) { .decimal($0, places: places) }),
            ("direction", .optional(d.direction) { .string($0.rawValue) }),
            ("changePercent", decimal(d.changePercent)),
        ])
    }
}

/// Why an `insights.json` could not be read, with the JSON path of the problem.
public struct InsightsDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Reads typed values out of a ``JSONValue`` with the path for errors.
struct Reader {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    func fail(_ message: String) -> InsightsDecodingError { InsightsDecodingError(path: path, message: message) }

    subscript(key: String) -> Reader {
        get throws(InsightsDecodingError) {
            guard case .object = value else { throw fail("expected an object") }
            guard let v = value[key] else { throw InsightsDecodingError(path: join(key), message: "missing key") }
            return Reader(v, path: join(key))
        }
    }

    func join(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    var isNull: Bool { value == .null }

    func optional<T>(_ read: (Reader) throws(InsightsDecodingError) -> T) throws(InsightsDecodingError) -> T? {
        isNull ? nil : try read(self)
    }

    func int() throws(InsightsDecodingError) -> Int {
        guard case .number(let text) = value else { throw fail("expected an integer") }
        if let i = Int(text) { return i }
        if let d = Double(text), d.rounded() == d, abs(d) < 9.2e18 { return Int(d) }
        throw fail("expected an integer, got \(Excerpt.of(text, limit: 40))")
    }

    func double() throws(InsightsDecodingError) -> Double {
        guard case .number(let text) = value, let d = Double(text), d.isFinite else { throw fail("expected a number") }
        return d
    }

    func string() throws(InsightsDecodingError) -> String {
        guard case .string(let s) = value else { throw fail("expected a string") }
        return s
    }

    func day() throws(InsightsDecodingError) -> Day {
        let s = try string()
        guard s.utf8.count == 10, let seconds = ISODate.parseSeconds(s) else {
            throw fail("expected a date YYYY-MM-DD, got \"\(Excerpt.of(s, limit: 40))\"")
        }
        return Day(nearestMidnightTo: seconds)
    }

    func array() throws(InsightsDecodingError) -> [Reader] {
        guard case .array(let items) = value else { throw fail("expected an array") }
        return items.enumerated().map { Reader($0.element, path: "\(path)[\($0.offset)]") }
    }

    func insights() throws(InsightsDecodingError) -> Insights {
        let version = try self["schemaVersion"].int()
        guard version == InsightsJSON.schemaVersion else {
            throw InsightsDecodingError(
                path: "schemaVersion", message: "this program reads schema version \(InsightsJSON.schemaVersion), the file has \(version)")
        }
        let u = try self["users"]
        let roles = try u["byRole"]
        let users = Insights.Users(
            total: try u["total"].int(), admins: try roles["admins"].int(), editors: try roles["editors"].int(),
            interactiveViewers: try roles["interactiveViewers"].int(), viewers: try roles["viewers"].int(),
            other: try roles["other"].int())
        let a = try self["activity"]
        let activity = Insights.Activity(
            activePercent: try a["activePercent"].double(), activeUsers: try a["activeUsers"].int(),
            queries7d: try a["queries7d"].int(),
            queriesPerActiveUser: try a["queriesPerActiveUser"].optional { r throws(InsightsDecodingError) in try r.double() },
            medianQueriesPerActiveUser: try a["medianQueriesPerActiveUser"].optional { r throws(InsightsDecodingError) in try r.double() })
        let t = try self["trend"]
        let trend = Insights.Trend(
            asOf: try t["asOf"].optional { r throws(InsightsDecodingError) in try r.day() },
            latest: try t["latest"].optional { r throws(InsightsDecodingError) in try r.point() },
            weekAgo: try t["weekAgo"].optional { r throws(InsightsDecodingError) in try r.point() },
            changeActiveUsers: try t["changeActiveUsers"].optional { r throws(InsightsDecodingError) in try r.int() },
            changeActivePercentPoints: try t["changeActivePercentPoints"].optional { r throws(InsightsDecodingError) in try r.double() },
            peak: try t["peak"].optional { r throws(InsightsDecodingError) in
                Insights.Peak(day: try r["date"].day(), activeUsers: try r["activeUsers"].int())
            },
            slopePerWeek: try t["slopePerWeek"].optional { r throws(InsightsDecodingError) in try r.double() },
            days: try t["days"].int(),
            meanActiveUsers: try t["meanActiveUsers"].optional { r throws(InsightsDecodingError) in try r.double() })
        let c = try self["concentration"]
        let concentration = Insights.Concentration(
            topDecileShare: try c["topDecileShare"].optional { r throws(InsightsDecodingError) in try r.double() },
            topDecileUsers: try c["topDecileUsers"].int(),
            gini: try c["gini"].optional { r throws(InsightsDecodingError) in try r.double() })
        let i = try self["inactive"]
        let buckets = try i["buckets"]
        let inactive = Insights.Inactive(
            count: try i["count"].int(),
            percentOfUsers: try i["percentOfUsers"].optional { r throws(InsightsDecodingError) in try r.double() },
            days90to179: try buckets["90-179"].int(), days180to364: try buckets["180-364"].int(),
            days365plus: try buckets["365+"].int())
        let cr = try self["creators"]
        let creators = Insights.Creators(count: try cr["count"].int(), chartUpdates7d: try cr["chartUpdates7d"].int())
        let co = try self["content"]
        var homes: [Insights.HomeDashboard] = []
        for h in try co["homeDashboards"].array() {
            homes.append(
                Insights.HomeDashboard(
                    uuid: try h["uuid"].optional { r throws(InsightsDecodingError) in try r.string() },
                    name: try h["name"].string(), users: try h["users"].int()))
        }
        let content = Insights.Content(
            topDashboard: try co["topDashboard"].optional { r throws(InsightsDecodingError) in try r.topItem() },
            topChart: try co["topChart"].optional { r throws(InsightsDecodingError) in try r.topItem() },
            homeDashboards: homes)
        let comparison = try self["comparison"].optional { r throws(InsightsDecodingError) in try r.comparison() }
        var findings: [Finding] = []
        for f in try self["findings"].array() {
            let severityText = try f["severity"].string()
            guard let severity = Finding.Severity(rawValue: severityText) else {
                throw try f["severity"].fail("expected info, good, watch or act, got \"\(Excerpt.of(severityText, limit: 40))\"")
            }
            // The text as written: its names cannot be told apart from our words any more (a
            // previous run's findings are not rendered).
            findings.append(
                Finding(
                    id: try f["id"].string(), severity: severity, title: Phrase(try f["title"].string()),
                    detail: Phrase(try f["detail"].string())))
        }
        var notes: [Diagnostic] = []
        for n in try self["dataNotes"].array() {
            notes.append(Diagnostic(code: try n["code"].string(), message: try n["message"].string()))
        }
        // Thresholds only say how the findings were drawn: missing ones keep their defaults and
        // unknown names (of another version) are skipped; known ones must be in range.
        var thresholds = Thresholds()
        if let members = value["thresholds"], case .object(let list) = members {
            for (name, v) in list where thresholds.value(name) != nil {
                let r = Reader(v, path: "thresholds." + name)
                do {
                    try thresholds.set(name, try r.double())
                } catch let e as ThresholdError {
                    throw r.fail(e.message)
                } catch let e as InsightsDecodingError {
                    throw e
                } catch {
                    throw r.fail("\(error)")
                }
            }
        }
        return Insights(
            users: users, activity: activity, trend: trend, concentration: concentration, inactive: inactive,
            creators: creators, content: content, comparison: comparison, thresholds: thresholds,
            findings: findings, dataNotes: notes)
    }

    func point() throws(InsightsDecodingError) -> Insights.Point {
        Insights.Point(
            day: try self["date"].day(), activeUsers: try self["activeUsers"].int(),
            activePercent: try self["activePercent"].double(),
            averageQueries: try self["averageQueries"].optional { r throws(InsightsDecodingError) in try r.double() })
    }

    func topItem() throws(InsightsDecodingError) -> Insights.TopItem {
        Insights.TopItem(
            uuid: try self["uuid"].string(), name: try self["name"].string(), views: try self["views"].int(),
            shareOfListed: try self["shareOfListed"].optional { r throws(InsightsDecodingError) in try r.double() })
    }

    func comparison() throws(InsightsDecodingError) -> Comparison {
        var deltas: [Delta] = []
        for d in try self["changes"].array() {
            let name = try d["metric"].string()
            guard let metric = HeadlineMetric(rawValue: name) else { continue }  // a metric of a newer version
            deltas.append(
                Delta(
                    metric: metric,
                    previous: try d["previous"].optional { r throws(InsightsDecodingError) in try r.double() },
                    current: try d["current"].optional { r throws(InsightsDecodingError) in try r.double() }))
        }
        return Comparison(
            previousAsOf: try self["previousAsOf"].optional { r throws(InsightsDecodingError) in try r.day() }, deltas: deltas)
    }
}
