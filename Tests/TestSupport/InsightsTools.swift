public import Foundation
public import Testing

/// External programs the Insights tests use: plain python3 for the independent cross-check and
/// the synthetic generator, the validators' venv for JSON Schema validation and gen-payloads.
public enum InsightsTools {
    /// `$VALIDATE_VENV/bin/python`, by default `~/.cache/shared-validate-venv/bin/python`.
    public static var venvPython: URL {
        let env = ProcessInfo.processInfo.environment
        let venv =
            env["VALIDATE_VENV"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: env["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")).appendingPathComponent("shared-validate-venv")
        return venv.appendingPathComponent("bin/python")
    }

    public static let python3 = URL(fileURLWithPath: "/usr/bin/env")
    public static let schema = TestPaths.repo.appendingPathComponent("schemas/insights.schema.json")
    public static let crossCheck = TestPaths.repo.appendingPathComponent("scripts/insights-crosscheck.py")
    public static let validateSchema = TestPaths.repo.appendingPathComponent("scripts/validate-json-schema.py")
    public static let genSynthetic = TestPaths.shared.appendingPathComponent("peers/gen-synthetic.py")
    public static let genPayloads = TestPaths.validate.appendingPathComponent("gen-payloads.py")

    /// Fails the test (never skips) when the venv is missing.
    public static func requireVenv(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: venvPython.path) else {
            Issue.record(
                "missing \(venvPython.path): run ../shared/tools/validate/setup.sh (or ./scripts/bootstrap --validators)",
                sourceLocation: sourceLocation)
            return false
        }
        return true
    }

    /// Validates `files` against `schemas/insights.schema.json`.
    public static func validate(_ files: [URL], sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard requireVenv(sourceLocation: sourceLocation) else { return }
        let r = try runProcess(venvPython, [validateSchema.path, schema.path] + files.map(\.path))
        #expect(r.status == 0, "schema validation failed:\n\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
    }

    /// Runs the independent computation on `payload` and compares it with `insights`.
    public static func crossCheck(payload: URL, insights: URL) throws -> ProcessResult {
        try runProcess(python3, ["python3", crossCheck.path, payload.path, "--compare", insights.path])
    }

    /// `gen-synthetic.py --users N --days D --seed S --out FILE`.
    public static func synthetic(users: Int, days: Int, seed: Int, into dir: URL) throws -> URL {
        let out = dir.appendingPathComponent("synthetic-\(users)-\(days)-\(seed).json")
        let r = try runProcess(
            python3, ["python3", genSynthetic.path, "--users", "\(users)", "--days", "\(days)", "--seed", "\(seed)", "--out", out.path])
        #expect(r.status == 0, "gen-synthetic failed: \(r.stderr)")
        return out
    }
}
