/// Wire forms of the payload's rows. Each initialiser records problems with their JSON paths
/// into the decoder's collector and never throws, so every bad row is reported.

struct UserCountRow: Decodable, RowDecodable {
    var value: UserCount?
    var isValid: Bool { value != nil }

    init(from decoder: any Decoder) {
        let p = decoder.problems
        guard let c = try? decoder.container(keyedBy: AnyKey.self) else {
            p.add(decoder.codingPath, "expected an object with userUuid, firstName, lastName and count, got \(describeValue(decoder))")
            return
        }
        let uuid = c.string(AnyKey("userUuid"), p)
        let first = c.string(AnyKey("firstName"), p)
        let last = c.string(AnyKey("lastName"), p)
        let countKey = AnyKey("count")
        let count = c.count(countKey, p, required: false)
        guard let uuid, let first, let last else { return }
        // A count of 0 drops the key on real servers; a present but bad count is a problem.
        if count == nil && c.contains(countKey) { return }
        value = UserCount(userUuid: uuid, firstName: first, lastName: last, count: count ?? 0)
    }
}

struct ContentViewsRow: Decodable, RowDecodable {
    var value: ContentViews?
    var isValid: Bool { value != nil }

    init(from decoder: any Decoder) {
        let p = decoder.problems
        guard let c = try? decoder.container(keyedBy: AnyKey.self) else {
            p.add(decoder.codingPath, "expected an object with uuid, name and count, got \(describeValue(decoder))")
            return
        }
        let uuid = c.string(AnyKey("uuid"), p)
        let name = c.string(AnyKey("name"), p)
        let countKey = AnyKey("count")
        let count = c.count(countKey, p, required: false)
        guard let uuid, let name else { return }
        if count == nil && c.contains(countKey) { return }
        value = ContentViews(uuid: uuid, name: name, count: count ?? 0)
    }
}

struct UserDashboardRow: Decodable, RowDecodable {
    var value: UserDashboard?
    var isValid: Bool { value != nil }

    init(from decoder: any Decoder) {
        let p = decoder.problems
        guard let c = try? decoder.container(keyedBy: AnyKey.self) else {
            p.add(decoder.codingPath, "expected an object with userUuid, firstName, lastName, dashboardName and count, got \(describeValue(decoder))")
            return
        }
        let uuid = c.string(AnyKey("userUuid"), p)
        let first = c.string(AnyKey("firstName"), p)
        let last = c.string(AnyKey("lastName"), p)
        // Servers before 2026-04 do not send dashboardUuid.
        let dashboardUuidKey = AnyKey("dashboardUuid")
        let dashboardUuid = c.string(dashboardUuidKey, p, required: false)
        let dashboardName = c.string(AnyKey("dashboardName"), p)
        let countKey = AnyKey("count")
        let count = c.count(countKey, p, required: false)
        guard let uuid, let first, let last, let dashboardName else { return }
        if dashboardUuid == nil && c.contains(dashboardUuidKey) && (try? c.decodeNil(forKey: dashboardUuidKey)) != true { return }
        if count == nil && c.contains(countKey) { return }
        value = UserDashboard(
            userUuid: uuid, firstName: first, lastName: last, dashboardUuid: dashboardUuid,
            dashboardName: dashboardName, count: count ?? 0)
    }
}

struct ActiveUsersRow: Decodable, RowDecodable {
    var value: ActiveUsersDay?
    var isValid: Bool { value != nil }

    init(from decoder: any Decoder) {
        let p = decoder.problems
        guard let c = try? decoder.container(keyedBy: AnyKey.self) else {
            p.add(decoder.codingPath, "expected an object with date, num_7d_active_users and percent_7d_active_users, got \(describeValue(decoder))")
            return
        }
        let day = c.day(AnyKey("date"), p)
        let users = c.count(AnyKey("num_7d_active_users"), p, what: "a non-negative integer")
        let percent = c.percent(AnyKey("percent_7d_active_users"), p)
        guard let day, let users, let percent else { return }
        value = ActiveUsersDay(day: day, activeUsers: users, activePercent: percent)
    }
}

struct AverageQueriesRow: Decodable, RowDecodable {
    var value: AverageQueriesDay?
    var isValid: Bool { value != nil }

    init(from decoder: any Decoder) {
        let p = decoder.problems
        guard let c = try? decoder.container(keyedBy: AnyKey.self) else {
            p.add(decoder.codingPath, "expected an object with date and average_number_of_weekly_queries_per_user, got \(describeValue(decoder))")
            return
        }
        let day = c.day(AnyKey("date"), p)
        let average = c.average(AnyKey("average_number_of_weekly_queries_per_user"), p)
        guard let day, let average else { return }
        value = AverageQueriesDay(day: day, averageQueries: average)
    }
}

/// The `UserActivity` object as sent, before ordering and checks.
struct ActivityObject: Decodable {
    var value: UserActivity?

