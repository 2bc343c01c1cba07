import ActivityModel
import Foundation
import ReportRendering
import TestSupport
import Testing

@testable import ReportPipeline

/// The index of a batch of files (issue 12): named projects, no paths, status, totals, order.
@Suite("The batch index")
struct BatchIndexTests {
    /// The example, a copy of it (the same people) and the zero-activity sample, read from a
    /// folder of a temporary directory; the index and the reports under `out`.
    static func batch() async throws -> (dir: URL, inputs: URL, out: URL) {
        let dir = try TestPaths.temporaryDirectory()
        let inputs = dir.appendingPathComponent("private-input-folder")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let example = try Data(contentsOf: TestPaths.repo.appendingPathComponent("examples/activity.json"))
        try example.write(to: inputs.appendingPathComponent("Sales EMEA.json"))
        try example.write(to: inputs.appendingPathComponent("sales-copy.json"))
        try Data(try TestPaths.sharedFile("samples/sample-zero-activity.json")).write(to: inputs.appendingPathComponent("quiet.json"))
        let out = dir.appendingPathComponent("out")
        let paths = ["Sales EMEA.json", "quiet.json", "sales-copy.json"].map { inputs.appendingPathComponent($0).path }
        let (status, _) = await runReports(paths, output: out.path) { $0.quiet = true }
        #expect(status == .ok)
        return (dir, inputs, out)
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test("the index never contains the input's directory; projects are named by their file's name")
    func noPaths() async throws {
        let (dir, inputs, out) = try await Self.batch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in ["index.html", "summary.md"] {
            let text = try Self.text(out.appendingPathComponent(file))
            #expect(!text.contains(inputs.path), "\(file)")
            #expect(!text.contains("private-input-folder"), "\(file)")
            #expect(text.contains("Sales EMEA") && text.contains("quiet") && text.contains("sales-copy"), "\(file)")
        }
    }

    @Test("each project page has the project's name in its title and a link back to the index")
    func pagesNameTheirProject() async throws {
        let (dir, _, out) = try await Self.batch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (folder, name) in [("sales-emea", "Sales EMEA"), ("quiet", "quiet")] {
            let page = try Self.text(out.appendingPathComponent(folder + "/report.html"))
            #expect(page.contains("<title data-slot=\"title\">Lightdash user activity: \(name)</title>"), "\(folder)")
            #expect(page.contains("<a href=\"../index.html\">"), "\(folder)")
        }
        let index = try Self.text(out.appendingPathComponent("index.html"))
        #expect(!index.contains("../index.html"))
    }

    @Test("rows are ordered by severity, then name, each with its act and watch findings and a signed, worded change")
    func orderAndStatus() async throws {
        let (dir, _, out) = try await Self.batch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rank: [String: (Int, Int, Int)] = [:]
        for folder in ["sales-emea", "quiet", "sales-copy"] {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(folder + "/insights.json")))
            let findings = (json as? [String: Any])?["findings"] as? [[String: Any]] ?? []
            let act = findings.filter { $0["severity"] as? String == "act" }.count
            let watch = findings.filter { $0["severity"] as? String == "watch" }.count
            rank[folder] = (act > 0 ? 0 : watch > 0 ? 1 : 2, act, watch)
        }
        let index = try Self.text(out.appendingPathComponent("index.html"))
        let body = try #require(index.components(separatedBy: "<tbody>").last?.components(separatedBy: "</tbody>").first)
        let rows = body.components(separatedBy: "<tr>").dropFirst()
        let folders = rows.compactMap { $0.components(separatedBy: "<a href=\"").dropFirst().first?.components(separatedBy: "/").first }
        let names = ["sales-emea": "sales emea", "quiet": "quiet", "sales-copy": "sales-copy"]
        let expected = ["sales-emea", "quiet", "sales-copy"].sorted {
            rank[$0]!.0 != rank[$1]!.0 ? rank[$0]!.0 < rank[$1]!.0 : names[$0]! < names[$1]!
        }
        #expect(folders == expected)
        for (row, folder) in zip(rows, folders) {
            let (_, act, watch) = rank[folder]!
            #expect(row.contains("\(act) act") == (act > 0), "\(folder)")
            #expect(row.contains("\(watch) watch") == (watch > 0), "\(folder)")
            if act == 0 && watch == 0 { #expect(row.contains("<span class=\"none\">none</span>")) }
            // Week over week: a sign or 0, a percent when there is a base, and a word.
            if let cell = row.components(separatedBy: "<td class=\"num wow ").dropFirst().first {
                #expect(cell.contains("<span class=\"word\">"), "\(folder)")
                #expect(cell.hasPrefix("down\">-") || cell.hasPrefix("up\">+") || cell.hasPrefix("same\">0"), "\(cell.prefix(60))")
            }
        }
    }

    @Test("the totals row sums users and counts a person active in two projects once, and says so")
    func totals() async throws {
        let (dir, _, out) = try await Self.batch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var users = 0
        var active: [Int] = []
        for folder in ["sales-emea", "quiet", "sales-copy"] {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(folder + "/insights.json")))
            let object = try #require(json as? [String: Any])
            users += try #require((object["users"] as? [String: Any])?["total"] as? Int)
            active.append(try #require((object["activity"] as? [String: Any])?["activeUsers"] as? Int))
        }
        #expect(active[0] > 0 && active[0] == active[2])
        let index = try Self.text(out.appendingPathComponent("index.html"))
        let foot = try #require(index.components(separatedBy: "<tfoot>").last?.components(separatedBy: "</tfoot>").first)
        #expect(foot.contains("All 3 projects"))
        #expect(foot.contains(">\(Format.integer(users))</td>"), "\(foot)")
        // The copy's active users are the same people: counted once, with the quiet project's.
        #expect(foot.contains(">\(active[0] + active[1])<span class=\"count\">distinct users</span>"), "\(foot)")
        #expect(index.contains("counted once across projects by their user uuid"))
    }
}
