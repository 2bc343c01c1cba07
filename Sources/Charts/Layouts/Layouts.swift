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

    /// A box with "No data for this period" and why, in up to two lines.
    public static func empty(title: String, summary: String, detail: String, theme: Theme) -> Scene {
        let width = theme.width
        var b = SceneBuilder(theme: theme)
        let inner = width - 2 * theme.margin - 16
        let detailLines = b.lineCount(detail, size: theme.smallFontSize, maxWidth: inner)
        let height = 120.0 + Double(detailLines - 1) * (theme.smallFontSize + 4)
        b.background(width: width, height: height)
        let plot = Box(x: theme.margin, y: theme.margin, width: width - 2 * theme.margin, height: height - 2 * theme.margin)
        b.add(.init(layer: .grid, shape: .rect(plot), style: .gap))
        let top = height / 2 - 4 - Double(detailLines - 1) * (theme.smallFontSize + 4) / 2
        b.text(
            emptyMessage, at: Point(width / 2, top), anchor: .middle, size: theme.fontSize + 2, style: .emptyMessage, bold: true,
            maxWidth: inner)
        b.lines(
            detail, at: Point(width / 2, top + 22), anchor: .middle, size: theme.smallFontSize, style: .note, maxWidth: inner,
            lineHeight: theme.smallFontSize + 4)
        return Scene(width: width, height: height, title: title, summary: summary, plot: plot, nodes: b.nodes)
    }

    /// Horizontal bars, one row per item in the given order, under a caption kept whole (wrapped
    /// to two lines when needed). Bar lengths are proportional to the values (the scale starts at
    /// zero) and each value is printed after its bar's end. Labels go left of the bars, with the
    /// width the chart has once the bars keep 35% of it; with ``Theme/labelsAbove`` (phones) each
    /// label is on its own line above its bar, at the full width.
    public static func horizontalBars(title: String, summary: String, caption: String, items: [BarItem], theme: Theme) -> Scene {
        let m = theme.margin
        let small = theme.smallFontSize
        let width = theme.width
        var b = SceneBuilder(theme: theme)
        let captionLines = b.lineCount(caption, size: small, bold: true, maxWidth: width - 2 * m)
        let captionHeight = Double(captionLines) * (small + 4) + 6
        let valueWidth = b.widest(items.map(\.valueText))
        let labelsAbove = theme.labelsAbove
        let labelLine = labelsAbove ? (theme.fontSize * 1.3).rounded() : 0
        let rowHeight = labelLine + theme.barHeight + theme.barGap
        let labelWidth: Double
        let plotX: Double
        if labelsAbove {
            labelWidth = width - 2 * m
            plotX = m
        } else {
            let room = width - 2 * m - 8 - valueWidth - 6
            labelWidth = max(0, min(b.widest(items.map(\.label)), room * 0.65))
            plotX = m + labelWidth + 8
        }
        let plot = Box(
            x: plotX, y: m + captionHeight + labelLine, width: max(40, width - m - plotX - valueWidth - 6),
            height: max(0, Double(items.count) * rowHeight - theme.barGap - labelLine))
        let height = plot.maxY + m
        let maxValue = items.map(\.value).max() ?? 0
        let x = LinearScale(domain: 0...max(maxValue, 0), range: (plot.x, plot.maxX))
        b.background(width: width, height: height)
        b.lines(
            caption, at: Point(m, m + small), size: small, style: .tickLabel, bold: true, maxWidth: width - 2 * m,
            lineHeight: small + 4, layer: .axes)
        for (i, item) in items.enumerated() {
            let top = plot.y + Double(i) * rowHeight
            let barBaseline = top + theme.barHeight / 2 + theme.fontSize * 0.35
            let length = max(0, x(max(0, item.value)) - plot.x)
            b.add(
                .init(
                    layer: .marks, shape: .rect(Box(x: plot.x, y: top, width: length, height: theme.barHeight)),
                    style: .bar, datum: .init(label: item.label, value: item.value), tooltip: item.tooltip))
            let style: Style = item.placeholder ? .note : .label
            if labelsAbove {
                b.text(item.label, at: Point(m, top - labelLine + theme.fontSize), style: style, maxWidth: labelWidth)
            } else {
                b.text(item.label, at: Point(plot.x - 8, barBaseline), anchor: .end, style: style, maxWidth: labelWidth)
            }
            b.text(item.valueText, at: Point(plot.x + length + 6, barBaseline), style: .valueLabel)
        }
        if !labelsAbove {
            b.add(.init(layer: .axes, shape: .line(Point(plot.x, plot.y - 2), Point(plot.x, plot.maxY + 2)), style: .axis))
        }
        return Scene(width: width, height: height, title: title, summary: summary, plot: plot, nodes: b.nodes)
    }

    /// Vertical bars (columns) for a few categories, with a value axis, grid lines, the value
    /// above each bar and the category below it.
    public static func columns(title: String, summary: String, items: [BarItem], valueAxisTitle: String, theme: Theme) -> Scene {
        let m = theme.margin
        let width = theme.width
        let small = theme.smallFontSize
        var b = SceneBuilder(theme: theme)
        let titleLines = b.lineCount(valueAxisTitle, size: small, bold: true, maxWidth: width - 2 * m)
        let maxValue = items.map(\.value).max() ?? 0
        let plotTop = m + Double(titleLines) * (small + 4) + 4 + theme.fontSize + 6
        let plotHeight = 170.0
        var y = LinearScale(domain: 0...max(maxValue, 0), range: (plotTop + plotHeight, plotTop)).nice(count: 4, integer: true)
        let ticks = y.ticks(count: 4, integer: true)
        let tickLabels = ChartFormat.tickLabels(ticks.values, step: ticks.step)
        let axisWidth = b.widest(tickLabels, size: small)
        let plot = Box(x: m + axisWidth + 8, y: plotTop, width: width - 2 * m - axisWidth - 8, height: plotHeight)
        y.range = (plot.maxY, plot.y)
        let band = BandScale(count: items.count, range: (plot.x, plot.maxX), paddingInner: 0.35, paddingOuter: 0.2)
        // Category labels wrap to two lines in their band (centred, so they may use the gap too).
        let labelWidth = min(band.step * 0.95, width - 2 * m)
        let labelLines = items.map { b.lineCount($0.label, maxWidth: labelWidth) }.max() ?? 1
        let lineHeight = (theme.fontSize * 1.2).rounded()
        let height = plot.maxY + 8 + theme.fontSize + Double(labelLines - 1) * lineHeight + m
        b.background(width: width, height: height)
        b.lines(
            valueAxisTitle, at: Point(m, m + small), size: small, style: .tickLabel, bold: true, maxWidth: width - 2 * m,
            lineHeight: small + 4, layer: .axes)
        b.yAxis(y, ticks: ticks.values, labels: tickLabels, plot: plot)
        for (i, item) in items.enumerated() {
            let top = y(max(0, item.value))
            let box = Box(x: band(i), y: top, width: band.bandwidth, height: plot.maxY - top)
            b.add(
                .init(
                    layer: .marks, shape: .rect(box), style: .bar, datum: .init(label: item.label, value: item.value), tooltip: item.tooltip
                ))
            b.text(item.valueText, at: Point(band.center(i), top - 5), anchor: .middle, style: .valueLabel, bold: true)
            b.lines(
                item.label, at: Point(band.center(i), plot.maxY + 6 + theme.fontSize * 0.8), anchor: .middle, maxWidth: labelWidth,
                lineHeight: lineHeight)
        }
        return Scene(width: width, height: height, title: title, summary: summary, plot: plot, nodes: b.nodes)
    }
}
