#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `write(2)`, named apart from ``AtomicWriter/write(_:to:)``.
func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// `read(2)`, named apart from ``FileIO/read(_:limit:)``.
func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// A failure to read or write a file, in words a person can act on.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Reads whole files: the one way the pipeline reads its inputs, so a test can count the reads.
public protocol FileReading: Sendable {
    /// All of `path` (or standard input for `-`), refusing more than `limit` bytes.
    func read(_ path: String, limit: Int) throws(InputError) -> [UInt8]
    /// Whether `path` exists.
    func exists(_ path: String) -> Bool
    /// Whether `path` is a folder.
    func isFolder(_ path: String) -> Bool
    /// A payload: all of `path` (or standard input for `-`), refusing more than `limit` bytes;
    /// a large file may come mapped instead of read.
    func payload(_ path: String, limit: Int) throws(InputError) -> InputBytes
    /// The names in folder `path` (without `.` and `..`), sorted; nil when it cannot be listed.
    func list(_ path: String) -> [String]?
}

extension FileReading {
    public func payload(_ path: String, limit: Int) throws(InputError) -> InputBytes { InputBytes(try read(path, limit: limit)) }
    public func list(_ path: String) -> [String]? { FileIO.list(path) }
}

/// The machine's files.
public struct LocalFiles: FileReading {
    public init() {}
    public func read(_ path: String, limit: Int) throws(InputError) -> [UInt8] { try FileIO.read(path, limit: limit) }
    public func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
    public func isFolder(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
    public func payload(_ path: String, limit: Int) throws(InputError) -> InputBytes { try FileIO.payload(path, limit: limit) }
}

enum FileIO {
    /// Reads all of `path` (or standard input for `-`), refusing more than `limit` bytes. A regular
    /// file (standard input redirected from one included) is refused from its size, before any
    /// byte is read; a pipe or device is read up to the limit.
    static func read(_ path: String, limit: Int) throws(InputError) -> [UInt8] {
        if path == "-" {
            let size = try regularSize(fd: 0, name: "standard input", limit: limit)
            return try readAll(fd: 0, name: "standard input", limit: limit, sizeHint: size ?? 0)
        }
        var st = stat()
        if stat(path, &st) != 0 { throw .unreadable(FileError(path: path, reason: errnoText())) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(FileError(path: path, reason: "is a directory, not a file")) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(FileError(path: path, reason: errnoText())) }
        defer { close(fd) }
        let size = try regularSize(fd: fd, name: path, limit: limit)
        return try readAll(fd: fd, name: path, limit: limit, sizeHint: size ?? 0)
    }

    /// The bytes left to read when `fd` is a regular file (nil otherwise), refused at once when
    /// more than `limit`.
    static func regularSize(fd: Int32, name: String, limit: Int) throws(InputError) -> Int? {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let offset = max(lseek(fd, 0, SEEK_CUR), 0)
        let left = max(Int64(st.st_size) - Int64(offset), 0)
        if left > Int64(limit) { throw .tooLarge(path: name, size: left, limit: limit) }
        return Int(left)
    }

    /// Regular files from this size on are mapped rather than read.
    static let mapThreshold = 4 << 20

    /// Like ``read(_:limit:)``, but a regular file of ``mapThreshold`` bytes or more is mapped:
    /// no copy of it is made, and its pages can be given back while it is parsed.
    static func payload(_ path: String, limit: Int) throws(InputError) -> InputBytes {
        var st = stat()
        guard path != "-", stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int64(st.st_size) >= Int64(mapThreshold),
            Int64(st.st_size) <= Int64(limit)
        else { return InputBytes(try read(path, limit: limit)) }
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw .unreadable(FileError(path: path, reason: errnoText())) }
        defer { close(fd) }
        // The size again from the open file (it may have changed since `stat`).
        var opened = stat()
        guard fstat(fd, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG, Int64(opened.st_size) <= Int64(limit),
            let mapped = InputBytes(mapping: fd, count: Int(opened.st_size))
        else { return InputBytes(try readAll(fd: fd, name: path, limit: limit, sizeHint: Int(st.st_size))) }
        return mapped
    }

    static func readAll(fd: Int32, name: String, limit: Int, sizeHint: Int = 0) throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(max(sizeHint, 0), limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(FileError(path: name, reason: errnoText()))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit { throw .tooLarge(path: name, size: nil, limit: limit) }
        }
        return bytes
    }

    static func errnoText() -> String {
        switch errno {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory"
        case ENOTDIR: return "a component of the path is not a directory"
        case EROFS: return "read-only file system"
        case ENOSPC: return "no space left on device"
        case EEXIST: return "already exists"
        default:
            if let s = strerror(errno) { return String(cString: s).lowercased() }
            return "error \(errno)"
        }
    }
}

/// Why the input could not be read.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(FileError)
    case tooLarge(path: String, size: Int64?, limit: Int)

    public var description: String {
        switch self {
        case .unreadable(let e): return "cannot read input \(e)"
        case .tooLarge(let path, let size, let limit): return "\(path) is " + Self.tooLargeText(size: size, limit: limit)
        }
    }

    /// `larger (5 MiB) than --max-input-bytes (1 MiB); ...`: the reason, without the file's name.
    static func tooLargeText(size: Int64?, limit: Int) -> String {
        let sizeText = size.map { " (\(ByteCount.text(Int($0))))" } ?? ""
        return
            "larger\(sizeText) than --max-input-bytes (\(ByteCount.text(limit))); raise the limit if it is really a user-activity payload"
    }
}

enum ByteCount {
    static func text(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 20 { return "\(bytes) bytes, \(bytes >> 20) MiB" }
        return "\(bytes) bytes"
    }
}

extension FileIO {
    /// The names in folder `path` (without `.` and `..`) in byte order; nil when it cannot be opened.
    static func list(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { p in
                p.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Writes all of `bytes` to `fd`; the reason when it cannot.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = posixWrite(fd, raw.baseAddress! + offset, raw.count - offset)  // count > 0 here, so baseAddress is set
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = FileIO.errnoText()
                    return
                }
                offset += n
            }
        }
        return failure
    }

    /// Appends `bytes` to `path` (created when missing): for `$GITHUB_STEP_SUMMARY`.
    static func append(_ bytes: [UInt8], to path: String) throws(FileError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, reason: errnoText()) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                // offset < count, so the buffer is non-empty and baseAddress is set.
                posixWrite(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if n <= 0 { throw FileError(path: path, reason: errnoText()) }
            offset += n
        }
    }
}
