public import ActivityModel

/// `content`: the most viewed dashboard and chart, and the dashboards people return to.
extension Analyzer {
    public static func content(_ a: UserActivity) -> Insights.Content {
        Insights.Content(
            topDashboard: top(a.dashboardViews), topChart: top(a.chartViews),
            homeDashboards: homeDashboards(a.userMostViewedDashboards))
    }

    /// The row with the highest count (the first one on ties) and its share of the listed counts.
    public static func top(_ rows: [ContentViews]) -> Insights.TopItem? {
        var best: ContentViews?
        for row in rows where best.map({ row.count > $0.count }) ?? true { best = row }
        guard let best else { return nil }
        let total = rows.reduce(0.0) { $0 + Double($1.count) }
        return Insights.TopItem(
            uuid: best.uuid, name: best.name, views: best.count,
            shareOfListed: total > 0 ? min(1, Double(best.count) / total) : nil)
    }

    /// Dashboards by the number of users whose most viewed dashboard they are, keyed on
    /// `dashboardUuid` (on the name when it is absent), most users first; ties by uuid in
    /// code-point order, rows keyed on a name (older servers) after those with a uuid, by name.
    /// The name shown is the smallest (in code-point order) sent for the key.
    public static func homeDashboards(_ rows: [UserDashboard]) -> [Insights.HomeDashboard] {
        struct Key: Hashable {
            var uuid: String?
            var name: String
        }
        var byKey: [Key: Insights.HomeDashboard] = [:]
        byKey.reserveCapacity(min(rows.count, 1 << 16))
        for row in rows {
            let key = row.dashboardUuid.map { Key(uuid: $0, name: "") } ?? Key(uuid: nil, name: row.dashboardName)
            // One hash lookup per row: the entry is updated in place.
            byKey[key, default: Insights.HomeDashboard(uuid: row.dashboardUuid, name: row.dashboardName, users: 0)].add(row.dashboardName)
        }
        return byKey.sorted { x, y in
            if x.value.users != y.value.users { return x.value.users > y.value.users }
            switch (x.key.uuid, y.key.uuid) {
            case (let a?, let b?): return codePointsPrecede(a, b)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return codePointsPrecede(x.key.name, y.key.name)
            }
        }.map(\.value)
    }
}

extension Insights.HomeDashboard {
    /// Counts one more user whose most viewed dashboard this is; keeps the name first in code-point order.
    fileprivate mutating func add(_ name: String) {
        users += 1
        if Analyzer.codePointsPrecede(name, self.name) { self.name = name }
    }
}
