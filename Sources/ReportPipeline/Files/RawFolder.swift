import ActivityModel
import Insights

/// `--save-raw DIR` and `--input DIR`: every response of a run kept as received, in one folder
/// with a small index (documented in README, "Saved folders"):
///
/// ```
/// DIR/index.json                 what is where (written last)
/// DIR/user-activity.json         the payload
/// DIR/content-001.json ...       every page of GET /api/v2/content, in the order fetched
/// DIR/schedulers.json            GET /api/v1/schedulers/{p}/list?includeLatestRun=true
/// DIR/scheduler-logs-001.json    the pages of GET /api/v1/schedulers/{p}/logs
/// DIR/org-users.json             GET /api/v1/org/users
/// DIR/views.csv                  the raw views CSV (reserved for the views download)
/// ```
///
/// Webhook URLs are cut to their host before anything is kept (they are secrets), and the token
/// is taken out of every body, as for the report itself.
public enum RawFolder {
    public static let format = "activityreport-raw"
    public static let version = 1

    /// The files of a saved folder, index last.
    public static func files(_ payload: Payload, project: String) -> [(path: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = [("user-activity.json", payload.bytes)]
        var index: [(String, JSONValue)] = [
            ("format", .string(format)), ("version", .number(String(version))), ("project", .string(project)),
            ("payload", .string("user-activity.json")),
        ]
        let c = payload.cleanup
        func numbered(_ stem: String, _ pages: [[UInt8]]) -> JSONValue {
            var names: [JSONValue] = []
            for (i, page) in pages.enumerated() {
                let name = "\(stem)-\(String(repeating: "0", count: max(0, 3 - String(i + 1).count)))\(i + 1).json"
                files.append((name, page))
                names.append(.string(name))
            }
            return .array(names)
        }
        func single(_ name: String, _ bytes: [UInt8]?) -> JSONValue {
            guard let bytes else { return .null }
            files.append((name, bytes))
            return .string(name)
        }
        index.append(("cleanup", .bool(c != nil)))
        index.append(("content", numbered("content", c?.content ?? [])))
        index.append(("schedulers", single("schedulers.json", c?.schedulers)))
        index.append(("logs", numbered("scheduler-logs", c?.logs ?? [])))
        index.append(("members", single("org-users.json", c?.members)))
        index.append(("views", single("views.csv", c?.views)))
        index.append(
            (
                "refused",
                .array(
                    (c?.refusals ?? []).map {
                        .object([
                            ("route", .string($0.route)), ("status", $0.status.map { .number(String($0)) } ?? .null),
                            ("message", .string($0.message)),
                        ])
                    })
            ))
        files.append(("index.json", InsightsJSON.encode(tree: .object(index))))
        return files
    }

    /// Reads a saved folder back: the payload and the clean-up responses, exactly as saved.
    public static func read(_ folder: String, files: some FileReading, limit: Int) throws(ReportError) -> Payload {
        func path(_ name: String) -> String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }
        func load(_ name: String) throws(ReportError) -> [UInt8] {
            guard !name.isEmpty, !name.contains("/"), name != "..", name != "." else {
                throw .rawFolder("\(path("index.json")) names \"\(Excerpt.of(name, limit: 60))\", which is not a file name of the folder")
            }
            do {
                return try files.read(path(name), limit: limit)
            } catch {
                throw .input(error)
            }
        }
        let indexBytes: [UInt8]
        do {
            indexBytes = try files.read(path("index.json"), limit: 1 << 20)
        } catch {
            throw .rawFolder("\(folder) is a folder without a readable index.json (\(error))")
        }
        let index: JSONValue
        do {
            index = try JSONValue.parse(indexBytes)
        } catch {
            throw .rawFolder("\(path("index.json")): \(error)")
        }
        guard case .string(format)? = index["format"] else {
            throw .rawFolder("\(path("index.json")): $.format is not \"\(format)\"")
        }
        guard case .number(String(version))? = index["version"] else {
            throw .rawFolder("\(path("index.json")): $.version is not \(version)")
        }
        func name(_ key: String) throws(ReportError) -> String? {
            switch index[key] {
            case nil, .null?: return nil
            case .string(let s)?: return s
            default: throw .rawFolder("\(path("index.json")): $.\(key) is not a file name")
            }
        }
        func names(_ key: String) throws(ReportError) -> [String] {
            guard case .array(let list)? = index[key] else { return [] }
            var out: [String] = []
            for (i, v) in list.enumerated() {
                guard case .string(let s) = v else { throw .rawFolder("\(path("index.json")): $.\(key)[\(i)] is not a file name") }
                out.append(s)
            }
            return out
        }
        guard let payloadName = try name("payload") else { throw .rawFolder("\(path("index.json")): $.payload is missing") }
        var payload = Payload(bytes: try load(payloadName), source: path(payloadName))
        guard case .bool(true)? = index["cleanup"] else { return payload }
        var c = CleanupResponses()
        for n in try names("content") { c.content.append(try load(n)) }
        c.schedulers = try name("schedulers").map { n throws(ReportError) in try load(n) }
        for n in try names("logs") { c.logs.append(try load(n)) }
        c.members = try name("members").map { n throws(ReportError) in try load(n) }
        c.views = try name("views").map { n throws(ReportError) in try load(n) }
        if case .array(let list)? = index["refused"] {
            for (i, r) in list.enumerated() {
                guard case .string(let route)? = r["route"], case .string(let message)? = r["message"] else {
                    throw .rawFolder("\(path("index.json")): $.refused[\(i)] needs route and message")
                }
                var status: Int?
                if case .number(let text)? = r["status"] { status = Int(text) }
                c.refusals.append(.init(route: route, status: status, message: message))
            }
        }
        payload.cleanup = c
        return payload
    }
}
