public import ActivitySource
import Foundation

/// What `report --url ...` is asked to do, checked: the server, the token, the projects.
public struct FetchPlan: Sendable {
    public enum Selection: Sendable, Equatable {
        case projects([String])
        case all
    }

    public var settings: FetchSettings
    public var selection: Selection
    /// Several projects: one folder each, plus an index. Otherwise the report goes straight into the output folder.
    public var batch: Bool
    public var saveRaw: String?
    /// `--save-raw DIR`: every response into a folder (``RawFolder``) rather than the payload into a file.
    public var saveRawFolder = false
    /// `--cleanup`: fetch content, deliveries and members too.
    public var cleanup = false
    public var concurrency: Int

    /// From the options and the environment (`LIGHTDASH_URL`, `LIGHTDASH_PROJECT`,
    /// `LIGHTDASH_API_KEY`, `LIGHTDASH_PROXY_AUTHORIZATION`, the proxy variables).
    public static func make(
        _ o: FetchRequest, environment env: [String: String], maxInputBytes: Int, files: some FileReading = LocalFiles()
    ) throws(ReportError) -> FetchPlan {
        func usage(_ message: String) -> ReportError { .usage(message) }
        func nonEmpty(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let urlText = o.url ?? nonEmpty("LIGHTDASH_URL") else {
            throw usage("give --input FILE, or --url (or LIGHTDASH_URL) with --project to fetch from a Lightdash server")
        }
        let endpoint: ServerEndpoint
        let proxy: ProxySetting?
        do {
            endpoint = try ServerEndpoint.parse(urlText, allowInsecureHTTP: o.allowInsecureHttp)
            proxy = try ProxySetting.fromEnvironment(env, for: endpoint)
        } catch {
            throw usage(error.description)
        }

        // The token: a file, or the environment; never a command-line value.
        let token: APIToken
        do {
            if let path = o.apiKeyFile {
                let bytes: [UInt8]
                do {
                    bytes = try files.read(path, limit: 64 << 10)
                } catch {
                    throw ReportError.missing("--api-key-file: \(error)")
                }
                token = try APIToken(String(decoding: bytes, as: UTF8.self), origin: "--api-key-file \(path)")
            } else if let value = env["LIGHTDASH_API_KEY"] {
                token = try APIToken(value, origin: "LIGHTDASH_API_KEY")
            } else {
                throw usage(
                    "no API token: set LIGHTDASH_API_KEY, or give --api-key-file with a file holding it (create one in Lightdash under Settings > Personal access tokens)"
                )
            }
        } catch let error as ReportError {
            throw error
        } catch let error as SourceError {
            throw usage(error.description)
        } catch {
            throw usage("\(error)")
        }
        var proxyAuthorization: String?
        if let value = nonEmpty("LIGHTDASH_PROXY_AUTHORIZATION") {
            guard value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
                throw usage("LIGHTDASH_PROXY_AUTHORIZATION holds a line break or control character")
            }
            proxyAuthorization = value
        }

        // The projects.
        var uuids: [String] = []
        var seen: Set<String> = []
        func add(_ text: String, _ origin: String) throws(ReportError) {
            guard let id = ProjectID.normalize(text) else {
                throw usage("\(origin): \"\(text.prefix(80))\" is not a project uuid (such as 3675b69e-8324-4110-bdca-059031aa8da3)")
            }
            if seen.insert(id).inserted { uuids.append(id) }
        }
        for p in o.projects { try add(p, "--project") }
        if let path = o.projectsFile {
            let bytes: [UInt8]
            do {
                bytes = try files.read(path, limit: 16 << 20)
            } catch {
                throw .missing("--projects-file: \(error)")
            }
            for (number, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .enumerated()
            {
                let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let text = content.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty { continue }
                try add(text, "\(path) line \(number + 1)")
            }
            if uuids.isEmpty && !o.allProjects { throw usage("\(path) lists no project uuid") }
        }
        let selection: Selection
        if o.allProjects {
            if !uuids.isEmpty { throw usage("--all-projects reports on every project: give it without --project or --projects-file") }
            selection = .all
        } else if uuids.isEmpty {
            guard let value = nonEmpty("LIGHTDASH_PROJECT") else {
                throw usage("which project? Give --project UUID (or LIGHTDASH_PROJECT), --projects-file FILE or --all-projects")
            }
            try add(value, "LIGHTDASH_PROJECT")
            selection = .projects(uuids)
        } else {
            selection = .projects(uuids)
        }
        let batch = o.allProjects || o.projectsFile != nil || uuids.count > 1
        if batch && o.saveRaw != nil {
            throw usage("--save-raw keeps one project's payload: give it with a single --project")
        }
        let settings = FetchSettings(
            endpoint: endpoint, token: token, proxyAuthorization: proxyAuthorization, proxy: proxy, timeout: o.timeout,
            deadline: o.deadline, maxBodyBytes: maxInputBytes, retry: RetryPolicy(baseDelay: o.retryBaseDelay))
        var plan = FetchPlan(settings: settings, selection: selection, batch: batch, saveRaw: o.saveRaw, concurrency: o.concurrency)
        plan.cleanup = o.cleanup
        if let raw = o.saveRaw {
            // A folder when the path says so (a trailing /) or already is one; otherwise a file, as before.
            plan.saveRawFolder = raw.hasSuffix("/") || files.isFolder(raw)
            if o.cleanup && !plan.saveRawFolder {
                throw usage(
                    "--save-raw \(raw) with --cleanup: the clean-up answers need a folder; end the path with / (--save-raw \(raw)/)")
            }
        }
        return plan
    }
}

/// The process environment as a dictionary.
public enum ProcessEnvironment {
    public static var current: [String: String] { ProcessInfo.processInfo.environment }
}

/// The options of `report --url ...`, as given on the command line.
public struct FetchRequest: Sendable, Equatable {
    public var url: String?
    public var projects: [String] = []
    public var projectsFile: String?
    public var allProjects = false
    public var apiKeyFile: String?
    /// Connect and read timeout in seconds.
    public var timeout: Double = 30
    /// `--deadline`: the longest the run may spend fetching, in seconds.
    public var deadline: Double?
    public var allowInsecureHttp = false
    public var saveRaw: String?
    /// `--cleanup`: also fetch content, deliveries and members.
    public var cleanup = false
    public var concurrency = 4
    /// The first backoff wait in seconds.
    public var retryBaseDelay: Double = 1

    public init() {}
}
