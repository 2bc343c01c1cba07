public import ArgumentParser
import ReportPipeline

/// The options of `report --url ...`: fetching from a Lightdash server, one project or many.
public struct ServerOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The Lightdash server, such as https://lightdash.example.com (default: $LIGHTDASH_URL). Plain http only for this machine or with --allow-insecure-http.",
            valueName: "url"))
    var url: String?

    @Option(
        name: .customLong("project"),
        help: ArgumentHelp(
            "A project uuid (default: $LIGHTDASH_PROJECT). Repeat for several projects.", valueName: "uuid"))
    var projects: [String] = []

    @Option(help: ArgumentHelp("A file of project uuids, one a line; # starts a comment.", valueName: "path"))
    var projectsFile: String?

    @Flag(help: "Report on every project of the organisation (GET /api/v1/org/projects).")
    var allProjects = false

    @Option(
        help: ArgumentHelp(
            "A file holding the API token (default: $LIGHTDASH_API_KEY). Tokens starting ldsvc_ are sent as Bearer, others as ApiKey.",
            valueName: "path"))
    var apiKeyFile: String?

    @Option(
        help: ArgumentHelp(
            "Connect and read timeout in seconds (Lightdash, SMTP and the webhooks); each Lightdash attempt, head and body, is also cut after 10 x this (at least 60 s).",
            valueName: "seconds"))
    var timeout: Double = 30

    @Option(
        help: ArgumentHelp(
            "The longest the whole run may spend fetching, retries and waits included; what is not fetched by then fails (exit 69).",
            valueName: "seconds"))
    var deadline: Double?

    @Flag(help: "Allow plain http to a server that is not on this machine (the token then crosses the network unencrypted).")
    var allowInsecureHttp = false

    @Option(
        help: ArgumentHelp(
            "Also write the fetched JSON, exactly as received, to this file (one project only); usable later with --input. A path ending in / (or an existing folder) keeps every answer of the run, --cleanup's included, in a folder with an index.json; --input DIR reads it back.",
            valueName: "path"))
    var saveRaw: String?

    @Option(help: ArgumentHelp("Projects fetched at the same time.", valueName: "n"))
    var concurrency: Int = 4

    /// For tests: the first backoff wait in seconds (it doubles with each attempt).
    @Option(help: .hidden)
    var retryBaseDelay: Double = 1

    /// Refused with an explanation: a token on the command line lands in shell history and process lists.
    @Option(help: .hidden)
    var apiKey: String?

    public init() {}

    /// What `--concurrency` may be.
    static let concurrencyRange = 1...64

    /// Whether any option of this group was given.
    var used: Bool {
        url != nil || !projects.isEmpty || projectsFile != nil || allProjects || apiKeyFile != nil || saveRaw != nil || deadline != nil
    }

    /// The options as the pipeline takes them.
    var request: FetchRequest {
        var r = FetchRequest()
        r.url = url
        r.projects = projects
        r.projectsFile = projectsFile
        r.allProjects = allProjects
        r.apiKeyFile = apiKeyFile
        r.timeout = timeout
        r.deadline = deadline
        r.allowInsecureHttp = allowInsecureHttp
        r.saveRaw = saveRaw
        r.concurrency = concurrency
        r.retryBaseDelay = retryBaseDelay
        return r
    }

    public func validate() throws {
        if apiKey != nil {
            throw ValidationError(
                "--api-key is not accepted: a token on the command line lands in shell history and process lists. Put it in LIGHTDASH_API_KEY or in a file given with --api-key-file"
            )
        }
        if !(timeout > 0 && timeout <= 3600) { throw ValidationError("--timeout must be between 0 and 3600 seconds, got \(timeout)") }
        if let deadline, !(deadline > 0 && deadline <= 86_400) {
            throw ValidationError("--deadline must be between 0 and 86400 seconds, got \(deadline)")
        }
        if !Self.concurrencyRange.contains(concurrency) {
            throw ValidationError("--concurrency must be between 1 and 64, got \(concurrency)")
        }
        if !(retryBaseDelay >= 0 && retryBaseDelay <= 60) { throw ValidationError("--retry-base-delay must be between 0 and 60 seconds") }
    }
}
