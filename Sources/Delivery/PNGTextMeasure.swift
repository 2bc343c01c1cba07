internal import CLazyLibraries
public import Charts
import Foundation
import Markup

extension PNGRenderer {
    /// Text widths as librsvg draws them on this machine: each text is laid out by librsvg itself
    /// (Pango and HarfBuzz, with the fonts fontconfig picks for the charts' font stack) in a
    /// one-element SVG, and its logical width read back with
    /// `rsvg_handle_get_geometry_for_element`. The email's charts are built with it, so their
    /// labels are cut to what the PNG really needs, ZWJ sequences, marks and fall-back fonts
    /// included. Only used when PNGs are drawn; a plain run never calls librsvg.
    public static let textMeasure = TextMeasure(name: "librsvg") { text, size, bold in
        RsvgTextWidths.shared.width(text, size: size, bold: bold)
    }

    /// The logical width librsvg gives `text`, or nil when it cannot lay it out.
    public static func librsvgWidth(_ text: String, size: Double, bold: Bool, fontFamily: String = Theme.standard.fontFamily) -> Double? {
        let doc = Document.xml(root: "svg", namespaceURI: SVGRenderer.svgNamespace)
        guard let svg = doc.root else { return nil }
        svg.set("width", "10")
        svg.set("height", "10")
        svg.set("font-family", fontFamily)
        svg.set("font-size", ChartFormat.coordinate(size))
        let element = svg.append("text", ["id": "t", "x": "0", "y": "10"], text: text)
        if bold { element.set("font-weight", "bold") }
        let bytes = doc.serialize()
        // librsvg is loaded on demand (PNGRenderer.api); without it the caller falls back.
        guard let rsvg = try? PNGRenderer.api() else { return nil }
        var error: UnsafeMutablePointer<ar_GError>?
        let handle = bytes.withUnsafeBufferPointer { buf in rsvg.handle_new_from_data(buf.baseAddress, buf.count, &error) }
        guard let handle else {
            if let error { rsvg.error_free(error) }
            return nil
        }
        defer { rsvg.object_unref(UnsafeMutableRawPointer(handle)) }
        var ink = ar_RsvgRectangle(x: 0, y: 0, width: 0, height: 0)
        var logical = ar_RsvgRectangle(x: 0, y: 0, width: 0, height: 0)
        var geometryError: UnsafeMutablePointer<ar_GError>?
        guard rsvg.handle_get_geometry_for_element(handle, "#t", &ink, &logical, &geometryError) != 0 else {
            if let geometryError { rsvg.error_free(geometryError) }
            return nil
        }
        return logical.width
    }
}

/// A cache of librsvg's widths (the same labels are measured again while cutting), shared by the
/// reports of a batch.
final class RsvgTextWidths: @unchecked Sendable {
    static let shared = RsvgTextWidths()

    private struct Key: Hashable {
        var text: String
        var size: Double
        var bold: Bool
    }

    private let lock = NSLock()
    private var widths: [Key: Double] = [:]

    func width(_ text: String, size: Double, bold: Bool) -> Double {
        let key = Key(text: text, size: size, bold: bold)
        lock.lock()
        let known = widths[key]
        lock.unlock()
        if let known { return known }
        // Should librsvg fail to lay the text out, the conservative browser metrics stand in.
        let width = PNGRenderer.librsvgWidth(text, size: size, bold: bold) ?? TextMetrics.width(text, size: size, bold: bold)
        lock.lock()
        if widths.count > 50_000 { widths.removeAll() }
        widths[key] = width
        lock.unlock()
        return width
    }
}
