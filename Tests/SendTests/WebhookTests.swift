import Foundation
import Testing

/// `--slack-webhook-file` and `--teams-webhook-file` against loopback stand-ins that check each
/// message against the platform's limits (Servers/webhook_server.py).
@Suite("Slack and Teams", .serialized)
struct WebhookTests {
    static let token = "XyZ\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"

    struct Setup {
        let dir: URL
        let server: LoopbackServer
        let slackFile: URL
        let teamsFile: URL

        init(_ extra: [String] = []) throws {
            dir = try SendPaths.temporaryDirectory()
            server = try LoopbackServer("webhook_server.py", extra, out: dir.appendingPathComponent("received"))
            slackFile = dir.appendingPathComponent("slack-webhook")
            teamsFile = dir.appendingPathComponent("teams-webhook")
            let base = "http://127.0.0.1:\(server.port)"
            try Data("\(base)/slack/services/T0TEST000/B0TEST000/\(WebhookTests.token)\n".utf8).write(to: slackFile)
            try Data(
                "\(base)/teams/workflows/0123456789abcdef0123456789abcdef/triggers/manual/paths/invoke?api-version=2016-06-01&sig=\(WebhookTests.token)\n"
                    .utf8
            ).write(to: teamsFile)
        }

        var output: URL { dir.appendingPathComponent("output") }

        func report(_ extra: [String], inputs: [URL] = [SendPaths.example]) throws -> Ran {
            try SendTests.report(
                ["--input"] + inputs.map(\.path) + ["--output", output.path, "--retry-base-delay", "0"] + extra,
                environment: ["SOURCE_DATE_EPOCH": "1770800000"])
        }

        /// Each post: its kind, status, problems found by the stand-in, its JSON and its bytes as text.
        func posts() throws -> [(kind: String, status: Int, problems: [String], body: [String: Any], raw: String)] {
            try zip(server.saved("post", "json"), server.saved("post", "meta.json")).map {
                let meta = try LoopbackServer.json($1)
                return (
                    meta["kind"] as? String ?? "", meta["status"] as? Int ?? 0, meta["problems"] as? [String] ?? ["?"],
                    try LoopbackServer.json($0), String(decoding: try Data(contentsOf: $0), as: UTF8.self)
                )
            }
        }

        /// The webhook URLs' token is in no output, message or file written.
        func expectNoToken(_ r: Ran, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let written = String(decoding: try SendPaths.allBytes(under: output), as: UTF8.self)
            for text in [r.stdout, r.stderr, written] {
                #expect(!text.contains(WebhookTests.token), sourceLocation: sourceLocation)
                #expect(!text.contains("T0TEST000"), sourceLocation: sourceLocation)
            }
        }
    }

