import ActivityModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The output folder, committed as a whole. A run writes every file into a staging folder beside
/// it (`.NAME.staging-XXXXXX`, locked while the run lives), then swaps the two folders in one
/// step and removes the old one: a reader, a failure or a kill sees the old report or the new
/// one, never a mix, and the folder holds exactly what its manifest lists.
///
/// At the start, staging folders that no living run holds are removed (and an old report left
/// aside by an interrupted fallback commit is put back). An existing output folder is replaced
/// only when it is empty or an earlier report (its `manifest.json` says so): never a folder of
/// other files.
public final class OutputFolder: @unchecked Sendable {
    // Immutable after `begin`, except `lock` (closed once, by `finish`, on the run's task).
    /// The output folder as given (the paths printed start with it).
    public let path: String
    /// The output folder, its symbolic links resolved.
    let target: String
    /// The staging folder beside `target`.
    let staging: String
    /// The staging folder, open and locked (`flock`) so no other run removes it.
    private var lock: Int32
    /// The mode (and owner) the new folder gets: the old folder's, else 0777 less the umask.
    let mode: mode_t
    let owner: (uid: uid_t, gid: gid_t)?
    let existed: Bool
    let operations: FolderOperations

    private init(
        path: String, target: String, staging: String, lock: Int32, mode: mode_t, owner: (uid_t, gid_t)?, existed: Bool,
        operations: FolderOperations
    ) {
        self.path = path
        self.target = target
        self.staging = staging
        self.lock = lock
        self.mode = mode
        self.owner = owner
        self.existed = existed
        self.operations = operations
    }

    deinit { if lock >= 0 { close(lock) } }

    /// Checks `path`, cleans up after earlier runs, and makes the staging folder.
    public static func begin(_ path: String, operations: FolderOperations = .system) throws(FileError) -> OutputFolder {
        var given = path
        while given.count > 1 && given.hasSuffix("/") { given.removeLast() }
        let target = try resolve(given)
        let parent = AtomicWriter.parent(target)
        let base = AtomicWriter.base(target)
        if target == "/" || base.isEmpty || base == "." || base == ".." {
            throw FileError(path: path, reason: "cannot be replaced as a whole; give a folder of its own")
        }
        recoverEarlierRuns(parent: parent, base: base, target: target, operations: operations)
        var st = stat()
        let existed = lstat(target, &st) == 0
        var mode = 0o777 & ~AtomicWriter.currentUmask()
        var owner: (uid_t, gid_t)?
        if existed {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw FileError(path: path, reason: "exists and is not a folder") }
            try checkReplaceable(target, shownAs: path)
            mode = st.st_mode & 0o7777
            owner = (st.st_uid, st.st_gid)
        }
        var template = Array(AtomicWriter.join(parent, ".\(base).staging-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {  // never empty
            throw FileError(path: parent, reason: "cannot make the staging folder beside \(path) here: " + FileIO.errnoText())
        }
        let staging = String(cString: template.map { $0 })
        let fd = open(staging, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = FileIO.errnoText()
            rmdir(staging)
            throw FileError(path: staging, reason: reason)
        }
        _ = flock(fd, LOCK_EX | LOCK_NB)  // a new folder: nobody else can hold it
        return OutputFolder(
            path: given, target: target, staging: staging, lock: fd, mode: mode, owner: owner, existed: existed, operations: operations)
    }

