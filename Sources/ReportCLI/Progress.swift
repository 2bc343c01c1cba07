public import Foundation
public import ReportPipeline

/// The console of a run on stderr: messages, and progress as a live line on a terminal
/// (done/total, current report, elapsed) or, for fetches, one plain line per finished report.
/// `--quiet` silences progress, notes, retries and warnings; errors and checks always get
/// through, and never garble the live line. Safe from any task.
public final class ConsoleProgress: RunEvents, @unchecked Sendable {
    // Every mutable property is only touched with `lock` held.
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private let live: Bool
    private let quiet: Bool
    private let now: @Sendable () -> Date
    /// Whether each finished report gets a line when there is no live line.
    private let reportLines: Bool
    /// What the live line says is going on: "fetching".
    private let activity: String
    private var ticker: Task<Void, Never>?
    private var total = 0
    private var done = 0
    private var failed = 0
    private var current: [String] = []
    private var start = Date(timeIntervalSince1970: 0)
    private var lineShown = false

    /// `write` gets raw text for stderr (lines end with "\n"; the live line uses "\r" and erase-line).
    public init(
        live: Bool, quiet: Bool, reportLines: Bool = true, activity: String = "fetching",
        now: @escaping @Sendable () -> Date = { Date() }, write: @escaping @Sendable (String) -> Void
    ) {
        self.live = live
        self.quiet = quiet
        self.reportLines = reportLines
        self.activity = activity
        self.now = now
        self.write = write
    }

    /// Writes to file descriptor 2; a live line only on a terminal.
    public static func standardError(quiet: Bool, reportLines: Bool = true, activity: String = "fetching") -> ConsoleProgress {
        ConsoleProgress(live: isatty(2) == 1 && !quiet, quiet: quiet, reportLines: reportLines, activity: activity) { text in
            StandardError.write(text)
        }
    }

    public func begin(total: Int) {
        lock.withLock {
            self.total = total
            start = now()
            drawLocked()
            if live && ticker == nil {
                ticker = Task { [weak self] in
                    while !Task.isCancelled {
                        try? await Task.sleep(nanoseconds: 1_000_000_000)  // cancellation ends the loop
                        self?.tick()
                    }
                }
            }
        }
    }

    public func started(_ job: ReportJob) {
        lock.withLock {
            current.append(job.label)
            drawLocked()
        }
    }

    public func message(_ message: RunMessage) {
        if quiet && [.note, .retry, .warning, .sent].contains(message.kind) { return }
        line(message.description)
    }

    public func finished(_ job: ReportJob, ok: Bool, seconds: Double) {
        let name = job.label
        lock.withLock {
            done += 1
            if !ok { failed += 1 }
            if let index = current.firstIndex(of: name) { current.remove(at: index) }
            if !live && !quiet && reportLines {
                let width = String(total).count
                let count = String(repeating: " ", count: max(width - String(done).count, 0)) + "\(done)/\(total)"
                writeLocked("[\(count)] \(ok ? "done" : "FAILED") \(name) (\(String(format: "%.1f", seconds)) s)\n")
            }
            drawLocked()
        }
    }

    /// A line above the live line.
    func line(_ line: String) {
        lock.withLock {
            clearLocked()
            writeLocked(line + "\n")
            drawLocked()
        }
    }

    /// Redraws the live line (its elapsed time).
    public func tick() {
        lock.withLock { drawLocked() }
    }

    /// Removes the live line for good.
    public func end() {
        lock.withLock {
            ticker?.cancel()
            ticker = nil
            clearLocked()
            total = 0
        }
    }

    private func writeLocked(_ text: String) { write(text) }

    private func clearLocked() {
        if lineShown {
            write("\r\u{1B}[K")
            lineShown = false
        }
    }

    private func drawLocked() {
        guard live, total > 0 else { return }
        let elapsed = Int(now().timeIntervalSince(start))
        var line = "[\(done)/\(total)]"
        if failed > 0 { line += " \(failed) failed" }
        if let name = current.last {
            let shortName = name.count > 50 ? String(name.prefix(49)) + "…" : name
            line += " \(activity) \(shortName)"
            if current.count > 1 { line += " and \(current.count - 1) more" }
        }
        line += " · \(elapsed / 60):\(String(format: "%02d", elapsed % 60))"
        write("\r\u{1B}[K" + line)
        lineShown = true
    }
}
