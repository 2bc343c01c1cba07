public import Markup

/// The data behind a chart, for a table under it (`<details>` in the page).
public struct DataTable: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[String]]
    /// Which columns hold numbers (right-aligned).
    public var numeric: [Bool]

    public init(columns: [String], rows: [[String]], numeric: [Bool]? = nil) {
        self.columns = columns
        self.rows = rows
        self.numeric = numeric ?? columns.map { _ in false }
    }
}

/// One chart: its scene, its standalone SVG document and its data.
public struct RenderedChart {
    /// File stem: `active-users` for `charts/active-users.svg`.
    public let name: String
    /// The chart's title (the SVG `<title>`).
    public let title: String
    /// One sentence with numbers saying what the data shows (the SVG `<desc>`).
    public let summary: String
    /// The scene the SVG was drawn from (for tests and other renderers).
    public let scene: Scene
    /// The standalone SVG document.
    public let document: Document
    /// The chart's data.
    public let table: DataTable

    /// Draws `scene` as a standalone SVG document (with the class `ar-NAME` on its root).
    public init(name: String, scene: Scene, table: DataTable, theme: Theme = .standard) {
        self.name = name
        self.title = scene.title
        self.summary = scene.summary
        self.scene = scene
        self.document = SVGRenderer.render(scene, theme: theme, extraClass: "ar-" + name)
        self.table = table
    }

    /// The SVG file's bytes.
    public func svgBytes() -> [UInt8] { document.serialize() }
}

/// The nine charts, in the fixed order.
public struct ChartSet {
    public var charts: [RenderedChart]

    public init(charts: [RenderedChart]) {
        self.charts = charts
    }

    /// The chart named `name`, if any.
    public subscript(name: String) -> RenderedChart? {
        charts.first { $0.name == name }
    }

    /// The names of the charts, in order.
    public static let names = [
        "active-users", "average-queries", "roles", "top-queriers", "chart-editors", "dashboard-views",
        "chart-views", "inactivity", "home-dashboards",
    ]
}