    /// Writes `files` (paths relative to `folder`, itself relative to the output folder; empty
    /// for the output folder itself) into the staging folder. Returns their final paths.
    /// Folders are made and files opened relative to the staging folder's descriptor, with
    /// `O_NOFOLLOW` and `O_EXCL`: nothing is written through a symbolic link.
    public func write(_ files: [(path: String, bytes: [UInt8])], into folder: String = "") throws(FileError) -> [String] {
        var written: [String] = []
        for file in files {
            let relative = folder.isEmpty ? file.path : folder + "/" + file.path
            let shown = AtomicWriter.join(path, relative)
            let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
                throw FileError(path: shown, reason: "is not a path inside the output folder")
            }
            var dir = dup(lock)
            guard dir >= 0 else { throw FileError(path: shown, reason: FileIO.errnoText()) }
            for name in parts.dropLast() {
                if mkdirat(dir, name, 0o777) != 0 && errno != EEXIST {
                    let reason = FileIO.errnoText()
                    close(dir)
                    throw FileError(path: shown, reason: "cannot create the folder: " + reason)
                }
                let child = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                let reason = FileIO.errnoText()
                close(dir)
                guard child >= 0 else { throw FileError(path: shown, reason: reason) }
                dir = child
            }
            let fd = openat(dir, parts[parts.count - 1], O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            let openReason = FileIO.errnoText()
            close(dir)
            guard fd >= 0 else { throw FileError(path: shown, reason: openReason) }
            var failure = FileIO.writeAll(fd, file.bytes)
            if close(fd) != 0 && failure == nil { failure = FileIO.errnoText() }
            if let failure { throw FileError(path: shown, reason: failure) }
            written.append(shown)
        }
        return written
    }

    /// Puts the staged folder in place of the output folder in one step, then removes the old one.
    /// On failure the old folder is left as it was and the staging folder removed.
    public func commit() throws(FileError) {
        if let owner { _ = fchown(lock, owner.uid, owner.gid) }  // best effort: only root or the owner may
        guard fchmod(lock, mode) == 0 else {
            let error = FileError(path: path, reason: "cannot set the new folder's permissions: " + FileIO.errnoText())
            abandon()
            throw error
        }
        if !existed {
            let code = operations.rename(staging, target)
            guard code == 0 else { throw failed(code, "cannot put the new report in place") }
            finish()
            return
        }
        let code = operations.exchange(staging, target)
        if code == 0 {
            operations.removeTree(staging)  // now the old report
            finish()
            return
        }
        guard code == EINVAL || code == ENOSYS || code == ENOTSUP || code == EOPNOTSUPP else {
            throw failed(code, "cannot replace the old report")
        }
        // No atomic swap on this file system: two renames. Between them the folder is missing (a
        // reader sees no report, never a mix); a kill there leaves the old report in `.NAME.old-*`,
        // which the next run puts back.
        let old = Self.oldName(forStaging: staging)
        let aside = operations.rename(target, old)
        guard aside == 0 else { throw failed(aside, "cannot move the old report aside") }
        let placed = operations.rename(staging, target)
        guard placed == 0 else {
            _ = operations.rename(old, target)
            throw failed(placed, "cannot put the new report in place")
        }
        operations.removeTree(old)
        finish()
    }

    /// Removes `folder` (relative) from the staging folder: a report that failed half-way.
    public func discard(_ folder: String) {
        SystemCalls.removeTree(AtomicWriter.join(staging, folder))
    }

    /// Removes the staging folder: the output folder stays as it was.
    public func abandon() {
        operations.removeTree(staging)
        finish()
    }

    private func finish() {
        if lock >= 0 { close(lock) }
        lock = -1
    }

    private func failed(_ code: Int32, _ what: String) -> FileError {
        errno = code
        var reason = "\(what): " + FileIO.errnoText()
        if code == EBUSY { reason += " (is it a mount point? Mount or publish the folder above it instead)" }
        abandon()
        return FileError(path: path, reason: reason)
    }

    /// `.NAME.old-XXXXXX` for `.NAME.staging-XXXXXX`.
    static func oldName(forStaging staging: String) -> String {
        let folder = AtomicWriter.parent(staging)
        let name = AtomicWriter.base(staging)
        let marker = ".staging-"
        guard let suffix = name.split(separator: "-").last, name.hasSuffix(marker + suffix) else { return staging + ".old" }
        return AtomicWriter.join(folder, String(name.dropLast(marker.count + suffix.count)) + ".old-" + suffix)
    }

