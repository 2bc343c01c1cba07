// swift-tools-version: 6.0
import PackageDescription

/// Strictness for every Swift target, in one place (as swift-log does).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "ActivityReport",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "report", targets: ["report"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "Markup", dependencies: ["CLibXML2"], swiftSettings: strict),
        // librsvg and cairo, loaded with dlopen only when PNGs are drawn (and any other library
        // that only some runs need): see include/lazy_library.h.
        .target(name: "CLazyLibraries", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(
            name: "Delivery",
            dependencies: [
                "CLazyLibraries", "Markup", "ActivityModel", "Insights", "Charts", "ReportRendering",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // libcurl: SMTP (STARTTLS, AUTH, certificate verification) and the webhook posts, loaded
        // with dlopen by the first transfer (its headers are needed to build, not the library).
        .target(name: "CCurl", dependencies: ["CLazyLibraries"]),
        // The only code that calls libcurl (Libcurl.swift), behind the `Transport` protocol.
        .target(name: "CurlTransport", dependencies: ["CCurl", "Secrets"], swiftSettings: strict),
        .target(name: "ActivityModel", swiftSettings: strict),
        // Every secret of a run, and the one way to take them out of text.
        .target(name: "Secrets", swiftSettings: strict),
        .target(name: "Insights", dependencies: ["ActivityModel"], swiftSettings: strict),
        // A drawing library: scales -> scene -> SVG. What the charts say comes from ReportRendering.
        .target(name: "Charts", dependencies: ["Markup", "ActivityModel"], swiftSettings: strict),
        .target(
            name: "ReportRendering",
            dependencies: ["Markup", "ActivityModel", "Insights", "Charts"],
            swiftSettings: strict
        ),
        .target(
            name: "ActivitySource",
            dependencies: [
                "ActivityModel", "Secrets",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Load -> Validate -> Analyze -> Render -> Write, and the one batch runner.
        .target(
            name: "ReportPipeline",
            dependencies: [
                "ActivityModel", "Insights", "Charts", "ReportRendering", "ActivitySource", "Delivery", "Markup", "CurlTransport",
                "Secrets",
            ],
            swiftSettings: strict
        ),
        // The command line: argument parsing, the console, calling the pipeline.
        .target(
            name: "ReportCLI",
            dependencies: [
                "ReportPipeline", "Insights", "Delivery", "ReportRendering",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "report", dependencies: ["ReportCLI"], swiftSettings: strict),
        // What the fuzz targets check (scripts/fuzz), also run by the tests over fuzz/: the
        // renderers without the pipeline, so the sanitizer build has no SwiftNIO.
        .target(
            name: "FuzzChecks", dependencies: ["ActivityModel", "Insights", "Charts", "ReportRendering", "Delivery", "Markup"],
            swiftSettings: strict),
        // libFuzzer's entry with -DFUZZING (scripts/fuzz); otherwise `fuzz TARGET FILE...` replays files.
        .executableTarget(name: "fuzz", dependencies: ["FuzzChecks"], swiftSettings: strict),
        // Times the chart rendering alone (scripts/bench-charts); not a product.
        .executableTarget(
            name: "chart-bench", dependencies: ["ActivityModel", "Insights", "Charts", "ReportRendering"], swiftSettings: strict),
        // Paths, the process runner, the one snapshot helper and shared test data; only test targets
        // depend on it. Fixtures are read by path from Tests/Fixtures, golden files from the
        // __Snapshots__ folder beside the test that compares with them (never bundle resources).
        .target(name: "TestSupport", dependencies: ["ActivityModel", "Insights"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"], swiftSettings: strict),
        .testTarget(name: "MarkupTests", dependencies: ["Markup"], swiftSettings: strict),
        .testTarget(name: "ModelTests", dependencies: ["ActivityModel", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "ChartsTests",
            dependencies: ["Charts", "Markup", "ActivityModel", "Insights", "ReportRendering", "TestSupport"],
            exclude: ["__Snapshots__"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "InsightsTests", dependencies: ["ActivityModel", "Insights", "TestSupport"], exclude: ["__Snapshots__"],
            swiftSettings: strict),
        .testTarget(
            name: "RenderingTests",
            dependencies: ["ActivityModel", "Insights", "Charts", "ReportRendering", "Delivery", "TestSupport"],
            swiftSettings: strict
        ),
        // Its end-to-end suite runs the built `report` (the dependency has it built first).
        .testTarget(
            name: "DeliveryTests", dependencies: ["Delivery", "ActivityModel", "Insights", "TestSupport", "report"],
            swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "ActivityModel", "Insights", "Charts", "ReportRendering", "Delivery", "ReportPipeline", "ReportCLI", "TestSupport",
                "report", "Secrets", "FuzzChecks", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["__Snapshots__"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FetchTests",
            dependencies: [
                "ActivityModel", "ActivitySource", "ReportPipeline", "ReportCLI", "Delivery", "TestSupport", "report", "Secrets",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // Sending: a real SMTP server (aiosmtpd) and Slack/Teams stand-ins on loopback.
        .testTarget(
            name: "SendTests",
            dependencies: [
                "ActivityModel", "ActivitySource", "Insights", "ReportRendering", "Delivery", "CurlTransport", "ReportPipeline",
                "ReportCLI", "report", "TestSupport",
            ],
            exclude: ["Servers"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
