import Foundation
import Testing

/// Several inputs: one message per report, or with --digest one message after the index.
@Suite("Sending in batches", .serialized)
struct BatchSendTests {
    struct Setup {
        let dir: URL
        let smtp: LoopbackServer
        let hooks: LoopbackServer
        let slackFile: URL

        init() throws {
            dir = try SendPaths.temporaryDirectory()
            smtp = try LoopbackServer("smtp_server.py", [], out: dir.appendingPathComponent("mail"))
            hooks = try LoopbackServer("webhook_server.py", [], out: dir.appendingPathComponent("hooks"))
            slackFile = dir.appendingPathComponent("slack-webhook")
            try Data("http://127.0.0.1:\(hooks.port)/slack/services/T0/B0/batchSECRETtoken0123456789".utf8).write(to: slackFile)
        }

        var output: URL { dir.appendingPathComponent("output") }

        func report(_ extra: [String]) throws -> Ran {
            let r = try SendTests.report(
                [
                    "--input", SendPaths.example.path, SendPaths.small.path, "--output", output.path, "--smtp-url",
                    "smtp://127.0.0.1:\(smtp.port)", "--smtp-insecure", "--mail-to", "data@example.com", "--slack-webhook-file",
                    slackFile.path, "--report-url", "https://reports.example.com/weekly",
                ] + extra, environment: ["SOURCE_DATE_EPOCH": "1770800000"])
            smtp.stop()
            hooks.stop()
            return r
        }

        func slackPosts() throws -> [String] {
            try hooks.saved("post", "json").filter { !$0.path.hasSuffix(".meta.json") }.map {
                String(decoding: try Data(contentsOf: $0), as: UTF8.self)
            }
        }
    }

    @Test func eachReportOfABatchSendsItsOwnEmailAndPost() throws {
        let s = try Setup()
        let r = try s.report([])
        #expect(r.status == 0, "\(r.stderr)")
        let mails = try s.smtp.saved("message", "eml").map { try Data(contentsOf: $0) }
        let written = try ["activity", "small"].map { try Data(contentsOf: s.output.appendingPathComponent("\($0)/report.eml")) }
        #expect(mails.count == 2)
        #expect(Set(mails) == Set(written))
        let posts = try s.slackPosts()
        #expect(posts.count == 2)
        #expect(posts.contains { $0.contains("https://reports.example.com/weekly/activity/report.html") })
        #expect(posts.contains { $0.contains("https://reports.example.com/weekly/small/report.html") })
        #expect(!FileManager.default.fileExists(atPath: s.output.appendingPathComponent("index.eml").path))
        for meta in s.hooks.saved("post", "meta.json") { #expect((try LoopbackServer.json(meta))["problems"] as? [String] == []) }
    }

    @Test func aDigestSendsOneEmailAndOnePostWithTheIndexAfterTheIndexIsWritten() throws {
        let s = try Setup()
        let r = try s.report(["--digest"])
        #expect(r.status == 0, "\(r.stderr)")
        let mails = s.smtp.saved("message", "eml")
        #expect(mails.count == 1)
        let index = try Data(contentsOf: s.output.appendingPathComponent("index.eml"))
        #expect(try Data(contentsOf: try #require(mails.first)) == index)
        #expect(r.stdout.contains("index.eml"))
        let text = String(decoding: index, as: UTF8.self)
        #expect(text.contains("Subject: Lightdash user activity: 2 projects"))
        let posts = try s.slackPosts()
        #expect(posts.count == 1)
        let post = try #require(posts.first)
        #expect(post.contains("activity") && post.contains("small"))
        #expect(post.contains("https://reports.example.com/weekly/index.html"))
        #expect(post.contains("Open the index of every report"))
        #expect(r.stderr.contains("sent: digest: index.eml to 1 recipient"))
        #expect((try LoopbackServer.json(try #require(s.hooks.saved("post", "meta.json").first)))["problems"] as? [String] == [])
    }
}
