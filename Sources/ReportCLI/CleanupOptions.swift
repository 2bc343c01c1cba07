public import ArgumentParser

/// `--cleanup` and `--show-recipients`: the "Clean-up" part (stale content, deliveries, seats).
public struct CleanupOptions: ParsableArguments {
    @Flag(
        help:
            "With --url: also read the project's content, scheduled deliveries and the organisation's members, for a Clean-up part (stale content, failing or unread deliveries, unused seats). A route the token may not read is a data note."
    )
    var cleanup = false

    @Flag(help: "Name the email recipients of deliveries in the Clean-up part (otherwise they are only counted).")
    var showRecipients = false

    public init() {}

    func apply(to invocation: inout Invocation) {
        invocation.server.cleanup = cleanup
        invocation.showRecipients = showRecipients
    }
}
