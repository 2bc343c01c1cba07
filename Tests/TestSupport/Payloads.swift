public import Foundation
import Testing

// Payloads built in code: a valid payload as a mutable JSON tree (the decoding and pipeline tests
// derive tolerance and error cases from it) and the shared naughty-names payload.

/// A valid payload as a mutable JSON tree, to derive tolerance and error cases from.
public func basePayload() -> [String: Any] {
    [
        "status": "ok",
        "results": [
            "numberUsers": 5, "numberInteractiveViewers": 1, "numberViewers": 2, "numberEditors": 1, "numberAdmins": 1,
            "numberWeeklyQueryingUsers": 40,
            "tableMostQueries": [
                ["userUuid": "a", "firstName": "Ann", "lastName": "Lee", "count": "12"],
                ["userUuid": "b", "firstName": "Bo", "lastName": "Ek", "count": "30"],
            ],
            "tableMostCreatedCharts": [["userUuid": "a", "firstName": "Ann", "lastName": "Lee", "count": "2"]],
            "tableNoQueries": [
                ["userUuid": "c", "firstName": "Cy", "lastName": "Old", "count": "95"],
                ["userUuid": "d", "firstName": "Di", "lastName": "Older", "count": "400"],
            ],
            "chartWeeklyQueryingUsers": [
                ["date": "2026-02-11T00:00:00.000Z", "num_7d_active_users": "2", "percent_7d_active_users": "40"],
                ["date": "2026-02-04T00:00:00.000Z", "num_7d_active_users": "3", "percent_7d_active_users": "60"],
            ],
            "chartWeeklyAverageQueries": [
                ["date": "2026-02-11T00:00:00.000Z", "average_number_of_weekly_queries_per_user": "2.50"],
                ["date": "2026-02-04T00:00:00.000Z", "average_number_of_weekly_queries_per_user": "1.00"],
            ],
            "dashboardViews": [["count": "10", "uuid": "d1", "name": "Sales"]],
            "chartViews": [["count": "7", "uuid": "c1", "name": "Revenue"]],
            "userMostViewedDashboards": [
                ["userUuid": "a", "firstName": "Ann", "lastName": "Lee", "count": "4", "dashboardUuid": "d1", "dashboardName": "Sales"]
            ],
        ] as [String: Any],
    ]
}

/// Applies `change` to the `results` object of the base payload and returns JSON bytes.
public func payload(_ change: (inout [String: Any]) -> Void) -> [UInt8] {
    var root = basePayload()
    var results = root["results"] as? [String: Any] ?? [:]
    change(&results)
    root["results"] = results
    // JSONSerialization only fails on non-JSON values, which these tests never build.
    return Array((try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])) ?? Data())
}

/// Sets `value` at `key` of row `index` of list `list`.
public func setRow(_ r: inout [String: Any], _ list: String, _ index: Int, _ key: String, _ value: Any?) {
    var rows = r[list] as? [[String: Any]] ?? []
    if let value { rows[index][key] = value } else { rows[index].removeValue(forKey: key) }
    r[list] = rows
}

/// The shared generator's payload, with its headline percentage put back in 0-100: the
/// generator writes the count of active users there, which the issue defines as an error.
public func naughtyPayload(in dir: URL) throws -> URL {
    let raw = dir.appendingPathComponent("naughty-raw.json")
    let r = try runValidator("naughty-payload.py", [raw.path, "--seed", "7"])
    try #require(r.status == 0, "naughty-payload.py failed: \(r.stderr)")
    var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: raw)) as? [String: Any])
    var results = try #require(root["results"] as? [String: Any])
    let users = try #require(results["numberUsers"] as? Int)
    let active = try #require(results["numberWeeklyQueryingUsers"] as? Int)
    results["numberWeeklyQueryingUsers"] = min(100, active * 100 / max(users, 1))
    root["results"] = results
    let fixed = dir.appendingPathComponent("naughty.json")
    try JSONSerialization.data(withJSONObject: root).write(to: fixed)
    return fixed
}
