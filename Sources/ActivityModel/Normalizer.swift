/// Puts a decoded payload in order and notes its oddities as diagnostics.
enum Normalizer {
    /// How far (percentage points) the headline percentage may be from the newest series row
    /// before it earns a data note. They measure slightly different things (see the semantics doc).
    static let headlineTolerance = 10.0

    static func normalize(_ raw: UserActivity) -> LoadedActivity {
        var a = raw
        var notes: [Diagnostic] = []

        // Daily series: chronological, one row per day (the first one sent wins: servers send newest first).
        let (active, activeDuplicates) = uniqueDays(a.activeUsersSeries, day: \.day)
        let (average, averageDuplicates) = uniqueDays(a.averageQueriesSeries, day: \.day)
        a.activeUsersSeries = active
        a.averageQueriesSeries = average
        if activeDuplicates + averageDuplicates > 0 {
            notes.append(
                Diagnostic(
                    code: "duplicate-days",
                    message:
                        "The daily series repeat \(Format.count(activeDuplicates + averageDuplicates, "day")); the first row sent for each day is used."
                ))
        }

        // Lists: most first; ties keep the server's order. The inactive list arrives unordered.
        a.mostQueries = sortedByCount(a.mostQueries)
        a.mostCreatedCharts = sortedByCount(a.mostCreatedCharts)
        a.noQueries = sortedInactive(a.noQueries)
        a.dashboardViews = sortedByCount(a.dashboardViews)
        a.chartViews = sortedByCount(a.chartViews)
        a.userMostViewedDashboards = sortedByCount(a.userMostViewedDashboards)

        // Role buckets.
        let buckets = a.numberAdmins + a.numberEditors + a.numberInteractiveViewers + a.numberViewers
        if buckets < a.numberUsers {
            let other = a.numberUsers - buckets
            notes.append(
                Diagnostic(
                    code: "roles-short",
                    message:
                        "The four role buckets add up to \(Format.integer(buckets)) of \(Format.count(a.numberUsers, "user")): \(Format.count(other, "user"))\(other == 1 ? " holds" : " hold") a custom role and \(other == 1 ? "is" : "are") shown as \"other roles\"."
                ))
        } else if buckets > a.numberUsers {
            notes.append(
                Diagnostic(
                    code: "roles-over",
                    message:
                        "The four role buckets add up to \(Format.integer(buckets)), more than the \(Format.count(a.numberUsers, "user")) of the project; \"other roles\" is shown as 0."
                ))
        }

        // Empty names (pending invitations).
        var unnamedUsers = Set<String>()
        for list in [a.mostQueries, a.mostCreatedCharts, a.noQueries] {
            for row in list where PersonName.isUnnamed(row.firstName, row.lastName) { unnamedUsers.insert(row.userUuid) }
        }
        for row in a.userMostViewedDashboards where PersonName.isUnnamed(row.firstName, row.lastName) {
            unnamedUsers.insert(row.userUuid)
        }
        if !unnamedUsers.isEmpty {
            let n = unnamedUsers.count
            notes.append(
                Diagnostic(
                    code: "empty-names",
                    message:
                        "\(Format.count(n, "user"))\(n == 1 ? " has" : " have") no name (usually a pending invitation) and \(n == 1 ? "is" : "are") shown as \"Unnamed user\"."
                ))
        }
        let unnamedContent =
            a.dashboardViews.count { $0.name.trimmingWhitespace().isEmpty }
            + a.chartViews.count { $0.name.trimmingWhitespace().isEmpty }
            + a.userMostViewedDashboards.count { $0.dashboardName.trimmingWhitespace().isEmpty }
        if unnamedContent > 0 {
            notes.append(
                Diagnostic(
                    code: "empty-content-names",
                    message:
                        "\(Format.count(unnamedContent, "dashboard or chart row", "dashboard or chart rows"))\(unnamedContent == 1 ? " has" : " have") no name and \(unnamedContent == 1 ? "is" : "are") shown as \"Untitled\"."
                ))
        }

        // Null averages.
        let nullDays = a.averageQueriesSeries.filter { $0.averageQueries == nil }.count
        if nullDays > 0 {
            notes.append(
                Diagnostic(
                    code: "null-averages",
                    message:
                        "\(Format.integer(nullDays)) of \(Format.count(a.averageQueriesSeries.count, "day")) \(nullDays == 1 ? "has" : "have") no chart-days per active user (nobody was active in the 7 days to that day); \(nullDays == 1 ? "it is" : "they are") left as gaps."
                ))
        }

        // Headline percentage against the newest row of the series.
        if let newest = a.activeUsersSeries.last, abs(newest.activePercent - a.weeklyActivePercent) > headlineTolerance {
            notes.append(
                Diagnostic(
                    code: "headline-mismatch",
                    message:
                        "The headline says \(Format.percent(a.weeklyActivePercent)) of users were active in the last 7 days, but the daily series says \(Format.percent(newest.activePercent)) on \(newest.day.long). They measure slightly different windows (168 hours against calendar days)."
                ))
        }

        // Duplicate uuids within a list.
        let lists: [(String, [String])] = [
            ("Chart views by user", a.mostQueries.map(\.userUuid)),
            ("Chart saves by user", a.mostCreatedCharts.map(\.userUuid)),
            ("Inactive users", a.noQueries.map(\.userUuid)),
            ("Most viewed dashboards", a.dashboardViews.map(\.uuid)),
            ("Most viewed charts", a.chartViews.map(\.uuid)),
            ("Each user's most viewed dashboard", a.userMostViewedDashboards.map(\.userUuid)),
        ]
        for (title, uuids) in lists {
            var seen = Set<String>(minimumCapacity: uuids.count)
            var duplicates = 0
            for u in uuids where !seen.insert(u).inserted { duplicates += 1 }
            if duplicates > 0 {
                notes.append(
                    Diagnostic(
                        code: "duplicate-uuids",
                        message: "The list \"\(title)\" repeats \(Format.count(duplicates, "uuid")); every row is shown as sent."))
            }
        }

        if a.activeUsersSeries.count != a.averageQueriesSeries.count && !a.activeUsersSeries.isEmpty && !a.averageQueriesSeries.isEmpty {
            notes.append(
                Diagnostic(
                    code: "series-length",
                    message:
                        "The daily series have different lengths (\(Format.count(a.activeUsersSeries.count, "day")) of active users, \(Format.count(a.averageQueriesSeries.count, "day")) of chart-days per active user)."
                ))
        }
        return LoadedActivity(activity: a, diagnostics: notes)
    }

