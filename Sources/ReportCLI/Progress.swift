import ActivitySource
public import Foundation

/// Progress of a fetch on stderr: a live line on a terminal (done/total, current project,
/// elapsed), otherwise one plain line per finished project; `--quiet` silences both. Errors
/// and warnings always get through, and never garble the live line. Safe from any task.
public final class FetchProgress: @unchecked Sendable {
    // Every mutable property is only touched with `lock` held.
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private let live: Bool
    private let quiet: Bool
    private let now: @Sendable () -> Date
    private var total = 0
    private var done = 0
    private var failed = 0
    private var current: [String] = []
    private var start = Date(timeIntervalSince1970: 0)
    private var lineShown = false

    /// `write` gets raw text for stderr (lines end with "\n"; the live line uses "\r" and erase-line).
    public init(live: Bool, quiet: Bool, now: @escaping @Sendable () -> Date = { Date() }, write: @escaping @Sendable (String) -> Void) {
        self.live = live
        self.quiet = quiet
        self.now = now
        self.write = write
    }

    /// Writes to file descriptor 2.
    public static func standardError(quiet: Bool) -> FetchProgress {
        FetchProgress(live: isatty(2) == 1 && !quiet, quiet: quiet) { text in
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = posixWrite(2, raw.baseAddress! + offset, raw.count - offset)  // count > 0: baseAddress is set
                    if n <= 0 { return }
                    offset += n
                }
            }
        }
    }

    public var isLive: Bool { live }

    func begin(total: Int) {
        lock.withLock {
            self.total = total
            start = now()
            drawLocked()
        }
    }

    func started(_ name: String) {
        lock.withLock {
            current.append(name)
            drawLocked()
        }
    }

    func retrying(_ name: String, _ notice: RetryNotice) {
        guard !quiet else { return }
        let wait = notice.delay < 10 ? String(format: "%.1f", notice.delay) : String(Int(notice.delay.rounded()))
        message("retry: \(name): attempt \(notice.attempt) of \(notice.maxAttempts) failed (\(notice.reason)); trying again in \(wait) s")
    }

    func finished(_ name: String, ok: Bool, seconds: Double) {
        lock.withLock {
            done += 1
            if !ok { failed += 1 }
            if let index = current.firstIndex(of: name) { current.remove(at: index) }
            if !live && !quiet {
                let width = String(total).count
                let count = String(repeating: " ", count: max(width - String(done).count, 0)) + "\(done)/\(total)"
                writeLocked("[\(count)] \(ok ? "done" : "FAILED") \(name) (\(String(format: "%.1f", seconds)) s)\n")
            }
            drawLocked()
        }
    }

    /// A line that is always shown (errors, warnings), above the live line.
    func message(_ line: String) {
        lock.withLock {
            clearLocked()
            writeLocked(line + "\n")
            drawLocked()
        }
    }

    /// Redraws the live line (its elapsed time).
    func tick() {
        lock.withLock { drawLocked() }
    }

    /// Removes the live line for good.
    func end() {
        lock.withLock {
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
            line += " fetching \(shortName)"
            if current.count > 1 { line += " and \(current.count - 1) more" }
        }
        line += " · \(elapsed / 60):\(String(format: "%02d", elapsed % 60))"
        write("\r\u{1B}[K" + line)
        lineShown = true
    }
}