    init(from decoder: any Decoder) {
        let p = decoder.problems
        guard let c = try? decoder.container(keyedBy: AnyKey.self) else {
            p.add(decoder.codingPath, "expected the UserActivity object, got \(describeValue(decoder))")
            return
        }
        let users = c.count(AnyKey("numberUsers"), p, what: "a non-negative integer")
        let admins = c.count(AnyKey("numberAdmins"), p, what: "a non-negative integer")
        let editors = c.count(AnyKey("numberEditors"), p, what: "a non-negative integer")
        let interactive = c.count(AnyKey("numberInteractiveViewers"), p, what: "a non-negative integer")
        let viewers = c.count(AnyKey("numberViewers"), p, what: "a non-negative integer")
        let percent = c.percent(AnyKey("numberWeeklyQueryingUsers"), p)
        let mostQueries: [UserCountRow]? = c.rows(AnyKey("tableMostQueries"), p)
        let mostCreated: [UserCountRow]? = c.rows(AnyKey("tableMostCreatedCharts"), p)
        let noQueries: [UserCountRow]? = c.rows(AnyKey("tableNoQueries"), p)
        let active: [ActiveUsersRow]? = c.rows(AnyKey("chartWeeklyQueryingUsers"), p)
        let average: [AverageQueriesRow]? = c.rows(AnyKey("chartWeeklyAverageQueries"), p)
        let dashboards: [ContentViewsRow]? = c.rows(AnyKey("dashboardViews"), p)
        let charts: [ContentViewsRow]? = c.rows(AnyKey("chartViews"), p)
        let favourites: [UserDashboardRow]? = c.rows(AnyKey("userMostViewedDashboards"), p)
        guard let users, let admins, let editors, let interactive, let viewers, let percent,
            let mostQueries, let mostCreated, let noQueries, let active, let average,
            let dashboards, let charts, let favourites
        else { return }
        value = UserActivity(
            numberUsers: users, numberAdmins: admins, numberEditors: editors,
            numberInteractiveViewers: interactive, numberViewers: viewers, weeklyActivePercent: percent,
            mostQueries: mostQueries.compactMap(\.value), mostCreatedCharts: mostCreated.compactMap(\.value),
            noQueries: noQueries.compactMap(\.value), activeUsersSeries: active.compactMap(\.value),
            averageQueriesSeries: average.compactMap(\.value), dashboardViews: dashboards.compactMap(\.value),
            chartViews: charts.compactMap(\.value), userMostViewedDashboards: favourites.compactMap(\.value))
    }
}

/// The whole document: the success envelope, the error envelope, or a bare UserActivity object.
struct PayloadDocument: Decodable {
    enum Content {
        case activity(UserActivity)
        case serverError(statusCode: Int?, name: String, message: String)
    }

    var content: Content?

    init(from decoder: any Decoder) {
        let p = decoder.problems
        guard let c = try? decoder.container(keyedBy: AnyKey.self) else {
            p.add([], "expected a JSON object (the Lightdash response or its results), got \(describeValue(decoder))")
            return
        }
        let statusKey = AnyKey("status")
        let resultsKey = AnyKey("results")
        if c.contains(statusKey) {
            guard let status = try? c.decode(String.self, forKey: statusKey) else {
                p.add([statusKey], "expected \"ok\" or \"error\", got \(describeValue(c, statusKey))")
                return
            }
            switch status {
            case "ok":
                guard c.contains(resultsKey) else {
                    p.add([resultsKey], "missing required key (expected the UserActivity object)")
                    return
                }
                content = (try? c.decode(ActivityObject.self, forKey: resultsKey))?.value.map(Content.activity)
            case "error":
                content = PayloadDocument.serverError(c, p)
            default:
                p.add([statusKey], "expected \"ok\" or \"error\", got \(quote(status))")
            }
        } else if c.contains(resultsKey) {
            content = (try? c.decode(ActivityObject.self, forKey: resultsKey))?.value.map(Content.activity)
        } else {
            // A bare UserActivity object.
            content = ActivityObject(from: decoder).value.map(Content.activity)
        }
    }

    static func serverError(_ c: KeyedDecodingContainer<AnyKey>, _ p: ProblemCollector) -> Content? {
        let errorKey = AnyKey("error")
        guard let e = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: errorKey) else {
            p.add([errorKey], "expected the error object of an error response, got \(c.contains(errorKey) ? describeValue(c, errorKey) : "nothing")")
            return nil
        }
        let status = (try? e.decode(Int.self, forKey: AnyKey("statusCode")))
            ?? (try? e.decode(String.self, forKey: AnyKey("statusCode"))).flatMap(Numbers.parseCount)
        let name = (try? e.decode(String.self, forKey: AnyKey("name"))) ?? ""
        let message = (try? e.decode(String.self, forKey: AnyKey("message"))) ?? ""
        return .serverError(statusCode: status, name: name, message: message)
    }
}
