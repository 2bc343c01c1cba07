import ActivityModel

/// The limits that turn metrics into findings. Defaults and meanings: `docs/insights.md`.
/// Override them with `report --threshold NAME=VALUE` or a `--config` file.
public struct Thresholds: Sendable, Equatable {
    /// Below this percent of users active in the last 7 days: `act`.
    public var activePercentAct: Double = 20
    /// Below this percent of users active in the last 7 days: `watch` (at or above: `good`).
    public var activePercentWatch: Double = 40
    /// A week-over-week fall of active users of at least this percent: `watch`.
    public var weeklyDropWatchPercent: Double = 10
    /// A week-over-week fall of active users of at least this percent: `act`.
    public var weeklyDropActPercent: Double = 25
    /// A week-over-week rise of active users of at least this percent: a `good` finding.
    public var weeklyRiseGoodPercent: Double = 10
    /// A week-over-week change of active users within this percent either way "held steady"
    /// (`info`); a smaller fall than the watch threshold "dipped" (`info`).
    public var weeklySteadyPercent: Double = 3
    /// Inactive users (90+ days) as a percent of all users at or above this: `watch`.
    public var inactivePercentWatch: Double = 10
    /// Inactive users (90+ days) as a percent of all users at or above this: `act`.
    public var inactivePercentAct: Double = 25
    /// The top 10% of active users running at least this share (0-1) of the queries: `watch`.
    public var topDecileShareWatch: Double = 0.5
    /// Concentration is judged only with at least this many active users.
    public var concentrationMinActiveUsers: Int = 10
    /// A least-squares trend of at least this percent of the average active users per week
    /// (up or down) earns a finding.
    public var slopePercentPerWeek: Double = 2
    /// The trend and the distance from the peak are judged only over a daily series of at least
    /// this many days.
    public var slopeMinDays: Int = 14
    /// Active users at least this percent below the peak of the daily series: `watch`.
    public var peakDropWatchPercent: Double = 15
    /// A fall of active users since the last report of at least this percent: `watch`.
    public var runDropWatchPercent: Double = 10
    /// A rise of active users since the last report of at least this percent: `good`.
    public var runRiseGoodPercent: Double = 10
    /// A fall of the percent of users active in the last 7 days since the last report of at
    /// least this many percentage points: `watch` (a rise of as many: `good`).
    public var runShareDropWatchPoints: Double = 5
    /// At most this many findings are kept (the most important ones).
    public var maxFindings: Int = 8
    /// Clean-up (`--cleanup`): a chart or dashboard last viewed more than this many days ago is stale
    /// (exactly this many is not yet).
    public var staleDays: Int = 90
    /// Clean-up: an item created or edited at most this many days ago is never stale.
    public var staleGraceDays: Int = 30
    /// Clean-up: invitations pending for more than this many days are listed.
    public var pendingInviteDays: Int = 30

    public init() {}

    /// Every threshold with its name (as in `insights.json` and the config file) and value,
    /// in a fixed order.
    public var all: [(name: String, value: Double)] {
        Thresholds.fields.filter { !$0.cleanup }.map { ($0.name, $0.get(self)) }
    }

    /// The clean-up thresholds, in a fixed order: written in insights.json's `cleanup` group only,
    /// so a run without `--cleanup` writes the same bytes as before they existed.
    public var cleanupValues: [(name: String, value: Double)] {
        Thresholds.fields.filter(\.cleanup).map { ($0.name, $0.get(self)) }
    }

    /// The value of the threshold `name`; nil for an unknown name.
    public func value(_ name: String) -> Double? {
        Thresholds.fields.first { $0.name == name }.map { $0.get(self) }
    }

    /// Sets the threshold `name` to `value`, checking its range.
    public mutating func set(_ name: String, _ value: Double) throws(ThresholdError) {
        guard let field = Thresholds.fields.first(where: { $0.name == name }) else {
            throw ThresholdError(
                message:
                    "unknown threshold \"\(Excerpt.of(name, limit: 40))\" (known: \(Thresholds.fields.map(\.name).joined(separator: ", ")))"
            )
        }
        guard value.isFinite, field.range.contains(value) else {
            throw ThresholdError(message: "threshold \(name) must be \(field.rangeText), got \(value)")
        }
        if field.integer && value.rounded() != value {
            throw ThresholdError(message: "threshold \(name) must be a whole number, got \(value)")
        }
        field.set(&self, value)
    }

    /// Parses `NAME=VALUE` and sets it.
    public mutating func set(assignment: String) throws(ThresholdError) {
        set(try ThresholdAssignment(parsing: assignment))
    }

    /// Sets a threshold already checked by ``ThresholdAssignment/init(parsing:)``.
    public mutating func set(_ assignment: ThresholdAssignment) {
        Thresholds.fields.first { $0.name == assignment.name }?.set(&self, assignment.value)
    }

    struct Field: Sendable {
        var name: String
        var get: @Sendable (Thresholds) -> Double
        var set: @Sendable (inout Thresholds, Double) -> Void
        var range: ClosedRange<Double>
        var integer: Bool = false
        var cleanup: Bool = false

        var rangeText: String {
            integer
                ? "a whole number from \(Int(range.lowerBound)) to \(Int(range.upperBound))"
                : "a number from \(JSONNumber.text(range.lowerBound, places: 4)) to \(JSONNumber.text(range.upperBound, places: 4))"
        }
    }

