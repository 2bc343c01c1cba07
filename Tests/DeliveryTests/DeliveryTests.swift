import ActivityModel
import Foundation
import Insights
import TestSupport
import Testing

@testable import Delivery

/// Runs `python3 CODE ARGS...` and returns its stdout.
private func python(_ code: String, _ arguments: [String] = [], stdin: [UInt8] = []) throws -> ProcessResult {
    try runProcess(InsightsTools.python3, ["python3", "-c", code] + arguments, stdin: stdin)
}

private let checkEmail = TestPaths.repo.appendingPathComponent("scripts/check-email")
private let example = TestPaths.repo.appendingPathComponent("examples/activity.json").path

/// Runs the built `report` with SOURCE_DATE_EPOCH set, into a new folder.
private func report(_ arguments: [String], environment: [String: String] = [:]) throws -> (ProcessResult, URL) {
    let dir = try TestPaths.temporaryDirectory()
    var env = ["SOURCE_DATE_EPOCH": "1770768000"]
    for (k, v) in environment { env[k] = v }
    let r = try runProcess(
        TestPaths.reportBinary, arguments + ["--output", dir.appendingPathComponent("out").path, "--quiet"], environment: env)
    return (r, dir.appendingPathComponent("out"))
}

@Suite struct SHA256Tests {
    @Test func matchesPythonHashlibAtEveryPaddingBoundary() throws {
        for length in [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 70_001] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
            let r = try python("import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())", stdin: bytes)
            #expect(ContentHash.sha256Hex(bytes) == r.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "length \(length)")
        }
    }

    @Test func knownVector() {
        #expect(ContentHash.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

@Suite struct MIMETests {
    @Test func base64LinesAreAtMost76AndEndInCRLF() {
        let text = MailMessage.base64Lines([UInt8](repeating: 0xFF, count: 1000))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(MailMessage.base64Lines(Array("foobar".utf8)) == "Zm9vYmFy\r\n")
        #expect(MailMessage.base64Lines(Array("fo".utf8)) == "Zm8=\r\n")
        #expect(MailMessage.base64Lines([]) == "")
    }

    @Test func base64LinesMatchPythonsEmailPackageAtEveryLineBoundary() throws {
        // 57 bytes make one full line of 76 characters.
        for length in [0, 1, 2, 3, 56, 57, 58, 113, 114, 115, 171, 1000, 70_001] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
            let r = try python(
                "import sys; from email import base64mime; sys.stdout.write(base64mime.body_encode(sys.stdin.buffer.read(), 76, '\\r\\n'))",
                stdin: bytes)
            #expect(MailMessage.base64Lines(bytes) == r.stdout, "length \(length)")
        }
    }

    @Test func headersFoldAndEncodeWithoutInjectingFields() throws {
        let field = MIMEHeader.field("Subject", "Ünïcode\r\nBcc: x@example.com " + String(repeating: "日本語 ", count: 40))
        let lines = field.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(field.unicodeScalars.allSatisfy { $0.isASCII })
        let ascii = MIMEHeader.field("Subject", "Weekly report: 62% active")
        #expect(ascii == "Subject: Weekly report: 62% active\r\n")
    }

    @Test func mailboxesParseAndRejectBadAddresses() throws {
        #expect(try MIMEHeader.Mailbox(parsing: "Ops <ops@example.com>").headerPieces == ["Ops", "<ops@example.com>"])
        #expect(try MIMEHeader.Mailbox(parsing: "ops@example.com").headerPieces == ["ops@example.com"])
        #expect(try MIMEHeader.Mailbox(parsing: "\"A, B\" <ab@example.com>").headerPieces == ["\"A, B\"", "<ab@example.com>"])
        #expect(throws: DeliveryError.self) { try MIMEHeader.Mailbox(parsing: "not an address") }
        #expect(throws: DeliveryError.self) { try MIMEHeader.Mailbox(parsing: "a@b\r\nBcc: c@d") }
    }

    @Test func datesAreRFC5322() {
        #expect(MailDate.rfc5322(0) == "Thu, 1 Jan 1970 00:00:00 +0000")
        #expect(MailDate.rfc5322(1_770_768_000) == "Wed, 11 Feb 2026 00:00:00 +0000")
        #expect(MailDate.rfc5322(951_782_400 + 3661) == "Tue, 29 Feb 2000 01:01:01 +0000")
    }
}

@Suite struct CheckTests {
    let tree: JSONValue

