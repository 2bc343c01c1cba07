import ActivityModel
import Charts
public import Delivery
import Insights
import ReportRendering

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything one run of `report` needs, already parsed from the command line and environment.
public struct RunConfiguration: Sendable {
    /// A path, or `-` for standard input.
    public var input: String
    public var outputDirectory: String
    public var title: String
    public var maxRows: Int
    public var summaryRows: Int
    public var templatesDirectory: String?
    public var maxInputBytes: Int
    /// Seconds since the epoch stamped on the report.
    public var generatedAt: Int64
    /// Whether to keep data notes off stderr.
    public var quiet: Bool
    /// An earlier payload or insights.json to compare with (`--previous`).
    public var previous: String?
    /// A JSON file of thresholds (`--config`): `{"thresholds": {"NAME": VALUE}}`.
    public var configFile: String?
    /// `NAME=VALUE` threshold overrides (`--threshold`), applied after the config file.
    public var thresholdOverrides: [String]
    /// `--email` and `--mail-*`: nil when no email is asked for.
    public var email: EmailOptions?
    /// `--check` conditions, already parsed.
    public var checks: [Check] = []
    /// `--github-summary`: the file to append the summary to (`$GITHUB_STEP_SUMMARY`).
    public var stepSummaryFile: String?

    public init(
        input: String, outputDirectory: String = "output", title: String = "Lightdash user activity",
        maxRows: Int = 50, summaryRows: Int = 10, templatesDirectory: String? = nil,
        maxInputBytes: Int = 512 << 20, generatedAt: Int64, quiet: Bool = false, previous: String? = nil,
        configFile: String? = nil, thresholdOverrides: [String] = []
    ) {
        self.previous = previous
        self.configFile = configFile
        self.thresholdOverrides = thresholdOverrides
        self.input = input
        self.outputDirectory = outputDirectory
        self.title = title
        self.maxRows = maxRows
        self.summaryRows = summaryRows
        self.templatesDirectory = templatesDirectory
        self.maxInputBytes = maxInputBytes
        self.generatedAt = generatedAt
        self.quiet = quiet
    }
}

/// Where a run's messages go: paths on `out`, everything else on `err`.
public protocol Console {
    mutating func out(_ line: String)
    mutating func err(_ line: String)
}

