import ActivityModel

@testable import Insights

/// Generated payloads for property tests, replayable from a seed.
public enum RandomPayloads {
    /// SplitMix64: a small seeded generator, so every case can be replayed from its seed.
    public struct Seeded: RandomNumberGenerator {
        public var state: UInt64
        public init(state: UInt64) { self.state = state }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A random payload in the formats real servers send (counts as strings, numbers or absent,
    /// dates with offsets, duplicate days, null averages, empty names, missing dashboard uuids),
    /// internally consistent enough that `activeUsers <= users.total` holds.
    public static func payload(seed: UInt64) -> [UInt8] {
        var g = Seeded(state: seed)
        func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &g) }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &g) < p }
        func str(_ s: String) -> String {
            var out: [UInt8] = []
            JSONWriter.string(s, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
        let names = ["Ana", "", "Zoë", "O'Neil \"Q\"", "שרה", "李", " ", "a\\b", "Ana"]
        func count(_ v: Int) -> String {
            if v == 0 && chance(0.3) { return "" }
            return chance(0.8) ? ",\"count\":\"\(v)\"" : ",\"count\":\(v)"
        }
        func user(_ prefix: String, _ i: Int, _ c: Int) -> String {
            "{\"userUuid\":\"\(prefix)\(i)\",\"firstName\":\(str(names[int(0...names.count - 1)])),\"lastName\":\(str(names[int(0...names.count - 1)]))\(count(c))}"
        }
        let shape = int(0...5)
        func value() -> Int {
            switch shape {
            case 0: return int(0...3)
            case 1: return [1, 5, 5, 10][int(0...3)]
            case 2: return int(0...1_000_000_000_000)
            default: return int(0...200)
            }
        }
        let users = chance(0.05) ? 0 : int(1...300)
        let admins = int(0...max(0, users / 5))
        let editors = int(0...max(0, (users - admins) / 3))
        let iv = int(0...max(0, users - admins - editors))
        let viewers = chance(0.2) ? int(0...users) : max(0, users - admins - editors - iv - int(0...2))
        let active = chance(0.1) ? 0 : int(0...min(users, 80))
        let idle = int(0...max(0, min(users - active, 80)))
        let queries = (0..<active).map { user("q", $0, value()) }
        let created = (0..<int(0...min(10, active))).map { user("c", $0, int(0...50)) }
        let noQueries = (0..<idle).map { user("i", $0, chance(0.05) ? int(0...89) : int(90...2000)) }
        let days = chance(0.1) ? 0 : int(1...43)
        let start = Day(year: 2026, month: 1, day: 1).adding(days: int(0...400))
        var activeRows: [String] = []
        var averageRows: [String] = []
        for k in (0..<days).reversed() {
            let day = start.adding(days: k)
            // A server east of UTC sends its midnight as 23:00 of the day before.
            let date = chance(0.2) ? day.adding(days: -1).iso + "T23:00:00.000Z" : day.iso + "T00:00:00.000Z"
            let n = int(0...max(0, users))
            let pct = users > 0 ? n * 100 / users : 0
            activeRows.append("{\"date\":\"\(date)\",\"num_7d_active_users\":\"\(n)\",\"percent_7d_active_users\":\"\(pct)\"}")
            let avg = n == 0 || chance(0.05) ? "null" : "\"\(int(1...40)).\(int(10...99))\""
            averageRows.append("{\"date\":\"\(date)\",\"average_number_of_weekly_queries_per_user\":\(avg)}")
            if chance(0.03) { activeRows.append(activeRows[activeRows.count - 1]) }
        }
        func views(_ prefix: String) -> [String] {
            (0..<int(0...20)).map { "{\"uuid\":\"\(prefix)\($0)\",\"name\":\(str(names[int(0...names.count - 1)]))\(count(value()))}" }
        }
        let homes = (0..<int(0...max(0, users))).map { i -> String in
            let d = int(0...6)
            let uuid = chance(0.8) ? ",\"dashboardUuid\":\"d\(d)\"" : ""
            return
                "{\"userUuid\":\"h\(i)\",\"firstName\":\"H\",\"lastName\":\"\(i)\"\(uuid),\"dashboardName\":\(str(["A", "B", "", "Ä"][d % 4]))\(count(int(1...99))),\"slug\":\"x\"}"
        }
        let pct = users > 0 ? min(100, active * 100 / users) : 0
        let json = """
            {"status":"ok","results":{"numberUsers":\(users),"numberInteractiveViewers":\(iv),"numberViewers":\(viewers),\
            "numberEditors":\(editors),"numberAdmins":\(admins),"numberWeeklyQueryingUsers":\(pct),\
            "tableMostQueries":[\(queries.joined(separator: ","))],"tableMostCreatedCharts":[\(created.joined(separator: ","))],\
            "tableNoQueries":[\(noQueries.joined(separator: ","))],"chartWeeklyQueryingUsers":[\(activeRows.joined(separator: ","))],\
            "chartWeeklyAverageQueries":[\(averageRows.joined(separator: ","))],"dashboardViews":[\(views("d").joined(separator: ","))],\
            "userMostViewedDashboards":[\(homes.joined(separator: ","))],"chartViews":[\(views("c").joined(separator: ","))]}}
            """
        return Array(json.utf8)
    }
}