    init() throws {
        tree = try JSONValue.parse(
            Array(
                #"""
                {"activity": {"activePercent": 62, "queriesPerActiveUser": null}, "trend": {"asOf": "2026-02-11"},
                 "inactive": {"buckets": {"365+": 1}}, "flag": true, "findings": [{"id": "a", "n": 3}], "empty": {}}
                """#.utf8))
    }

    @Test func parsesEveryComparison() throws {
        for op in [">=", "<=", "==", "!=", ">", "<"] {
            let check = try Check(parsing: "activity.activePercent \(op) 40")
            #expect(check.comparison.rawValue == op)
            #expect(check.path == ["activity", "activePercent"])
        }
        #expect(try Check(parsing: "activity.activePercent>=40.5").value == 40.5)
    }

    @Test func evaluates() throws {
        #expect(try Check(parsing: "activity.activePercent >= 40").evaluate(tree: tree).passed)
        #expect(try !Check(parsing: "activity.activePercent < 40").evaluate(tree: tree).passed)
        #expect(try Check(parsing: "findings.0.n == 3").evaluate(tree: tree).passed)
        let null = try Check(parsing: "activity.queriesPerActiveUser > 1").evaluate(tree: tree)
        #expect(!null.passed)
        #expect(null.actual.contains("null"))
    }

    @Test func evaluatesOnTheInsightsTheFileIsWrittenFrom() throws {
        let activity = try PayloadDecoder.decode(try TestPaths.fixture("small.json"))
        let insights = Analyzer.analyze(activity)
        let written = try JSONValue.parse(InsightsJSON.encode(insights))
        for text in ["activity.activePercent >= 40", "users.total == 24", "activity.queriesPerActiveUser > 1", "trend.days > 0"] {
            let check = try Check(parsing: text)
            #expect(try check.evaluate(on: insights) == check.evaluate(tree: written), "\(text)")
        }
    }

    @Test func badExpressionsSayWhatIsWrong() throws {
        for (text, words) in [
            ("", "no insights.json key"), ("activity.activePercent => 40", "not a comparison"),
            ("activity.activePercent >= forty", "not a number"), ("activity..x > 1", "empty key"),
            ("activity.activePercent 40", "not a comparison"),
        ] {
            do {
                _ = try Check(parsing: text)
                Issue.record("'\(text)' parsed")
            } catch {
                #expect(error.message.contains(words), "\(error.message)")
            }
        }
        for (text, words) in [
            ("activity.nope > 1", "no key 'activity.nope' (keys there: activePercent, queriesPerActiveUser); see"),
            ("trend.asOf > 1", "is the text \"2026-02-11\""), ("activity > 1", "a group of values"), ("flag > 0", "is true, not a number"),
            ("findings > 0", "a group of values"), ("findings.1.n > 0", "no key 'findings.1.n'; see"),
            ("empty.x > 0", "no key 'empty.x'; see"), ("activity.activePercent.x > 0", "no key 'activity.activePercent.x'; see"),
        ] {
            do {
                _ = try Check(parsing: text).evaluate(tree: tree)
                Issue.record("'\(text)' evaluated")
            } catch {
                #expect(error.message.contains(words), "\(error.message)")
            }
        }
    }

    @Test func stepSummaryStaysUnderTheLimitWithANote() {
        let big = Array(String(repeating: "| a line of the summary |\n", count: 60_000).utf8)
        let fitted = StepSummary.fit(big)
        #expect(fitted.count <= StepSummary.limit)
        #expect(String(decoding: fitted.suffix(120), as: UTF8.self).contains("more lines"))
        #expect(StepSummary.fit(Array("short".utf8)) == Array("short".utf8))
    }
}

@Suite(.serialized) struct DeliveryEndToEndTests {
    @Test func exampleEmailParsesBackWithPythonsEmailPackage() throws {
        let (r, out) = try report([
            "--input", example, "--mail-to", "Zoë Ünïcode <zoe@example.com>", "--mail-to", "ops@example.com",
            "--mail-from", "Reports <reports@example.com>",
        ])
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        #expect(r.status == 0, "\(r.stderr)")
        let c = try runProcess(
            checkEmail,
            [
                out.path, "--subject", "Lightdash user activity: the 7 days to 11 Feb 2026",
                "--to", "Zoë Ünïcode <zoe@example.com>", "--to", "ops@example.com",
            ])
        #expect(c.status == 0, "\(c.stderr)")
        let eml = try String(contentsOf: out.appendingPathComponent("report.eml"), encoding: .utf8)
        #expect(eml.contains("Date: Wed, 11 Feb 2026 00:00:00 +0000\r\n"))
        #expect(eml.contains("@example.com>\r\nMIME-Version: 1.0"))
        // Deterministic under SOURCE_DATE_EPOCH.
        let (r2, out2) = try report([
            "--input", example, "--mail-to", "Zoë Ünïcode <zoe@example.com>", "--mail-to", "ops@example.com",
            "--mail-from", "Reports <reports@example.com>",
        ])
        defer { try? FileManager.default.removeItem(at: out2.deletingLastPathComponent()) }
        #expect(r2.status == 0)
        #expect(
            try Data(contentsOf: out2.appendingPathComponent("report.eml")) == Data(contentsOf: out.appendingPathComponent("report.eml")))
    }

    @Test(arguments: [(250, 43, 1_000), (100_000, 3650, 100_000)])
    func emailHTMLStaysUnder100KB(users: Int, days: Int, listLimit: Int) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let payload = dir.appendingPathComponent("p.json")
        let g = try runProcess(
            InsightsTools.python3,
            [
                "python3", InsightsTools.genSynthetic.path, "--users", "\(users)", "--days", "\(days)",
                "--seed", "1", "--list-limit", "\(listLimit)", "--out", payload.path,
            ])
        try #require(g.status == 0, "\(g.stderr)")
        let (r, out) = try report(["--input", payload.path, "--email"])
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        #expect(r.status == 0, "\(r.stderr)")
        let c = try runProcess(checkEmail, [out.path])
        #expect(c.status == 0, "\(c.stderr)")
        let size = try Data(contentsOf: out.appendingPathComponent("email.html")).count
        #expect(size < 100 * 1024)
    }

    @Test func naughtyNamesSurviveSubjectNamesAndTables() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try naughtyPayload(in: dir)
        let title = "Ünïcode\r\nBcc: evil@example.com =?x?= \"q\" <script>"
        let (r, out) = try report([
            "--input", input.path, "--title", title, "--mail-from", "\"Dé \\\"x\\\" <y>\" <a@b.example>",
            "--mail-to", "Zoë <z@example.com>",
        ])
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        #expect(r.status == 0, "\(r.stderr)")
        let c = try runProcess(checkEmail, [out.path, "--to", "Zoë <z@example.com>"])
        #expect(c.status == 0, "\(c.stderr)")
        let p = try python(
            """
            import email, email.policy, sys
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
            print(m['Bcc'] is None, str(m['Subject']), m['From'].addresses[0].display_name, sep='\\n')
            """, [out.appendingPathComponent("report.eml").path])
        let lines = p.stdout.components(separatedBy: "\n")
        #expect(lines.first == "True")
        #expect(lines.dropFirst().first?.hasPrefix("Ünïcode Bcc: evil@example.com =?x?= \"q\" <script>: the 7 days to") == true)
        #expect(lines.dropFirst(2).first == "Dé \"x\" <y>")
    }

    @Test func checksGateTheExitStatusAndAreListedInTheSummary() throws {
        let (pass, out) = try report([
            "--input", example, "--check", "activity.activePercent >= 40", "--check", "inactive.percentOfUsers < 30",
        ])
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        #expect(pass.status == 0, "\(pass.stderr)")
        #expect(pass.stderr.contains("check: PASS activity.activePercent >= 40 (actual: 62)"))
        let summary = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("## Checks"))
        #expect(summary.contains("`inactive.percentOfUsers < 30` (actual: 16.67)"))

        let (fail, out2) = try report(["--input", example, "--check", "activity.activePercent >= 90"])
        defer { try? FileManager.default.removeItem(at: out2.deletingLastPathComponent()) }
        #expect(fail.status == 1)
        #expect(fail.stderr.contains("check: FAIL activity.activePercent >= 90 (actual: 62)"))

        for (bad, words) in [
            ("activity.activePercent ~ 3", "not a comparison"), ("activity.nope > 1", "no key"), ("trend.asOf > 1", "not a number"),
        ] {
            let (r, o) = try report(["--input", example, "--check", bad])
            try? FileManager.default.removeItem(at: o.deletingLastPathComponent())
            #expect(r.status == 64, "\(bad): \(r.status)")
            #expect(r.stderr.contains(words), "\(r.stderr)")
        }
    }

    @Test func manifestHashesMatchTheFilesAndGitHubSummaryIsAppended() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let summaryFile = dir.appendingPathComponent("step-summary.md")
        try Data("before\n".utf8).write(to: summaryFile)
        let (r, out) = try report(
            ["--input", example, "--email", "--github-summary"], environment: ["GITHUB_STEP_SUMMARY": summaryFile.path])
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        #expect(r.status == 0, "\(r.stderr)")
        let p = try python(
            """
            import hashlib, json, os, sys
            out = sys.argv[1]
            m = json.load(open(os.path.join(out, 'manifest.json')))
            listed = {f['path'] for f in m['files']}
            on_disk = {os.path.relpath(os.path.join(d, f), out) for d, _, fs in os.walk(out) for f in fs} - {'manifest.json'}
            assert listed == on_disk, (listed ^ on_disk)
            for f in m['files']:
                data = open(os.path.join(out, f['path']), 'rb').read()
                assert f['size'] == len(data) and f['sha256'] == hashlib.sha256(data).hexdigest(), f['path']
            print(len(listed))
            """, [out.path])
        #expect(p.status == 0, "\(p.stderr)")
        #expect(p.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "30")
        let appended = try String(contentsOf: summaryFile, encoding: .utf8)
        #expect(appended.hasPrefix("before\n# Lightdash user activity"))
    }
}
