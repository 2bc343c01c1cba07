public import Foundation
import Testing

/// Where things are: the repository, `../shared` beside it, the shared fixtures, the built binary.
/// Files are read by path from the source tree (not as bundle resources), so every test target
/// reads the same copy.
public enum TestPaths {
    /// The repository root (found from this file's path: `Tests/TestSupport/TestSupport.swift`).
    public static let repo: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `Tests/Fixtures`: the payloads the tests share.
    public static let fixtures = repo.appendingPathComponent("Tests/Fixtures")
    /// `../shared` beside the checkout.
    public static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
    /// The shared external checkers (`../shared/tools/validate`).
    public static let validate = shared.appendingPathComponent("tools/validate")
    /// The shared sample payloads (`../shared/samples`).
    public static let samples = shared.appendingPathComponent("samples")

    /// The built `report` executable, beside the test binary in the build folder.
    public static var reportBinary: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // On some layouts the test binary sits inside a bundle (X.xctest/Contents/MacOS).
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("report").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("report")
    }

    /// The bytes of `Tests/Fixtures/NAME`.
    public static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// The bytes of `../shared/RELATIVE`.
    public static func sharedFile(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: shared.appendingPathComponent(relative)))
    }

    /// The bytes of `../shared/samples/NAME`.
    public static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samples.appendingPathComponent(name)))
    }

    /// A new empty temporary folder.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("activityreport-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every regular file under `dir`, relative paths, sorted.
    public static func files(under dir: URL) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        var out: [String] = []
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(p).path, isDirectory: &isDir), !isDir.boolValue {
                out.append(p)
            }
        }
        return out.sorted()
    }
}

/// The result of running a program.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// How long a child process may run before the runner stops it and records an issue. A safety
/// net against a hung child, not a performance bound: far above any run's real duration, even on
/// a busy machine shared by several builds.
public let processTimeout: TimeInterval = 600

/// Runs `executable` with `arguments`, feeding `stdin`; the environment is the test process's
/// without the `removing` keys, overlaid with `environment`.
public func runProcess(
    _ executable: URL, _ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:],
    removing: [String] = [], timeout: TimeInterval = processTimeout
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for key in removing { env[key] = nil }
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("out")
    let errURL = dir.appendingPathComponent("err")
    let inURL = dir.appendingPathComponent("in")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    try Data(stdin).write(to: inURL)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = try FileHandle(forReadingFrom: inURL)
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning {
        if Date() > deadline {
            // SIGKILL, not terminate()'s SIGTERM: a child started from a test's thread inherits that
            // thread's blocked signals, and the pool threads block SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            Issue.record("\(executable.lastPathComponent) \(arguments) did not finish within \(Int(timeout)) s (the safety net)")
            break
        }
        Thread.sleep(forTimeInterval: 0.01)
    }
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus,
        stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// Runs the built `report` binary with an environment overlay; the test process's `LIGHTDASH_*`
/// and proxy variables are removed first, so the machine's settings never reach the command.
public func runReport(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = processTimeout) throws
    -> ProcessResult
{
    let inherited = ProcessInfo.processInfo.environment.keys
    let removing = inherited.filter { $0.hasPrefix("LIGHTDASH_") || $0.lowercased().hasSuffix("_proxy") }
    return try runProcess(TestPaths.reportBinary, arguments, environment: environment, removing: Array(removing), timeout: timeout)
}

/// Runs one of the shared external checkers; fails the test (never skips) when it is missing.
public func runValidator(_ script: String, _ arguments: [String]) throws -> ProcessResult {
    let url = TestPaths.validate.appendingPathComponent(script)
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
        Issue.record("missing external checker \(url.path): run ./scripts/bootstrap --validators")
        return ProcessResult(status: -1, stdout: "", stderr: "missing")
    }
    return try runProcess(url, arguments)
}
