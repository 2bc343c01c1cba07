import Foundation
import Testing

/// `report --email --smtp-url ...` against a real SMTP server on loopback (aiosmtpd): STARTTLS
/// on a self-signed certificate the test trusts with --smtp-ca-file, and AUTH.
@Suite("SMTP delivery", .serialized)
struct SMTPDeliveryTests {
    static let password = "pw-\(UUID().uuidString)-SECRET"

    /// A folder with a certificate and a password file, and a started server.
    struct Setup {
        let dir: URL
        let certificate: TestCertificate
        let server: LoopbackServer

        init(_ extra: [String] = [], tls: Bool = true, auth: Bool = true) throws {
            dir = try SendPaths.temporaryDirectory()
            certificate = try TestCertificate(in: dir)
            try Data(SMTPDeliveryTests.password.utf8).write(to: dir.appendingPathComponent("server-password"))
            var arguments = extra
            if tls { arguments += ["--cert", certificate.cert.path, "--key", certificate.key.path] }
            if auth { arguments += ["--user", "alice@example.com", "--password-file", dir.appendingPathComponent("server-password").path] }
            server = try LoopbackServer("smtp_server.py", arguments, out: dir.appendingPathComponent("received"))
        }

        var output: URL { dir.appendingPathComponent("output") }

        /// `report` on the example with the email sent to this server.
        func report(
            _ extra: [String], password: String? = SMTPDeliveryTests.password, caFile: Bool = true, quiet: Bool = true,
            scheme: String = "smtp", environment: [String: String] = [:]
        ) throws -> Ran {
            var arguments = [
                "--input", SendPaths.example.path, "--output", output.path,
                "--smtp-url", "\(scheme)://alice%40example.com@127.0.0.1:\(server.port)",
                "--mail-from", "Reports <reports@example.com>", "--retry-base-delay", "0",
            ]
            if caFile { arguments += ["--smtp-ca-file", certificate.cert.path] }
            if quiet { arguments.append("--quiet") }
            var env = environment
            env["SOURCE_DATE_EPOCH"] = "1770800000"
            if let password { env["SMTP_PASSWORD"] = password }
            return try SendTests.report(arguments + extra, environment: env)
        }

        /// Neither the password nor anything of it in stdout, stderr or any file written.
        func expectNoPassword(_ r: Ran, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let written = String(decoding: try SendPaths.allBytes(under: output), as: UTF8.self)
            for text in [r.stdout, r.stderr, written] {
                #expect(!text.contains(SMTPDeliveryTests.password), sourceLocation: sourceLocation)
                #expect(!text.contains("SECRET"), sourceLocation: sourceLocation)
            }
        }
    }