    static func uniqueDays<T>(_ rows: [T], day: KeyPath<T, Day>) -> ([T], duplicates: Int) {
        var seen = Set<Day>()
        var kept: [T] = []
        kept.reserveCapacity(rows.count)
        for row in rows where seen.insert(row[keyPath: day]).inserted { kept.append(row) }
        let sorted = kept.enumerated().sorted {
            let (a, b) = ($0.element[keyPath: day], $1.element[keyPath: day])
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        return (sorted, rows.count - kept.count)
    }

    /// Most first; ties keep the order sent. Servers send these lists sorted already: then the
    /// rows are returned as they are, without a sort. Otherwise the row numbers are sorted (cheap
    /// to move), not the rows.
    static func sortedByCount<T: Counted>(_ rows: [T]) -> [T] {
        if zip(rows, rows.dropFirst()).allSatisfy({ $0.count >= $1.count }) { return rows }
        let counts = rows.map(\.count)
        let order = rows.indices.sorted { x, y in
            if counts[x] != counts[y] { return counts[x] > counts[y] }
            return x < y
        }
        return order.map { rows[$0] }
    }

    /// The inactive list arrives unordered: most days first, then by name and uuid, so the order
    /// does not depend on the server's. Names are joined once, not in every comparison, and the
    /// row numbers are sorted, not the rows.
    static func sortedInactive(_ rows: [UserCount]) -> [UserCount] {
        let names = rows.map(\.name)
        let order = rows.indices.sorted { x, y in
            if rows[x].count != rows[y].count { return rows[x].count > rows[y].count }
            if names[x] != names[y] { return names[x] < names[y] }
            return rows[x].userUuid < rows[y].userUuid
        }
        return order.map { rows[$0] }
    }
}

protocol Counted { var count: Int { get } }
extension UserCount: Counted {}
extension ContentViews: Counted {}
extension UserDashboard: Counted {}
