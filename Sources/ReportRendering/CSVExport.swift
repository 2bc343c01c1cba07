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
            var t = Table(["rank", "user_uuid", "first_name", "last_name", countName], rows: rows.count)
            for (i, r) in rows.enumerated() {
                t.integer(i + 1)
                t.text(r.userUuid)
                t.text(r.firstName)
                t.text(r.lastName)
                t.integer(r.count)
                t.endRow()
            }
            out.append((path, t.bytes))
        }
        for (path, kind, rows) in [
            ("data/dashboard-views.csv", "dashboard", a.dashboardViews), ("data/chart-views.csv", "chart", a.chartViews),
        ] {
            var t = Table(["rank", kind + "_uuid", kind + "_name", "views_all_time"], rows: rows.count)
            for (i, r) in rows.enumerated() {
                t.integer(i + 1)
                t.text(r.uuid)
                t.text(r.name)
                t.integer(r.count)
                t.endRow()
            }
            out.append((path, t.bytes))
        }
        let favouriteRows = a.userMostViewedDashboards
        var favourites = Table(
            ["user_uuid", "first_name", "last_name", "dashboard_uuid", "dashboard_name", "views_all_time"], rows: favouriteRows.count)
        for r in favouriteRows {
            favourites.text(r.userUuid)
            favourites.text(r.firstName)
            favourites.text(r.lastName)
            favourites.text(r.dashboardUuid ?? "")
            favourites.text(r.dashboardName)
            favourites.integer(r.count)
            favourites.endRow()
        }
        out.append(("data/favourite-dashboards.csv", favourites.bytes))
        return out
    }

    /// One CSV document being written, cell by cell, straight into its bytes.
    struct Table {
        private(set) var bytes: [UInt8] = []
        /// Whether the next cell starts a row (no comma before it).
        private var atRowStart = true

        /// A table with a header row; `rows` sizes the buffer.
        init(_ header: [String], rows: Int = 0) {
            bytes.reserveCapacity(64 + rows * 96)
            add(header, numeric: true)
        }

        /// Appends a row; with `numeric` the cells are ours (numbers, dates) and need no formula guard.
        mutating func add(_ cells: [String], numeric: Bool = false) {
            for cell in cells {
                if numeric || CSVExport.isPlainNumber(cell) { field(cell, guardFormula: false) } else { text(cell) }
            }
            endRow()
        }

        /// A cell of text a user chose: formula-guarded and quoted when needed.
        mutating func text(_ value: String) {
            field(value, guardFormula: true)
        }

        /// A cell holding a whole number.
        mutating func integer(_ value: Int) {
            separate()
            if value < 0 { bytes.append(0x2D) }
            var magnitude = value.magnitude
            let start = bytes.count
            repeat {
                bytes.append(0x30 + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            bytes[start...].reverse()
        }

        /// Ends the row with CRLF.
        mutating func endRow() {
            bytes.append(0x0D)
            bytes.append(0x0A)
            atRowStart = true
        }

        private mutating func separate() {
            if atRowStart { atRowStart = false } else { bytes.append(0x2C) }
        }

        private mutating func field(_ value: String, guardFormula: Bool) {
            separate()
            CSVExport.appendField(value, guardFormula: guardFormula, to: &bytes)
        }
    }

    /// Whether a cell starting with `byte` would run as a formula in a spreadsheet: `=`, `+`, `-`, `@`, tab or CR.
    static func startsFormula(_ byte: UInt8) -> Bool {
        byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D
    }

    /// One field: formula-guarded when asked, quoted (with every quote doubled) when it holds a
    /// comma, a quote, CR or LF.
    static func field(_ value: String, guardFormula: Bool) -> String {
        var bytes: [UInt8] = []
        appendField(value, guardFormula: guardFormula, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``field(_:guardFormula:)`` appended to `bytes`.
    static func appendField(_ value: String, guardFormula: Bool, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            let guarded = guardFormula && utf8.first.map(startsFormula) == true
            let quoted = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
            if quoted { bytes.append(0x22) }
            if guarded { bytes.append(0x27) }
            guard quoted else {
                bytes.append(contentsOf: utf8)
                return
            }
            for b in utf8 {
                bytes.append(b)
                if b == 0x22 { bytes.append(0x22) }
            }
            bytes.append(0x22)
        }
    }

    static func isPlainNumber(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
