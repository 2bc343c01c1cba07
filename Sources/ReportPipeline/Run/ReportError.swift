public import ActivityModel
public import ActivitySource
public import Delivery
public import Insights
public import ReportRendering

/// Everything that can stop a report, or a whole run, with the exit status it ends with.
/// The texts never repeat the name of the report's input: a message carries that as its subject.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The command line, an environment variable or a plan of the run is wrong.
    case usage(String)
    /// A file the run needs (a token file, a list of projects) cannot be read.
    case missing(String)
    /// The report's input cannot be read, or is larger than the limit.
    case input(InputError)
    /// The input is not a user-activity payload, or it holds the server's error answer.
    case payload(LoadError)
    /// A clean-up response (`--cleanup`, or a saved folder) is not what its route sends.
    case cleanup(CleanupError)
    /// `--input DIR` is not a folder written by `--save-raw DIR`.
    case rawFolder(String)
    /// `--config` cannot be read.
    case configUnreadable(InputError)
    /// `--config` is not a thresholds file.
    case configInvalid(path: String, ThresholdError)
    /// `--previous` cannot be read.
    case previousUnreadable(InputError)
    /// `--previous` is neither a payload nor an insights.json.
    case previousInvalid(path: String, PreviousError)
    /// `--templates` names no usable folder or file.
    case templates(String)
    /// A user template cannot be used.
    case render(RenderError)
    /// A `--check` names a key that is not a number.
    case check(DeliveryError)
    /// The email cannot be made.
    case email(DeliveryError)
    /// A system library the run needs (librsvg for `--email`) cannot be loaded.
    case library(LibraryMissing)
    /// The report (or the index) cannot be written.
    case write(FileError)
    /// The index of a batch cannot be written.
    case writeIndex(FileError)
    /// `--github-summary` cannot be appended to.
    case stepSummary(path: String, FileError)
    /// `--save-raw` cannot be written.
    case saveRaw(FileError)
    /// The server did not answer usefully.
    case fetch(FetchFailure)
    /// The token sees no project.
    case noProjects
    /// `--history` cannot take this run's record (checked before the report is written), or the
    /// record could not be written after it.
    case history(FileError)
    /// `report history import`: a file is neither a payload nor an insights.json, or covers no day.
    case historyImport(String)
    /// `--views FILE` cannot be read.
    case viewsUnreadable(InputError)
    /// The views CSV is not Lightdash's views export at all.
    case views(source: String, ViewsCSVError)
    /// A message (email, Slack, Teams) could not be sent; the report's files stay written.
    case send(SendFailure)

    /// The process exit status: the one place where errors become exit codes.
    public var status: ExitStatus {
        switch self {
        case .email(let e) where e.kind == .drawing: return .dataInvalid
        case .usage, .configInvalid, .check, .email: return .usage
        case .missing, .configUnreadable, .templates, .noProjects: return .noInput
        case .input(let e), .previousUnreadable(let e):
            if case .tooLarge = e { return .dataInvalid }
            return .noInput
        case .payload(.server(let code, _, _)) where code == 401 || code == 403: return .noPermission
        case .payload, .previousInvalid, .render, .historyImport, .views, .cleanup, .rawFolder: return .dataInvalid
        case .viewsUnreadable(let e):
            if case .tooLarge = e { return .dataInvalid }
            return .noInput
        case .write, .writeIndex, .stepSummary, .saveRaw, .history: return .cannotWrite
        case .library: return .libraryMissing
        case .fetch(let failure):
            switch failure.kind {
            case .refused: return .noPermission
            case .unknownProject: return .noInput
            case .unavailable: return .unavailable
            case .tooLarge: return .dataInvalid
            }
        case .send(let failure): return failure.kind == .refused ? .noPermission : .unavailable
        }
    }

    public var description: String {
        switch self {
        case .usage(let text), .missing(let text), .templates(let text), .historyImport(let text): return text
        case .cleanup(let e): return e.description
        case .rawFolder(let text): return "not a saved folder of --save-raw: \(text)"
        case .input(.unreadable(let e)): return "cannot read input: \(e.reason)"
        case .input(.tooLarge(_, let size, let limit)): return "the input is " + InputError.tooLargeText(size: size, limit: limit)
        case .payload(.invalid(let problems, let more)): return LoadError.invalid(problems, more: more).description
        case .payload(let e): return "holds an error response, not user activity: \(e)"
        case .configUnreadable(let e): return "--config: \(e)"
        case .configInvalid(let path, let e): return "--config \(path): \(e)"
        case .previousUnreadable(let e): return "--previous: \(e)"
        case .previousInvalid(let path, let e): return "--previous \(path == "-" ? "standard input" : path): \(e)"
        case .render(let e): return "\(e)"
        case .check(let e): return "\(e)"
        case .email(let e): return "email: \(e)"
        case .library(let e): return e.description
        case .write(let e): return "cannot write the report: \(e)"
        case .writeIndex(let e): return "cannot write the index: \(e)"
        case .stepSummary(let path, let e): return "--github-summary: cannot append to \(path): \(e.reason)"
        case .saveRaw(let e): return "cannot write --save-raw: \(e)"
        case .history(let e): return "--history: \(e)"
        case .viewsUnreadable(let e): return "--views: \(e)"
        case .views(let source, let e): return "--views \(source): \(e)"
        case .fetch(let f): return f.description
        case .noProjects: return "the organisation has no projects that this token can see"
        case .send(let f): return f.description
        }
    }

    /// One line for the failure list of a batch and its index.
    public var summary: String {
        switch self {
        case .fetch(let f): return f.message
        case .send(let f): return f.line
        case .payload(.invalid(let problems, let more)):
            guard let first = problems.first else { break }
            let others = problems.count - 1 + more
            return "not a valid user-activity payload: \(first)" + (others > 0 ? " (and \(others) more)" : "")
        default: break
        }
        return String(description.split(separator: "\n", maxSplits: 1).first ?? "failed")
    }

    /// Whether the error is about the report's input, so that a message names the input.
    var concernsInput: Bool {
        switch self {
        case .input, .payload, .cleanup, .rawFolder: return true
        default: return false
        }
    }
}
