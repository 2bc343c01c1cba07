internal import CRsvg

/// Draws our own SVG charts as PNG with librsvg's C API: at `scale` times the SVG's size, on an
/// opaque white background (no alpha channel), so that dark-mode mail clients cannot make the
/// dark text unreadable.
public enum PNGRenderer {
    /// A rendered image and its size in pixels.
    public struct Image: Sendable {
        public var png: [UInt8]
        public var width: Int
        public var height: Int
        /// The size in CSS pixels (the SVG's own size), for `width`/`height` attributes.
        public var cssWidth: Int
        public var cssHeight: Int
    }

    /// Renders `svg`; throws when librsvg cannot read it or cairo cannot encode it.
    public static func render(svg: [UInt8], scale: Int = 2) throws(DeliveryError) -> Image {
        var error: UnsafeMutablePointer<GError>?
        let handle: UnsafeMutablePointer<RsvgHandle>? = svg.withUnsafeBufferPointer { buf in
            rsvg_handle_new_from_data(buf.baseAddress, gsize(buf.count), &error)
        }
        guard let handle else {
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown error"
            if let error { g_error_free(error) }
            throw DeliveryError("librsvg cannot read a chart: \(message)", kind: .drawing)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        var w: Double = 0
        var h: Double = 0
        if rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) == 0 || w <= 0 || h <= 0 {
            w = 600
            h = 300
        }
        let cssWidth = Int(w.rounded(.up))
        let cssHeight = Int(h.rounded(.up))
        let width = cssWidth * scale
        let height = cssHeight * scale
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw DeliveryError("cairo cannot make a \(width)x\(height) image", kind: .drawing)
        }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw DeliveryError("cairo cannot draw", kind: .drawing) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, Double(scale), Double(scale))
        var viewport = RsvgRectangle(x: 0, y: 0, width: w, height: h)
        var renderError: UnsafeMutablePointer<GError>?
        let ok = rsvg_handle_render_document(handle, cr, &viewport, &renderError)
        cairo_destroy(cr)
        if ok == 0 {
            let message = renderError.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown error"
            if let renderError { g_error_free(renderError) }
            throw DeliveryError("librsvg cannot draw a chart: \(message)", kind: .drawing)
        }
        cairo_surface_flush(surface)
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(
            surface,
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            },
            Unmanaged.passUnretained(sink).toOpaque())
        // `sink` stays alive to here: the stream callback only runs inside the call above.
        guard status == CAIRO_STATUS_SUCCESS else { throw DeliveryError("cairo cannot encode a PNG", kind: .drawing) }
        return Image(png: sink.bytes, width: width, height: height, cssWidth: cssWidth, cssHeight: cssHeight)
    }
}

/// Collects the bytes cairo writes.
private final class ByteSink {
    var bytes: [UInt8] = []
}