    /// The folder `path` names, absolute, symbolic links resolved; its missing parents are created.
    static func resolve(_ path: String) throws(FileError) -> String {
        if let real = realPath(path) { return real }
        var st = stat()
        if lstat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFLNK { throw FileError(path: path, reason: "is a symbolic link to a missing folder") }
            throw FileError(path: path, reason: FileIO.errnoText())
        }
        let parent = AtomicWriter.parent(path)
        var created: [String] = []
        try AtomicWriter.makeDirectories(parent, created: &created)
        guard let realParent = realPath(parent) else { throw FileError(path: parent, reason: FileIO.errnoText()) }
        return AtomicWriter.join(realParent, AtomicWriter.base(path))
    }

    /// Whether the file `path` would be inside `folder` (symbolic links resolved as far as they exist).
    public static func holds(_ path: String, folder: String) -> Bool {
        func absolute(_ p: String) -> String {
            if let real = realPath(p) { return real }
            if p.hasPrefix("/") { return p }
            return AtomicWriter.join(realPath(".") ?? "", p)
        }
        let file = absolute(AtomicWriter.parent(path))
        let out = absolute(folder)
        return file == out || file.hasPrefix(out == "/" ? "/" : out + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Names a report may have left in its folder although its last manifest does not list them
    /// (an earlier run with `--email`, an older version's temporary files).
    static let reportNames: Set<String> = [
        "report.html", "summary.md", "insights.json", "manifest.json", "index.html", "report.eml", "email.html", "charts", "data",
    ]

    /// An existing output folder may be replaced when it is empty or holds an earlier report:
    /// a `manifest.json` of ours, and nothing at the top that neither it lists nor a report writes.
    static func checkReplaceable(_ target: String, shownAs path: String) throws(FileError) {
        let fd = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, reason: FileIO.errnoText()) }
        defer { close(fd) }
        let names = SystemCalls.entries(of: fd).sorted()
        if names.isEmpty { return }
        let advice =
            "the output folder is replaced as a whole, so it must be new, empty or an earlier report's: choose another --output, or empty it"
        guard let listed = manifestTopNames(fd) else {
            throw FileError(path: path, reason: "holds files but no manifest.json of an earlier report; \(advice)")
        }
        for name in names where !listed.contains(name) && !reportNames.contains(name) && !isTemporary(name) {
            throw FileError(path: path, reason: "holds \"\(Excerpt.of(name))\", which no report wrote; \(advice)")
        }
    }

    /// The first path component of every file `manifest.json` lists, or nil when there is no
    /// such file (a regular file, not a link) of ours.
    static func manifestTopNames(_ dir: Int32) -> Set<String>? {
        let fd = openat(dir, "manifest.json", O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size < 64 << 20,
            let bytes = try? FileIO.readAll(fd: fd, name: "manifest.json", limit: 64 << 20),
            let root = try? JSONValue.parse(bytes), case .array(let files)? = root["files"]
        else { return nil }
        var names: Set<String> = ["manifest.json"]
        for file in files {
            guard case .string(let path)? = file["path"], file["sha256"] != nil, file["size"] != nil else { return nil }
            names.insert(String(path.split(separator: "/").first ?? ""))
        }
        return names
    }

    /// `.NAME.tmp-XXXXXX`: an older version's temporary file.
    static func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.contains(".tmp-") }

    /// Staging folders of runs that are gone are removed; an old report that an interrupted
    /// fallback commit left aside is put back when the folder is missing, else removed.
    static func recoverEarlierRuns(parent: String, base: String, target: String, operations: FolderOperations) {
        let fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let names = SystemCalls.entries(of: fd).sorted()
        let stagingPrefix = ".\(base).staging-"
        let oldPrefix = ".\(base).old-"
        var alive: Set<String> = []
        for name in names where name.hasPrefix(stagingPrefix) {
            let suffix = String(name.dropFirst(stagingPrefix.count))
            let dir = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if dir >= 0 && flock(dir, LOCK_EX | LOCK_NB) != 0 {
                alive.insert(suffix)  // a living run's
                close(dir)
                continue
            }
            if dir >= 0 { close(dir) }
            operations.removeTree(AtomicWriter.join(parent, name))
        }
        for name in names where name.hasPrefix(oldPrefix) && !alive.contains(String(name.dropFirst(oldPrefix.count))) {
            let old = AtomicWriter.join(parent, name)
            var st = stat()
            if lstat(target, &st) != 0 && errno == ENOENT && operations.rename(old, target) == 0 { continue }
            operations.removeTree(old)
        }
    }
}
