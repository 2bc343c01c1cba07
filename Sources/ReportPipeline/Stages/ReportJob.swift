public import ActivityModel

/// One report to make: which input, what it is called, and where it goes.
public struct ReportJob: Sendable, Equatable {
    /// What the Load step reads: a path (`-` for standard input) or a project uuid.
    public var input: String
    /// For messages and progress: the file, or "Name (uuid)" for a project.
    public var label: String
    /// For the index: the file's name without `.json`, or the project's name.
    public var name: String
    /// For the index: the project's uuid; empty for a file (the index never shows a path).
    public var key: String
    /// The report's folder relative to the output folder; empty when the report goes straight into it.
    public var folder: String
    /// The report's title.
    public var title: String
    /// The project's uuid when the input is a project of a server (names its `--history` folder).
    public var project: String?

    public init(input: String, label: String, name: String, key: String, folder: String, title: String, project: String? = nil) {
        self.project = project
        self.input = input
        self.label = label
        self.name = name
        self.key = key
        self.folder = folder
        self.title = title
    }
}

/// Load's output: a payload's bytes, what they are called in messages, and what to keep of them.
public struct Payload: Sendable {
    /// The bytes: in memory, or a large input file mapped.
    public var input: InputBytes
    /// A path, "standard input", or the URL fetched.
    public var source: String
    /// `--save-raw`: where to keep the bytes exactly as received, once the report is written.
    public var rawCopy: String?
    /// `--views auto`: the views CSV fetched with the payload, exactly as received (what
    /// `--save-raw` can keep); nil when not fetched.
    public var views: ViewsInput?
    /// `--save-raw DIR`: keep every response in a folder (``RawFolder``) rather than the payload in a file.
    public var rawFolder = false
    /// The clean-up responses (`--cleanup`, or a saved folder that holds them); nil without.
    public var cleanup: CleanupResponses?
    /// The project's uuid, for the saved folder's index (empty for a file).
    public var project = ""

    public init(bytes: [UInt8], source: String, rawCopy: String? = nil) {
        self.init(input: InputBytes(bytes), source: source, rawCopy: rawCopy)
    }

    public init(input: InputBytes, source: String, rawCopy: String? = nil) {
        self.input = input
        self.source = source
        self.rawCopy = rawCopy
    }

    /// The bytes as an array (a copy when the input is a mapped file).
    public var bytes: [UInt8] { input.bytes }
}
