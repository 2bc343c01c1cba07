import Delivery
import Foundation
import TestSupport
import Testing

@testable import ReportPipeline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files under `dir` (regular files and links, relative, sorted); folders are not listed.
func listFiles(_ dir: URL) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: dir.path) else { return [] }
    var out: [String] = []
    while let p = e.nextObject() as? String {
        var st = stat()
        if lstat(dir.appendingPathComponent(p).path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFDIR { out.append(p) }
    }
    return out.sorted()
}

/// The paths a `manifest.json` lists, or nil when it is missing or unreadable.
func manifestPaths(_ manifest: URL) -> [String]? {
    guard let data = try? Data(contentsOf: manifest),
        let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let files = root["files"] as? [[String: Any]]
    else { return nil }
    return files.compactMap { $0["path"] as? String }
}

/// Whether `dir` holds exactly what its manifests say, with the sizes and hashes they give:
/// each file is listed by the manifest of its folder or, in a batch, the output folder's
/// manifest lists each report's manifest. Returns the problems found.
func manifestProblems(_ dir: URL) -> [String] {
    var problems: [String] = []
    var listed: [String: (size: Int, sha: String)] = [:]
    func read(_ manifest: String, prefix: String) {
        guard let data = try? Data(contentsOf: dir.appendingPathComponent(manifest)),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let files = root["files"] as? [[String: Any]]
        else {
            problems.append("\(manifest) is missing or unreadable")
            return
        }
        for f in files {
            let path = prefix + (f["path"] as? String ?? "?")
            if listed[path] != nil { problems.append("\(path) is listed twice") }
            listed[path] = (f["size"] as? Int ?? -1, f["sha256"] as? String ?? "")
            if path.hasSuffix("/manifest.json") { read(path, prefix: String(path.dropLast("manifest.json".count))) }
        }
    }
    read("manifest.json", prefix: "")
    let onDisk = listFiles(dir).filter { $0 != "manifest.json" }
    if onDisk != listed.keys.sorted() { problems.append("on disk \(onDisk), listed \(listed.keys.sorted())") }
    for path in onDisk {
        guard let entry = listed[path], let data = try? Data(contentsOf: dir.appendingPathComponent(path)) else { continue }
        if data.count != entry.size { problems.append("\(path): size \(data.count), listed \(entry.size)") }
        if sha256(Array(data)) != entry.sha { problems.append("\(path): hash differs from the manifest") }
    }
    return problems
}

/// SHA-256 by the system's `sha256sum`, independent of the code under test.
func sha256(_ bytes: [UInt8]) -> String {
    guard let dir = try? TestPaths.temporaryDirectory() else { return "" }
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("f")
    guard (try? Data(bytes).write(to: file)) != nil,
        let r = try? runProcess(URL(fileURLWithPath: "/usr/bin/sha256sum"), [file.path])
    else { return "" }
    return String(r.stdout.prefix(64))
}

/// Records which folder operation the commit reaches, and fails or "kills" it at a chosen one:
/// once killed, no operation changes the disk any more, as after a real kill.
final class FaultyFolders: @unchecked Sendable {
    enum Fault {
        case none
        /// The operation number `n` (0-based) fails with `code`, leaving the disk untouched.
        case fail(at: Int, code: Int32)
        /// The process dies just before operation `n`.
        case kill(before: Int)
    }

    // Only touched with `lock` held.
    private let lock = NSLock()
    private var count = 0
    private var dead = false
    private var names: [String] = []
    let fault: Fault
    /// Forced `exchange` result (EINVAL: a file system without an atomic swap).
    let exchangeResult: Int32?

    init(_ fault: Fault, exchange: Int32? = nil) {
        self.fault = fault
        exchangeResult = exchange
    }

    var operationsSeen: [String] { lock.withLock { names } }

    /// Whether operation `name` may touch the disk, or the errno it fails with.
    private func step(_ name: String) -> Int32? {
        lock.withLock {
            if dead { return EIO }
            defer { count += 1 }
            names.append(name)
            switch fault {
            case .fail(let at, let code) where at == count: return code
            case .kill(let before) where before == count:
                dead = true
                return EIO
            default: return nil
            }
        }
    }

