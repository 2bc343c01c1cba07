/// Collects the nodes of a scene: marks, axes, labels. Chart layouts are written with it.
public struct SceneBuilder {
    public var theme: Theme
    public private(set) var nodes: [Scene.Node] = []

    public init(theme: Theme) {
        self.theme = theme
    }

    public mutating func add(_ node: Scene.Node) { nodes.append(node) }

    /// A full-size background (so standalone files are readable in either colour scheme).
    public mutating func background(width: Double, height: Double) {
        add(.init(layer: .background, shape: .rect(Box(x: 0, y: 0, width: width, height: height)), style: .background))
    }

    /// A text node; with `maxWidth`, long text is cut with an ellipsis (between grapheme clusters,
    /// measured by the theme's ``TextMeasure``) and the full text kept as a tooltip. Right-to-left
    /// text is isolated so it cannot reorder its surroundings.
    @discardableResult
    public mutating func text(
        _ text: String, at position: Point, anchor: Scene.TextItem.Anchor = .start, size: Double? = nil,
        style: Style = .label, bold: Bool = false, maxWidth: Double? = nil, layer: Scene.Layer = .labels
    ) -> Scene.TextItem {
        let size = size ?? theme.fontSize
        var shown = text
        var full: String?
        if let maxWidth {
            let cut = theme.measure.truncate(text, maxWidth: maxWidth, size: size, bold: bold)
            shown = cut.text
            if cut.truncated { full = text }
        }
        return place(shown, full: full, at: position, anchor: anchor, size: size, style: style, bold: bold, slot: maxWidth, layer: layer)
    }

    /// Text kept whole where it can be: wrapped at spaces into at most `maxLines` lines of at most
    /// `maxWidth`, `lineHeight` apart from the first baseline at `position` (the last line cut
    /// with an ellipsis only when even that is not enough, the full text then kept as a tooltip of
    /// every line). Returns the baseline of the last line.
    @discardableResult
    public mutating func lines(
        _ text: String, at position: Point, anchor: Scene.TextItem.Anchor = .start, size: Double? = nil,
        style: Style = .label, bold: Bool = false, maxWidth: Double, maxLines: Int = 2, lineHeight: Double? = nil,
        layer: Scene.Layer = .labels
    ) -> Double {
        let size = size ?? theme.fontSize
        let wrapped = theme.measure.wrap(text, maxWidth: maxWidth, size: size, bold: bold, maxLines: maxLines)
        let step = lineHeight ?? (size * 1.25).rounded()
        var y = position.y
        for (i, line) in wrapped.lines.enumerated() {
            if i > 0 { y += step }
            place(
                line, full: wrapped.truncated ? text : nil, at: Point(position.x, y), anchor: anchor, size: size, style: style, bold: bold,
                slot: maxWidth, layer: layer)
        }
        return y
    }

    /// How many lines ``lines(_:at:anchor:size:style:bold:maxWidth:maxLines:lineHeight:layer:)`` would take.
    public func lineCount(_ text: String, size: Double? = nil, bold: Bool = false, maxWidth: Double, maxLines: Int = 2) -> Int {
        theme.measure.wrap(text, maxWidth: maxWidth, size: size ?? theme.fontSize, bold: bold, maxLines: maxLines).lines.count
    }

    @discardableResult
    private mutating func place(
        _ shown: String, full: String?, at position: Point, anchor: Scene.TextItem.Anchor, size: Double, style: Style, bold: Bool,
        slot: Double?, layer: Scene.Layer
    ) -> Scene.TextItem {
        let isolated = Bidi.isolate(shown)
        let item = Scene.TextItem(
            isolated, at: position, anchor: anchor, size: size, bold: bold, fullText: full,
            width: theme.measure.width(isolated, size: size, bold: bold), slot: slot)
        add(.init(layer: layer, shape: .text(item), style: style))
        return item
    }

