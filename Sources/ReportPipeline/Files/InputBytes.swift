#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A payload's bytes: read into memory, or a large file mapped read-only (`mmap`), so that a
/// 274 MB payload is never copied and its pages can be given back while it is read
/// (``releasePages(before:)``). Immutable; the mapping lives as long as this object.
public final class InputBytes: @unchecked Sendable {
    // Either `array` holds the bytes, or `mapped` points at `count` bytes of a private read-only
    // mapping; neither changes after `init`.
    private let array: [UInt8]
    private let mapped: UnsafeRawPointer?
    public let count: Int

    public init(_ bytes: [UInt8]) {
        array = bytes
        mapped = nil
        count = bytes.count
    }

    /// Maps `count` bytes of the open file `fd` (which may be closed afterwards); nil when the
    /// system cannot map it.
    init?(mapping fd: Int32, count: Int) {
        guard count > 0 else { return nil }
        let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else { return nil }
        _ = madvise(address, count, MADV_SEQUENTIAL)
        array = []
        mapped = UnsafeRawPointer(address)
        self.count = count
    }

    deinit {
        if let mapped { munmap(UnsafeMutableRawPointer(mutating: mapped), count) }
    }

    /// Whether the bytes are a mapped file.
    public var isMapped: Bool { mapped != nil }

    /// Calls `body` with the bytes.
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        if let mapped { return try body(UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: count)) }
        return try array.withUnsafeBufferPointer(body)
    }

    /// The bytes as an array (a copy when mapped).
    public var bytes: [UInt8] {
        if mapped == nil { return array }
        return withUnsafeBufferPointer { Array($0) }
    }

    /// Gives the pages before `offset` back to the system (a mapped file only): they stop
    /// counting in the process's memory, and are read from the file again if touched later
    /// (an error message counting lines does). A no-op for bytes read into memory.
    public func releasePages(before offset: Int) {
        guard let mapped else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, count) / page * page
        if end > 0 { _ = madvise(UnsafeMutableRawPointer(mutating: mapped), end, MADV_DONTNEED) }
    }
}
