public import Markup

/// A word-sized line chart for a headline number: the line (split where values are missing)
/// and a dot on the last value. `label` names it (`<title>`); the `<desc>` says where the series
/// started and ended.
public enum Sparkline {
    /// The sparkline as a standalone SVG document; `unit` names the step between two values.
    public static func document(
        values: [Double?], label: String, width: Double = 96, height: Double = 28,
        format: @Sendable (Double) -> String = { ChartFormat.decimal($0, maxDecimals: 2) }, unit: String = "day",
        theme: Theme = .standard
    ) -> Document {
        SVGRenderer.render(
            scene(values: values, label: label, width: width, height: height, format: format, unit: unit, theme: theme), theme: theme,
            extraClass: "ar-sparkline")
    }

    /// The scene of ``document(values:label:width:height:format:theme:)``.
    public static func scene(
        values: [Double?], label: String, width: Double = 96, height: Double = 28,
        format: (Double) -> String = { ChartFormat.decimal($0, maxDecimals: 2) }, unit: String = "day", theme: Theme = .standard
    ) -> Scene {
        let pad = 4.0
        let plot = Box(x: pad, y: pad, width: width - 2 * pad, height: height - 2 * pad)
        let present = values.compactMap { $0 }.filter(\.isFinite)
        var summary = "No values."
        var b = SceneBuilder(theme: theme)
        guard let lo = present.min(), let hi = present.max(), let firstValue = present.first, let lastValue = present.last else {
            b.add(.init(layer: .grid, shape: .line(Point(plot.x, plot.maxY), Point(plot.maxX, plot.maxY)), style: .grid))
            return Scene(width: width, height: height, title: label, summary: summary, plot: plot, nodes: b.nodes)
        }
        summary =
            "From \(format(firstValue)) to \(format(lastValue)) over \(values.count) \(values.count == 1 ? unit : unit + "s"), between \(format(lo)) and \(format(hi))."
        // Equal values: a flat line in the middle.
        let domain = lo == hi ? (lo - 1)...(hi + 1) : lo...hi
        let y = LinearScale(domain: domain, range: (plot.maxY, plot.y))
        let x = LinearScale(
            domain: 0...Double(max(1, values.count - 1)),
            range: values.count == 1 ? (plot.x + plot.width / 2, plot.maxX) : (plot.x, plot.maxX))
        var pieces: [[Point]] = []
        var current: [Point] = []
        for (i, v) in values.enumerated() {
            if let v, v.isFinite {
                current.append(Point(x(Double(i)), y(v)))
            } else if !current.isEmpty {
                pieces.append(current)
                current = []
            }
        }
        if !current.isEmpty { pieces.append(current) }
        b.add(.init(layer: .marks, shape: .polyline(pieces), style: .line))
        if let i = values.lastIndex(where: { $0 != nil && $0?.isFinite == true }) {
            b.add(
                .init(
                    layer: .marks, shape: .circle(Point(x(Double(i)), y(lastValue)), radius: 2.5), style: .point,
                    datum: .init(label: label, value: lastValue)))
        }
        return Scene(width: width, height: height, title: label, summary: summary, plot: plot, nodes: b.nodes)
    }
}