    static let fields: [Field] = [
        Field(name: "activePercentAct", get: { $0.activePercentAct }, set: { $0.activePercentAct = $1 }, range: 0...100),
        Field(name: "activePercentWatch", get: { $0.activePercentWatch }, set: { $0.activePercentWatch = $1 }, range: 0...100),
        Field(name: "weeklyDropWatchPercent", get: { $0.weeklyDropWatchPercent }, set: { $0.weeklyDropWatchPercent = $1 }, range: 0...100),
        Field(name: "weeklyDropActPercent", get: { $0.weeklyDropActPercent }, set: { $0.weeklyDropActPercent = $1 }, range: 0...100),
        Field(
            name: "weeklyRiseGoodPercent", get: { $0.weeklyRiseGoodPercent }, set: { $0.weeklyRiseGoodPercent = $1 }, range: 0...1_000_000),
        Field(name: "weeklySteadyPercent", get: { $0.weeklySteadyPercent }, set: { $0.weeklySteadyPercent = $1 }, range: 0...100),
        Field(name: "inactivePercentWatch", get: { $0.inactivePercentWatch }, set: { $0.inactivePercentWatch = $1 }, range: 0...100),
        Field(name: "inactivePercentAct", get: { $0.inactivePercentAct }, set: { $0.inactivePercentAct = $1 }, range: 0...100),
        Field(name: "topDecileShareWatch", get: { $0.topDecileShareWatch }, set: { $0.topDecileShareWatch = $1 }, range: 0...1),
        Field(
            name: "concentrationMinActiveUsers", get: { Double($0.concentrationMinActiveUsers) },
            set: { $0.concentrationMinActiveUsers = Int($1) }, range: 1...1_000_000_000, integer: true),
        Field(name: "slopePercentPerWeek", get: { $0.slopePercentPerWeek }, set: { $0.slopePercentPerWeek = $1 }, range: 0...1_000_000),
        Field(
            name: "slopeMinDays", get: { Double($0.slopeMinDays) }, set: { $0.slopeMinDays = Int($1) },
            range: 2...100_000, integer: true),
        Field(name: "peakDropWatchPercent", get: { $0.peakDropWatchPercent }, set: { $0.peakDropWatchPercent = $1 }, range: 0...100),
        Field(name: "runDropWatchPercent", get: { $0.runDropWatchPercent }, set: { $0.runDropWatchPercent = $1 }, range: 0...100),
        Field(name: "runRiseGoodPercent", get: { $0.runRiseGoodPercent }, set: { $0.runRiseGoodPercent = $1 }, range: 0...1_000_000),
        Field(
            name: "runShareDropWatchPoints", get: { $0.runShareDropWatchPoints }, set: { $0.runShareDropWatchPoints = $1 }, range: 0...100
        ),
        Field(
            name: "maxFindings", get: { Double($0.maxFindings) }, set: { $0.maxFindings = Int($1) }, range: 1...100,
            integer: true),
        Field(
            name: "staleDays", get: { Double($0.staleDays) }, set: { $0.staleDays = Int($1) }, range: 1...36_500, integer: true,
            cleanup: true),
        Field(
            name: "staleGraceDays", get: { Double($0.staleGraceDays) }, set: { $0.staleGraceDays = Int($1) }, range: 0...36_500,
            integer: true, cleanup: true),
        Field(
            name: "pendingInviteDays", get: { Double($0.pendingInviteDays) }, set: { $0.pendingInviteDays = Int($1) },
            range: 0...36_500, integer: true, cleanup: true),
    ]
}

/// A threshold name or value that cannot be used.
public struct ThresholdError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

extension Thresholds {
    /// Applies a config file: `{"thresholds": {"inactivePercentWatch": 15, ...}}`. Unknown keys
    /// are refused, so a typo does not silently keep a default.
    public mutating func apply(config bytes: [UInt8]) throws(ThresholdError) {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch {
            throw ThresholdError(message: "\(error)")
        }
        guard case .object(let members) = root else {
            throw ThresholdError(message: "expected an object such as {\"thresholds\": {\"inactivePercentWatch\": 15}}")
        }
        for (key, value) in members {
            guard key == "thresholds" else {
                throw ThresholdError(message: "unknown key \"\(Excerpt.of(key, limit: 40))\" (known: thresholds)")
            }
            guard case .object(let list) = value else { throw ThresholdError(message: "thresholds: expected an object") }
            for (name, v) in list {
                guard case .number(let text) = v, let number = Double(text) else {
                    throw ThresholdError(message: "thresholds.\(Excerpt.of(name, limit: 40)): expected a number")
                }
                try set(name, number)
            }
        }
    }
}

/// One `--threshold NAME=VALUE`, checked against the known names and ranges when parsed.
public struct ThresholdAssignment: Sendable, Equatable {
    public var name: String
    public var value: Double

    /// Parses `NAME=VALUE`; throws when the name is unknown or the value out of its range.
    public init(parsing assignment: String) throws(ThresholdError) {
        guard let eq = assignment.firstIndex(of: "=") else {
            throw ThresholdError(message: "expected NAME=VALUE, got \"\(Excerpt.of(assignment))\"")
        }
        let name = String(assignment[..<eq])
        let text = String(assignment[assignment.index(after: eq)...])
        guard let value = Double(text), !text.isEmpty, text.allSatisfy({ "0123456789.-+eE".contains($0) }) else {
            throw ThresholdError(message: "threshold \(Excerpt.of(name, limit: 40)) needs a number, got \"\(Excerpt.of(text, limit: 40))\"")
        }
        var check = Thresholds()
        try check.set(name, value)
        self.name = name
        self.value = value
    }
}