    @Test func theMessageArrivesByteIdenticalToReportEmlWithTheRightEnvelopeOverStartTLSAndAuth() throws {
        let s = try Setup()
        let r = try s.report(
            ["--mail-to", "Data team <data@example.com>", "--mail-cc", "lead@example.com", "--mail-bcc", "Auditor <audit@example.org>"])
        s.server.stop()
        #expect(r.status == 0, "\(r.stderr)")
        let received = s.server.saved("message", "eml")
        #expect(received.count == 1)
        let eml = try Data(contentsOf: s.output.appendingPathComponent("report.eml"))
        #expect(try Data(contentsOf: try #require(received.first)) == eml)
        let meta = try LoopbackServer.json(try #require(s.server.saved("message", "json").first))
        #expect(meta["mail_from"] as? String == "reports@example.com")
        #expect(meta["rcpt_tos"] as? [String] == ["data@example.com", "lead@example.com", "audit@example.org"])
        #expect(meta["tls"] as? Bool == true)
        #expect(meta["login"] as? String == "alice@example.com")
        // Cc is in the header; the blind copy is only in the envelope.
        let text = String(decoding: eml, as: UTF8.self)
        let header = String(text[..<(text.range(of: "\r\n\r\n")?.lowerBound ?? text.endIndex)])
        #expect(header.contains("\r\nCc: lead@example.com\r\n"))
        #expect(!text.contains("audit@example.org"))
        #expect(!header.lowercased().contains("bcc"))
        // The report's files were written and listed as usual.
        #expect(r.stdout.contains("report.html"))
        #expect(!r.stderr.contains("error"))
        try s.expectNoPassword(r)
    }

    @Test func smtpsSpeaksTLSFromTheFirstByte() throws {
        let s = try Setup(["--implicit-tls"])
        let r = try s.report(["--mail-to", "data@example.com"], scheme: "smtps")
        #expect(r.status == 0, "\(r.stderr)")
        // The same server, untrusted: refused before anything is sent.
        let untrusted = try s.report(["--mail-to", "data@example.com"], caFile: false, scheme: "smtps")
        s.server.stop()
        #expect(untrusted.status == 69, "\(untrusted.stderr)")
        #expect(untrusted.stderr.contains("does not verify"))
        let received = s.server.saved("message", "eml")
        #expect(received.count == 1)
        #expect(try Data(contentsOf: received[0]) == Data(contentsOf: s.output.appendingPathComponent("report.eml")))
        #expect((try LoopbackServer.json(s.server.saved("message", "json")[0]))["login"] as? String == "alice@example.com")
        try s.expectNoPassword(r)
    }

    @Test func sslCertFileIsHonouredForTheServersCertificate() throws {
        let s = try Setup()
        let r = try s.report(["--mail-to", "data@example.com"], caFile: false, environment: ["SSL_CERT_FILE": s.certificate.cert.path])
        s.server.stop()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.server.saved("message", "eml").count == 1)
    }

    @Test func aWrongPasswordExits77WithTheServersWordsAndTheReportStaysWritten() throws {
        let s = try Setup()
        let wrong = "not-the-password-SECRET"
        let r = try s.report(["--mail-to", "data@example.com"], password: wrong)
        s.server.stop()
        #expect(r.status == 77, "\(r.stderr)")
        #expect(r.stderr.contains("535 5.7.8 Authentication credentials invalid"))
        #expect(r.stderr.contains("hint: check the user in --smtp-url"))
        #expect(s.server.saved("message", "eml").isEmpty)
        #expect(FileManager.default.fileExists(atPath: s.output.appendingPathComponent("report.html").path))
        #expect(FileManager.default.fileExists(atPath: s.output.appendingPathComponent("report.eml").path))
        // Authentication failures are final: one attempt, no retry.
        #expect(!r.stderr.contains("trying again"))
        #expect(!r.stderr.contains(wrong) && !r.stdout.contains(wrong))
        try s.expectNoPassword(r)
    }