    @Test func slackAndTeamsReceiveWellFormedMessagesWithTheFindingsNumbersAndLink() throws {
        let s = try Setup()
        let r = try s.report([
            "--slack-webhook-file", s.slackFile.path, "--teams-webhook-file", s.teamsFile.path, "--report-url",
            "https://reports.example.com/usage/",
        ])
        s.server.stop()
        #expect(r.status == 0, "\(r.stderr)")
        let posts = try s.posts()
        #expect(posts.map(\.kind).sorted() == ["slack", "teams"])
        for post in posts { #expect(post.problems.isEmpty, "\(post.kind): \(post.problems)") }
        #expect(posts.map(\.status).sorted() == [200, 202])
        // What the report's insights.json says is what the messages say.
        let insights = try LoopbackServer.json(s.output.appendingPathComponent("insights.json"))
        let findings = try #require(insights["findings"] as? [[String: Any]])
        let users = try #require((insights["users"] as? [String: Any])?["total"] as? Int)
        #expect(!findings.isEmpty)
        for post in posts {
            // Every text of the message, in order (a Teams phrase is several runs).
            let text = texts(post.body).joined().replacingOccurrences(of: "\u{201C}", with: "").replacingOccurrences(
                of: "\u{201D}", with: "")
            for finding in findings.prefix(5) {
                let title = try #require(finding["title"] as? String)
                let word = ["act": "Act", "watch": "Watch", "good": "Good", "info": "Info"][finding["severity"] as? String ?? ""] ?? "?"
                #expect(text.contains(word + ":"), "\(post.kind) lacks the severity word \(word)")
                let plain = title.replacingOccurrences(of: "\u{201C}", with: "").replacingOccurrences(of: "\u{201D}", with: "")
                let words = plain.split(separator: " ").prefix(4).joined(separator: " ")
                #expect(text.contains(words), "\(post.kind) lacks the finding \(title)")
            }
            #expect(post.raw.contains("https://reports.example.com/usage/report.html"))
            #expect(text.contains(grouped(users)), "\(post.kind) lacks the number of users \(users)")
        }
        let slack = try #require(posts.first { $0.kind == "slack" }?.body)
        let blocks = try #require(slack["blocks"] as? [[String: Any]])
        #expect((blocks[0]["text"] as? [String: Any])?["text"] as? String == "Lightdash user activity")
        #expect(r.stderr.contains("sent: Slack message to the webhook in \(s.slackFile.path)"))
        #expect(r.stderr.contains("sent: Teams message to the webhook in \(s.teamsFile.path)"))
        try s.expectNoToken(r)
    }

    /// Every `text` (and `value`) string of a JSON tree, in document order.
    func texts(_ value: Any) -> [String] {
        if let dict = value as? [String: Any] {
            var out: [String] = []
            for key in ["text", "title", "value"] { if let s = dict[key] as? String { out.append(s) } }
            for (key, v) in dict.sorted(by: { $0.key < $1.key }) where !(v is String) && key != "text" { out += texts(v) }
            if let t = dict["text"], !(t is String) { out += texts(t) }
            return out
        }
        if let array = value as? [Any] { return array.flatMap(texts) }
        return []
    }

    /// `12,345`.
    func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    @Test func aRateLimitedWebhookIsTriedAgainAfterItsRetryAfter() throws {
        let s = try Setup(["--fail", "2", "--status", "429", "--retry-after", "0"])
        let r = try s.report(["--slack-webhook-file", s.slackFile.path])
        s.server.stop()
        #expect(r.status == 0, "\(r.stderr)")
        let posts = try s.posts()
        #expect(posts.map(\.status) == [429, 429, 200])
        #expect(r.stderr.contains("retry: Slack webhook: attempt 1 of 4 failed (HTTP 429: rate_limited); trying again in 0.0 s"))
        #expect(r.stderr.contains("(attempt 3)"))
        try s.expectNoToken(r)
    }

    @Test func aRevokedWebhookExits77AndItsURLIsShownNowhere() throws {
        let s = try Setup(["--fail", "99", "--status", "403"])
        let r = try s.report(["--teams-webhook-file", s.teamsFile.path])
        s.server.stop()
        #expect(r.status == 77, "\(r.stderr)")
        #expect(r.stderr.contains("Teams webhook: the webhook refused the message: HTTP 403: invalid_token"))
        #expect(r.stderr.contains("hint: the webhook was revoked"))
        #expect(try s.posts().count == 1)
        #expect(FileManager.default.fileExists(atPath: s.output.appendingPathComponent("report.html").path))
        try s.expectNoToken(r)
    }

    @Test func aWebhookFileThatIsNotAnHTTPSURLIsAUsageErrorThatDoesNotQuoteIt() throws {
        let dir = try SendPaths.temporaryDirectory()
        let file = dir.appendingPathComponent("hook")
        try Data("http://hooks.example.com/services/\(WebhookTests.token)\n".utf8).write(to: file)
        let r = try report([
            "--input", SendPaths.example.path, "--output", dir.appendingPathComponent("out").path, "--slack-webhook-file", file.path,
        ])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("webhooks must be https://"))
        #expect(!r.stderr.contains(WebhookTests.token))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
        let option = try report([
            "--input", SendPaths.example.path, "--slack-webhook", "https://hooks.slack.com/services/\(WebhookTests.token)",
        ])
        #expect(option.status == 64)
        #expect(!option.stderr.contains(WebhookTests.token))
    }
}
