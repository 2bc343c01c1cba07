public import ActivityModel
public import Insights

/// A `--check` condition: a dotted path into insights.json, a comparison and a number,
/// such as `activity.activePercent >= 40`.
public struct Check: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable {
        case greaterOrEqual = ">="
        case lessOrEqual = "<="
        case equal = "=="
        case notEqual = "!="
        case greater = ">"
        case less = "<"

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .greaterOrEqual: return a >= b
            case .lessOrEqual: return a <= b
            case .equal: return a == b
            case .notEqual: return a != b
            case .greater: return a > b
            case .less: return a < b
            }
        }
    }

    public var path: [String]
    public var comparison: Comparison
    public var value: Double
    /// The number as written.
    public var valueText: String

    public var description: String { "\(path.joined(separator: ".")) \(comparison.rawValue) \(valueText)" }

    /// Parses `PATH OP NUMBER`; throws a message naming what is wrong.
    public init(parsing text: String) throws(DeliveryError) {
        let scalars = Array(text.unicodeScalars)
        func isPathScalar(_ s: Unicode.Scalar) -> Bool {
            (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A)
                || s == "_" || s == "." || s == "-"
        }
        var i = 0
        while i < scalars.count, scalars[i] == " " { i += 1 }
        let pathStart = i
        while i < scalars.count, isPathScalar(scalars[i]) { i += 1 }
        let pathText = String(String.UnicodeScalarView(scalars[pathStart..<i]))
        let usage = "use PATH OP NUMBER, such as 'activity.activePercent >= 40', with OP one of >= <= == != > <"
        guard !pathText.isEmpty else { throw DeliveryError("no insights.json key at the start; \(usage)") }
        let path = pathText.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains(where: \.isEmpty) else { throw DeliveryError("'\(pathText)' has an empty key; \(usage)") }
        while i < scalars.count, scalars[i] == " " { i += 1 }
        var opText = ""
        while i < scalars.count, "<>=!".unicodeScalars.contains(scalars[i]) {
            opText.unicodeScalars.append(scalars[i])
            i += 1
        }
        guard let comparison = Comparison(rawValue: opText) else {
            let found = opText.isEmpty ? String(String.UnicodeScalarView(scalars[i...].prefix(8))) : opText
            throw DeliveryError(
                found.isEmpty ? "a comparison is missing after '\(pathText)'; \(usage)" : "'\(found)' is not a comparison; \(usage)")
        }
        while i < scalars.count, scalars[i] == " " { i += 1 }
        var valueText = String(String.UnicodeScalarView(scalars[i...]))
        while valueText.last == " " { valueText.removeLast() }
        let numeric =
            !valueText.isEmpty && valueText.unicodeScalars.allSatisfy { ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "." || $0 == "-" }
        guard numeric, let value = Double(valueText), value.isFinite else {
            throw DeliveryError("'\(valueText)' is not a number; \(usage)")
        }
        self.path = path
        self.comparison = comparison
        self.value = value
        self.valueText = valueText
    }

    /// The outcome of one check on one insights.json.
    public struct Result: Sendable, Equatable {
        public var check: Check
        public var passed: Bool
        /// The value found, as text (`null` when the metric has no value).
        public var actual: String
        /// One line for stderr and the summary.
        public var line: String {
            "\(passed ? "PASS" : "FAIL") \(check) (actual: \(actual))"
        }
    }

    /// Evaluates on the insights.json of `insights` (the tree ``InsightsJSON/encode(_:)`` prints).
    /// A `null` value (a metric with no data) fails the check; a missing key or a value that is
    /// not a number is a usage error.
    public func evaluate(on insights: Insights) throws(DeliveryError) -> Result {
        try evaluate(tree: InsightsJSON.tree(insights))
    }

    /// Evaluates on an insights.json tree; see ``evaluate(on:)``.
    public func evaluate(tree: JSONValue) throws(DeliveryError) -> Result {
        let name = path.joined(separator: ".")
        var node = tree
        for key in path {
            switch node {
            case .object(let members):
                guard let next = members.first(where: { $0.0 == key })?.1 else {
                    let hint = members.isEmpty ? "" : " (keys there: \(members.map(\.0).joined(separator: ", ")))"
                    throw DeliveryError("--check '\(self)': insights.json has no key '\(name)'\(hint); see docs/insights.md")
                }
                node = next
            case .array(let items):
                guard let index = Int(key), items.indices.contains(index) else {
                    throw DeliveryError("--check '\(self)': insights.json has no key '\(name)'; see docs/insights.md")
                }
                node = items[index]
            default:
                throw DeliveryError("--check '\(self)': insights.json has no key '\(name)'; see docs/insights.md")
            }
        }
        switch node {
        case .number(let text):
            guard let actual = Double(text) else {
                throw DeliveryError("--check '\(self)': '\(name)' is the text \"\(text)\", not a number")
            }
            return Result(check: self, passed: comparison.holds(actual, value), actual: Check.format(actual))
        case .null:
            return Result(check: self, passed: false, actual: "null: no data, so the check fails")
        case .string(let s):
            throw DeliveryError("--check '\(self)': '\(name)' is the text \"\(s)\", not a number")
        case .bool(let b):
            throw DeliveryError("--check '\(self)': '\(name)' is \(b), not a number")
        case .object, .array:
            throw DeliveryError("--check '\(self)': '\(name)' is a group of values, not a number; name one of its keys")
        }
    }

    static func format(_ v: Double) -> String {
        v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
