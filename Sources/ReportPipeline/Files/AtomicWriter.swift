#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Single files beside the report (`--save-raw`): each goes to a temporary file in its target
/// folder (`.NAME.tmp-XXXXXX`, locked while written) and is renamed into place only when all of
/// them were written. Temporary files that a killed run left are removed by the next write of
/// the same name. The report itself is committed as a whole by ``OutputFolder``.
public enum AtomicWriter {
    /// Writes `files` (paths relative to `directory`, which is created when missing).
    /// Returns the paths written, in the order given.
    public static func write(_ files: [(path: String, bytes: [UInt8])], to directory: String) throws(FileError) -> [String] {
        var temps: [(temp: String, final: String)] = []
        var locks: [Int32] = []
        var createdFolders: [String] = []
        defer { for fd in locks { close(fd) } }
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
            removeStaleTemporaries(of: base(final), in: folder)
            var template = Array((join(folder, "." + base(final) + ".tmp-XXXXXX")).utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }  // the buffer is never empty
            if fd < 0 {
                let error = FileError(path: folder, reason: "cannot write here: " + FileIO.errnoText())
                cleanUp()
                throw error
            }
            let temp = String(cString: template.map { $0 })
            temps.append((temp, final))
            _ = flock(fd, LOCK_EX | LOCK_NB)  // a new file: nobody else holds it
            var failure = FileIO.writeAll(fd, file.bytes)
            // No fsync: the rename makes each file appear whole or not at all for every reader and
            // on any failure of ours; surviving a power cut is not worth 1-2 ms a file (18 files).
            let mask = currentUmask()
            if failure == nil && fchmod(fd, 0o666 & ~mask) != 0 { failure = FileIO.errnoText() }
            locks.append(fd)  // closed once renamed: the lock keeps another run's clean-up off it
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

    /// Removes `.NAME.tmp-*` files in `folder` that no living writer holds (a killed run's).
    static func removeStaleTemporaries(of name: String, in folder: String) {
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dir >= 0 else { return }
        defer { close(dir) }
        for entry in SystemCalls.entries(of: dir) where entry.hasPrefix("." + name + ".tmp-") {
            let fd = openat(dir, entry, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { unlinkat(dir, entry, 0) }
            close(fd)
        }
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
