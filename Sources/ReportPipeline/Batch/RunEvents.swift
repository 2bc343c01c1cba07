import Foundation
import Secrets

/// Where a run reports what happens while it runs: progress and messages. The console (or a test)
/// decides how to show them. Called from any task.
public protocol RunEvents: Sendable {
    /// The run is about to make `total` reports.
    func begin(total: Int)
    /// A report's Load step starts.
    func started(_ job: ReportJob)
    /// A report is finished (`ok`: written, checks aside), after `seconds`.
    func finished(_ job: ReportJob, ok: Bool, seconds: Double)
    /// A message for the person running the run.
    func message(_ message: RunMessage)
    /// The run is over.
    func end()
}

/// Keeps every message, for tests and for callers that show them later.
public final class MessageLog: RunEvents, @unchecked Sendable {
    // `entries` is only touched with `lock` held.
    private let lock = NSLock()
    private var entries: [RunMessage] = []

    public init() {}

    public var messages: [RunMessage] { lock.withLock { entries } }
    /// The messages as the console prints them.
    public var lines: [String] { messages.flatMap { $0.description.split(separator: "\n").map(String.init) } }

    public func begin(total: Int) {}
    public func started(_ job: ReportJob) {}
    public func finished(_ job: ReportJob, ok: Bool, seconds: Double) {}
    public func message(_ message: RunMessage) { lock.withLock { entries.append(message) } }
    public func end() {}
}

/// The events of a run with every secret it knows taken out of each message and report label,
/// before the console (or a test) sees them: the last line of defence, after the raw redaction
/// of everything a server sends.
struct RedactingEvents<Inner: RunEvents>: RunEvents {
    let inner: Inner
    let secrets: Redactor

    func begin(total: Int) { inner.begin(total: total) }
    func started(_ job: ReportJob) { inner.started(redacted(job)) }
    func finished(_ job: ReportJob, ok: Bool, seconds: Double) { inner.finished(redacted(job), ok: ok, seconds: seconds) }
    func end() { inner.end() }

    func message(_ message: RunMessage) {
        var message = message
        message.subject = message.subject.map(secrets.redact)
        message.text = secrets.redact(message.text)
        inner.message(message)
    }

    func redacted(_ job: ReportJob) -> ReportJob {
        var job = job
        job.label = secrets.redact(job.label)
        return job
    }
}
