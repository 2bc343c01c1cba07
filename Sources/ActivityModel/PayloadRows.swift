/// The payload's rows read straight from the JSON, each problem recorded with its path.
/// Unknown keys are skipped (newer servers add some).
enum Rows {
    typealias Fail = JSONReader.SyntaxError

    static func userCount(_ r: inout JSONReader, _ p: inout Problems) throws(Fail) -> UserCount? {
        var uuid: String?
        var first: String?
        var last: String?
        var count: Int?
        var seen = (uuid: false, first: false, last: false, count: false)
        guard try r.expectObject(&p, expected: "an object with userUuid, firstName, lastName and count") else { return nil }
        try r.object {
            (r: inout JSONReader, key: String) throws(Fail) in
            switch key {
            case "userUuid":
                seen.uuid = true
                uuid = try r.text(&p)
            case "firstName":
                seen.first = true
                first = try r.text(&p)
            case "lastName":
                seen.last = true
                last = try r.text(&p)
            case "count":
                seen.count = true
                count = try r.count(&p)
            default: try r.skipValue()
            }
        }
        r.require(seen.uuid, "userUuid", "a string", &p)
        r.require(seen.first, "firstName", "a string", &p)
        r.require(seen.last, "lastName", "a string", &p)
        // A count of 0 drops the key on real servers; a present but bad count is a problem.
        guard let uuid, let first, let last, count != nil || !seen.count else { return nil }
        return UserCount(userUuid: uuid, firstName: first, lastName: last, count: count ?? 0)
    }

    static func contentViews(_ r: inout JSONReader, _ p: inout Problems) throws(Fail) -> ContentViews? {
        var uuid: String?
        var name: String?
        var count: Int?
        var seen = (uuid: false, name: false, count: false)
        guard try r.expectObject(&p, expected: "an object with uuid, name and count") else { return nil }
        try r.object {
            (r: inout JSONReader, key: String) throws(Fail) in
            switch key {
            case "uuid":
                seen.uuid = true
                uuid = try r.text(&p)
            case "name":
                seen.name = true
                name = try r.text(&p)
            case "count":
                seen.count = true
                count = try r.count(&p)
            default: try r.skipValue()
            }
        }
        r.require(seen.uuid, "uuid", "a string", &p)
        r.require(seen.name, "name", "a string", &p)
        guard let uuid, let name, count != nil || !seen.count else { return nil }
        return ContentViews(uuid: uuid, name: name, count: count ?? 0)
    }

    static func userDashboard(_ r: inout JSONReader, _ p: inout Problems) throws(Fail) -> UserDashboard? {
        var uuid: String?
        var first: String?
        var last: String?
        var dashboardUuid: String?
        var dashboardName: String?
        var count: Int?
        var seen = (uuid: false, first: false, last: false, dashboardName: false, count: false)
        var badDashboardUuid = false
        guard try r.expectObject(&p, expected: "an object with userUuid, firstName, lastName, dashboardName and count") else { return nil }
        try r.object {
            (r: inout JSONReader, key: String) throws(Fail) in
            switch key {
            case "userUuid":
                seen.uuid = true
                uuid = try r.text(&p)
            case "firstName":
                seen.first = true
                first = try r.text(&p)
            case "lastName":
                seen.last = true
                last = try r.text(&p)
            case "dashboardUuid":
                // Servers before 2026-04 do not send it.
                let before = p.list.count + p.more
                dashboardUuid = try r.optionalText(&p)
                badDashboardUuid = p.list.count + p.more > before
            case "dashboardName":
                seen.dashboardName = true
                dashboardName = try r.text(&p)
            case "count":
                seen.count = true
                count = try r.count(&p)
            default: try r.skipValue()
            }
        }
        r.require(seen.uuid, "userUuid", "a string", &p)
        r.require(seen.first, "firstName", "a string", &p)
        r.require(seen.last, "lastName", "a string", &p)
        r.require(seen.dashboardName, "dashboardName", "a string", &p)
        guard let uuid, let first, let last, let dashboardName, !badDashboardUuid, count != nil || !seen.count else { return nil }
        return UserDashboard(
            userUuid: uuid, firstName: first, lastName: last, dashboardUuid: dashboardUuid,
            dashboardName: dashboardName, count: count ?? 0)
    }

