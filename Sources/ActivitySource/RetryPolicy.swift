public import Foundation

/// When to try a request again and how long to wait: exponential backoff with jitter, or the
/// server's `Retry-After`, never more than ``retryAfterCap``.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first one included.
    public var maxAttempts: Int
    /// The wait before the second attempt (before jitter); it doubles after each attempt.
    public var baseDelay: Double
    /// The longest backoff wait.
    public var maxDelay: Double
    /// The longest wait a `Retry-After` can ask for.
    public var retryAfterCap: Double

    public init(maxAttempts: Int = 4, baseDelay: Double = 1, maxDelay: Double = 30, retryAfterCap: Double = 60) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.retryAfterCap = retryAfterCap
    }

    /// HTTP statuses worth another attempt: rate limiting and a gateway or server that is down
    /// for a moment. Every other status is final (500 included: Lightdash sends it for errors
    /// that a second attempt does not change).
    public static let retryableStatuses: Set<Int> = [429, 502, 503, 504]

    /// The wait after failed attempt `attempt` (1-based). With a `Retry-After` of `retryAfter`
    /// seconds, that (capped, never negative); otherwise `baseDelay * 2^(attempt-1)`, capped at
    /// `maxDelay`, times a jitter factor in [0.5, 1] from `jitter` (a number in [0, 1)).
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, jitter: Double) -> Double {
        if let retryAfter { return min(max(retryAfter, 0), retryAfterCap) }
        let exponent = Double(max(attempt - 1, 0))
        let backoff = min(baseDelay * pow(2, exponent), maxDelay)
        let factor = 0.5 + 0.5 * min(max(jitter, 0), 1)
        return backoff * factor
    }
}

/// `Retry-After`: a number of seconds or an HTTP date (RFC 9110 section 10.2.3).
public enum RetryAfter {
    /// Seconds to wait from `now`, or nil when the value is neither form.
    public static func seconds(_ value: String, now: Date) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if !v.isEmpty, v.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return Double(v.prefix(9)).map { v.count > 9 ? 999_999_999 : $0 }
        }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: v) { return max(date.timeIntervalSince(now), 0) }
        }
        return nil
    }
}

/// The clock, the sleep and the randomness of retries, injectable so tests run fast and can
/// check every wait.
public struct RetryTiming: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Double) async throws -> Void
    /// A number in [0, 1).
    public var jitter: @Sendable () -> Double
    /// Seconds on a monotonic clock, for `--deadline` (tests freeze it, so that a loaded machine
    /// cannot make the deadline pass before a request is even sent).
    public var monotonic: @Sendable () -> Double

    public init(
        now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Double) async throws -> Void,
        jitter: @escaping @Sendable () -> Double, monotonic: @escaping @Sendable () -> Double = RetryTiming.monotonicNow
    ) {
        self.now = now
        self.sleep = sleep
        self.jitter = jitter
        self.monotonic = monotonic
    }

    /// The real clock, `Task.sleep` and the system's random numbers.
    public static let live = RetryTiming(
        now: { Date() },
        sleep: { seconds in try await Task.sleep(nanoseconds: UInt64(max(seconds, 0) * 1_000_000_000)) },
        jitter: { Double.random(in: 0..<1) })

    /// Seconds since an arbitrary start, on `ContinuousClock`.
    @Sendable public static func monotonicNow() -> Double {
        let now = ContinuousClock.now - start
        return Double(now.components.seconds) + Double(now.components.attoseconds) / 1e18
    }

    private static let start = ContinuousClock.now
}

/// Told before each wait, so the command can say why it is waiting.
public struct RetryNotice: Sendable, Equatable {
    /// The attempt that failed (1-based).
    public var attempt: Int
    public var maxAttempts: Int
    /// Why it failed, one line.
    public var reason: String
    /// The wait before the next attempt, in seconds.
    public var delay: Double
}
