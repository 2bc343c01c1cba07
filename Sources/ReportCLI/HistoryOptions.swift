public import ArgumentParser
import ReportPipeline

/// `--history` and `--history-raw`: keeping a record of each run and reading the earlier ones.
public struct HistoryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A folder of earlier runs' records (created when missing): the report gains an \"Over time\" section of up to 52 weeks, and this run's insights.json is kept there as DIR[/PROJECT]/DAY.insights.json.",
            valueName: "dir"))
    var history: String?

    @Flag(help: "With --history: also keep the payload beside the record, as DAY.payload.json.")
    var historyRaw = false

    public init() {}

    public func validate() throws {
        if history?.isEmpty == true { throw ValidationError("--history needs a folder") }
        if historyRaw && history == nil { throw ValidationError("--history-raw keeps the payload in the --history folder: give --history") }
    }

    func apply(to invocation: inout Invocation) {
        invocation.history = history
        invocation.historyRaw = historyRaw
    }
}

/// `report history import DIR FILE...`.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Manage the records kept with --history.", subcommands: [HistoryImportCommand.self])
}

struct HistoryImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn saved payloads (--save-raw files, exported JSON) or insights.json files into history records.",
        discussion: """
            Each FILE becomes DIR/DAY.insights.json, DAY being the newest day of its daily series \
            (a later file of the same day replaces an earlier one). For a project fetched with \
            --url, give its folder: DIR/PROJECT-UUID. Each record keeps the file it came from.
            """)

    @Argument(help: ArgumentHelp("The history folder of one project (created when missing).", valueName: "dir"))
    var directory: String

    @Argument(help: ArgumentHelp("Payloads or insights.json files to import.", valueName: "file"))
    var files: [String]

    // Not --project and --quiet: the options of `report` itself would take those.
    @Option(help: ArgumentHelp("The project's uuid, kept in each record (record.project).", valueName: "uuid"))
    var projectUuid: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to import") }
        if directory.isEmpty { throw ValidationError("the history folder needs a path") }
    }

    func run() throws {
        let events = ConsoleProgress.standardError(quiet: false, reportLines: false, activity: "importing")
        let result = HistoryImport.run(files, into: directory, project: projectUuid, events: events)
        for path in result.written { print(path) }
        if result.status != .ok { throw ExitCode(result.status.rawValue) }
    }
}
