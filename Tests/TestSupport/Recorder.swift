import Foundation

/// A thread-safe list, for what an injected sleep, clock or writer receives.
public final class Recorder<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []

    public init() {}

    public func append(_ value: T) { lock.withLock { items.append(value) } }

    public var values: [T] { lock.withLock { items } }
}
