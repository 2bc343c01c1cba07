#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The steps that put a staged report in place, as a seam: the system's, or a test's that fails
/// a step or stops dead at one (as a kill would) to show that the old report stays whole.
public struct FolderOperations: Sendable {
    /// `rename(2)`: 0, or the `errno`.
    public var rename: @Sendable (_ from: String, _ to: String) -> Int32
    /// Swaps two folders in one step (`renameat2` with `RENAME_EXCHANGE` on Linux, `renamex_np`
    /// with `RENAME_SWAP` on macOS): 0, or the `errno` (`EINVAL`, `ENOSYS` or `ENOTSUP` when the
    /// file system cannot).
    public var exchange: @Sendable (_ a: String, _ b: String) -> Int32
    /// Removes a folder and everything in it, never following a symbolic link.
    public var removeTree: @Sendable (_ path: String) -> Void

    public init(
        rename: @escaping @Sendable (String, String) -> Int32, exchange: @escaping @Sendable (String, String) -> Int32,
        removeTree: @escaping @Sendable (String) -> Void
    ) {
        self.rename = rename
        self.exchange = exchange
        self.removeTree = removeTree
    }

    /// The system's calls.
    public static let system = FolderOperations(
        rename: { from, to in systemRename(from, to) == 0 ? 0 : errno },
        exchange: { a, b in SystemCalls.exchange(a, b) },
        removeTree: { SystemCalls.removeTree($0) })
}

/// `rename(3)`, named apart from ``FolderOperations/rename``.
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }

enum SystemCalls {
    #if canImport(Glibc)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        /// glibc's `renameat2` (2.28 and later), looked up once: Swift's Glibc module does not declare it.
        static let renameat2: RenameAt2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2").map {
            unsafeBitCast($0, to: RenameAt2.self)
        }
    #endif

    static func exchange(_ a: String, _ b: String) -> Int32 {
        #if canImport(Glibc)
            guard let call = renameat2 else { return ENOSYS }
            let renameExchange: UInt32 = 2  // RENAME_EXCHANGE in <linux/fs.h>
            return call(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 ? 0 : errno
        #elseif canImport(Darwin)
            return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 ? 0 : errno
        #else
            return ENOSYS
        #endif
    }

    /// Removes `path`: a file or a symbolic link is unlinked; a folder is emptied through its file
    /// descriptor (`openat` with `O_NOFOLLOW`, so no link inside is ever followed), then removed.
    static func removeTree(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            unlink(path)
            return
        }
        removeContents(of: fd)
        close(fd)
        rmdir(path)
    }

    /// Removes everything in the folder open as `fd`.
    static func removeContents(of fd: Int32) {
        for name in entries(of: fd) {
            var st = stat()
            guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child >= 0 {
                    removeContents(of: child)
                    close(child)
                }
                unlinkat(fd, name, AT_REMOVEDIR)
            } else {
                unlinkat(fd, name, 0)
            }
        }
    }

    /// The names in the folder open as `fd`, without `.` and `..`.
    static func entries(of fd: Int32) -> [String] {
        let copy = dup(fd)
        guard copy >= 0 else { return [] }
        guard let dir = fdopendir(copy) else {
            close(copy)
            return []
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
