public import ActivityModel

/// One value of a daily series; nil where the value is missing.
public struct DailyValue: Equatable, Sendable {
    public var day: Day
    public var value: Double?
    public init(day: Day, value: Double?) {
        self.day = day
        self.value = value
    }
}

/// A daily series drawn in one panel of a time-series chart.
public struct DailySeries: Equatable, Sendable {
    public var name: String
    public var values: [DailyValue]
    /// Line and point styles.
    public var line: Style
    public var point: Style
    /// Draw a light area under the line.
    public var area: Bool
    /// Fixed value domain (for percentages: 0...100); nil to fit the data from zero.
    public var domain: ClosedRange<Double>?
    /// Whether values are whole numbers (ticks at least 1 apart).
    public var integer: Bool
    /// Axis label format and the direct label at the last value.
    public var tickFormat: TickFormat
    public var valueText: @Sendable (Double) -> String
    /// Tooltip of a point.
    public var tooltip: @Sendable (DailyValue) -> String
    /// Days between two values: 1 for a daily series, 7 for a weekly one (a missing value is
    /// shaded over that many days).
    public var stepDays = 1

    public enum TickFormat: Sendable { case number, percent }

    public init(
        name: String, values: [DailyValue], line: Style = .line, point: Style = .point, area: Bool = false,
        domain: ClosedRange<Double>? = nil, integer: Bool = false, tickFormat: TickFormat = .number,
        valueText: @escaping @Sendable (Double) -> String, tooltip: @escaping @Sendable (DailyValue) -> String
    ) {
        self.name = name
        self.values = values
        self.line = line
        self.point = point
        self.area = area
        self.domain = domain
        self.integer = integer
        self.tickFormat = tickFormat
        self.valueText = valueText
        self.tooltip = tooltip
    }

    public static func == (a: DailySeries, b: DailySeries) -> Bool {
        a.name == b.name && a.values == b.values && a.line == b.line && a.point == b.point && a.area == b.area
            && a.domain == b.domain && a.integer == b.integer && a.stepDays == b.stepDays
    }
}

/// Panels sharing one day axis, stacked vertically: each has a title, a value axis with grid
/// lines, a line (split where values are missing), a point per value, and the last value
/// labelled directly. Missing days are shaded; a highlighted day gets a dashed reference line.
public enum TimeSeriesLayout {
    public struct Panel: Sendable {
        public var title: String
        public var series: DailySeries
        public var height: Double
        public init(title: String, series: DailySeries, height: Double) {
            self.title = title
            self.series = series
            self.height = height
        }
    }

    public static func scene(
        title: String, summary: String, headline: String, panels: [Panel], highlight: Day? = nil,
        legend: [LegendItem] = [], note: String? = nil, theme: Theme
    ) -> Scene {
        let m = theme.margin
        let small = theme.smallFontSize
        let width = theme.width
        let days = panels.flatMap { $0.series.values.map(\.day) }
        guard let first = days.min(), let last = days.max() else {
            return Layouts.empty(title: title, summary: summary, detail: "No daily values.", theme: theme)
        }
        var b = SceneBuilder(theme: theme)
        // Value scales first: their tick labels decide the left margin.
        struct Prepared {
            var scale: LinearScale
            var ticks: [Double]
            var labels: [String]
        }
        var prepared: [Prepared] = []
        for panel in panels {
            let s = panel.series
            let present = s.values.compactMap(\.value)
            let domain = s.domain ?? 0...max(0, present.max() ?? 0)
            let scale = LinearScale(domain: domain, range: (panel.height, 0)).nice(count: panel.height >= 120 ? 4 : 2, integer: s.integer)
            let ticks = scale.ticks(count: panel.height >= 120 ? 4 : 2, integer: s.integer)
            let labels = ChartFormat.tickLabels(ticks.values, step: ticks.step, percent: s.tickFormat == .percent)
            prepared.append(Prepared(scale: scale, ticks: ticks.values, labels: labels))
        }
        let axisWidth = prepared.map { b.widest($0.labels, size: small) }.max() ?? 0
        let lastLabels = panels.compactMap { p in p.series.values.last(where: { $0.value != nil })?.value.map(p.series.valueText) }
        let directWidth = b.widest(lastLabels, bold: true)
        let plotX = m + axisWidth + 8
        let plotRight = width - m - directWidth - 10
        // The headline is kept whole: two lines on a narrow chart.
        let headlineLines = b.lineCount(headline, bold: true, maxWidth: width - 2 * m)
        let headlineStep = (theme.fontSize * 1.25).rounded()
        var top = m + theme.fontSize + 8 + Double(headlineLines - 1) * headlineStep
        let x0 = DayScale(first: first, last: last, range: (plotX, plotRight))
        let dayWidth = first == last ? 0 : (plotRight - plotX) / Double(last.daysSinceEpoch - first.daysSinceEpoch)
        var plots: [Box] = []
        for (index, panel) in panels.enumerated() {
            let titleLines = b.lineCount(panel.title, size: small, bold: true, maxWidth: width - 2 * m)
            let labelBaseline = top + small + 4
            let plot = Box(
                x: plotX, y: labelBaseline + 10 + Double(titleLines - 1) * (small + 4), width: plotRight - plotX, height: panel.height)
            plots.append(plot)
            top = plot.maxY + 8
            var y = prepared[index].scale
            y.range = (plot.maxY, plot.y)
            b.lines(
                panel.title, at: Point(m, labelBaseline), size: small, style: .tickLabel, bold: true, maxWidth: width - 2 * m,
                lineHeight: small + 4, layer: .axes)
            b.yAxis(y, ticks: prepared[index].ticks, labels: prepared[index].labels, plot: plot)
            drawSeries(panel.series, x: x0, y: y, plot: plot, dayWidth: dayWidth, highlight: highlight, builder: &b)
        }
        let union = Box(
            x: plotX, y: plots.first?.y ?? top, width: plotRight - plotX, height: (plots.last?.maxY ?? top) - (plots.first?.y ?? top))
        b.dayAxis(x0, plot: union, maxTicks: max(2, Int((plotRight - plotX) / 75)))
        var height = union.maxY + 6 + small + 6
        if !legend.isEmpty {
            height = b.legend(legend, at: Point(m, height + small + 4), maxWidth: width - 2 * m) + 4
        }
        if let note {
            height += small + 4
            height = b.lines(note, at: Point(m, height - 2), size: small, style: .note, maxWidth: width - 2 * m, lineHeight: small + 4) + 2
        }
        height += m
        b.lines(
            headline, at: Point(m, m + theme.fontSize), style: .strongLabel, bold: true, maxWidth: width - 2 * m, lineHeight: headlineStep)
        var nodes = b.nodes
        // The background goes first in its layer.
        nodes.insert(.init(layer: .background, shape: .rect(Box(x: 0, y: 0, width: width, height: height)), style: .background), at: 0)
        return Scene(width: width, height: height, title: title, summary: summary, plot: union, nodes: nodes)
    }

