public import ActivityModel

/// Turns a ``LoadedActivity`` (and optionally an earlier run) into ``Insights``.
public enum Analyzer {
    /// Every metric, the comparison with `previous` when given, the weekly points of `history`
    /// when given, and the findings drawn with `thresholds`. Pure: the same arguments give the
    /// same value.
    public static func analyze(
        _ loaded: LoadedActivity, previous: Previous? = nil, history: History? = nil, thresholds: Thresholds = Thresholds(),
        views: ViewsLog? = nil, zone: ZoneOffsets = .utc, cleanup: CleanupData? = nil, now: Int64 = 0,
        showRecipients: Bool = false
    ) -> Insights {
        let a = loaded.activity
        var notes = loaded.diagnostics
        let activity = countedActivity(a)
        let inactive = inactive(a)
        let creators = countedCreators(a)
        if activity.overflow || creators.overflow {
            notes.append(
                Diagnostic(
                    code: "count-overflow",
                    message: "The counts of a list add up to more than \(Format.integer(Int.max)); the sum is shown as that number."))
        }
        let under90 = a.noQueries.filter { $0.count < 90 }.count
        if under90 > 0 {
            notes.append(
                Diagnostic(
                    code: "inactive-under-90",
                    message:
                        "\(Format.count(under90, "inactive user")) \(under90 == 1 ? "has" : "have") fewer than 90 days without a chart view; counted in the 90\u{2013}179 days bucket."
                ))
        }
        if activity.value.activeUsers > a.numberUsers {
            notes.append(
                Diagnostic(
                    code: "active-over-users",
                    message:
                        "The list of active users has \(Format.integer(activity.value.activeUsers)) rows, more than the \(Format.integer(a.numberUsers)) users of the project; the data is inconsistent."
                ))
        }
        if inactive.count > a.numberUsers {
            notes.append(
                Diagnostic(
                    code: "inactive-over-users",
                    message:
                        "The list of inactive users has \(Format.integer(inactive.count)) rows, more than the \(Format.integer(a.numberUsers)) users of the project; the data is inconsistent."
                ))
        }
        var insights = Insights(
            users: users(a), activity: activity.value, trend: trend(a), concentration: concentration(a),
            inactive: inactive, creators: creators.value, content: content(a), comparison: nil,
            thresholds: thresholds, findings: [], dataNotes: notes)
        if let previous {
            let before = previous.insights(thresholds: thresholds)
            insights.comparison = Comparison(current: insights, previous: before)
            if let now = insights.trend.asOf, let then = before.trend.asOf, then >= now {
                insights.dataNotes.append(
                    Diagnostic(
                        code: "previous-not-older",
                        message: then == now
                            ? "The previous report covers the same day (\(now.long)); the changes since it are likely 0."
                            : "The previous report is newer (\(then.long)) than this one (\(now.long)); its changes read backwards."))
            }
        }
        if let history { addOverTime(&insights, series: a.activeUsersSeries, history: history) }
        if let views { addViews(&insights, log: views, activity: a, zone: zone) }
        if let cleanup {
            insights.cleanup = Self.cleanup(cleanup, activity: a, now: now, thresholds: thresholds, showRecipients: showRecipients)
            insights.dataNotes += cleanup.notes
        }
        insights.findings = Findings.draw(insights, thresholds: thresholds)
        return insights
    }

    /// The sum of `values`, saturating at `Int.max`, and whether it did.
    static func sum(_ values: [Int]) -> (value: Int, overflow: Bool) {
        var total = 0
        for v in values {
            let (s, o) = total.addingReportingOverflow(v)
            if o { return (Int.max, true) }
            total = s
        }
        return (total, false)
    }

    /// Code-point order of strings (the same in every language, unlike Swift's `<`, which
    /// compares canonically equivalent strings as equal).
    static func codePointsPrecede(_ a: String, _ b: String) -> Bool {
        // UTF-8 keeps the order of code points, so the bytes can be compared instead of decoded scalars.
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Sets `overTime` from `history` (the records' skip notes join the data notes); without a
    /// day (no daily series) there is nothing to place the weeks on, and a note says so.
    static func addOverTime(_ insights: inout Insights, series: [ActiveUsersDay], history: History) {
        insights.dataNotes += history.notes
        guard let day = insights.trend.asOf else {
            insights.dataNotes.append(
                Diagnostic(
                    code: "history-no-day",
                    message:
                        "The payload has no daily series, so this run has no day: it is neither placed among the history records nor kept as one."
                ))
            return
        }
        let made = overTime(insights, day: day, series: series, history: history)
        insights.overTime = made.overTime
        insights.dataNotes += made.notes
    }
}
