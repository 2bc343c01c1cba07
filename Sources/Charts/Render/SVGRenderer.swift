public import Markup

/// Render: a ``Scene`` becomes a standalone SVG document, built through `Markup` (libxml2),
/// so every text and attribute value is escaped by the library.
public enum SVGRenderer {
    public static let svgNamespace = "http://www.w3.org/2000/svg"

    /// The SVG document for `scene`: `xmlns`, `viewBox`, `width`, `height`, `role="img"`,
    /// `<title>` and `<desc>` first, the theme's stylesheet, then one `<g>` per layer.
    public static func render(_ scene: Scene, theme: Theme, extraClass: String? = nil) -> Document {
        let doc = Document.xml(root: "svg", namespaceURI: svgNamespace)
        // Document.xml always creates the root element.
        guard let svg = doc.root else { return doc }
        let w = ChartFormat.coordinate(scene.width)
        let h = ChartFormat.coordinate(scene.height)
        svg.set("viewBox", "0 0 \(w) \(h)")
        svg.set("width", w)
        svg.set("height", h)
        svg.set("role", "img")
        svg.set("class", extraClass.map { "ar-chart " + $0 } ?? "ar-chart")
        svg.set("font-family", theme.fontFamily)
        svg.set("font-size", ChartFormat.coordinate(theme.fontSize))
        svg.append("title", text: scene.title)
        svg.append("desc", text: scene.summary)
        svg.append("style", ["type": "text/css"], text: theme.stylesheet)
        for layer in Scene.Layer.allCases {
            let nodes = scene.nodes.filter { $0.layer == layer }
            guard !nodes.isEmpty else { continue }
            let group = svg.append("g", ["class": layer.className])
            for node in nodes { draw(node, into: group, theme: theme) }
        }
        return doc
    }

    static func draw(_ node: Scene.Node, into parent: Element, theme: Theme) {
        let element: Element
        switch node.shape {
        case .rect(let box):
            element = parent.append("rect")
            element.set("x", ChartFormat.coordinate(box.x))
            element.set("y", ChartFormat.coordinate(box.y))
            element.set("width", ChartFormat.coordinate(max(0, box.width)))
            element.set("height", ChartFormat.coordinate(max(0, box.height)))
        case .line(let a, let b):
            element = parent.append("line")
            element.set("x1", ChartFormat.coordinate(a.x))
            element.set("y1", ChartFormat.coordinate(a.y))
            element.set("x2", ChartFormat.coordinate(b.x))
            element.set("y2", ChartFormat.coordinate(b.y))
        case .polyline(let pieces):
            element = parent.append("path")
            element.set("d", pieces.map(pathData).joined(separator: " "))
        case .area(let pieces, let baseline):
            element = parent.append("path")
            let d = pieces.filter { !$0.isEmpty }.map { piece -> String in
                // Closed by the baseline below the piece's first and last points.
                let start = "M\(c(piece[0].x)) \(c(baseline))"
                let top = piece.map { "L\(c($0.x)) \(c($0.y))" }.joined(separator: " ")
                return start + " " + top + " L\(c(piece[piece.count - 1].x)) \(c(baseline)) Z"
            }
            element.set("d", d.joined(separator: " "))
        case .circle(let p, let r):
            element = parent.append("circle")
            element.set("cx", c(p.x))
            element.set("cy", c(p.y))
            element.set("r", c(r))
        case .text(let t):
            element = parent.append("text")
            element.set("x", c(t.position.x))
            element.set("y", c(t.position.y))
            if t.anchor != .start { element.set("text-anchor", t.anchor.rawValue) }
            if t.size != theme.fontSize { element.set("font-size", c(t.size)) }
            if t.bold { element.set("font-weight", "bold") }
        }
        element.set("class", node.style.className)
        for (name, value) in node.style.attributes(theme) { element.set(name, value) }
        if let datum = node.datum {
            element.set("data-label", datum.label)
            element.set("data-value", ChartFormat.dataValue(datum.value))
        }
        if case .text(let t) = node.shape {
            if let full = t.fullText ?? node.tooltip { element.append("title", text: full) }
            element.text(t.text)
        } else if let tooltip = node.tooltip {
            element.append("title", text: tooltip)
        }
    }

    static func pathData(_ piece: [Point]) -> String {
        piece.enumerated().map { i, p in (i == 0 ? "M" : "L") + c(p.x) + " " + c(p.y) }.joined(separator: " ")
    }

    private static func c(_ v: Double) -> String { ChartFormat.coordinate(v) }
}
