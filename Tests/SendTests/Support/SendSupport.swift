import Foundation
import TestSupport
import Testing

/// Paths and programs the send tests use, on top of `TestPaths`.
enum SendPaths {
    static let servers = TestPaths.repo.appendingPathComponent("Tests/SendTests/Servers")
    static let example = TestPaths.repo.appendingPathComponent("examples/activity.json")
    static let small = TestPaths.fixtures.appendingPathComponent("small.json")
    static var reportBinary: URL { TestPaths.reportBinary }

    /// `$VALIDATE_VENV/bin/python` (default `~/.cache/shared-validate-venv`), where
    /// `scripts/bootstrap --validators` installs aiosmtpd.
    static var python: URL {
        let env = ProcessInfo.processInfo.environment
        let venv =
            env["VALIDATE_VENV"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: env["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")).appendingPathComponent("shared-validate-venv")
        return venv.appendingPathComponent("bin/python")
    }

    static func temporaryDirectory() throws -> URL { try TestPaths.temporaryDirectory() }
    static func files(under dir: URL) -> [String] { TestPaths.files(under: dir) }

    /// Every byte written under `dir`, for "the secret is nowhere" checks.
    static func allBytes(under dir: URL) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for path in files(under: dir) { bytes += Array(try Data(contentsOf: dir.appendingPathComponent(path))) }
        return bytes
    }
}

typealias Ran = ProcessResult

/// Runs `executable` with `arguments` and an environment overlay, without the machine's mail settings.
func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> Ran {
    try runProcess(
        executable, arguments, environment: environment, removing: ["SMTP_PASSWORD", "SSL_CERT_FILE", "SSL_CERT_DIR", "SOURCE_DATE_EPOCH"])
}

/// `report ARGS...` as a user runs it.
func report(_ arguments: [String], environment: [String: String] = [:]) throws -> Ran {
    try run(SendPaths.reportBinary, arguments, environment: environment)
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
}

/// A test server on 127.0.0.1 (one of `Servers/*.py`), started by the test and stopped with it:
/// it prints "ready PORT" once listening and stops when its standard input closes.
final class LoopbackServer: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    let port: Int
    /// Where the server saves what it received.
    let out: URL

    init(_ script: String, _ arguments: [String], out: URL) throws {
        guard FileManager.default.isExecutableFile(atPath: SendPaths.python.path) else {
            throw ServerError(
                description: "missing \(SendPaths.python.path): run ./scripts/bootstrap --validators (it installs aiosmtpd there)")
        }
        self.out = out
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        process.executableURL = SendPaths.python
        process.arguments = [SendPaths.servers.appendingPathComponent(script).path, "--out", out.path] + arguments
        process.standardInput = input
        process.standardOutput = output
        let errors = out.appendingPathComponent("server.err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        var line = ""
        while !line.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            line += String(decoding: data, as: UTF8.self)
        }
        guard line.hasPrefix("ready "), let port = Int(line.dropFirst(6).prefix { $0.isNumber }) else {
            process.terminate()
            let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw ServerError(
                description: "\(script) did not start (is aiosmtpd installed? run ./scripts/bootstrap --validators): \(line) \(stderr)")
        }
        self.port = port
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning {
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning { process.terminate() }
        }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// Starts a server, recording why in the test when it cannot.
    static func recording(_ script: String, _ arguments: [String], out: URL) throws -> LoopbackServer {
        do {
            return try LoopbackServer(script, arguments, out: out)
        } catch {
            Issue.record("\(error)")
            throw error
        }
    }

    /// The files `NAME-1.EXT`, `NAME-2.EXT`, ... the server saved, in order.
    func saved(_ name: String, _ ext: String) -> [URL] {
        var urls: [URL] = []
        var n = 1
        while FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name)-\(n).\(ext)").path) {
            urls.append(out.appendingPathComponent("\(name)-\(n).\(ext)"))
            n += 1
        }
        return urls
    }

    /// A saved JSON file as a dictionary.
    static func json(_ url: URL) throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [String: Any] ?? [:]
    }
}

/// A self-signed certificate made for the test with openssl (nothing private is committed).
struct TestCertificate {
    let cert: URL
    let key: URL

    /// For `names` (the first is the subject; IP addresses become IP entries).
    init(in dir: URL, names: [String] = ["localhost", "127.0.0.1"], file: String = "server") throws {
        cert = dir.appendingPathComponent("\(file).pem")
        key = dir.appendingPathComponent("\(file)-key.pem")
        let san = names.map { $0.first?.isNumber == true ? "IP:\($0)" : "DNS:\($0)" }.joined(separator: ",")
        let r = try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", cert.path, "-days", "2",
                "-subj", "/CN=\(names[0])", "-addext", "subjectAltName=\(san)",
            ])
        guard r.status == 0 else { throw ServerError(description: "openssl failed: \(r.stderr)") }
    }
}