    @Test func aServerThatRefusesTwiceWith421IsTriedAgainAndDelivers() throws {
        let s = try Setup(["--refuse", "2"])
        let r = try s.report(["--mail-to", "data@example.com"], quiet: false)
        s.server.stop()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stderr.contains(
                "retry: SMTP 127.0.0.1:\(s.server.port): attempt 1 of 4 failed (the server answered 421 4.3.2 Service not available"))
        #expect(r.stderr.contains("attempt 2 of 4 failed"))
        #expect(!r.stderr.contains("attempt 3 of 4"))
        #expect(r.stderr.contains("sent: report.eml to 1 recipient through SMTP 127.0.0.1:\(s.server.port) (attempt 3)"))
        #expect(s.server.saved("message", "eml").count == 1)
        #expect(
            try Data(contentsOf: s.server.saved("message", "eml")[0]) == Data(contentsOf: s.output.appendingPathComponent("report.eml")))
    }

    @Test func aMessageTooLargeIsFinalWithAClearMessage() throws {
        let s = try Setup(["--size-limit", "20000"])
        let r = try s.report(["--mail-to", "data@example.com"])
        s.server.stop()
        #expect(r.status == 69, "\(r.stderr)")
        #expect(r.stderr.contains("the message is too large for the server: 552"))
        #expect(r.stderr.contains("exceeds fixed maximum message size"))
        #expect(r.stderr.contains("hint: report.eml is "))
        #expect(!r.stderr.contains("after 2 attempts"))
        #expect(s.server.saved("message", "eml").isEmpty)
        #expect(FileManager.default.fileExists(atPath: s.output.appendingPathComponent("report.html").path))
    }

    @Test func aCertificateThatDoesNotVerifyIsRefusedWithoutFallingBackToPlainText() throws {
        // The system's CAs do not know the self-signed certificate.
        let s = try Setup()
        let r = try s.report(["--mail-to", "data@example.com"], caFile: false)
        #expect(r.status == 69, "\(r.stderr)")
        #expect(r.stderr.contains("the server's certificate does not verify"))
        #expect(r.stderr.contains("--smtp-ca-file"))
        // A certificate for another name, signed by a CA the run trusts, is refused too.
        let other = try TestCertificate(in: s.dir, names: ["mail.other.example"], file: "other")
        let r2 = try s.report(["--mail-to", "data@example.com", "--smtp-ca-file", other.cert.path], caFile: false)
        s.server.stop()
        #expect(r2.status == 69, "\(r2.stderr)")
        #expect(r2.stderr.contains("does not verify"))
        #expect(s.server.saved("message", "eml").isEmpty)
        try s.expectNoPassword(r)
        try s.expectNoPassword(r2)
    }

    @Test func aServerWithoutStartTLSIsRefusedUnlessInsecureIsAskedForOnLoopback() throws {
        let s = try Setup(tls: false, auth: false)
        let smtpURL = "smtp://127.0.0.1:\(s.server.port)"
        let base = [
            "--input", SendPaths.example.path, "--output", s.output.path, "--quiet", "--smtp-url", smtpURL, "--mail-to", "data@example.com",
            "--retry-base-delay", "0",
        ]
        let refused = try report(base)
        #expect(refused.status == 69, "\(refused.stderr)")
        #expect(refused.stderr.contains("does not offer STARTTLS"))
        #expect(s.server.saved("message", "eml").isEmpty)
        let insecure = try report(base + ["--smtp-insecure"])
        s.server.stop()
        #expect(insecure.status == 0, "\(insecure.stderr)")
        #expect(s.server.saved("message", "eml").count == 1)
    }

    @Test func dryRunSendSaysWhatWouldGoToWhomAndSendsNothing() throws {
        let s = try Setup()
        let r = try s.report(["--mail-to", "data@example.com", "--mail-bcc", "audit@example.org", "--dry-run-send"])
        s.server.stop()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("would send: report.eml ("))
        #expect(r.stderr.contains("from reports@example.com to data@example.com bcc audit@example.org"))
        #expect(r.stderr.contains("through SMTP 127.0.0.1:\(s.server.port) (STARTTLS, logging in as alice@example.com)"))
        #expect(s.server.saved("message", "eml").isEmpty)
        try s.expectNoPassword(r)
    }

    @Test func aPasswordIsNeverTakenFromTheCommandLine() throws {
        let dir = try SendPaths.temporaryDirectory()
        let inline = try report([
            "--input", SendPaths.example.path, "--output", dir.path, "--smtp-url", "smtp://alice:hunter2SECRET@smtp.example.com",
            "--mail-to", "a@example.com",
        ])
        #expect(inline.status == 64)
        #expect(inline.stderr.contains("must not hold the password"))
        #expect(!inline.stderr.contains("hunter2"))
        #expect(SendPaths.files(under: dir).isEmpty)
        let option = try report(["--input", SendPaths.example.path, "--output", dir.path, "--smtp-password", "hunter2SECRET"])
        #expect(option.status == 64)
        #expect(option.stderr.contains("--smtp-password is not accepted"))
        #expect(!option.stderr.contains("hunter2"))
    }
}
