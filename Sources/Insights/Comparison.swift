public import ActivityModel

/// A headline number that is compared run over run, named by its key in `insights.json`.
public enum HeadlineMetric: String, Sendable, Equatable, CaseIterable {
    case usersTotal = "users.total"
    case activePercent = "activity.activePercent"
    case activeUsers = "activity.activeUsers"
    case queries7d = "activity.queries7d"
    case queriesPerActiveUser = "activity.queriesPerActiveUser"
    case medianQueriesPerActiveUser = "activity.medianQueriesPerActiveUser"
    case topDecileShare = "concentration.topDecileShare"
    case gini = "concentration.gini"
    case inactiveCount = "inactive.count"
    case inactivePercentOfUsers = "inactive.percentOfUsers"
    case creatorsCount = "creators.count"
    case chartUpdates7d = "creators.chartUpdates7d"

    /// The metric's value in `insights`, as `insights.json` writes it (rounded); nil when it is null.
    public func value(in insights: Insights) -> Double? {
        let raw: Double?
        switch self {
        case .usersTotal: raw = Double(insights.users.total)
        case .activePercent: raw = insights.activity.activePercent
        case .activeUsers: raw = Double(insights.activity.activeUsers)
        case .queries7d: raw = Double(insights.activity.queries7d)
        case .queriesPerActiveUser: raw = insights.activity.queriesPerActiveUser
        case .medianQueriesPerActiveUser: raw = insights.activity.medianQueriesPerActiveUser
        case .topDecileShare: raw = insights.concentration.topDecileShare
        case .gini: raw = insights.concentration.gini
        case .inactiveCount: raw = Double(insights.inactive.count)
        case .inactivePercentOfUsers: raw = insights.inactive.percentOfUsers
        case .creatorsCount: raw = Double(insights.creators.count)
        case .chartUpdates7d: raw = Double(insights.creators.chartUpdates7d)
        }
        return raw.map { JSONNumber.rounded($0, places: places) }
    }

    /// Decimals kept in `insights.json`: 0 for counts, 4 for shares (0-1), 2 for the rest.
    public var places: Int {
        switch self {
        case .usersTotal, .activeUsers, .queries7d, .inactiveCount, .creatorsCount, .chartUpdates7d: 0
        case .topDecileShare, .gini: 4
        case .activePercent, .queriesPerActiveUser, .medianQueriesPerActiveUser, .inactivePercentOfUsers: 2
        }
    }

    /// Whether the metric is a percentage of users (its changes are read in percentage points).
    public var isPercentage: Bool { self == .activePercent || self == .inactivePercentOfUsers }

    /// Whether the metric is a count (its changes are read in counts, with the percent change).
    public var isCount: Bool { places == 0 }

    /// Whether a rise is good news (true), bad news (false) or neither (nil), for colouring.
    public var higherIsBetter: Bool? {
        switch self {
        case .activePercent, .activeUsers, .queries7d, .queriesPerActiveUser, .medianQueriesPerActiveUser,
            .creatorsCount, .chartUpdates7d:
            true
        case .topDecileShare, .gini, .inactiveCount, .inactivePercentOfUsers: false
        case .usersTotal: nil
        }
    }
}

/// Which way a number moved.
public enum Direction: String, Sendable, Equatable {
    case up, down, same
}

/// One headline number now and in the previous run.
public struct Delta: Sendable, Equatable {
    public var metric: HeadlineMetric
    /// The value in the previous run (rounded as in `insights.json`); nil when it was null.
    public var previous: Double?
    /// The value now (rounded as in `insights.json`); nil when it is null.
    public var current: Double?
    /// `current - previous`; nil when either is nil.
    public var change: Double?
    /// The sign of `change`; nil when it is nil.
    public var direction: Direction?
    /// For a count: `100 * change / previous`; nil for other metrics, when either value is nil
    /// or `previous` is 0.
    public var changePercent: Double?

    public init(metric: HeadlineMetric, previous: Double?, current: Double?) {
        self.metric = metric
        self.previous = previous
        self.current = current
        if let previous, let current {
            let c = JSONNumber.rounded(current - previous, places: metric.places)
            change = c
            direction = c > 0 ? .up : c < 0 ? .down : .same
            if metric.isCount, previous > 0 { changePercent = c * 100 / previous }
        }
    }

    /// For a percentage: the change in whole percentage points between the two values as the
    /// reports print them (each rounded to a whole percent), so that the points are the
    /// difference of the two numbers shown; nil for other metrics or when either value is nil.
    public var points: Int? {
        guard metric.isPercentage, let previous, let current, previous.isFinite, current.isFinite,
            abs(previous) < 1e15, abs(current) < 1e15
        else { return nil }
        return Int(Format.wholePercent(current)) - Int(Format.wholePercent(previous))
    }

    /// Whether the change is good news (true), bad news (false), or neither / unknown (nil).
    public var isImprovement: Bool? {
        guard let direction, direction != .same, let better = metric.higherIsBetter else { return nil }
        return (direction == .up) == better
    }
}

/// The change of every headline number since an earlier run.
public struct Comparison: Sendable, Equatable {
    /// `trend.asOf` of the previous run.
    public var previousAsOf: Day?
    /// One delta per ``HeadlineMetric``, in its declared order.
    public var deltas: [Delta]

    public init(previousAsOf: Day?, deltas: [Delta]) {
        self.previousAsOf = previousAsOf
        self.deltas = deltas
    }

    public init(current: Insights, previous: Insights) {
        previousAsOf = previous.trend.asOf
        deltas = HeadlineMetric.allCases.map {
            Delta(metric: $0, previous: $0.value(in: previous), current: $0.value(in: current))
        }
    }

    public func delta(_ metric: HeadlineMetric) -> Delta? { deltas.first { $0.metric == metric } }
}

/// An earlier run to compare with: its payload, or the `insights.json` it wrote.
public enum Previous: Sendable, Equatable {
    case payload(LoadedActivity)
    case insights(Insights)

    /// The previous run's insights (a payload is analyzed without a comparison of its own).
    public func insights(thresholds: Thresholds = Thresholds()) -> Insights {
        switch self {
        case .payload(let loaded): Analyzer.analyze(loaded, thresholds: thresholds)
        case .insights(let insights): insights
        }
    }

    /// Reads an earlier `insights.json` (recognised by a `"schemaVersion"` key) or an earlier payload.
    public static func load(_ bytes: [UInt8]) throws(PreviousError) -> Previous {
        if InsightsJSON.looksLikeInsights(bytes) {
            do {
                return .insights(try InsightsJSON.decode(bytes))
            } catch {
                throw PreviousError(message: "not a readable insights.json: \(error)")
            }
        }
        do {
            return .payload(try PayloadDecoder.decode(bytes))
        } catch {
            throw PreviousError(message: "\(error)")
        }
    }
}

/// Why the previous run could not be read.
public struct PreviousError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
