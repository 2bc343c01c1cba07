import Foundation
import TestSupport
import Testing

@testable import ReportPipeline

/// `--input DIR` with folders that are not what `--save-raw DIR/` writes: a clear message and exit 65, no report.
@Suite("Reading a saved folder")
struct SavedFolderTests {
    static func folder(index: String?, files: [String: [UInt8]] = [:]) throws -> URL {
        let dir = try FetchPaths.temporaryDirectory().appendingPathComponent("saved")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if let index { try Data(index.utf8).write(to: dir.appendingPathComponent("index.json")) }
        for (name, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    static func run(_ dir: URL) async throws -> (ReportRun.Result, [String], URL) {
        let out = try FetchPaths.temporaryDirectory().appendingPathComponent("out")
        let log = MessageLog()
        let result = await ReportRun.files(
            [dir.path], settings: RunSettings(outputDirectory: out.path, generatedAt: 1_770_800_000), concurrency: 1, events: log)
        return (result, log.lines, out)
    }

    static let index =
        #"{"format":"activityreport-raw","version":1,"project":"p","payload":"user-activity.json","cleanup":true,"content":["content-001.json"],"schedulers":null,"logs":[],"members":null,"views":null,"refused":[]}"#

    @Test func aFolderWithoutAnIndexIsRefusedByName() async throws {
        let (result, lines, out) = try await Self.run(try Self.folder(index: nil))
        #expect(result.status == .dataInvalid)
        #expect(lines.joined().contains("without a readable index.json"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
    }

    @Test func anIndexNamingAFileOutsideTheFolderIsRefused() async throws {
        let index = Self.index.replacingOccurrences(of: "user-activity.json", with: "../../etc/passwd")
        let (result, lines, _) = try await Self.run(try Self.folder(index: index))
        #expect(result.status == .dataInvalid)
        #expect(lines.joined().contains("which is not a file name of the folder"))
    }

    @Test func aContentPageThatIsNotAContentListNamesTheAnswerAndThePath() async throws {
        let dir = try Self.folder(
            index: Self.index,
            files: [
                "user-activity.json": payload { _ in },
                "content-001.json": Array(#"{"status":"ok","results":{"data":[{"contentType":"chart","uuid":7}]}}"#.utf8),
            ])
        let (result, lines, _) = try await Self.run(dir)
        #expect(result.status == .dataInvalid)
        #expect(lines.joined().contains("content page 1"))
        #expect(lines.joined().contains("$.results.data[0].uuid: expected a string"))
    }

    @Test func aSavedFolderWithoutCleanupGivesTheUsualReport() async throws {
        let index = Self.index.replacingOccurrences(of: #""cleanup":true"#, with: #""cleanup":false"#)
        let dir = try Self.folder(index: index, files: ["user-activity.json": payload { _ in }])
        let (result, _, out) = try await Self.run(dir)
        #expect(result.status == .ok)
        let insights = String(decoding: try Data(contentsOf: out.appendingPathComponent("insights.json")), as: UTF8.self)
        #expect(!insights.contains("\"cleanup\""))
    }
}
