/// A punch card: a grid of rows × columns (weekdays × hours), each cell a dot whose area is
/// proportional to its value (the largest fills its cell; a zero draws no dot, only the cell's
/// faint box), with row labels on the left and every few column labels on top.
extension Layouts {
    public struct PunchCell: Equatable, Sendable {
        public var value: Double
        /// The datum's label (`Mon 09:00`) and the tooltip (`Monday 09:00-10:00: 55 views`).
        public var label: String
        public var tooltip: String

        public init(value: Double, label: String, tooltip: String) {
            self.value = value
            self.label = label
            self.tooltip = tooltip
        }
    }

    /// `cells[row][column]`; `columnLabels` are drawn every `columnLabelStep` columns.
    public static func punchCard(
        title: String, summary: String, caption: String, rowLabels: [String], columnLabels: [String], columnLabelStep: Int,
        cells: [[PunchCell]], theme: Theme
    ) -> Scene {
        let m = theme.margin
        let small = theme.smallFontSize
        let width = theme.width
        var b = SceneBuilder(theme: theme)
        let captionLines = b.lineCount(caption, size: small, bold: true, maxWidth: width - 2 * m)
        let top = m + Double(captionLines) * (small + 4) + 6 + small + 6
        let labelWidth = b.widest(rowLabels, size: small) + 8
        let columns = max(1, columnLabels.count)
        let cell = max(4, ((width - 2 * m - labelWidth) / Double(columns)).rounded(.down))
        // Rows are at least a label high, so the weekday names never overlap on a phone.
        let row = max(cell, (small * 1.05).rounded(.up) + 2)
        let plot = Box(x: m + labelWidth, y: top, width: cell * Double(columns), height: row * Double(rowLabels.count))
        let height = plot.y + plot.height + m
        b.background(width: width, height: height)
        b.lines(caption, at: Point(m, m + small), size: small, style: .label, bold: true, maxWidth: width - 2 * m)
        let largest = cells.flatMap { $0.map(\.value) }.max() ?? 0
        for (r, label) in rowLabels.enumerated() {
            let y = plot.y + Double(r) * row
            b.text(label, at: Point(m + labelWidth - 8, y + row / 2 + small * 0.35), anchor: .end, size: small, style: .tickLabel)
            for c in 0..<columns {
                let box = Box(x: plot.x + Double(c) * cell + 0.5, y: y + 0.5, width: cell - 1, height: row - 1)
                b.add(.init(layer: .grid, shape: .rect(box), style: .gap))
                guard r < cells.count, c < cells[r].count else { continue }
                let v = cells[r][c]
                // Area proportional to the value: the radius grows with its square root.
                let radius = largest > 0 && v.value > 0 ? max(1, (min(cell, row) / 2 - 1) * (v.value / largest).squareRoot()) : 0
                if radius > 0 {
                    b.add(
                        .init(
                            layer: .marks, shape: .circle(Point(box.x + box.width / 2, box.y + box.height / 2), radius: radius),
                            style: .point,
                            datum: .init(label: v.label, value: v.value), tooltip: v.tooltip))
                }
            }
        }
        for (c, label) in columnLabels.enumerated() where c % max(1, columnLabelStep) == 0 {
            b.text(label, at: Point(plot.x + Double(c) * cell + cell / 2, plot.y - 6), anchor: .middle, size: small, style: .tickLabel)
        }
        return Scene(width: width, height: height, title: title, summary: summary, plot: plot, nodes: b.nodes)
    }
}