    static func activeUsersDay(_ r: inout JSONReader, _ p: inout Problems) throws(Fail) -> ActiveUsersDay? {
        var day: Day?
        var users: Int?
        var percent: Double?
        var seen = (day: false, users: false, percent: false)
        guard try r.expectObject(&p, expected: "an object with date, num_7d_active_users and percent_7d_active_users") else { return nil }
        try r.object {
            (r: inout JSONReader, key: String) throws(Fail) in
            switch key {
            case "date":
                seen.day = true
                day = try r.day(&p)
            case "num_7d_active_users":
                seen.users = true
                users = try r.count(&p, what: "a non-negative integer")
            case "percent_7d_active_users":
                seen.percent = true
                percent = try r.percent(&p)
            default: try r.skipValue()
            }
        }
        r.require(seen.day, "date", "an ISO-8601 date-time", &p)
        r.require(seen.users, "num_7d_active_users", "a non-negative integer", &p)
        r.require(seen.percent, "percent_7d_active_users", "a percentage from 0 to 100", &p)
        guard let day, let users, let percent else { return nil }
        return ActiveUsersDay(day: day, activeUsers: users, activePercent: percent)
    }

    static func averageQueriesDay(_ r: inout JSONReader, _ p: inout Problems) throws(Fail) -> AverageQueriesDay? {
        var day: Day?
        var average: Double??
        var seen = (day: false, average: false)
        guard try r.expectObject(&p, expected: "an object with date and average_number_of_weekly_queries_per_user") else { return nil }
        try r.object {
            (r: inout JSONReader, key: String) throws(Fail) in
            switch key {
            case "date":
                seen.day = true
                day = try r.day(&p)
            case "average_number_of_weekly_queries_per_user":
                seen.average = true
                average = try r.average(&p)
            default: try r.skipValue()
            }
        }
        r.require(seen.day, "date", "an ISO-8601 date-time", &p)
        r.require(seen.average, "average_number_of_weekly_queries_per_user", "a non-negative decimal or null", &p)
        guard let day, let average else { return nil }
        return AverageQueriesDay(day: day, averageQueries: average)
    }
}

/// The fields of a `UserActivity` object as they are read, before the required ones are checked.
struct ActivityFields {
    typealias Fail = JSONReader.SyntaxError

    var problems = Problems()
    var users: Int??, admins: Int??, editors: Int??, interactive: Int??, viewers: Int??
    var percent: Double??
    var mostQueries: [UserCount]??, mostCreated: [UserCount]??, noQueries: [UserCount]??
    var active: [ActiveUsersDay]??, average: [AverageQueriesDay]??
    var dashboards: [ContentViews]??, charts: [ContentViews]??, favourites: [UserDashboard]??

    /// Reads the value of `key` when it is a UserActivity field; false for other keys (not consumed).
    mutating func read(_ key: String, _ r: inout JSONReader) throws(Fail) -> Bool {
        let integer = "a non-negative integer"
        switch key {
        case "numberUsers": users = .some(try r.count(&problems, what: integer))
        case "numberAdmins": admins = .some(try r.count(&problems, what: integer))
        case "numberEditors": editors = .some(try r.count(&problems, what: integer))
        case "numberInteractiveViewers": interactive = .some(try r.count(&problems, what: integer))
        case "numberViewers": viewers = .some(try r.count(&problems, what: integer))
        case "numberWeeklyQueryingUsers": percent = .some(try r.percent(&problems))
        case "tableMostQueries": mostQueries = .some(try r.rows(&problems, Rows.userCount))
        case "tableMostCreatedCharts": mostCreated = .some(try r.rows(&problems, Rows.userCount))
        case "tableNoQueries": noQueries = .some(try r.rows(&problems, Rows.userCount))
        case "chartWeeklyQueryingUsers": active = .some(try r.rows(&problems, Rows.activeUsersDay))
        case "chartWeeklyAverageQueries": average = .some(try r.rows(&problems, Rows.averageQueriesDay))
        case "dashboardViews": dashboards = .some(try r.rows(&problems, Rows.contentViews))
        case "chartViews": charts = .some(try r.rows(&problems, Rows.contentViews))
        case "userMostViewedDashboards": favourites = .some(try r.rows(&problems, Rows.userDashboard))
        default: return false
        }
        return true
    }