    /// Horizontal grid lines and labels at `ticks` of a vertical `scale`, labels right-aligned
    /// left of `plot`.
    public mutating func yAxis(_ scale: LinearScale, ticks: [Double], labels: [String], plot: Box) {
        for (tick, label) in zip(ticks, labels) {
            let y = scale(tick)
            add(.init(layer: .grid, shape: .line(Point(plot.x, y), Point(plot.maxX, y)), style: tick == 0 ? .axis : .grid))
            text(
                label, at: Point(plot.x - 6, y + theme.smallFontSize * 0.35), anchor: .end, size: theme.smallFontSize, style: .tickLabel,
                layer: .axes)
        }
    }

    /// Tick marks and `11 Feb` labels under `plot` for a day scale.
    public mutating func dayAxis(_ scale: DayScale, plot: Box, maxTicks: Int) {
        let days = scale.ticks(maxCount: maxTicks)
        add(.init(layer: .axes, shape: .line(Point(plot.x, plot.maxY), Point(plot.maxX, plot.maxY)), style: .axis))
        for day in days {
            let x = scale(day)
            add(.init(layer: .axes, shape: .line(Point(x, plot.maxY), Point(x, plot.maxY + 4)), style: .axis))
            text(
                scale.label(day, ticks: days), at: Point(x, plot.maxY + 6 + theme.smallFontSize), anchor: .middle,
                size: theme.smallFontSize, style: .tickLabel, layer: .axes)
        }
    }

    /// A legend: one swatch and label per item, left to right from `origin` (the first line's
    /// baseline), wrapping within `maxWidth`. Returns the baseline of the last line.
    @discardableResult
    public mutating func legend(_ items: [LegendItem], at origin: Point, maxWidth: Double) -> Double {
        let size = theme.smallFontSize
        let swatchWidth = 16.0
        var x = origin.x
        var baseline = origin.y
        for item in items {
            let textWidth = min(theme.measure.width(item.label, size: size), maxWidth - swatchWidth - 4)
            let itemWidth = swatchWidth + 4 + textWidth
            if x > origin.x && x + itemWidth > origin.x + maxWidth {
                x = origin.x
                baseline += size + 6
            }
            let mid = baseline - size * 0.35
            switch item.swatch {
            case .line(let style):
                add(.init(layer: .axes, shape: .line(Point(x, mid), Point(x + swatchWidth, mid)), style: style))
            case .box(let style):
                add(.init(layer: .axes, shape: .rect(Box(x: x, y: mid - 5, width: swatchWidth, height: 10)), style: style))
            case .point(let style):
                add(.init(layer: .axes, shape: .circle(Point(x + swatchWidth / 2, mid), radius: 4), style: style))
            }
            text(
                item.label, at: Point(x + swatchWidth + 4, baseline), size: size, style: .tickLabel, maxWidth: textWidth + 0.01,
                layer: .axes)
            x += itemWidth + 14
        }
        return baseline
    }

    /// The widest measured width of `labels` at `size`.
    public func widest(_ labels: [String], size: Double? = nil, bold: Bool = false) -> Double {
        labels.map { theme.measure.width($0, size: size ?? theme.fontSize, bold: bold) }.max() ?? 0
    }
}

/// Right-to-left text handling for labels.
public enum Bidi {
    /// `text` wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE when it contains
    /// right-to-left letters (the SVG counterpart of HTML's `<bdi>`).
    public static func isolate(_ text: String) -> String {
        containsRightToLeft(text) ? "\u{2068}" + text + "\u{2069}" : text
    }

    public static func containsRightToLeft(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            switch s.value {
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
            default: return false
            }
        }
    }
}

/// One entry of a legend.
public struct LegendItem: Equatable, Sendable {
    /// What the entry's swatch looks like.
    public enum Swatch: Equatable, Sendable {
        case line(Style)
        case box(Style)
        case point(Style)
    }

    public var swatch: Swatch
    public var label: String

    public init(_ swatch: Swatch, _ label: String) {
        self.swatch = swatch
        self.label = label
    }
}
