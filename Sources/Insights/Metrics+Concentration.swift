public import ActivityModel

/// `concentration`: how the last 7 days' queries are spread over the active users.
extension Analyzer {
    public static func concentration(_ a: UserActivity) -> Insights.Concentration {
        let counts = a.mostQueries.map(\.count)
        return Insights.Concentration(
            topDecileShare: topDecileShare(counts), topDecileUsers: topDecileSize(counts.count), gini: gini(counts))
    }

    /// `ceil(n / 10)`: how many users the top 10% of `n` users is.
    public static func topDecileSize(_ n: Int) -> Int { n / 10 + (n % 10 == 0 ? 0 : 1) }

    /// The share (0-1) of the total count held by the top `ceil(10%)` of `counts`; nil when
    /// `counts` is empty or sums to 0.
    public static func topDecileShare(_ counts: [Int]) -> Double? {
        let total = counts.reduce(0.0) { $0 + Double($1) }
        guard !counts.isEmpty, total > 0 else { return nil }
        let top = counts.sorted(by: >).prefix(topDecileSize(counts.count)).reduce(0.0) { $0 + Double($1) }
        return min(1, max(0, top / total))
    }

    /// The Gini coefficient of `counts`: with the counts sorted ascending `x1...xn`,
    /// `2 * sum(i * xi) / (n * sum(xi)) - (n + 1) / n`, computed as `sum((2i - n - 1) * xi) / (n * sum(xi))`
    /// so that equal counts give exactly 0. Nil when `counts` is empty or sums to 0.
    public static func gini(_ counts: [Int]) -> Double? {
        let total = counts.reduce(0.0) { $0 + Double($1) }
        guard !counts.isEmpty, total > 0 else { return nil }
        let n = counts.count
        var weighted = 0.0
        for (i, x) in counts.sorted().enumerated() {
            weighted += Double(2 * (i + 1) - n - 1) * Double(x)
        }
        return min(1, max(0, weighted / (Double(n) * total)))
    }
}