    var operations: FolderOperations {
        FolderOperations(
            rename: { a, b in self.step("rename") ?? FolderOperations.system.rename(a, b) },
            exchange: { a, b in
                if let code = self.step("exchange") { return code }
                return self.exchangeResult ?? FolderOperations.system.exchange(a, b)
            },
            removeTree: { path in if self.step("removeTree") == nil { FolderOperations.system.removeTree(path) } })
    }
}

@Suite("The output folder is committed as a whole", .serialized)
struct OutputFolderTests {
    static let small = TestPaths.fixtures.appendingPathComponent("small.json").path
    static let example = TestPaths.repo.appendingPathComponent("examples/activity.json").path

    /// Runs one report into `out`.
    static func report(
        _ input: String, into out: URL, email: Bool = false, operations: FolderOperations = .system
    ) async -> (ReportPipeline.ExitStatus, MessageLog) {
        var settings = RunSettings(outputDirectory: out.path, generatedAt: 1_770_800_000, quiet: true)
        if email { settings.email = EmailOptions(from: "a@example.com", to: ["b@example.com"], subject: nil) }
        let log = MessageLog()
        let result = await ReportRun.files([input], settings: settings, concurrency: 1, events: log, operations: operations)
        return (result.status, log)
    }

    /// Whatever sits beside the output folder besides it: staging folders and the like.
    static func leftovers(beside out: URL) -> [String] {
        let parent = out.deletingLastPathComponent()
        return ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [])
            .filter { $0.hasPrefix("." + out.lastPathComponent + ".") }
    }

    @Test func theFolderEqualsItsManifestAfterRunsWithAndWithoutEmail() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(await Self.report(Self.small, into: out, email: true).0 == .ok)
        #expect(listFiles(out).contains("report.eml"))
        #expect(manifestProblems(out).isEmpty, "\(manifestProblems(out))")
        #expect(await Self.report(Self.small, into: out).0 == .ok)
        let files = listFiles(out)
        #expect(!files.contains("report.eml") && !files.contains("email.html"), "last run's email is gone: \(files)")
        #expect(!files.contains { $0.hasSuffix(".png") })
        #expect(manifestProblems(out).isEmpty, "\(manifestProblems(out))")
        #expect(Self.leftovers(beside: out).isEmpty)
    }

    @Test func aFailedRenameLeavesTheOldReportWholeAndExits73() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(await Self.report(Self.small, into: out, email: true).0 == .ok)
        let before = listFiles(out)
        let old = try Data(contentsOf: out.appendingPathComponent("report.html"))
        let faulty = FaultyFolders(.fail(at: 0, code: EBUSY))
        let (status, log) = await Self.report(Self.example, into: out, operations: faulty.operations)
        #expect(status == .cannotWrite)
        #expect(faulty.operationsSeen.first == "exchange")
        #expect(log.lines.contains { $0.contains("cannot replace the old report") && $0.contains("mount point") }, "\(log.lines)")
        #expect(listFiles(out) == before)
        #expect(try Data(contentsOf: out.appendingPathComponent("report.html")) == old)
        #expect(manifestProblems(out).isEmpty)
        #expect(Self.leftovers(beside: out).isEmpty, "the staging folder is removed")
    }

    /// Every step of the commit, with an atomic swap (`exchange`) and without (two renames):
    /// a kill before it leaves the old report whole, after the swap the new one; the next run
    /// cleans up and writes the new report.
    @Test(arguments: [nil, EINVAL] as [Int32?])
    func aKillAtAnyStepLeavesTheOldOrTheNewReportWhole(exchange: Int32?) async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = dir.appendingPathComponent("reference")
        #expect(await Self.report(Self.example, into: reference).0 == .ok)
        let newPage = try Data(contentsOf: reference.appendingPathComponent("report.html"))
        let steps = FaultyFolders(.none, exchange: exchange)
        _ = await Self.report(Self.example, into: dir.appendingPathComponent("probe"), operations: steps.operations)
        // The first run made the folder (one rename); the second replaces it.
        _ = await Self.report(Self.example, into: dir.appendingPathComponent("probe"), operations: steps.operations)
        let commitSteps = steps.operationsSeen.count - 1
        #expect(commitSteps == (exchange == nil ? 2 : 4), "\(steps.operationsSeen)")
        for k in 0...commitSteps {
            let out = dir.appendingPathComponent("out\(k)")
            #expect(await Self.report(Self.small, into: out, email: true).0 == .ok)
            let oldPage = try Data(contentsOf: out.appendingPathComponent("report.html"))
            let faulty = FaultyFolders(.kill(before: k), exchange: exchange)
            _ = await Self.report(Self.example, into: out, operations: faulty.operations)
            let swapped = faulty.operationsSeen.prefix(k).contains("exchange") && exchange == nil
            let placed = faulty.operationsSeen.prefix(k).filter { $0 == "rename" }.count == 2
            if swapped || placed {
                #expect(try Data(contentsOf: out.appendingPathComponent("report.html")) == newPage, "step \(k)")
            } else if FileManager.default.fileExists(atPath: out.path) {
                #expect(try Data(contentsOf: out.appendingPathComponent("report.html")) == oldPage, "step \(k)")
            } else {
                // Between the two renames of the fallback: the old report waits aside, whole.
                let aside = Self.leftovers(beside: out).filter { $0.contains(".old-") }
                #expect(aside.count == 1, "step \(k): \(Self.leftovers(beside: out))")
                if let name = aside.first { #expect(manifestProblems(dir.appendingPathComponent(name)).isEmpty) }
            }
            if FileManager.default.fileExists(atPath: out.path) { #expect(manifestProblems(out).isEmpty, "step \(k)") }
            // The next run puts back what was left aside, removes the rest, and commits.
            #expect(await Self.report(Self.example, into: out).0 == .ok, "step \(k)")
            #expect(try Data(contentsOf: out.appendingPathComponent("report.html")) == newPage)
            #expect(manifestProblems(out).isEmpty, "step \(k): \(manifestProblems(out))")
            #expect(Self.leftovers(beside: out).isEmpty, "step \(k): \(Self.leftovers(beside: out))")
        }
    }

    @Test func aKilledProcessLeavesTheOldOrTheNewReportWholeWheneverItDies() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let env = ["SOURCE_DATE_EPOCH": "1770800000"]
        #expect(try runProcess(TestPaths.reportBinary, ["-i", Self.small, "-o", out.path, "-q"], environment: env).status == 0)
        let oldPage = try Data(contentsOf: out.appendingPathComponent("report.html"))
        let reference = dir.appendingPathComponent("reference")
        #expect(
            try runProcess(TestPaths.reportBinary, ["-i", Self.example, "-o", reference.path, "-q", "--email"], environment: env).status
                == 0)
        let newPage = try Data(contentsOf: reference.appendingPathComponent("report.html"))
        // Kills at increasing moments: whenever it lands, the folder is one report or the other.
        for delay in [0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8] {
            let p = Process()
            p.executableURL = TestPaths.reportBinary
            p.arguments = ["-i", Self.example, "-o", out.path, "-q", "--email"]
            p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let page = try Data(contentsOf: out.appendingPathComponent("report.html"))
            #expect(page == oldPage || page == newPage, "after \(delay) s")
            #expect(manifestProblems(out).isEmpty, "after \(delay) s: \(manifestProblems(out))")
            // Back to the old report for the next kill.
            #expect(try runProcess(TestPaths.reportBinary, ["-i", Self.small, "-o", out.path, "-q"], environment: env).status == 0)
            #expect(Self.leftovers(beside: out).isEmpty, "a later run removes what a killed one left")
        }
    }

    @Test func stagingFoldersOfDeadRunsAreRemovedAndThoseOfLivingRunsKept() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let dead = dir.appendingPathComponent(".out.staging-AAAAAA")
        let living = dir.appendingPathComponent(".out.staging-BBBBBB")
        for folder in [dead, living] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("charts"), withIntermediateDirectories: true)
            try Data("half".utf8).write(to: folder.appendingPathComponent("charts/roles.svg"))
        }
        let held = open(living.path, O_RDONLY | O_DIRECTORY)
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0)
        defer { close(held) }
        #expect(await Self.report(Self.small, into: out).0 == .ok)
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: living.appendingPathComponent("charts/roles.svg").path))
    }

    @Test func temporaryFilesAnOlderVersionLeftInTheFolderGoWithIt() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(await Self.report(Self.small, into: out).0 == .ok)
        try Data("half".utf8).write(to: out.appendingPathComponent(".report.html.tmp-Ab12Cd"))
        try Data("half".utf8).write(to: out.appendingPathComponent("charts/.roles.svg.tmp-Ef34Gh"))
        #expect(await Self.report(Self.small, into: out).0 == .ok)
        #expect(!listFiles(out).contains { $0.contains(".tmp-") }, "\(listFiles(out))")
        #expect(manifestProblems(out).isEmpty)
    }

    @Test func aFolderOfOtherFilesIsNeverReplaced() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("mine".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let (status, log) = await Self.report(Self.small, into: dir)
        #expect(status == .cannotWrite)
        #expect(log.lines.contains { $0.contains("holds files but no manifest.json of an earlier report") }, "\(log.lines)")
        #expect(listFiles(dir) == ["notes.txt"])
        // An earlier report with a stranger beside it is refused too, naming the stranger.
        let out = dir.appendingPathComponent("out")
        #expect(await Self.report(Self.small, into: out).0 == .ok)
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let again = await Self.report(Self.small, into: out)
        #expect(again.0 == .cannotWrite)
        #expect(again.1.lines.contains { $0.contains("holds \"notes.txt\", which no report wrote") }, "\(again.1.lines)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
        #expect(Self.leftovers(beside: out).isEmpty)
    }

    @Test func aSymbolicLinkInsideTheOutputFolderIsNeverFollowed() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(await Self.report(Self.small, into: out).0 == .ok)
        let elsewhere = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: elsewhere.appendingPathComponent("roles.svg"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("charts"))
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("charts"), withDestinationURL: elsewhere)
        #expect(await Self.report(Self.example, into: out).0 == .ok)
        #expect(try String(contentsOf: elsewhere.appendingPathComponent("roles.svg"), encoding: .utf8) == "precious")
        #expect(listFiles(elsewhere) == ["roles.svg"])
        var st = stat()
        #expect(lstat(out.appendingPathComponent("charts").path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR)
        #expect(manifestProblems(out).isEmpty)
    }

    @Test func anOutputFolderGivenThroughASymbolicLinkIsReplacedWhereItPoints() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("real")
        #expect(await Self.report(Self.small, into: real).0 == .ok)
        let oldPage = try Data(contentsOf: real.appendingPathComponent("report.html"))
        let link = dir.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        #expect(await Self.report(Self.example, into: link).0 == .ok)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path, "the link stays")
        #expect(manifestProblems(real).isEmpty)
        #expect(try Data(contentsOf: real.appendingPathComponent("report.html")) != oldPage, "the new report is there")
    }

    @Test func aBatchIsCommittedAsAWholeAndItsManifestListsEachReportsManifest() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let zero = TestPaths.shared.appendingPathComponent("samples/sample-zero-activity.json").path
        let settings = RunSettings(outputDirectory: out.path, generatedAt: 1_770_800_000, quiet: true)
        let first = await ReportRun.files([Self.small, zero, Self.example], settings: settings, concurrency: 2, events: MessageLog())
        #expect(first.status == .ok)
        #expect(
            manifestPaths(out.appendingPathComponent("manifest.json")) == [
                "activity/manifest.json", "index.html", "sample-zero-activity/manifest.json", "small/manifest.json", "summary.md",
            ])
        #expect(manifestProblems(out).isEmpty, "\(manifestProblems(out))")
        #expect(first.written.last == out.path + "/manifest.json")
        // A second batch without one of the inputs: its folder goes with the old batch.
        let second = await ReportRun.files([Self.small, Self.example], settings: settings, concurrency: 2, events: MessageLog())
        #expect(second.status == .ok)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("sample-zero-activity").path))
        #expect(manifestProblems(out).isEmpty, "\(manifestProblems(out))")
    }

    @Test func whenNoReportCanBeMadeTheOldFolderStaysAsItWas() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(await Self.report(Self.small, into: out).0 == .ok)
        let before = listFiles(out)
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{".utf8).write(to: bad)
        #expect(await Self.report(bad.path, into: out).0 == .dataInvalid)
        #expect(listFiles(out) == before)
        #expect(Self.leftovers(beside: out).isEmpty)
    }
}
