import ActivityModel
import Charts
import Foundation
import Insights
import ReportRendering
import TestSupport
import Testing

/// Fixtures and the external SVG validator for the chart tests.
enum ChartTestSupport {
    /// The decoded fixture `Tests/Fixtures/NAME`.
    static func load(_ name: String) throws -> LoadedActivity {
        try PayloadDecoder.decode(try TestPaths.fixture(name))
    }

    static func charts(_ name: String) throws -> ChartSet {
        let loaded = try load(name)
        return ChartBuilder.build(loaded.activity, insights: Analyzer.analyze(loaded))
    }

    static func specs(_ activity: UserActivity) -> [ChartBuilder.Spec] {
        ChartBuilder.specs(activity, insights: Analyzer.analyze(LoadedActivity(activity: activity, diagnostics: [])))
    }

    /// Runs the shared SVG validator (`../shared/tools/validate/svg.sh`) on `files`; returns
    /// its exit status and output. Fails (does not skip) when the validator is missing.
    static func validateSVG(_ files: [URL]) throws -> (status: Int32, output: String) {
        let result = try runValidator("svg.sh", files.map(\.path))
        return (result.status, result.stdout + result.stderr)
    }
}
