import Foundation
import Insights
import ReportRendering
import Testing

/// The Slack and Teams messages of extreme content, checked by the stand-ins' own checker
/// (`webhook_server.py --check`): many findings, huge and hostile names, hundreds of projects.
@Suite("Chat message limits")
struct ChatLimitsTests {
    /// The stand-in's verdict on `body`: the problems it found (empty when within the limits).
    func problems(_ kind: String, _ body: [UInt8]) throws -> [String] {
        let dir = try SendPaths.temporaryDirectory()
        let file = dir.appendingPathComponent("body.json")
        try Data(body).write(to: file)
        let r = try run(
            URL(fileURLWithPath: "/bin/sh"),
            [
                "-c", "\"$0\" \"$1\" --check \"$2\" < \"$3\"", SendPaths.python.path,
                SendPaths.servers.appendingPathComponent("webhook_server.py").path, kind, file.path,
            ])
        if r.status != 0 && r.stdout.isEmpty { return ["checker failed: \(r.stderr)"] }
        return r.stdout.split(separator: "\n").map(String.init)
    }

    static let hostile = [
        "<!channel> *URGENT* [click](https://evil.example) & <@U123>", String(repeating: "&<>", count: 3000),
        "\u{202E}لوحة المبيعات\u{202C} with\nline\u{2028}breaks\u{0007}", String(repeating: "📊", count: 5000),
    ]

    static func insights(findings: Int) -> Insights {
        var list: [Finding] = []
        for i in 0..<findings {
            let name = hostile[i % hostile.count]
            let title: Phrase =
                "\(Phrase.quoted(name)) is finding \(Phrase.number(String(i))) with a long tail \(String(repeating: "x", count: 2000))"
            list.append(
                Finding(
                    id: "rule-\(i)", severity: Finding.Severity.allCases[i % 3], title: title,
                    detail: "\(Phrase.name(name)) and more \(String(repeating: "y & z < w ", count: 1000))"))
        }
        return Insights(
            users: .init(total: 12_345, admins: 1, editors: 2, interactiveViewers: 3, viewers: 4, other: 0),
            activity: .init(
                activePercent: 42.5, activeUsers: 5_000, queries7d: 123_456, queriesPerActiveUser: 24.7, medianQueriesPerActiveUser: 9),
            trend: .init(), findings: list)
    }

    @Test func aReportWithManyHostileFindingsStaysWithinSlackAndTeamsLimits() throws {
        let post = ChatPost.report(
            title: String(repeating: "A very long title ", count: 40), insights: Self.insights(findings: 12), generatedAt: 1_770_800_000,
            link: "https://reports.example.com/usage/report.html")
        let slack = SlackMessage.render(post)
        let teams = TeamsCard.render(post)
        #expect(try problems("slack", slack) == [])
        #expect(try problems("teams", teams) == [])
        let slackText = String(decoding: slack, as: UTF8.self)
        #expect(slackText.contains("and 7 more in the full report"))
        #expect(!slackText.contains("<!channel>") && !slackText.contains("<@U123>"))
        #expect(slackText.contains("&lt;!channel&gt;"))
        #expect(String(decoding: teams, as: UTF8.self).contains("and 7 more in the full report"))
        #expect(teams.count <= TeamsCard.Limits.messageBytes)
    }

    @Test func aDigestOfHundredsOfProjectsIsCutWithAndNMore() throws {
        var rows: [ProjectIndexRow] = []
        for i in 0..<1000 {
            let name = Self.hostile[i % Self.hostile.count] + " \(i)"
            let uuid = String(format: "3675b69e-8324-4110-bdca-%012d", i)
            rows.append(
                i % 17 == 0
                    ? ProjectIndexRow(
                        name: name, uuid: uuid, failure: "403 ForbiddenError: <b>no</b> & " + String(repeating: "z", count: 500))
                    : ProjectIndexRow(
                        name: name, uuid: uuid, folder: "p-\(i)", users: i * 10, activeUsers: i, activePercent: 10, weekOverWeek: -i,
                        inactiveUsers: i / 2))
        }
        let post = ChatPost.digest(
            rows, title: "Usage", generatedAt: 1_770_800_000, link: "https://reports.example.com/usage/index.html",
            reportLink: { "https://reports.example.com/usage/\($0)/report.html" })
        let slack = SlackMessage.render(post)
        let teams = TeamsCard.render(post)
        #expect(try problems("slack", slack) == [])
        #expect(try problems("teams", teams) == [])
        for body in [slack, teams] {
            let text = String(decoding: body, as: UTF8.self)
            #expect(text.range(of: #"and \d+ more projects in the index"#, options: .regularExpression) != nil)
        }
        let blocks = try #require((try JSONSerialization.jsonObject(with: Data(slack)) as? [String: Any])?["blocks"] as? [Any])
        #expect(blocks.count <= SlackMessage.Limits.blocks)
    }

    @Test func theCheckerRefusesWhatBreaksTheLimitsSoItCanFail() throws {
        let tooLong =
            #"{"text":"t","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"\#(String(repeating: "a", count: 3001))"}}]}"#
        #expect(try problems("slack", Array(tooLong.utf8)).contains { $0.contains("3001 units") })
        let mention = #"{"text":"t","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"hi <!channel>"}}]}"#
        #expect(try !problems("slack", Array(mention.utf8)).isEmpty)
        let blocks = (0..<51).map { _ in #"{"type":"divider"}"# }.joined(separator: ",")
        #expect(try problems("slack", Array(#"{"text":"t","blocks":[\#(blocks)]}"#.utf8)).contains { $0.contains("51") })
        let big =
            #"{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","version":"1.4","body":[{"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"\#(String(repeating: "b", count: 30000))"}]}]}}]}"#
        #expect(try problems("teams", Array(big.utf8)).contains { $0.contains("over Teams") })
    }
}
