import ActivityModel
import Delivery
import Insights
import TestSupport
import Testing

@testable import ReportRendering

/// What the email and a batch's index say of the clean-up data: read from `Insights.cleanup`.
@Suite("Clean-up in the email and the index")
struct CleanupOutputTests {
    static let now: Int64 = 1_770_800_000

    static func insights(cleanup: Bool) throws -> (Insights, UserActivity) {
        let loaded = try PayloadDecoder.decode(payload { _ in })
        let old = (now / 86_400 - 200) * 86_400
        let data = CleanupData(
            content: ContentInventory(
                items: [
                    ContentItem(
                        kind: "chart", uuid: "c1", name: "<i>Old</i>", spaceName: "S", ownerUuid: nil, ownerName: "Ann", createdAt: old,
                        lastUpdatedAt: nil, views: 2, firstViewedAt: old, lastViewedAt: old)
                ], totalResults: 1, hasLastViewedAt: true),
            schedulers: [
                Scheduler(
                    uuid: "s1", name: "Daily", createdBy: "a", createdByName: "Ann", format: "csv", cron: "0 8 * * *", timezone: nil,
                    resourceKind: "chart", resourceUuid: "c2", resourceName: "Other", enabled: true, targets: [],
                    latestRun: .init(status: "error", runStatus: "failed", scheduledTime: nil))
            ])
        let insights = Analyzer.analyze(loaded, cleanup: cleanup ? data : nil, now: now)
        return (insights, loaded.activity)
    }

    @Test func theEmailCarriesTheCleanUpLineOnlyWithCleanUpData() throws {
        for cleanup in [true, false] {
            let (insights, activity) = try Self.insights(cleanup: cleanup)
            let html = String(
                decoding: EmailHTML.render(title: "T", period: "P", insights: insights, activity: activity, figures: []), as: UTF8.self)
            #expect(html.contains(">Clean-up</h2>") == cleanup)
            if cleanup {
                let line = try #require(insights.cleanup.map { CleanupSection.line($0, insights.thresholds) })
                #expect(html.contains(line))
                #expect(line.contains("1 chart or dashboard of 1 to review"))
                #expect(line.contains("1 of 1 delivery failing or partly failing"))
            }
        }
    }

    @Test func theIndexCountsStaleItemsAndFailingDeliveriesPerProject() throws {
        let (insights, _) = try Self.insights(cleanup: true)
        let row = ProjectIndexRow(name: "Sales", uuid: "u", folder: "sales-u", insights: insights)
        #expect(row.staleItems == 1)
        #expect(row.failingDeliveries == 1)
        let md = String(decoding: ProjectIndex.markdown([row], title: "T", generatedAt: Self.now), as: UTF8.self)
        #expect(md.contains("clean-up: 1 stale · 1 failing delivery"))
        let page = String(decoding: try ProjectIndex.html([row], title: "T", generatedAt: Self.now), as: UTF8.self)
        #expect(page.contains("Clean-up: 1 stale · 1 failing delivery"))
        let (plain, _) = try Self.insights(cleanup: false)
        let without = ProjectIndexRow(name: "Sales", uuid: "u", folder: "sales-u", insights: plain)
        #expect(without.cleanupText == nil)
    }
}
