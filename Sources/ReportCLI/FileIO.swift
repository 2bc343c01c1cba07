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

enum FileIO {
    /// Reads all of `path` (or standard input for `-`), refusing more than `limit` bytes.
    static func read(_ path: String, limit: Int) throws(InputError) -> [UInt8] {
        if path == "-" { return try readAll(fd: 0, name: "standard input", limit: limit) }
        var st = stat()
        if stat(path, &st) != 0 { throw .unreadable(FileError(path: path, reason: errnoText())) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(FileError(path: path, reason: "is a directory, not a file")) }
        if (st.st_mode & S_IFMT) == S_IFREG && Int64(st.st_size) > Int64(limit) {
            throw .tooLarge(path: path, size: Int64(st.st_size), limit: limit)
        }
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw .unreadable(FileError(path: path, reason: errnoText())) }
        defer { close(fd) }
        return try readAll(fd: fd, name: path, limit: limit, sizeHint: Int(st.st_size))
    }

    static func readAll(fd: Int32, name: String, limit: Int, sizeHint: Int = 0) throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(sizeHint, 0) + 1)
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
        case .tooLarge(let path, let size, let limit):
            let sizeText = size.map { " (\(ByteCount.text(Int($0))))" } ?? ""
            return "\(path) is larger\(sizeText) than --max-input-bytes (\(ByteCount.text(limit))); raise the limit if it is really a user-activity payload"
        }
    }
}

enum ByteCount {
    static func text(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 20 { return "\(bytes) bytes, \(bytes >> 20) MiB" }
        return "\(bytes) bytes"
    }
}

/// Write: every file goes to a temporary file in its target folder and is renamed into place
/// only when all of them were written, so a failure leaves no partial output behind.
public enum AtomicWriter {
    /// Writes `files` (paths relative to `directory`, which is created when missing).
    /// Returns the paths written, in the order given.
    public static func write(_ files: [(path: String, bytes: [UInt8])], to directory: String) throws(FileError) -> [String] {
        var temps: [(temp: String, final: String)] = []
        var createdFolders: [String] = []
        func cleanUp() {
            for t in temps { unlink(t.temp) }
            for folder in createdFolders.reversed() { rmdir(folder) }
        }
        // A folder in the way of a file would fail its rename half-way through: check them all first.
        for file in files {
            let final = join(directory, file.path)
            var st = stat()
            if stat(final, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
                throw FileError(path: final, reason: "is a folder, so the file cannot be written there")
            }
        }
        for file in files {
            let final = join(directory, file.path)
            let folder = parent(final)
            do {
                try makeDirectories(folder, created: &createdFolders)
            } catch {
                cleanUp()
                throw error
            }
            var template = Array((join(folder, "." + base(final) + ".tmp-XXXXXX")).utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }  // the buffer is never empty
            if fd < 0 {
                let error = FileError(path: folder, reason: "cannot write here: " + FileIO.errnoText())
                cleanUp()
                throw error
            }
            let temp = String(cString: template.map { $0 })
            temps.append((temp, final))
            var failure: String?
            file.bytes.withUnsafeBytes { raw in
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
            // No fsync: the rename makes each file appear whole or not at all for every reader and
            // on any failure of ours; surviving a power cut is not worth 1-2 ms a file (18 files).
            let mask = currentUmask()
            if failure == nil && fchmod(fd, 0o666 & ~mask) != 0 { failure = FileIO.errnoText() }
            if close(fd) != 0 && failure == nil { failure = FileIO.errnoText() }
            if let failure {
                cleanUp()
                throw FileError(path: final, reason: failure)
            }
        }
        for (index, t) in temps.enumerated() where rename(t.temp, t.final) != 0 {
            let error = FileError(path: t.final, reason: FileIO.errnoText())
            for rest in temps[index...] { unlink(rest.temp) }
            throw error
        }
        return temps.map(\.final)
    }

    static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// Creates `path` and its missing parents, appending each folder it made to `created`.
    static func makeDirectories(_ path: String, created: inout [String]) throws(FileError) {
        if path.isEmpty || path == "." || path == "/" { return }
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) != S_IFDIR { throw FileError(path: path, reason: "exists and is not a directory") }
            return
        }
        try makeDirectories(parent(path), created: &created)
        if mkdir(path, 0o777) == 0 {
            created.append(path)
        } else if errno != EEXIST {
            throw FileError(path: path, reason: "cannot create the folder: " + FileIO.errnoText())
        }
    }

    static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty || a == "." { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func base(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

extension FileIO {
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
