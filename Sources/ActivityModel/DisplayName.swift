/// Names as people are shown them (the page, the SVG charts, the email, the Markdown summary):
/// at most ``maxCharacters`` characters (grapheme clusters, what a reader counts as one) and
/// ``maxScalars`` Unicode scalars (a cluster may stack any number of combining marks), cut at a
/// character boundary with an ellipsis. The CSV files and insights.json keep every name whole.
/// A megabyte name thus costs the renderers nothing: they never see it.
public enum DisplayName {
    /// Characters kept at most, the ellipsis included.
    public static let maxCharacters = 100
    /// Unicode scalars kept at most, the ellipsis included.
    public static let maxScalars = 400

    /// `name`, or its first characters and "…" when it is longer than the limits.
    public static func cap(_ name: String) -> String {
        // Every character takes at least one byte: short names need no counting.
        if name.utf8.count <= maxCharacters { return name }
        // Only the first scalars can matter; a break between two scalars depends only on what
        // comes before it and the one scalar after it, so the head's boundaries are the name's.
        let head = String(String.UnicodeScalarView(name.unicodeScalars.prefix(maxScalars + 1)))
        if head.unicodeScalars.count <= maxScalars && head.count <= maxCharacters { return name }
        var kept = ""
        var characters = 0
        var scalars = 0
        for character in head {
            let n = character.unicodeScalars.count
            if characters + 1 > maxCharacters - 1 || scalars + n > maxScalars - 1 { break }
            kept.append(character)
            characters += 1
            scalars += n
        }
        while let last = kept.last, last.isWhitespace { kept.removeLast() }
        return kept + "…"
    }
}

extension UserActivity {
    /// The same activity with every name capped for display (``DisplayName``): what the page,
    /// the charts, the email and the summary are rendered from.
    public func cappingNames() -> UserActivity {
        func people(_ rows: [UserCount]) -> [UserCount] {
            rows.map {
                var row = $0
                row.firstName = DisplayName.cap(row.firstName)
                row.lastName = DisplayName.cap(row.lastName)
                return row
            }
        }
        func content(_ rows: [ContentViews]) -> [ContentViews] {
            rows.map {
                var row = $0
                row.name = DisplayName.cap(row.name)
                return row
            }
        }
        var shown = self
        shown.mostQueries = people(mostQueries)
        shown.mostCreatedCharts = people(mostCreatedCharts)
        shown.noQueries = people(noQueries)
        shown.dashboardViews = content(dashboardViews)
        shown.chartViews = content(chartViews)
        shown.userMostViewedDashboards = userMostViewedDashboards.map {
            var row = $0
            row.firstName = DisplayName.cap(row.firstName)
            row.lastName = DisplayName.cap(row.lastName)
            row.dashboardName = DisplayName.cap(row.dashboardName)
            return row
        }
        return shown
    }
}
