import Foundation
import TestSupport
import Testing

/// librsvg (and its cairo, pango, glib, fontconfig stack) is loaded with dlopen only when PNGs are
/// drawn: a plain run does not map it, a run with --email does, and a machine without it gets a
/// clear message and exit code 72 before anything is written. libcurl likewise only when a
/// message is sent.
@Suite struct LazyLibraryTests {
    /// The dynamic loader's trace of the libraries a run of `report` opens (glibc's LD_DEBUG,
    /// macOS's DYLD_PRINT_LIBRARIES), and the run's exit status.
    static func loaderTrace(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, trace: String) {
        var env = environment
        #if os(Linux)
            env["LD_DEBUG"] = "libs"
        #else
            env["DYLD_PRINT_LIBRARIES"] = "1"
        #endif
        env["SOURCE_DATE_EPOCH"] = "1770800000"
        let result = try runProcess(TestPaths.reportBinary, arguments, environment: env)
        return (result.status, result.stderr)
    }

    static var example: String { TestPaths.repo.appendingPathComponent("examples/activity.json").path }

    @Test func aRunWithoutEmailDoesNotLoadLibrsvgOrCairo() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.loaderTrace(["--input", Self.example, "--output", dir.path, "--quiet"])
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.html").path))
        // The trace is not empty: the loader did report the libraries it opened.
        #expect(run.trace.contains("libxml2"))
        for library in ["librsvg", "libcairo", "libpango", "libfontconfig", "libgobject", "libcurl"] {
            #expect(!run.trace.contains(library), "a plain run loaded \(library)")
        }
    }

    @Test func aRunWithEmailLoadsLibrsvgAndDrawsThePNGs() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.loaderTrace(["--input", Self.example, "--output", dir.path, "--quiet", "--email"])
        #expect(run.status == 0)
        #expect(run.trace.contains("librsvg"))
        let png = try Data(contentsOf: dir.appendingPathComponent("charts/roles.png"))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func aMissingLibrsvgEndsWithExit72AndAMessageBeforeAnythingIsWritten() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let result = try runProcess(
            TestPaths.reportBinary, ["--input", Self.example, "--output", out.path, "--email"],
            environment: ["REPORT_LIBRSVG": dir.appendingPathComponent("no-such-librsvg.so").path])
        #expect(result.status == 72)
        #expect(result.stderr.contains("error: --email draws the charts as PNG with librsvg, which cannot be loaded"))
        #expect(result.stderr.contains("no-such-librsvg.so"))
        #expect(result.stderr.contains("apt-get install librsvg2-2"))
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func withoutEmailAMissingLibrsvgDoesNotMatter() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try runProcess(
            TestPaths.reportBinary, ["--input", Self.example, "--output", dir.path, "--quiet"],
            environment: ["REPORT_LIBRSVG": dir.appendingPathComponent("no-such-librsvg.so").path])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.html").path))
    }

    @Test func aMissingLibcurlFailsTheSendingWithWhatToInstallAndTheReportStaysWritten() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("no-such-libcurl.so").path
        let result = try runProcess(
            TestPaths.reportBinary,
            [
                "--input", Self.example, "--output", dir.path, "--quiet", "--smtp-url", "smtp://127.0.0.1:9", "--mail-from",
                "reports@example.com", "--mail-to", "data@example.com",
            ],
            environment: ["REPORT_LIBCURL": missing, "SOURCE_DATE_EPOCH": "1770800000"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("libcurl cannot be loaded"))
        #expect(result.stderr.contains("no-such-libcurl.so"))
        #expect(result.stderr.contains("apt-get install libcurl4"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.eml").path))
    }
}
