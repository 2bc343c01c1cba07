import ActivityModel
public import ActivitySource
import Foundation
public import Secrets

/// `--url`: payloads fetched from a Lightdash server, one project or many.
public struct ServerSource: PayloadSource {
    public let plan: FetchPlan
    public let client: LightdashClient
    /// `--views auto`: download each project's views CSV with its payload.
    public var fetchViews = false

    public init(plan: FetchPlan, client: LightdashClient) {
        self.plan = plan
        self.client = client
    }

    public var noun: String { "project" }

    public func load(_ job: ReportJob, events: some RunEvents) async throws(ReportError) -> Payload {
        let bytes: [UInt8]
        do {
            bytes = try await client.userActivity(project: job.input, onRetry: { events.message(Self.retry(job.label, $0)) })
        } catch {
            throw .fetch(error)
        }
        let url = plan.settings.endpoint.url("/api/v1/analytics/user-activity/\(job.input)")
        var payload = Payload(bytes: bytes, source: url, rawCopy: plan.saveRaw)
        payload.rawFolder = plan.saveRawFolder
        payload.project = job.input
        if fetchViews {
            do {
                let csv = try await client.viewsCSV(project: job.input, onRetry: { events.message(Self.retry(job.label, $0)) })
                // A pre-signed link's query is a credential of its own: messages show the URL without it.
                let shown = csv.url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? csv.url
                payload.views = ViewsInput(bytes: csv.bytes, source: plan.settings.secrets.redact(shown))
            } catch {
                throw .fetch(error)
            }
        }
        if plan.cleanup {
            do {
                payload.cleanup = try await client.cleanup(project: job.input, onRetry: { events.message(Self.retry(job.label, $0)) })
            } catch {
                throw .fetch(error)
            }
        }
        return payload
    }

    public var secrets: Redactor { plan.settings.secrets }

    /// One job per project: the ones asked for, or every project of the organisation. Projects are
    /// listed for their names when several are asked for; a failure to list them then only costs
    /// the names (a warning).
    public func jobs(title: String, events: some RunEvents) async throws(ReportError) -> [ReportJob] {
        func job(_ uuid: String, _ fullName: String?) -> ReportJob {
            let name = fullName.map(DisplayName.cap)  // the folder's slug, the title and the index show it
            let label = name.map { $0.isEmpty ? uuid : "\(Terminal.safe($0)) (\(uuid))" } ?? uuid
            guard plan.batch else {
                return ReportJob(input: uuid, label: label, name: name ?? "", key: uuid, folder: "", title: title, project: uuid)
            }
            let shown = name.flatMap { $0.isEmpty ? nil : $0 }
            return ReportJob(
                input: uuid, label: label, name: name ?? "", key: uuid, folder: Slug.folder(name: name ?? "", uuid: uuid),
                title: shown.map { "\(title): \($0)" } ?? title, project: uuid)
        }
        let listRetry: @Sendable (RetryNotice) -> Void = { events.message(Self.retry("project list", $0)) }
        switch plan.selection {
        case .all:
            let projects: [ProjectSummary]
            do {
                projects = try await client.projects(onRetry: listRetry)
            } catch {
                throw .fetch(error)
            }
            if projects.isEmpty { throw .noProjects }
            return projects.map { job($0.uuid, $0.name) }
        case .projects(let uuids) where !plan.batch:
            return uuids.map { job($0, nil) }
        case .projects(let uuids):
            var names: [String: String] = [:]
            do {
                for p in try await client.projects(onRetry: listRetry) { names[p.uuid] = p.name }
            } catch {
                events.message(
                    RunMessage(
                        .warning,
                        "cannot list the organisation's projects for their names, so folders are named by uuid: \(error.message)"))
            }
            return uuids.map { job($0, names[$0]) }
        }
    }

    /// `attempt 2 of 4 failed (...); trying again in 1.0 s`.
    static func retry(_ subject: String, _ notice: RetryNotice) -> RunMessage {
        let wait = notice.delay < 10 ? String(format: "%.1f", notice.delay) : String(Int(notice.delay.rounded()))
        return RunMessage(
            .retry, subject: subject,
            "attempt \(notice.attempt) of \(notice.maxAttempts) failed (\(notice.reason)); trying again in \(wait) s")
    }
}

/// Folder names for projects: a slug of the name, then the uuid that keeps it unique.
public enum Slug {
    /// The slug alone: lower-case ASCII letters and digits joined by `-`, at most 40; "report" when empty.
    public static func plain(_ name: String) -> String {
        let slug = folder(name: name, uuid: "")
        let trimmed = slug.hasSuffix("-") ? String(slug.dropLast()) : slug
        return trimmed.isEmpty ? "report" : trimmed
    }

    public static func folder(name: String, uuid: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            if (v >= 97 && v <= 122) || (v >= 48 && v <= 57) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
            if slug.count >= 40 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? uuid : slug + "-" + uuid
    }
}

/// Text from a server made safe for a terminal: no escape sequences or other control characters.
public enum Terminal {
    public static func safe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                out += "?"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out.count > 80 ? String(out.prefix(79)) + "…" : out
    }
}