    /// The activity, or nil with "missing required key" problems under `prefix`.
    mutating func finish(prefix: String) -> UserActivity? {
        func missing<T>(_ value: T??, _ key: String, _ what: String) -> T? {
            guard let present = value else {
                problems.add(prefix.isEmpty ? key : prefix + "." + key, "missing required key (expected \(what))")
                return nil
            }
            return present
        }
        let integer = "a non-negative integer"
        let array = "an array"
        let u = missing(users, "numberUsers", integer)
        let a = missing(admins, "numberAdmins", integer)
        let e = missing(editors, "numberEditors", integer)
        let iv = missing(interactive, "numberInteractiveViewers", integer)
        let v = missing(viewers, "numberViewers", integer)
        let pct = missing(percent, "numberWeeklyQueryingUsers", "a percentage from 0 to 100")
        let mq = missing(mostQueries, "tableMostQueries", array)
        let mc = missing(mostCreated, "tableMostCreatedCharts", array)
        let nq = missing(noQueries, "tableNoQueries", array)
        let ac = missing(active, "chartWeeklyQueryingUsers", array)
        let av = missing(average, "chartWeeklyAverageQueries", array)
        let dv = missing(dashboards, "dashboardViews", array)
        let cv = missing(charts, "chartViews", array)
        let fv = missing(favourites, "userMostViewedDashboards", array)
        guard let u, let a, let e, let iv, let v, let pct, let mq, let mc, let nq, let ac, let av, let dv, let cv, let fv,
            problems.isEmpty
        else { return nil }
        return UserActivity(
            numberUsers: u, numberAdmins: a, numberEditors: e, numberInteractiveViewers: iv, numberViewers: v,
            weeklyActivePercent: pct, mostQueries: mq, mostCreatedCharts: mc, noQueries: nq, activeUsersSeries: ac,
            averageQueriesSeries: av, dashboardViews: dv, chartViews: cv, userMostViewedDashboards: fv)
    }
}

/// The whole document: the success envelope, the error envelope, or a bare UserActivity object.
enum PayloadDocument {
    typealias Fail = JSONReader.SyntaxError

    enum Content {
        case activity(UserActivity)
        case serverError(statusCode: Int?, name: String, message: String)
    }

    static func read(_ r: inout JSONReader) throws(Fail) -> Result<Content, Problems> {
        var top = Problems()
        guard try r.peek() == .object else {
            let value = try r.scalar()
            try r.end()
            top.add("", "expected a JSON object (the Lightdash response or its results), got \(value.described)")
            return .failure(top)
        }
        var bare = ActivityFields()  // the root itself, when it is a bare UserActivity
        var results: ActivityFields?
        var resultsNotObject: String?
        var status: JSONReader.Scalar?
        var serverError: (status: Int?, name: String, message: String)?
        var errorNotObject: String?
        try r.object { (r: inout JSONReader, key: String) throws(Fail) in
            switch key {
            case "status": status = try r.scalar()
            case "results":
                if try r.peek() == .object {
                    var fields = ActivityFields()
                    try r.object { (r: inout JSONReader, key: String) throws(Fail) in
                        if try !fields.read(key, &r) { try r.skipValue() }
                    }
                    results = fields
                } else {
                    resultsNotObject = try r.scalar().described
                }
            case "error":
                if try r.peek() == .object {
                    var e: (status: Int?, name: String, message: String) = (nil, "", "")
                    try r.object { (r: inout JSONReader, key: String) throws(Fail) in
                        let value = try r.scalar()
                        switch (key, value) {
                        case ("statusCode", .number(let n)), ("statusCode", .string(let n)): e.status = Numbers.parseCount(n)
                        case ("name", .string(let s)): e.name = s
                        case ("message", .string(let s)): e.message = s
                        default: break
                        }
                    }
                    serverError = e
                } else {
                    errorNotObject = try r.scalar().described
                }
            default:
                if try !bare.read(key, &r) { try r.skipValue() }
            }
        }
        try r.end()

        var envelope = results != nil || resultsNotObject != nil
        if let status {
            envelope = true
            switch status {
            case .string("ok"): break
            case .string("error"):
                if let serverError {
                    return .success(.serverError(statusCode: serverError.status, name: serverError.name, message: serverError.message))
                }
                top.add("error", "expected the error object of an error response, got \(errorNotObject ?? "nothing")")
                return .failure(top)
            default:
                top.add("status", "expected \"ok\" or \"error\", got \(status.described)")
                return .failure(top)
            }
        }
        guard envelope else {
            if let activity = bare.finish(prefix: "") { return .success(.activity(activity)) }
            return .failure(bare.problems)
        }
        if let resultsNotObject {
            top.add("results", "expected the UserActivity object, got \(resultsNotObject)")
            return .failure(top)
        }
        guard var fields = results else {
            top.add("results", "missing required key (expected the UserActivity object)")
            return .failure(top)
        }
        if let activity = fields.finish(prefix: "results") { return .success(.activity(activity)) }
        return .failure(fields.problems)
    }
}
