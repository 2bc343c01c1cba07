import Delivery
import Foundation
import Testing

@testable import ActivityModel
@testable import Insights
@testable import ReportRendering

/// Findings are phrases: spans of our words, names and numbers that each renderer escapes its
/// own way; insights.json keeps the plain sentence with the names between “ and ”.
@Suite("Findings as phrases")
struct FindingPhrasesTests {
    /// A dashboard name with both typographic quotes, the other way round, and Markdown and HTML
    /// punctuation.
    static let name = "Sales ”closing“ & v2.0"

    static func insights(top name: String) -> (UserActivity, Insights) {
        let a = UserActivity(
            numberUsers: 10, numberAdmins: 10, numberEditors: 0, numberInteractiveViewers: 0, numberViewers: 0,
            weeklyActivePercent: 50,
            mostQueries: [UserCount(userUuid: "u1", firstName: "Ann", lastName: "Lee", count: 4)],
            dashboardViews: [ContentViews(uuid: "d1", name: name, count: 7), ContentViews(uuid: "d2", name: "Other", count: 3)])
        return (a, Analyzer.analyze(LoadedActivity(activity: a, diagnostics: [])))
    }

    static func topDashboard(_ insights: Insights) throws -> Finding {
        try #require(insights.findings.first { $0.id == "top-dashboard" })
    }

    @Test("the name is one span between our quotes, and the numbers are number spans")
    func spans() throws {
        let f = try Self.topDashboard(Self.insights(top: Self.name).1)
        #expect(
            f.title.spans == [
                .text("\u{201C}"), .name(Self.name), .text("\u{201D} is the most viewed dashboard: "), .number("7"),
                .text(" views, "), .number("70%"), .text(" of the views of the listed dashboards"),
            ])
    }

    @Test("insights.json keeps the plain sentence, the name between “ and ”")
    func insightsJSON() throws {
        let insights = Self.insights(top: Self.name).1
        let json = try #require(try JSONSerialization.jsonObject(with: Data(InsightsJSON.encode(insights))) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let top = try #require(findings.first { $0["id"] as? String == "top-dashboard" })
        #expect(
            top["title"] as? String
                == "\u{201C}Sales ”closing“ & v2.0\u{201D} is the most viewed dashboard: 7 views, 70% of the views of the listed dashboards"
        )
        #expect(top["detail"] as? String == "All-time views, anonymous and embedded ones included.")
        #expect(Set(top.keys) == ["id", "severity", "title", "detail"])
    }

    @Test("a name with ” and “ renders intact in the page, the summary and the email")
    func nameWithQuotesRendersIntact() throws {
        let (a, insights) = Self.insights(top: Self.name)
        let options = ReportOptions(generatedAt: 1_770_800_000)
        let page = String(decoding: try HTMLReport.render(activity: a, insights: insights, options: options), as: UTF8.self)
        #expect(
            page.contains(
                "<strong>\u{201C}<bdi>Sales ”closing“ &amp; v2.0</bdi>\u{201D} is the most viewed dashboard: 7 views, 70% of the views of the listed dashboards</strong>"
            ))

        // summary.md, which is also the email's text part.
        let summary = String(decoding: MarkdownSummary.render(activity: a, insights: insights, options: options), as: UTF8.self)
        #expect(
            summary.contains(
                "- **Info:** \u{201C}Sales ”closing“ \\& v2\\.0\u{201D} is the most viewed dashboard: 7 views, 70% of the views of the listed dashboards. All-time views, anonymous and embedded ones included.\n"
            ))

        let email = String(decoding: EmailHTML.render(title: "T", period: "P", insights: insights, activity: a, figures: []), as: UTF8.self)
        #expect(
            email.contains(
                ">\u{201C}<bdi>Sales ”closing“ &amp; v2.0</bdi>\u{201D} is the most viewed dashboard: 7 views, 70% of the views of the listed dashboards</strong>"
            ))
    }

    @Test("a blank name is “Untitled”; names are trimmed")
    func quoted() {
        #expect(Phrase.quoted("  ").spans == [.text("\u{201C}"), .name("Untitled"), .text("\u{201D}")])
        #expect(Phrase.quoted(" A ").text == "\u{201C}A\u{201D}")
    }

    @Test("interpolation keeps spans and joins our neighbouring words")
    func interpolation() {
        let n = Phrase.number("3")
        let p: Phrase = "a \(n) b \("c") \(Phrase.name("N"))"
        #expect(p.spans == [.text("a "), .number("3"), .text(" b c "), .name("N")])
        #expect(p.text == "a 3 b c N")
        #expect(("x" + Phrase.name("") + "y").spans == [.text("xy")])
    }

    @Test("clipping counts every span and cuts inside a name without losing its kind")
    func clipping() {
        let p: Phrase = "ab \(Phrase.name("Sales”"))"
        #expect(p.clipped(to: 9) == p)
        #expect(p.clipped(to: 6).spans == [.text("ab "), .name("Sa"), .text("…")])
        #expect(p.clipped(to: 6).text.count == 6)
    }
}
