#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
