public import ActivityModel

extension Views {
    /// Every number of the `views` group from an export, the payload (its list of inactive users
    /// feeds the over-90-days bucket) and the zone of the heatmap. Pure.
    public static func analyze(_ log: ViewsLog, activity: UserActivity, zone: ZoneOffsets = .utc) -> Views {
        let events = log.events
        var from: Int64?
        var to: Int64?
        for e in events {
            if from == nil || e.time < from! { from = e.time }
            if to == nil || e.time > to! { to = e.time }
        }
        let firstDay = from.map(day) ?? 0
        let lastDay = to.map(day) ?? -1
        let days = max(0, lastDay - firstDay + 1)
        let window = Window(
            from: from, to: to, days: days, rows: events.count, badRows: log.badRows,
            capped: events.count + log.badRows >= serverCap)

        // Per user: the days with a view (sorted), views, last view; per item and space: views and viewers.
        var userDays = [[Int]](repeating: [], count: log.users.count)
        var userViews = [Int](repeating: 0, count: log.users.count)
        var userLast = [Int64](repeating: .min, count: log.users.count)
        var itemViews = [Int](repeating: 0, count: log.items.count)
        var itemAnonymous = [Int](repeating: 0, count: log.items.count)
        var itemLast = [Int64](repeating: .min, count: log.items.count)
        var itemViewers = [Set<Int32>](repeating: [], count: log.items.count)
        var spaceViews = [Int](repeating: 0, count: log.spaces.count)
        var spaceViewers = [Set<Int32>](repeating: [], count: log.spaces.count)
        // Per user and item: views and the last one, for the favourite.
        var pair: [Int64: (views: Int, last: Int64)] = [:]
        var heatmap = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
        var anonymous = 0
        for e in events {
            let i = Int(e.item)
            itemViews[i] += 1
            itemLast[i] = max(itemLast[i], e.time)
            spaceViews[Int(e.space)] += 1
            let local = e.time + Int64(zone.offset(at: e.time))
            let d = day(local)
            // 1970-01-01 was a Thursday (weekday 3 counting from Monday = 0).
            let weekday = ((d % 7) + 7 + 3) % 7
            let hour = Int((local - Int64(d) * 86_400) / 3600)
            heatmap[weekday][hour] += 1
            guard e.user >= 0 else {
                anonymous += 1
                itemAnonymous[i] += 1
                continue
            }
            let u = Int(e.user)
            userViews[u] += 1
            userLast[u] = max(userLast[u], e.time)
            userDays[u].append(day(e.time))
            itemViewers[i].insert(e.user)
            spaceViewers[Int(e.space)].insert(e.user)
            let key = Int64(e.user) << 32 | Int64(e.item)
            let old = pair[key] ?? (0, .min)
            pair[key] = (old.views + 1, max(old.last, e.time))
        }

        // Daily actives: each user's days with a view mark the days whose 1, 7 and 30 trailing days hold one.
        var dau = [Int](repeating: 0, count: days + 31)
        var wau = [Int](repeating: 0, count: days + 31)
        var mau = [Int](repeating: 0, count: days + 31)
        /// Adds 1 to `counts[k]` for every day `k` within `span - 1` days after one of `days` (sorted),
        /// each day once however many of `days` cover it.
        func cover(_ counts: inout [Int], _ days: [Int], span: Int, limit: Int) {
            var next = 0  // the first day not yet counted
            for x in days {
                let start = max(x, next)
                let end = min(x + span - 1, limit - 1)
                if start <= end { for k in start...end { counts[k] += 1 } }
                next = max(next, x + span)
            }
        }
        for u in userDays.indices {
            let sorted = Set(userDays[u].map { $0 - firstDay }).sorted()
            for x in sorted { dau[x] += 1 }
            cover(&wau, sorted, span: 7, limit: days)
            cover(&mau, sorted, span: 30, limit: days)
        }
        func stickiness(endingAt x: Int) -> Double? {
            guard x >= 0, x < days, mau[x] > 0 else { return nil }
            let start = max(0, x - 29)
            let mean = Double(dau[start...x].reduce(0, +)) / Double(x - start + 1)
            return mean / Double(mau[x])
        }
        // One stickiness: the day's, the headline's and the one 30 days earlier are all this.
        let daily = (0..<days).map { x in
            DailyActives(
                day: Day(daysSinceEpoch: firstDay + x), dau: dau[x], wau: wau[x], mau: mau[x],
                stickiness: stickiness(endingAt: x), fullWeek: x >= 6, fullMonth: x >= 29)
        }

        var reach = log.items.indices.map { i in
            let item = log.items[i]
            let viewers = itemViewers[i].count
            let identified = itemViews[i] - itemAnonymous[i]
            return Reach(
                kind: item.kind, uuid: item.uuid, name: item.name, space: item.space, views: itemViews[i],
                anonymousViews: itemAnonymous[i], viewers: viewers,
                viewsPerViewer: viewers > 0 ? Double(identified) / Double(viewers) : nil, lastViewed: itemLast[i])
        }
        reach.sort { a, b in
            if a.viewers != b.viewers { return a.viewers > b.viewers }
            if a.views != b.views { return a.views > b.views }
            if a.kind != b.kind { return a.kind == .dashboard }
            return a.uuid.utf8.lexicographicallyPrecedes(b.uuid.utf8)
        }
        let single = reach.filter { $0.viewers == 1 && $0.anonymousViews == 0 }.sorted { a, b in
            if a.views != b.views { return a.views > b.views }
            if a.kind != b.kind { return a.kind == .dashboard }
            return a.uuid.utf8.lexicographicallyPrecedes(b.uuid.utf8)
        }

        var favourite = [(item: Int, views: Int, last: Int64)](repeating: (-1, 0, .min), count: log.users.count)
        for (key, value) in pair {
            let u = Int(key >> 32)
            let i = Int(key & 0xFFFF_FFFF)
            let f = favourite[u]
            let better =
                f.item < 0 || value.views > f.views || (value.views == f.views && value.last > f.last)
                || (value.views == f.views && value.last == f.last
                    && log.items[i].uuid.utf8.lexicographicallyPrecedes(log.items[f.item].uuid.utf8))
            if better { favourite[u] = (i, value.views, value.last) }
        }
        var users: [Viewer] = []
        for u in log.users.indices where userViews[u] > 0 {
            let f = favourite[u]
            let item = log.items[f.item]
            users.append(
                Viewer(
                    uuid: log.users[u].uuid, name: log.users[u].name, lastSeen: userLast[u], views: userViews[u],
                    daysSinceLastView: lastDay - day(userLast[u]), favourite: .init(kind: item.kind, uuid: item.uuid),
                    favouriteName: item.name, favouriteViews: f.views))
        }
        users.sort { a, b in
            if a.lastSeen != b.lastSeen { return a.lastSeen > b.lastSeen }
            return a.uuid.utf8.lexicographicallyPrecedes(b.uuid.utf8)
        }

        let lifecycle = buckets(users, days: days, listed: activity.noQueries.map(\.userUuid))
        var spaces = log.spaces.indices.map { Space(name: log.spaces[$0], views: spaceViews[$0], viewers: spaceViewers[$0].count) }
        spaces.sort { a, b in a.views != b.views ? a.views > b.views : a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
        return Views(
            window: window, views: events.count, identifiedViews: events.count - anonymous, anonymousViews: anonymous,
            viewers: users.count, daily: daily, latest: daily.last, stickiness: stickiness(endingAt: days - 1),
            stickinessBefore: days >= 60 ? stickiness(endingAt: days - 31) : nil, reach: reach, singleViewer: single, users: users,
            lifecycle: lifecycle, heatmap: heatmap, timeZone: zone.name, spaces: spaces)
    }

    /// Identified users by days since their last view: 0-6, 7-29, 30-89 (from the export) and 90
    /// or more or never (the export's, plus users the payload lists as inactive who are not in it).
    static func buckets(_ users: [Viewer], days: Int, listed: [String]) -> [Bucket] {
        let ranges = [("active-7d", 0, 6), ("active-8-30d", 7, 29), ("active-31-90d", 30, 89)]
        var out = ranges.map { key, lo, hi in
            let n = users.filter { $0.daysSinceLastView >= lo && $0.daysSinceLastView <= hi }.count
            return Bucket(key: key, users: n, fromViews: n, fromPayload: 0, covered: days >= hi + 1)
        }
        let seen = Set(users.map(\.uuid))
        let old = users.filter { $0.daysSinceLastView >= 90 }.count
        let listedOnly = Set(listed.filter { !$0.isEmpty && !seen.contains($0) }).count
        out.append(Bucket(key: "over-90d-or-never", users: old + listedOnly, fromViews: old, fromPayload: listedOnly, covered: true))
        return out
    }
}
