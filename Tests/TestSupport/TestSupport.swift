import Foundation
import Testing

/// Paths and helpers shared by the tests.
enum TestPaths {
    /// The repository root (found from this file's path).
    static let repo: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let tests = repo.appendingPathComponent("Tests/ActivityReportTests")
    static let fixtures = tests.appendingPathComponent("Fixtures")
    static let snapshots = tests.appendingPathComponent("__Snapshots__")
    /// `../shared` beside the checkout.
    static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
    static let validate = shared.appendingPathComponent("tools/validate")

    /// The built `report` executable, beside the test binary in the build folder.
    static var reportBinary: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // On some layouts the test binary sits inside a bundle (X.xctest/Contents/MacOS).
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("report").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("report")
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func sharedFile(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: shared.appendingPathComponent(relative)))
    }

    /// A new empty temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("activityreport-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The result of running a program.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments`, feeding `stdin`, with an optional environment overlay.
func runProcess(
    _ executable: URL, _ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:],
    removing: [String] = [], timeout: TimeInterval = 120
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
            process.terminate()
            Issue.record("\(executable.lastPathComponent) \(arguments) did not finish within \(timeout) s")
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

/// Runs one of the shared external checkers; fails the test (never skips) when it is missing.
func runValidator(_ script: String, _ arguments: [String]) throws -> ProcessResult {
    let url = TestPaths.validate.appendingPathComponent(script)
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
        Issue.record("missing external checker \(url.path): run ./scripts/bootstrap --validators")
        return ProcessResult(status: -1, stdout: "", stderr: "missing")
    }
    return try runProcess(url, arguments)
}

/// Compares `actual` with the golden file `name` in `__Snapshots__`, with a line diff on failure.
/// `RECORD_SNAPSHOTS=1` rewrites the golden file instead.
func assertSnapshot(_ actual: [UInt8], named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = TestPaths.snapshots.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try Data(actual).write(to: url)
        return
    }
    guard let expected = FileManager.default.contents(atPath: url.path) else {
        Issue.record(
            Comment(rawValue: "no golden file \(name); run RECORD_SNAPSHOTS=1 swift test and review it"), sourceLocation: sourceLocation)
        return
    }
    guard Array(expected) != actual else { return }
    let a = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let b = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    var diff: [String] = []
    for i in 0..<max(a.count, b.count) where diff.count < 20 {
        let x = i < a.count ? String(a[i]) : nil
        let y = i < b.count ? String(b[i]) : nil
        if x != y {
            diff.append("line \(i + 1):")
            if let x { diff.append("- " + x) }
            if let y { diff.append("+ " + y) }
        }
    }
    Issue.record(
        Comment(rawValue: "\(name) differs from the golden file:\n" + diff.joined(separator: "\n")), sourceLocation: sourceLocation)
}
