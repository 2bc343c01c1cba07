import ActivitySource
import CurlTransport
import Delivery
import Foundation
import ReportPipeline
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A port nothing listens on yet: one below the kernel's ephemeral range (so no outgoing
/// connection of a test running beside this one can take it meanwhile) that binds now.
func freePort() -> Int {
    for _ in 0..<200 {
        let port = Int.random(in: 20_000..<30_000)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        close(fd)
        if bound == 0 { return port }
    }
    return 29_999
}

/// Shared between the test and its injected sleep.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Double] = []
    private var started: LoopbackServer?

    func wait(_ seconds: Double) -> Int {
        lock.withLock {
            waits.append(seconds)
            return waits.count
        }
    }

    var delays: [Double] { lock.withLock { waits } }
    var server: LoopbackServer? {
        get { lock.withLock { started } }
        set { lock.withLock { started = newValue } }
    }
}

@Suite("SMTP retries", .serialized)
struct SMTPRetryTests {
    @Test func aServerThatRefusesTheConnectionTwiceThenAcceptsGetsTheMessageAfterTheBackoffWaits() async throws {
        let dir = try SendPaths.temporaryDirectory()
        let certificate = try TestCertificate(in: dir)
        let password = "pw-\(UUID().uuidString)"
        try Data(password.utf8).write(to: dir.appendingPathComponent("server-password"))
        let port = freePort()
        let recorder = Recorder()
        // Nothing listens for the first two attempts; the server starts during the second wait.
        let timing = RetryTiming(
            now: { Date(timeIntervalSince1970: 1_770_800_000) },
            sleep: { seconds in
                if recorder.wait(seconds) == 2 {
                    recorder.server = try LoopbackServer.recording(
                        "smtp_server.py",
                        [
                            "--port", String(port), "--cert", certificate.cert.path, "--key", certificate.key.path, "--user", "alice",
                            "--password-file", dir.appendingPathComponent("server-password").path,
                        ], out: dir.appendingPathComponent("received"))
                }
            }, jitter: { 0 })
        var send = SendSettings()
        send.smtpURL = "smtp://alice@127.0.0.1:\(port)"
        send.smtpCAFile = certificate.cert.path
        let settings = RunSettings(
            outputDirectory: dir.appendingPathComponent("output").path, generatedAt: 1_770_800_000, quiet: true,
            email: EmailOptions(to: ["data@example.com"]), send: send)
        let log = MessageLog()
        let result = await ReportRun.files(
            [SendPaths.example.path], settings: settings, concurrency: 1, events: log, environment: ["SMTP_PASSWORD": password],
            timing: timing)
        let server = try #require(recorder.server)
        server.stop()
        #expect(result.status == .ok, "\(log.lines)")
        // The HTTP fetch's policy: 1 s then 2 s, times the jitter factor (0.5 with jitter 0).
        #expect(recorder.delays == [0.5, 1.0])
        let retries = log.messages.filter { $0.kind == .retry }
        #expect(retries.count == 2)
        #expect(retries.allSatisfy { $0.text.contains("could not connect to 127.0.0.1:\(port)") })
        #expect(log.messages.contains { $0.kind == .sent && $0.text.contains("(attempt 3)") })
        let received = server.saved("message", "eml")
        #expect(received.count == 1)
        #expect(try Data(contentsOf: received[0]) == Data(contentsOf: dir.appendingPathComponent("output/report.eml")))
        #expect(!log.lines.joined().contains(password))
    }

    @Test func connectionFailuresAreTriedAsOftenAsThePolicyAllowsThenExit69() async throws {
        let dir = try SendPaths.temporaryDirectory()
        let recorder = Recorder()
        let timing = RetryTiming(now: { Date(timeIntervalSince1970: 0) }, sleep: { _ = recorder.wait($0) }, jitter: { 0.5 })
        var send = SendSettings()
        send.smtpURL = "smtp://127.0.0.1:\(freePort())"
        let settings = RunSettings(
            outputDirectory: dir.path, generatedAt: 1_770_800_000, quiet: true, email: EmailOptions(to: ["data@example.com"]), send: send)
        let log = MessageLog()
        let result = await ReportRun.files(
            [SendPaths.example.path], settings: settings, concurrency: 1, events: log, environment: [:], timing: timing)
        #expect(result.status == .unavailable)
        #expect(recorder.delays == [0.75, 1.5, 3.0])
        let error = try #require(log.messages.last { $0.kind == .error })
        #expect(error.text.contains("could not connect to 127.0.0.1:"))
        #expect(error.text.contains("(after 4 attempts)"))
        // The report is written all the same.
        #expect(result.written.contains { $0.hasSuffix("report.eml") })
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.html").path))
    }
}
