/// A compact trend of one number (the email's 12 weeks of active users): a sparkline of evenly
/// spaced points, a missing value shaded and the line broken there (a gap, never a zero), with
/// the latest value and its changes in words beside it. Every point is a data mark, so a value
/// between two gaps still shows.
public enum TrendStrip {
    /// What the strip shows; the caller words every text (Charts knows nothing of the analysis).
    public struct Content: Sendable, Equatable {
        /// `<title>`.
        public var title: String
        /// `<desc>`: the numbers in one or two sentences (the email's alt text).
        public var summary: String
        /// The small line above the sparkline: what is drawn, over how long.
        public var caption: String
        /// Oldest first; nil is a gap.
        public var values: [Double?]
        /// One per value: what the point is (a tooltip, and the data mark's label).
        public var labels: [String]
        /// The latest value in words, in bold beside the sparkline.
        public var value: String
        /// Under it, one line each: the changes in words.
        public var lines: [String]

        public init(
            title: String, summary: String, caption: String, values: [Double?], labels: [String], value: String, lines: [String]
        ) {
            self.title = title
            self.summary = summary
            self.caption = caption
            self.values = values
            self.labels = labels
            self.value = value
            self.lines = lines
        }
    }

    /// The share of the inner width the sparkline takes; the words get the rest.
    public static let sparkShare = 0.36
    /// The sparkline's height.
    public static let sparkHeight = 44.0

    public static func scene(_ c: Content, theme: Theme) -> Scene {
        let m = theme.margin
        let small = theme.smallFontSize
        let width = theme.width
        var b = SceneBuilder(theme: theme)
        let captionBaseline = m + small
        b.text(c.caption, at: Point(m, captionBaseline), size: small, style: .tickLabel, bold: true, maxWidth: width - 2 * m)
        let top = captionBaseline + 10
        let plot = Box(x: m, y: top, width: ((width - 2 * m) * sparkShare).rounded(), height: sparkHeight)
        drawSparkline(c, plot: plot, builder: &b)
        // The words beside it: the value, then each change, wrapped to two lines when the room left is short.
        let textX = plot.maxX + 16
        let room = width - m - textX
        let valueSize = theme.fontSize + 4
        var baseline = top + valueSize * 0.8
        b.text(c.value, at: Point(textX, baseline), size: valueSize, style: .strongLabel, bold: true, maxWidth: room)
        for line in c.lines {
            baseline = b.lines(
                line, at: Point(textX, baseline + small + 5), size: small, style: .label, maxWidth: room, lineHeight: small + 4)
        }
        let height = (max(plot.maxY, baseline + small * 0.25) + m).rounded(.up)
        var nodes = b.nodes
        nodes.insert(.init(layer: .background, shape: .rect(Box(x: 0, y: 0, width: width, height: height)), style: .background), at: 0)
        return Scene(width: width, height: height, title: c.title, summary: c.summary, plot: plot, nodes: nodes)
    }

    /// Evenly spaced points (the first at the left edge, the last at the right), the value axis
    /// from the lowest to the highest value; a run of gaps shaded a step wide per missing value.
    static func drawSparkline(_ c: Content, plot: Box, builder b: inout SceneBuilder) {
        let values = c.values.map { v in v.flatMap { $0.isFinite ? $0 : nil } }
        let present = values.compactMap { $0 }
        let inset = 5.0
        b.add(.init(layer: .grid, shape: .line(Point(plot.x, plot.maxY), Point(plot.maxX, plot.maxY)), style: .grid))
        guard let lo = present.min(), let hi = present.max() else { return }
        let domain = lo == hi ? (lo - 1)...(hi + 1) : lo...hi
        let y = LinearScale(domain: domain, range: (plot.maxY - inset, plot.y + inset))
        let last = Double(max(1, values.count - 1))
        let x = LinearScale(
            domain: 0...last, range: values.count == 1 ? (plot.maxX - inset, plot.maxX - inset) : (plot.x + inset, plot.maxX - inset))
        let step = values.count > 1 ? (plot.width - 2 * inset) / last : plot.width
        func label(_ i: Int) -> String { i < c.labels.count ? c.labels[i] : "" }
        var run: [Int] = []
        func flush() {
            guard let a = run.first, let z = run.last else { return }
            let left = max(plot.x, x(Double(a)) - step / 2)
            let right = min(plot.maxX, x(Double(z)) + step / 2)
            let text = a == z ? label(a) : label(a) + " to " + label(z)
            b.add(
                .init(
                    layer: .grid, shape: .rect(Box(x: left, y: plot.y, width: max(1, right - left), height: plot.height)), style: .gap,
                    tooltip: "No value: " + text))
            run.removeAll()
        }
        var pieces: [[Point]] = []
        var current: [Point] = []
        for (i, v) in values.enumerated() {
            if let v {
                flush()
                current.append(Point(x(Double(i)), y(v)))
            } else {
                run.append(i)
                if !current.isEmpty { pieces.append(current) }
                current = []
            }
        }
        flush()
        if !current.isEmpty { pieces.append(current) }
        b.add(.init(layer: .marks, shape: .polyline(pieces), style: .line))
        let newest = values.lastIndex { $0 != nil }
        for (i, v) in values.enumerated() {
            guard let v else { continue }
            let highlighted = i == newest
            b.add(
                .init(
                    layer: .marks, shape: .circle(Point(x(Double(i)), y(v)), radius: highlighted ? 4 : 2.5),
                    style: highlighted ? .pointHighlight : .point, datum: .init(label: label(i), value: v), tooltip: label(i)))
        }
    }
}