    static func drawSeries(
        _ s: DailySeries, x: DayScale, y: LinearScale, plot: Box, dayWidth: Double, highlight: Day?,
        builder b: inout SceneBuilder
    ) {
        // Shade runs of missing values, each as wide as the days between two values.
        var run: [Day] = []
        let stepWidth = dayWidth * Double(max(1, s.stepDays))
        func flush() {
            guard let a = run.first, let z = run.last else { return }
            let left = max(plot.x, x(a) - stepWidth / 2)
            let right = min(plot.maxX, x(z) + stepWidth / 2)
            let label = a == z ? a.long : a.long + " to " + z.long
            b.add(
                .init(
                    layer: .grid, shape: .rect(Box(x: left, y: plot.y, width: max(1, right - left), height: plot.height)), style: .gap,
                    tooltip: "No value: " + label))
            run.removeAll()
        }
        for v in s.values {
            if v.value == nil { run.append(v.day) } else { flush() }
        }
        flush()
        if let h = highlight, s.values.contains(where: { $0.day == h && $0.value != nil }) {
            b.add(.init(layer: .grid, shape: .line(Point(x(h), plot.y), Point(x(h), plot.maxY)), style: .reference))
        }
        var pieces: [[Point]] = []
        var current: [Point] = []
        for v in s.values {
            if let value = v.value {
                current.append(Point(x(v.day), y(value)))
            } else if !current.isEmpty {
                pieces.append(current)
                current = []
            }
        }
        if !current.isEmpty { pieces.append(current) }
        if s.area { b.add(.init(layer: .marks, shape: .area(pieces, baseline: y(max(y.domain.lowerBound, 0))), style: .area)) }
        b.add(.init(layer: .marks, shape: .polyline(pieces), style: s.line))
        for v in s.values {
            guard let value = v.value else { continue }
            let highlighted = v.day == highlight || v.day == s.values.last(where: { $0.value != nil })?.day
            b.add(
                .init(
                    layer: .marks, shape: .circle(Point(x(v.day), y(value)), radius: highlighted ? 4 : 2.5),
                    style: highlighted ? .pointHighlight : s.point, datum: .init(label: v.day.long, value: value),
                    tooltip: s.tooltip(v)))
        }
        if let lastValue = s.values.last(where: { $0.value != nil }), let value = lastValue.value {
            let py = y(value)
            let baseline = min(max(py + b.theme.fontSize * 0.35, plot.y + b.theme.fontSize * 0.8), plot.maxY)
            b.text(s.valueText(value), at: Point(plot.maxX + 10, baseline), style: .strongLabel, bold: true)
        }
    }
}
