/// A chart as plain data: what to draw, where, and which data each mark stands for.
/// Charts are built as scenes (easy to test), and ``SVGRenderer`` turns a scene into SVG.
public struct Scene: Equatable, Sendable {
    /// Size of the drawing (the SVG viewBox).
    public var width: Double
    public var height: Double
    /// `<title>`: what the chart is.
    public var title: String
    /// `<desc>`: what the data shows, in one sentence with numbers.
    public var summary: String
    /// Where data marks may be drawn.
    public var plot: Box
    /// Everything drawn, in drawing order within each layer.
    public var nodes: [Node]

    public init(width: Double, height: Double, title: String, summary: String, plot: Box, nodes: [Node] = []) {
        self.width = width
        self.height = height
        self.title = title
        self.summary = summary
        self.plot = plot
        self.nodes = nodes
    }

    /// Layers, drawn in this order.
    public enum Layer: Int, CaseIterable, Sendable, Comparable {
        case background, grid, marks, axes, labels
        public static func < (a: Layer, b: Layer) -> Bool { a.rawValue < b.rawValue }
        var className: String {
            switch self {
            case .background: return "ar-layer-background"
            case .grid: return "ar-layer-grid"
            case .marks: return "ar-layer-marks"
            case .axes: return "ar-layer-axes"
            case .labels: return "ar-layer-labels"
            }
        }
    }

    /// One drawn thing.
    public struct Node: Equatable, Sendable {
        public var layer: Layer
        public var shape: Shape
        public var style: Style
        /// The datum a data mark stands for (`data-label`, `data-value`).
        public var datum: Datum?
        /// A tooltip (`<title>` child).
        public var tooltip: String?

        public init(layer: Layer, shape: Shape, style: Style, datum: Datum? = nil, tooltip: String? = nil) {
            self.layer = layer
            self.shape = shape
            self.style = style
            self.datum = datum
            self.tooltip = tooltip
        }
    }

    /// The data behind a mark.
    public struct Datum: Equatable, Sendable {
        public var label: String
        public var value: Double
        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    /// Geometry of a node.
    public enum Shape: Equatable, Sendable {
        case rect(Box)
        case line(Point, Point)
        /// Polylines; a missing value splits the line into several pieces.
        case polyline([[Point]])
        /// Closed areas between a polyline piece and a baseline.
        case area([[Point]], baseline: Double)
        case circle(Point, radius: Double)
        case text(TextItem)
    }

    /// Text at a position (`y` is the alphabetic baseline).
    public struct TextItem: Equatable, Sendable {
        public enum Anchor: String, Sendable { case start, middle, end }
        public var position: Point
        public var text: String
        /// The full text when `text` was cut (shown as a tooltip).
        public var fullText: String?
        public var anchor: Anchor
        public var size: Double
        public var bold: Bool
        /// The width of `text` as measured by the theme's ``TextMeasure`` when it was placed.
        public var width: Double
        /// The width the layout gave the text (it was cut or wrapped to fit it); nil when unbounded.
        public var slot: Double?

        public init(
            _ text: String, at position: Point, anchor: Anchor = .start, size: Double, bold: Bool = false, fullText: String? = nil,
            width: Double? = nil, slot: Double? = nil
        ) {
            self.text = text
            self.position = position
            self.anchor = anchor
            self.size = size
            self.bold = bold
            self.fullText = fullText
            self.width = width ?? TextMetrics.width(text, size: size, bold: bold)
            self.slot = slot
        }

        /// The box of the text (its measured width, ascent 0.8 em, descent 0.25 em).
        public var box: Box {
            let w = width
            let x: Double
            switch anchor {
            case .start: x = position.x
            case .middle: x = position.x - w / 2
            case .end: x = position.x - w
            }
            return Box(x: x, y: position.y - size * 0.8, width: w, height: size * 1.05)
        }
    }

    /// The data marks, in order.
    public var dataMarks: [Node] { nodes.filter { $0.datum != nil } }

