/// The definitions of the "Views" part (`--views`), printed under it; the full text is the
/// `views` section of docs/insights.md.
extension Glossary {
    public static let viewsActives = Entry(
        id: "views-actives", term: "Daily, weekly and monthly active viewers (DAU, WAU, MAU)",
        keys: ["views.daily", "views.latest"],
        text:
            "From the raw views export: the identified users with at least one chart or dashboard view on the day (DAU), in the 7 days (WAU) and in the 30 days (MAU) ending that day, UTC calendar days; windows are cut at the export's first day."
    )
    public static let stickiness = Entry(
        id: "stickiness", term: "Stickiness", keys: ["views.stickiness", "views.stickinessBefore"],
        text:
            "The mean DAU over the last 30 days divided by the MAU of the last day: 1 means every monthly viewer comes every day. Compared with the 30 days before when the export covers 60 days."
    )
    public static let reach = Entry(
        id: "reach", term: "Reach", keys: ["views.topReach", "views.singleViewer"],
        text:
            "Per chart and dashboard: its views, its distinct identified viewers and views per viewer in the export's window. Views without a user (anonymous or embedded viewers, deleted users) are counted as views, never as viewers."
    )
    public static let lastView = Entry(
        id: "last-view", term: "Identified users by their last view", keys: ["views.lifecycle"],
        text:
            "Whole UTC days from a user's last view in the export to its last day; users over 90 days or never come from the export and from the payload's list of inactive users."
    )

    /// The entries of the "Views" part, in order.
    public static let viewsEntries: [Entry] = [viewsActives, stickiness, reach, lastView]
}
