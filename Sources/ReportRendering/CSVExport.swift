public import ActivityModel

/// Render: every list of the payload in full, as CSV files for spreadsheets and scripts
/// (`data/*.csv`): the page and the summary cap their tables, these do not.
///
/// RFC 4180: CRLF line ends, a header row, fields with a comma, quote, CR or LF quoted and quotes
/// doubled. UTF-8 without a byte order mark. Text that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a CR) gets a leading `'` (OWASP's advice).
public enum CSVExport {
    /// The files, as paths relative to the output folder, in a fixed order.
    public static func files(_ a: UserActivity) -> [(path: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        var daily = Table(["date", "active_users_7d", "active_percent_7d", "chart_days_per_active_user"])
        var averages: [Day: Double?] = [:]
        for row in a.averageQueriesSeries { averages[row.day] = row.averageQueries }
        var active: [Day: ActiveUsersDay] = [:]
        for row in a.activeUsersSeries { active[row.day] = row }
        var days = Set(active.keys)
        days.formUnion(averages.keys)
        for day in days.sorted() {
            let row = active[day]
            daily.add(
                [
                    day.iso, row.map { String($0.activeUsers) } ?? "", row.map { Numbers.plain($0.activePercent) } ?? "",
                    (averages[day] ?? nil).map(Format.fixed2) ?? "",
                ], numeric: true)
        }
        out.append(("data/daily-activity.csv", daily.bytes))
        let users: [(String, String, [UserCount])] = [
            ("data/most-queries.csv", "chart_views_7d", a.mostQueries),
            ("data/chart-updates.csv", "chart_saves_7d", a.mostCreatedCharts),
            ("data/inactive-users.csv", "days_since_last_chart_view", a.noQueries),
        ]
        for (path, countName, rows) in users {
            var t = Table(["rank", "user_uuid", "first_name", "last_name", countName])
            for (i, r) in rows.enumerated() { t.add([String(i + 1), r.userUuid, r.firstName, r.lastName, String(r.count)]) }
            out.append((path, t.bytes))
        }
        for (path, kind, rows) in [
            ("data/dashboard-views.csv", "dashboard", a.dashboardViews), ("data/chart-views.csv", "chart", a.chartViews),
        ] {
            var t = Table(["rank", kind + "_uuid", kind + "_name", "views_all_time"])
            for (i, r) in rows.enumerated() { t.add([String(i + 1), r.uuid, r.name, String(r.count)]) }
            out.append((path, t.bytes))
        }
        var favourites = Table(["user_uuid", "first_name", "last_name", "dashboard_uuid", "dashboard_name", "views_all_time"])
        for r in a.userMostViewedDashboards {
            favourites.add([r.userUuid, r.firstName, r.lastName, r.dashboardUuid ?? "", r.dashboardName, String(r.count)])
        }
        out.append(("data/favourite-dashboards.csv", favourites.bytes))
        return out
    }

    /// One CSV document being written.
    struct Table {
        private(set) var bytes: [UInt8] = []

        init(_ header: [String]) {
            add(header, numeric: true)
        }

        /// Appends a row; with `numeric` the cells are ours (numbers, dates) and need no formula guard.
        mutating func add(_ cells: [String], numeric: Bool = false) {
            for (i, cell) in cells.enumerated() {
                if i > 0 { bytes.append(0x2C) }
                let isOurs = numeric || CSVExport.isPlainNumber(cell)
                bytes.append(contentsOf: CSVExport.field(cell, guardFormula: !isOurs).utf8)
            }
            bytes.append(0x0D)
            bytes.append(0x0A)
        }
    }

    /// One field: formula-guarded when asked, quoted when needed.
    static func field(_ value: String, guardFormula: Bool) -> String {
        var v = value
        if guardFormula, let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            v = "'" + v
        }
        let needsQuotes = v.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return v }
        return "\"" + v.replacingAll("\"", with: "\"\"") + "\""
    }

    static func isPlainNumber(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
