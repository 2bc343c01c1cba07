public import ArgumentParser

/// `--views` and `--timezone`: the raw views CSV and the zone its heatmap is drawn in.
public struct ViewsOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The raw views CSV (Lightdash's user-activity \"Export CSV\"), or auto with --url to download each project's: the report gains a \"Views\" part (daily, weekly and monthly actives, stickiness, reach, when people work, spaces).",
            valueName: "file|auto"))
    var views: String?

    @Option(
        name: .customLong("timezone"),
        help: ArgumentHelp("The tz database zone of the views heatmap (daylight saving included).", valueName: "zone"))
    var timeZone = "UTC"

    public init() {}

    public func validate() throws {
        if views?.isEmpty == true { throw ValidationError("--views needs a path, or auto with --url") }
        if timeZone.isEmpty { throw ValidationError("--timezone needs a zone name such as Europe/Berlin") }
    }

    func apply(to invocation: inout Invocation) {
        invocation.views = views
        invocation.timeZone = timeZone
    }
}
