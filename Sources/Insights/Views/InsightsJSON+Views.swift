import ActivityModel

extension InsightsJSON {
    /// The `views` group (only with `--views`): see docs/insights.md.
    static func views(_ v: Views) -> JSONValue {
        .object([
            (
                "window",
                .object([
                    ("from", .optional(v.window.from) { .string(instant($0)) }),
                    ("to", .optional(v.window.to) { .string(instant($0)) }),
                    ("days", .int(v.window.days)),
                    ("rows", .int(v.window.rows)),
                    ("badRows", .int(v.window.badRows)),
                    ("capped", .bool(v.window.capped)),
                    ("covers", .string(v.windowPhrase)),
                ])
            ),
            ("views", .int(v.views)),
            ("identifiedViews", .int(v.identifiedViews)),
            ("anonymousViews", .int(v.anonymousViews)),
            ("viewers", .int(v.viewers)),
            ("latest", .optional(v.latest, dailyActives)),
            ("stickiness", ratio(v.stickiness)),
            ("stickinessBefore", ratio(v.stickinessBefore)),
            ("daily", .array(v.daily.map(dailyActives))),
            ("topReach", .array(v.topReach.map(reach))),
            (
                "singleViewer",
                .object([
                    ("dashboards", .int(v.singleViewer.filter { $0.kind == .dashboard }.count)),
                    ("charts", .int(v.singleViewer.filter { $0.kind == .chart }.count)),
                    ("items", .array(v.singleViewer.prefix(Views.topCount).map(reach))),
                ])
            ),
            (
                "lifecycle",
                .array(
                    v.lifecycle.map {
                        .object([
                            ("bucket", .string($0.key)), ("users", .int($0.users)), ("fromViews", .int($0.fromViews)),
                            ("fromPayload", .int($0.fromPayload)), ("covered", .bool($0.covered)),
                        ])
                    })
            ),
            ("heatmap", .object([("timeZone", .string(v.timeZone)), ("views", .array(v.heatmap.map { .array($0.map(JSONValue.int)) }))])),
            (
                "spaces",
                .array(v.spaces.map { .object([("name", .string($0.name)), ("views", .int($0.views)), ("viewers", .int($0.viewers))]) })
            ),
        ])
    }

    static func dailyActives(_ d: Views.DailyActives) -> JSONValue {
        .object([
            ("date", .string(d.day.iso)), ("dau", .int(d.dau)), ("wau", .int(d.wau)), ("mau", .int(d.mau)),
            ("stickiness", ratio(d.stickiness)), ("fullWeek", .bool(d.fullWeek)), ("fullMonth", .bool(d.fullMonth)),
        ])
    }

    static func reach(_ r: Views.Reach) -> JSONValue {
        .object([
            ("type", .string(r.kind.rawValue)), ("uuid", .string(r.uuid)), ("name", .string(r.name)), ("space", .string(r.space)),
            ("views", .int(r.views)), ("anonymousViews", .int(r.anonymousViews)), ("viewers", .int(r.viewers)),
            ("viewsPerViewer", decimal(r.viewsPerViewer)), ("lastViewed", .string(instant(r.lastViewed))),
        ])
    }

    /// `2026-02-11T14:05:37Z`, as the export writes it.
    public static func instant(_ t: Int64) -> String {
        let d = Views.day(t)
        let s = Int(t - Int64(d) * 86_400)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return Day(daysSinceEpoch: d).iso + "T" + two(s / 3600) + ":" + two(s % 3600 / 60) + ":" + two(s % 60) + "Z"
    }
}