/// The real console: stdout and stderr.
public struct StandardConsole: Console {
    public init() {}
    public mutating func out(_ line: String) { print(line) }
    public mutating func err(_ line: String) {
        let text = Array((line + "\n").utf8)
        text.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = posixWrite(2, raw.baseAddress! + offset, raw.count - offset)  // count > 0: baseAddress is set
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

/// A console that keeps what it is given, for tests.
public struct RecordingConsole: Console {
    public var stdout: [String] = []
    public var stderr: [String] = []
    public init() {}
    public mutating func out(_ line: String) { stdout.append(line) }
    public mutating func err(_ line: String) { stderr.append(line) }
}

/// Load -> Validate -> Analyze -> Render -> Write, with one exit status at the end.
public enum Pipeline {
    public static func run(_ config: RunConfiguration, console: inout some Console) -> ExitStatus {
        // Load.
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(config.input, limit: config.maxInputBytes)
        } catch {
            console.err("error: \(error)")
            if case .tooLarge = error { return .dataInvalid }
            return .noInput
        }
        return process(bytes, source: config.input == "-" ? "standard input" : config.input, config, console: &console)
    }

    /// Validate -> Analyze -> Render -> Write for a payload already loaded from `source`
    /// (a path or a URL, for messages): shared by `--input` and `--url`.
    public static func process(_ bytes: [UInt8], source: String, _ config: RunConfiguration, console: inout some Console) -> ExitStatus {
        var insights: Insights?
        return process(bytes, source: source, config, console: &console, insights: &insights)
    }

    /// As above, and hands back the insights (for an index of many reports).
    static func process(
        _ bytes: [UInt8], source: String, _ config: RunConfiguration, console: inout some Console, insights handedBack: inout Insights?
    ) -> ExitStatus {
        // Validate.
        let loaded: LoadedActivity
        do {
            loaded = try PayloadDecoder.decode(bytes)
        } catch {
            switch error {
            case .invalid:
                console.err("error: \(source): \(error)")
                return .dataInvalid
            case .server(let status, _, _):
                console.err("error: \(source) holds an error response, not user activity: \(error)")
                if status == 401 || status == 403 { return .noPermission }
                return .dataInvalid
            }
        }
        if !config.quiet {
            for note in loaded.diagnostics { console.err("note: \(note.message)") }
        }
        // Thresholds: defaults, then the config file, then the flags.
        var thresholds = Thresholds()
        if let path = config.configFile {
            do {
                try thresholds.apply(config: try FileIO.read(path, limit: 1 << 20))
            } catch let error as InputError {
                console.err("error: --config: \(error)")
                return .noInput
            } catch {
                console.err("error: --config \(path): \(error)")
                return .usage
            }
        }
        for assignment in config.thresholdOverrides {
            do {
                try thresholds.set(assignment: assignment)
            } catch {
                console.err("error: --threshold: \(error)")
                return .usage
            }
        }
        // The previous run, when asked for: its payload or its insights.json.
        var previous: Previous?
        if let path = config.previous {
            let previousBytes: [UInt8]
            do {
                previousBytes = try FileIO.read(path, limit: config.maxInputBytes)
            } catch {
                console.err("error: --previous: \(error)")
                if case .tooLarge = error { return .dataInvalid }
                return .noInput
            }
            do {
                previous = try Previous.load(previousBytes)
            } catch {
                console.err("error: --previous \(path == "-" ? "standard input" : path): \(error)")
                return .dataInvalid
            }
        }
        // Analyze.
        let insights = Analyzer.analyze(loaded, previous: previous, thresholds: thresholds)
        if !config.quiet {
            for note in insights.dataNotes.dropFirst(loaded.diagnostics.count) { console.err("note: \(note.message)") }
        }
        // Render.
        let templates: Templates
        do {
            templates = try loadTemplates(config.templatesDirectory)
        } catch {
            console.err("error: \(error)")
            return .noInput
        }
        let options = ReportOptions(
            title: config.title, maxRows: config.maxRows, summaryRows: config.summaryRows, generatedAt: config.generatedAt)
        var files: [(path: String, bytes: [UInt8])] = []
        let charts = ChartBuilder.build(loaded.activity, insights: insights)
        do {
            files.append(("report.html", try HTMLReport.render(activity: loaded.activity, insights: insights, options: options, templates: templates, charts: charts)))
        } catch {
            console.err("error: \(error)")
            return .dataInvalid
        }
        files.append(("summary.md", MarkdownSummary.render(activity: loaded.activity, insights: insights, options: options)))
        files.append(("insights.json", InsightsJSON.encode(insights)))
        files += CSVExport.files(loaded.activity)
        for chart in charts.charts {
            files.append(("charts/\(chart.name).svg", chart.svgBytes()))
        }
        // Deliver: checks (listed in the summary), the email, the manifest.
        var checksFailed = false
        // Indexes of the files the delivery steps read or extend (appended above, so both exist).
        let summaryIndex = files.firstIndex { $0.path == "summary.md" } ?? 1
        let insightsIndex = files.firstIndex { $0.path == "insights.json" } ?? 2
        if !config.checks.isEmpty {
            let insightsBytes = files[insightsIndex].bytes
            var section = "\n## Checks\n\n"
            for check in config.checks {
                let result: Check.Result
                do {
                    result = try check.evaluate(insightsJSON: insightsBytes)
                } catch {
                    console.err("error: \(error)")
                    return .usage
                }
                console.err("check: \(result.line)")
                if !result.passed { checksFailed = true }
                section += "- \(result.passed ? "✅ pass" : "❌ FAIL"): `\(check)` (actual: \(result.actual))\n"
            }
            files[summaryIndex].bytes += Array(section.utf8)
        }
        if let email = config.email {
            do {
                files += try EmailPackage.files(
                    title: config.title, insights: insights, charts: charts, plainText: files[summaryIndex].bytes,
                    generatedAt: config.generatedAt, options: email)
            } catch {
                console.err("error: email: \(error)")
                return .usage
            }
        }
        files.append(("manifest.json", Manifest.render(files)))
        // Write.
        do {
            let written = try AtomicWriter.write(files, to: config.outputDirectory)
            for path in written { console.out(path) }
        } catch {
            console.err("error: cannot write the report: \(error)")
            return .cannotWrite
        }
        if let summaryFile = config.stepSummaryFile {
            do {
                try FileIO.append(StepSummary.fit(files[summaryIndex].bytes), to: summaryFile)
            } catch {
                console.err("error: --github-summary: cannot append to \(summaryFile): \(error)")
                return .cannotWrite
            }
        }
        handedBack = insights
        return checksFailed ? .checkFailed : .ok
    }

    /// The built-in templates, or the user's `DIR/report.html` and `DIR/report.css`
    /// (either may be missing: the built-in one is used for it).
    static func loadTemplates(_ directory: String?) throws(TemplateLoadError) -> Templates {
        guard let directory else { return .builtIn }
        var st = stat()
        guard stat(directory, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw TemplateLoadError(message: "--templates \(directory): no such folder")
        }
        var templates = Templates.builtIn
        let page = AtomicWriter.join(directory, "report.html")
        let css = AtomicWriter.join(directory, "report.css")
        var found = false
        if access(page, F_OK) == 0 {
            do {
                templates.page = try FileIO.read(page, limit: 16 << 20)
            } catch {
                throw TemplateLoadError(message: "\(error)")
            }
            templates.pageName = page
            found = true
        }
        if access(css, F_OK) == 0 {
            do {
                templates.stylesheet = String(decoding: try FileIO.read(css, limit: 16 << 20), as: UTF8.self)
            } catch {
                throw TemplateLoadError(message: "\(error)")
            }
            found = true
        }
        if !found { throw TemplateLoadError(message: "--templates \(directory) holds neither report.html nor report.css") }
        return templates
    }
}

struct TemplateLoadError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
