/// One bar of a bar chart.
public struct BarItem: Equatable, Sendable {
    /// The category shown next to the bar (a name; may be long, right-to-left or contain markup).
    public var label: String
    public var value: Double
    /// The value as printed at the end of the bar (`1,234` or `2 (25%)`).
    public var valueText: String
    /// Tooltip of the bar.
    public var tooltip: String
    /// The label stands in for a missing name ("Unnamed user", "Untitled"): drawn muted.
    public var placeholder: Bool

    public init(label: String, value: Double, valueText: String, tooltip: String, placeholder: Bool = false) {
        self.label = label
        self.value = value
        self.valueText = valueText
        self.tooltip = tooltip
        self.placeholder = placeholder
    }
}

/// Chart layouts shared by several charts: scales + marks + axes -> ``Scene``.
public enum Layouts {
    /// The message shown instead of a chart when there is nothing to draw.
    public static let emptyMessage = "No data for this period"

    /// A box with "No data for this period" and one line saying why.
    public static func empty(title: String, summary: String, detail: String, theme: Theme) -> Scene {
        let width = theme.width
        let height = 120.0
        var b = SceneBuilder(theme: theme)
        b.background(width: width, height: height)
        let plot = Box(x: theme.margin, y: theme.margin, width: width - 2 * theme.margin, height: height - 2 * theme.margin)
        b.add(.init(layer: .grid, shape: .rect(plot), style: .gap))
        b.text(
            emptyMessage, at: Point(width / 2, height / 2 - 4), anchor: .middle, size: theme.fontSize + 2, style: .emptyMessage, bold: true,
            maxWidth: plot.width - 16)
        b.text(
            detail, at: Point(width / 2, height / 2 + 18), anchor: .middle, size: theme.smallFontSize, style: .note,
            maxWidth: plot.width - 16)
        return Scene(width: width, height: height, title: title, summary: summary, plot: plot, nodes: b.nodes)
    }

    /// Horizontal bars, one row per item in the given order: the label left of the bar
    /// (truncated to at most 40% of the width), the value printed after the bar's end.
    /// Bar lengths are proportional to the values (the scale starts at zero).
    public static func horizontalBars(title: String, summary: String, caption: String, items: [BarItem], theme: Theme) -> Scene {
        let m = theme.margin
        let captionHeight = theme.smallFontSize + 10
        let width = theme.width
        let rowHeight = theme.barHeight + theme.barGap
        let b0 = SceneBuilder(theme: theme)
        let labelWidth = min(b0.widest(items.map(\.label)), width * 0.4)
        let valueWidth = b0.widest(items.map(\.valueText))
        let plot = Box(
            x: m + labelWidth + 8, y: m + captionHeight,
            width: max(40, width - 2 * m - labelWidth - 8 - valueWidth - 6),
            height: Double(items.count) * rowHeight - theme.barGap)
        let height = plot.maxY + m
        let maxValue = items.map(\.value).max() ?? 0
        let x = LinearScale(domain: 0...max(maxValue, 0), range: (plot.x, plot.maxX))
        var b = SceneBuilder(theme: theme)
        b.background(width: width, height: height)
        b.text(
            caption, at: Point(m, m + theme.smallFontSize), size: theme.smallFontSize, style: .tickLabel, bold: true,
            maxWidth: width - 2 * m, layer: .axes)
        for (i, item) in items.enumerated() {
            let top = plot.y + Double(i) * rowHeight
            let baseline = top + theme.barHeight / 2 + theme.fontSize * 0.35
            let length = max(0, x(max(0, item.value)) - plot.x)
            b.add(
                .init(
                    layer: .marks, shape: .rect(Box(x: plot.x, y: top, width: length, height: theme.barHeight)),
                    style: .bar, datum: .init(label: item.label, value: item.value), tooltip: item.tooltip))
            b.text(
                item.label, at: Point(plot.x - 8, baseline), anchor: .end, style: item.placeholder ? .note : .label, maxWidth: labelWidth)
            b.text(item.valueText, at: Point(plot.x + length + 6, baseline), style: .valueLabel)
        }
        b.add(.init(layer: .axes, shape: .line(Point(plot.x, plot.y - 2), Point(plot.x, plot.maxY + 2)), style: .axis))
        return Scene(width: width, height: height, title: title, summary: summary, plot: plot, nodes: b.nodes)
    }

    /// Vertical bars (columns) for a few categories, with a value axis, grid lines, the value
    /// above each bar and the category below it.
    public static func columns(title: String, summary: String, items: [BarItem], valueAxisTitle: String, theme: Theme) -> Scene {
        let m = theme.margin
        let width = theme.width
        let small = theme.smallFontSize
        let maxValue = items.map(\.value).max() ?? 0
        let plotTop = m + small + 8 + theme.fontSize + 6
        let plotHeight = 170.0
        var y = LinearScale(domain: 0...max(maxValue, 0), range: (plotTop + plotHeight, plotTop)).nice(count: 4, integer: true)
        let ticks = y.ticks(count: 4, integer: true)
        let tickLabels = ChartFormat.tickLabels(ticks.values, step: ticks.step)
        var b = SceneBuilder(theme: theme)
        let axisWidth = b.widest(tickLabels, size: small)
        let plot = Box(x: m + axisWidth + 8, y: plotTop, width: width - 2 * m - axisWidth - 8, height: plotHeight)
        y.range = (plot.maxY, plot.y)
        let height = plot.maxY + 8 + theme.fontSize + m
        b.background(width: width, height: height)
        b.text(valueAxisTitle, at: Point(m, m + small), size: small, style: .tickLabel, bold: true, maxWidth: width - 2 * m, layer: .axes)
        b.yAxis(y, ticks: ticks.values, labels: tickLabels, plot: plot)
        let band = BandScale(count: items.count, range: (plot.x, plot.maxX), paddingInner: 0.35, paddingOuter: 0.2)
        for (i, item) in items.enumerated() {
            let top = y(max(0, item.value))
            let box = Box(x: band(i), y: top, width: band.bandwidth, height: plot.maxY - top)
            b.add(
                .init(
                    layer: .marks, shape: .rect(box), style: .bar, datum: .init(label: item.label, value: item.value), tooltip: item.tooltip
                ))
            b.text(item.valueText, at: Point(band.center(i), top - 5), anchor: .middle, style: .valueLabel, bold: true)
            b.text(item.label, at: Point(band.center(i), plot.maxY + 6 + theme.fontSize * 0.8), anchor: .middle, maxWidth: band.step * 0.95)
        }
        return Scene(width: width, height: height, title: title, summary: summary, plot: plot, nodes: b.nodes)
    }
}
