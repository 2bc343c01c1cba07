import ActivityModel
import Foundation
import TestSupport
import Testing

@testable import Insights

/// Invariants over many generated payloads, and an independent computation of every key.
@Suite struct InsightsPropertyTests {
    /// The invariants every analysis keeps.
    static func checkInvariants(_ s: Insights, _ loaded: LoadedActivity, consistent: Bool, _ label: String) {
        let a = loaded.activity
        func unit(_ v: Double?) -> Bool { v.map { $0 >= 0 && $0 <= 1 && $0.isFinite } ?? true }
        #expect(unit(s.concentration.topDecileShare), "\(label): topDecileShare \(String(describing: s.concentration.topDecileShare))")
        #expect(unit(s.concentration.gini), "\(label): gini \(String(describing: s.concentration.gini))")
        #expect(unit(s.content.topDashboard?.shareOfListed), "\(label)")
        #expect(unit(s.content.topChart?.shareOfListed), "\(label)")
        #expect(s.inactive.buckets.map(\.count).reduce(0, +) == s.inactive.count, "\(label): buckets")
        if consistent {
            #expect(s.activity.activeUsers <= s.users.total, "\(label): activeUsers > total")
        } else if s.activity.activeUsers > s.users.total {
            #expect(s.dataNotes.contains { $0.code == "active-over-users" }, "\(label)")
        }
        #expect((s.concentration.topDecileShare == nil) == (s.concentration.gini == nil), "\(label)")
        #expect((s.activity.activeUsers == 0) == (s.activity.queriesPerActiveUser == nil), "\(label)")
        if let median = s.activity.medianQueriesPerActiveUser, let lo = a.mostQueries.last?.count, let hi = a.mostQueries.first?.count {
            #expect(median >= Double(lo) && median <= Double(hi), "\(label): median")
        }
        if let peak = s.trend.peak, let latest = s.trend.latest {
            #expect(peak.activeUsers >= latest.activeUsers, "\(label): peak")
            #expect(peak.day <= latest.day, "\(label)")
        }
        #expect((s.trend.weekAgo == nil) == (s.trend.changeActiveUsers == nil), "\(label)")
        #expect(s.trend.days == a.activeUsersSeries.count, "\(label)")
        #expect(s.content.homeDashboards.map(\.users).reduce(0, +) == a.userMostViewedDashboards.count, "\(label)")
        #expect(s.findings.count <= s.thresholds.maxFindings, "\(label)")
        #expect(s.findings.map(\.severity) == s.findings.map(\.severity).sorted(by: >), "\(label): order")
        #expect(Set(s.findings.map(\.id)).count == s.findings.count, "\(label): one finding per rule")
        #expect(s.findings.allSatisfy { !$0.title.isEmpty && !$0.detail.isEmpty }, "\(label)")
        if s.users.total == 0 {
            #expect(!s.findings.contains { ["active-share", "inactive-seats"].contains($0.id) }, "\(label)")
        }
        let bytes = InsightsJSON.encode(s)
        let back = try? InsightsJSON.decode(bytes)
        #expect(back.map { InsightsJSON.encode($0) } == bytes, "\(label): read back")
    }

    @Test func invariantsHoldOverGeneratedPayloads() throws {
        var decoded = 0
        for seed in UInt64(1)...400 {
            let bytes = RandomPayloads.payload(seed: seed)
            let loaded: LoadedActivity
            do {
                loaded = try PayloadDecoder.decode(bytes)
            } catch {
                Issue.record("seed \(seed): the generated payload does not decode: \(error)")
                continue
            }
            decoded += 1
            let previous = RandomPayloads.payload(seed: seed + 10_000)
            let s = Analyzer.analyze(loaded, previous: try Previous.load(previous))
            Self.checkInvariants(s, loaded, consistent: true, "seed \(seed)")
            #expect(s.comparison?.deltas.count == HeadlineMetric.allCases.count)
        }
        #expect(decoded == 400)
    }

    @Test func generatedPayloadsAgreeWithTheIndependentComputationAndTheSchema() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var written: [URL] = []
        for seed in UInt64(1)...25 {
            let bytes = RandomPayloads.payload(seed: seed * 7919)
            let payload = dir.appendingPathComponent("payload-\(seed).json")
            try Data(bytes).write(to: payload)
            let out = dir.appendingPathComponent("payload-\(seed).insights.json")
            try Data(InsightsJSON.encode(Analyzer.analyze(try PayloadDecoder.decode(bytes)))).write(to: out)
            written.append(out)
            let r = try InsightsTools.crossCheck(payload: payload, insights: out)
            #expect(r.status == 0, "seed \(seed * 7919):\n\(r.stdout)\(r.stderr)")
        }
        try InsightsTools.validate(written)
    }

    /// gen-synthetic.py: realistic projects of several sizes; the findings say 3 to 8 things.
    @Test(arguments: [(1, 1, 1), (5, 8, 2), (40, 43, 3), (250, 43, 4), (250, 43, 5), (1200, 43, 6), (80, 90, 7)])
    func syntheticProjectsAgreeWithTheIndependentComputation(users: Int, days: Int, seed: Int) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let payload = try InsightsTools.synthetic(users: users, days: days, seed: seed, into: dir)
        let previousPayload = try InsightsTools.synthetic(users: users, days: days, seed: seed + 100, into: dir)
        let loaded = try PayloadDecoder.decode(Array(try Data(contentsOf: payload)))
        let s = Analyzer.analyze(loaded, previous: try Previous.load(Array(try Data(contentsOf: previousPayload))))
        Self.checkInvariants(s, loaded, consistent: true, "synthetic \(users)/\(days)/\(seed)")
        if users >= 40 {
            #expect((3...8).contains(s.findings.count), "\(s.findings.map(\.title))")
        }
        let out = dir.appendingPathComponent("insights.json")
        try Data(InsightsJSON.encode(s)).write(to: out)
        let r = try InsightsTools.crossCheck(payload: payload, insights: out)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        try InsightsTools.validate([out])
    }

    /// gen-payloads.py: schema-valid documents with extreme values; those the loader accepts keep
    /// every invariant but `activeUsers <= total` (the lists are not related to the counts),
    /// which is then a data note, and agree with the independent computation.
    @Test func schemaGeneratedPayloadsKeepTheInvariants() throws {
        guard InsightsTools.requireVenv() else { return }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gen = try runProcess(InsightsTools.genPayloads, ["40", dir.path, "--seed", "11"])
        try #require(gen.status == 0, "gen-payloads failed: \(gen.stderr)")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("ApiUserActivity-") }.sorted { $0.path < $1.path }
        #expect(files.count == 40)
        var accepted = 0
        var written: [URL] = []
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            guard let loaded = try? PayloadDecoder.decode(bytes) else { continue }
            accepted += 1
            let s = Analyzer.analyze(loaded)
            Self.checkInvariants(s, loaded, consistent: false, file.lastPathComponent)
            let out = dir.appendingPathComponent(file.lastPathComponent + ".insights.json")
            try Data(InsightsJSON.encode(s)).write(to: out)
            written.append(out)
            if !s.dataNotes.contains(where: { $0.code == "count-overflow" }) {
                let r = try InsightsTools.crossCheck(payload: file, insights: out)
                #expect(r.status == 0, "\(file.lastPathComponent):\n\(r.stdout)\(r.stderr)")
            }
        }
        if !written.isEmpty { try InsightsTools.validate(written) }
        // Most documents carry values real servers never send (fractions, negative counts) and
        // are refused by the loader; the test is about the ones it accepts.
        print("gen-payloads: \(accepted) of \(files.count) accepted")
    }
}
