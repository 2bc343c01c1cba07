import Delivery
import Foundation
import TestSupport
import Testing

@testable import ActivityModel
@testable import Insights
@testable import ReportPipeline
@testable import ReportRendering

/// The compact "Over time" of `--history`: the email's 12-week sparkline PNG, summary.md's line
/// and the chat posts' line, each with the numbers of insights.json's `overTime`.
@Suite("History: the email, summary.md and chat carry 12 weeks")
struct HistoryEmailTests {
    static let checkEmail = TestPaths.repo.appendingPathComponent("scripts/check-email")

    /// The alt text of the `<img>` whose `src` is `cid:CID` in report.eml's HTML part, read with
    /// Python's email package (independent of our MIME writer); "" when there is none.
    static func altText(eml: URL, cid: String) throws -> String {
        let code = """
            import email, email.policy, sys
            from html.parser import HTMLParser
            msg = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
            html = next(p for p in msg.walk() if p.get_content_type() == 'text/html').get_content()
            ids = [p['Content-ID'] for p in msg.walk() if p['Content-ID']]
            class P(HTMLParser):
                alt = None
                def handle_starttag(self, tag, attrs):
                    a = dict(attrs)
                    if tag == 'img' and a.get('src') == 'cid:' + sys.argv[2]: P.alt = a.get('alt', '')
            P().feed(html)
            if P.alt is not None and '<' + sys.argv[2] + '>' not in ids: sys.exit('cid does not resolve')
            sys.stdout.write(P.alt or '')
            """
        let r = try runProcess(InsightsTools.python3, ["python3", "-c", code, eml.path, cid])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    /// What a change of active users reads in words, recomputed from insights.json's numbers.
    static func words(_ change: [String: Any]) throws -> String {
        let weeks = try #require(change["weeks"] as? Int)
        let active = try #require((change["changes"] as? [[String: Any]])?.first { $0["metric"] as? String == "activity.activeUsers" })
        let then = try #require(active["previous"] as? Int)
        let now = try #require(active["current"] as? Int)
        let percent = try #require(active["changePercent"] as? Double)
        let amount = Int(abs(percent).rounded())
        return "\(now > then ? "up" : "down") \(amount)% since \(weeks) weeks ago (\(then) → \(now))"
    }

    @Test func aYearOfWeeklyRunsEndsWithAnEmailSparklineWhoseNumbersAreInsightsJSONs() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history")
        for week in 0..<51 where !WeeklyPayloads.missedWeeks.contains(week) {
            let (status, record) = try await HistoryRunTests.run(week: week, dir: dir, history: history)
            #expect(status == .ok, "week \(week): \(record.stderr)")
        }
        let (status, record) = try await HistoryRunTests.run(week: 51, dir: dir, history: history, email: true, dailyDays: 43)
        #expect(status == .ok, "\(record.stderr)")
        let out = dir.appendingPathComponent("out")
        let insights = try HistoryRunTests.json(out.appendingPathComponent("insights.json"))
        let overTime = try #require(insights["overTime"] as? [String: Any])
        let weeks = try #require(overTime["weeks"] as? [[String: Any]]).suffix(12)
        let values = weeks.map { ($0["activeUsers"] as? Int).map(String.init) ?? "no record" }
        let now = try #require(weeks.last?["activeUsers"] as? Int)
        let changes = try #require(overTime["changes"] as? [[String: Any]])
        let change13 = try Self.words(try #require(changes.first { $0["weeks"] as? Int == 13 }))
        let change4 = try Self.words(try #require(changes.first { $0["weeks"] as? Int == 4 }))
        #expect(values.count == 12)

        // The email: the sparkline PNG, referenced by cid, its alt text stating the numbers.
        let png = try Data(contentsOf: out.appendingPathComponent("charts/over-time-sparkline.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("charts/over-time.png").path))
        let alt = try Self.altText(eml: out.appendingPathComponent("report.eml"), cid: "over-time-sparkline@activityreport")
        #expect(alt.contains(": " + values.joined(separator: ", ") + "."), "\(alt)")
        #expect(alt.contains("\(now) active users in the 7 days to \(WeeklyPayloads.day(51).long)"), "\(alt)")
        #expect(alt.contains(change13) && alt.contains(change4), "\(alt) / \(change13) / \(change4)")
        // The full chart stays in the report, not in the email.
        let html = try String(contentsOf: out.appendingPathComponent("email.html"), encoding: .utf8)
        #expect(html.contains("src=\"charts/over-time-sparkline.png\""))
        #expect(!html.contains("over-time.png"))
        let check = try runProcess(InsightsTools.python3, ["python3", Self.checkEmail.path, out.path])
        #expect(check.status == 0, "\(check.stderr)")

        // summary.md: the same 12 weeks and changes.
        let md = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        let line = try #require(md.split(separator: "\n").first { $0.hasPrefix("**Over time:**") }).replacing("\\", with: "")
        #expect(line.contains("\(now) active users · last 12 weeks "), "\(line)")
        for change in changes {
            let k = try #require(change["weeks"] as? Int)
            let active = try #require((change["changes"] as? [[String: Any]])?.first { $0["metric"] as? String == "activity.activeUsers" })
            let then = try #require(active["previous"] as? Int)
            let delta = try #require(active["change"] as? Int)
            let percent = Int(try #require(active["changePercent"] as? Double).rounded())
            let span = k == 1 ? "a week ago" : "\(k) weeks ago"
            #expect(line.contains("since \(span): \(delta) (\(percent)%) (\(then) → \(now))"), "\(line)")
        }

        // The chat posts of the same run: one line on the trend, summary.md's words, with the
        // severity of the over-time-change finding.
        let run = try Self.insightsOfTheRun(history: history, week: 51)
        let recomputed = try #require(try JSONSerialization.jsonObject(with: Data(InsightsJSON.encode(run))) as? [String: Any])
        #expect((recomputed["overTime"] as? NSDictionary) == (overTime as NSDictionary))
        let post = ChatPost.report(title: "Activity", insights: run, generatedAt: 0, link: nil)
        let trend = try #require(post.trend)
        #expect("**Over time:** " + trend.line == line)
        let finding = try #require((insights["findings"] as? [[String: Any]])?.first { $0["id"] as? String == "over-time-change" })
        #expect(trend.severity?.rawValue == finding["severity"] as? String)
        let slack = String(decoding: SlackMessage.render(post), as: UTF8.self)
        #expect(slack.contains("*Over time:* \(trend.line)"))
        let teams = String(decoding: TeamsCard.render(post), as: UTF8.self)
        #expect(teams.contains("\"text\":\"Over time: \"") && teams.contains(trend.line))
    }

    /// The insights the run computed, from the same payload and the records it read.
    static func insightsOfTheRun(history: URL, week: Int) throws -> Insights {
        var files: [(name: String, bytes: [UInt8])] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: history.path).sorted() where name.hasSuffix(".insights.json") {
            files.append((name, Array(try Data(contentsOf: history.appendingPathComponent(name)))))
        }
        let loaded = try PayloadDecoder.decode(WeeklyPayloads.year(week, dailyDays: 43))
        return Analyzer.analyze(loaded, history: History.read(files, project: nil))
    }

    @Test func aRunWithoutHistoryHasNoSparklineAndNoChatLine() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.json")
        try Data(WeeklyPayloads.year(10)).write(to: input)
        let out = dir.appendingPathComponent("out")
        let (status, _) = await runReports([input.path], output: out.path) {
            $0.email = EmailOptions(from: "report@example.com", to: ["ops@example.com"])
        }
        #expect(status == .ok)
        let files = TestPaths.files(under: out)
        #expect(files.contains("charts/active-users.png") && !files.contains { $0.contains("over-time") })
        let html = try String(contentsOf: out.appendingPathComponent("email.html"), encoding: .utf8)
        #expect(!html.contains(">Over time<"))
        #expect(try Self.altText(eml: out.appendingPathComponent("report.eml"), cid: "over-time-sparkline@activityreport").isEmpty)
        let check = try runProcess(InsightsTools.python3, ["python3", Self.checkEmail.path, out.path])
        #expect(check.status == 0, "\(check.stderr)")
        let post = ChatPost.report(
            title: "Activity", insights: Analyzer.analyze(try PayloadDecoder.decode(WeeklyPayloads.year(10))), generatedAt: 0, link: nil)
        #expect(post.trend == nil)
        #expect(!String(decoding: SlackMessage.render(post), as: UTF8.self).contains("Over time"))
    }

    @Test func theSameHistoryAndPayloadGiveTheSameEmailBytes() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history")
        for week in 0..<14 { _ = try await HistoryRunTests.run(week: week, dir: dir, history: history) }
        var outputs: [[String: Data]] = []
        for _ in 0..<2 {
            let (status, _) = try await HistoryRunTests.run(week: 14, dir: dir, history: history, email: true)
            #expect(status == .ok)
            let out = dir.appendingPathComponent("out")
            var bytes: [String: Data] = [:]
            for name in ["report.eml", "email.html", "charts/over-time-sparkline.png", "summary.md"] {
                bytes[name] = try Data(contentsOf: out.appendingPathComponent(name))
            }
            outputs.append(bytes)
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0]["charts/over-time-sparkline.png"]?.isEmpty == false)
    }
}

/// A batch's digest post: each project's row carries the index's 12 weeks.
@Suite("History: the digest post")
struct HistoryDigestTests {
    @Test func eachProjectOfADigestGainsItsTwelveWeeksWhenThereIsHistory() throws {
        var row = ProjectIndexRow(
            name: "sales", uuid: "u1", folder: "sales", users: 60, activeUsers: 24, activePercent: 40, inactiveUsers: 2)
        let plain = ChatPost.digest([row], title: "Projects", generatedAt: 0, link: nil, reportLink: { _ in nil })
        #expect(!plain.rows[0].line.text.contains("weeks"))
        row.weekly = [13, 14, nil, 16, 24]
        let post = ChatPost.digest([row], title: "Projects", generatedAt: 0, link: nil, reportLink: { _ in nil })
        #expect(post.rows[0].line.text.hasSuffix(" · last 5 weeks ▁▂·▃█"), "\(post.rows[0].line.text)")
        #expect(String(decoding: SlackMessage.render(post), as: UTF8.self).contains("last 5 weeks ▁▂·▃█"))
        #expect(String(decoding: TeamsCard.render(post), as: UTF8.self).contains("▁▂·▃█"))
    }
}