    /// The text nodes, in order.
    public var texts: [TextItem] {
        nodes.compactMap { if case .text(let t) = $0.shape { return t } else { return nil } }
    }
}

/// What a node looks like: a CSS class plus light-theme presentation attributes.
public enum Style: String, CaseIterable, Sendable {
    case background, bar, barMuted, line, secondaryLine, area, point, pointSecondary, pointHighlight
    case grid, axis, reference, gap, tickLabel, label, valueLabel, strongLabel, note, emptyMessage

    /// `ar-` and the case name in kebab case: `barMuted` -> `ar-bar-muted`.
    public var className: String {
        switch self {
        case .background: return "ar-background"
        case .bar: return "ar-bar"
        case .barMuted: return "ar-bar-muted"
        case .line: return "ar-line"
        case .secondaryLine: return "ar-secondary-line"
        case .area: return "ar-area"
        case .point: return "ar-point"
        case .pointSecondary: return "ar-point-secondary"
        case .pointHighlight: return "ar-point-highlight"
        case .grid: return "ar-grid"
        case .axis: return "ar-axis"
        case .reference: return "ar-reference"
        case .gap: return "ar-gap"
        case .tickLabel: return "ar-tick-label"
        case .label: return "ar-label"
        case .valueLabel: return "ar-value-label"
        case .strongLabel: return "ar-strong-label"
        case .note: return "ar-note"
        case .emptyMessage: return "ar-empty-message"
        }
    }

    /// Presentation attributes (light colours) for viewers without CSS; fixed order.
    func attributes(_ theme: Theme) -> [(String, String)] {
        switch self {
        case .background: return [("fill", theme.background.light)]
        case .bar: return [("fill", theme.accent.light)]
        case .barMuted: return [("fill", theme.axis.light)]
        case .line:
            return [
                ("fill", "none"), ("stroke", theme.accent.light), ("stroke-width", "2"), ("stroke-linejoin", "round"),
                ("stroke-linecap", "round"),
            ]
        case .secondaryLine:
            return [
                ("fill", "none"), ("stroke", theme.secondary.light), ("stroke-width", "2"), ("stroke-linejoin", "round"),
                ("stroke-linecap", "round"),
            ]
        case .area: return [("fill", theme.accent.light), ("fill-opacity", "0.15")]
        case .point: return [("fill", theme.accent.light)]
        case .pointSecondary: return [("fill", theme.secondary.light)]
        case .pointHighlight: return [("fill", theme.background.light), ("stroke", theme.text.light), ("stroke-width", "2")]
        case .grid: return [("stroke", theme.grid.light), ("stroke-width", "1")]
        case .axis: return [("stroke", theme.axis.light), ("stroke-width", "1")]
        case .reference: return [("stroke", theme.mutedText.light), ("stroke-width", "1"), ("stroke-dasharray", "4 3")]
        case .gap: return [("fill", theme.gap.light)]
        case .tickLabel, .note: return [("fill", theme.mutedText.light)]
        case .label, .valueLabel, .strongLabel: return [("fill", theme.text.light)]
        case .emptyMessage: return [("fill", theme.mutedText.light)]
        }
    }

    /// The CSS rule body reading the theme's custom properties.
    func css(_ theme: Theme) -> String {
        func v(_ name: String) -> String { "var(--ar-\(name),\(theme.light(name)))" }
        switch self {
        case .background: return "fill:\(v("bg"))"
        case .bar: return "fill:\(v("accent"))"
        case .barMuted: return "fill:\(v("axis"))"
        case .line, .area, .point: return self == .line ? "stroke:\(v("accent"))" : "fill:\(v("accent"))"
        case .secondaryLine: return "stroke:\(v("secondary"))"
        case .pointSecondary: return "fill:\(v("secondary"))"
        case .pointHighlight: return "fill:\(v("bg"));stroke:\(v("fg"))"
        case .grid: return "stroke:\(v("grid"))"
        case .axis: return "stroke:\(v("axis"))"
        case .reference: return "stroke:\(v("muted"))"
        case .gap: return "fill:\(v("gap"))"
        case .tickLabel, .note, .emptyMessage: return "fill:\(v("muted"))"
        case .label, .valueLabel, .strongLabel: return "fill:\(v("fg"))"
        }
    }
}
