internal import CLazyLibraries
import Dispatch
import Foundation

/// Draws our own SVG charts as PNG with librsvg's C API: at `scale` times the SVG's size, on an
/// opaque white background (no alpha channel), so that dark-mode mail clients cannot make the
/// dark text unreadable. The pixels cairo drew are encoded by libpng with a fixed filter (None)
/// and zlib level 3 (`ar_png_encode_rgb24`), not by cairo's own writer, which leaves libpng's
/// adaptive filter search and zlib's default level on: the same pixels, 17% fewer bytes and about
/// a sixth of the instructions (docs/performance.md).
///
/// librsvg, cairo and libpng are not linked: they are loaded with `dlopen` when the first PNG is drawn
/// (`Sources/CLazyLibraries`), so a run without `--email` does not map them (about 40 shared
/// libraries with their dependencies).
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

    /// Loads librsvg and libpng (once per process); throws ``LibraryMissing`` when either cannot
    /// be loaded.
    public static func load() throws(LibraryMissing) {
        _ = try api()
        guard ar_png_load() == 0 else { throw LibraryMissing(reason: String(cString: ar_png_error()), library: "libpng") }
    }

    static func api() throws(LibraryMissing) -> ar_rsvg_api {
        guard let api = ar_rsvg_load() else { throw LibraryMissing(reason: String(cString: ar_rsvg_error())) }
        return api.pointee
    }

    /// Renders every SVG of `svgs`, on every core (librsvg and cairo draw each image on its own;
    /// the bytes do not depend on the thread); the images in the same order.
    public static func render(svgs: [[UInt8]], scale: Int = 2) throws(DeliveryError) -> [Image] {
        let results = Results(count: svgs.count)
        DispatchQueue.concurrentPerform(iterations: svgs.count) { index in
            results.set(index, Result { () throws(DeliveryError) -> Image in try render(svg: svgs[index], scale: scale) })
        }
        var images: [Image] = []
        for result in results.all { images.append(try result.get()) }
        return images
    }

    /// Renders `svg`; throws when librsvg is missing, cannot read it, or cairo cannot encode it.
    public static func render(svg: [UInt8], scale: Int = 2) throws(DeliveryError) -> Image {
        let rsvg: ar_rsvg_api
        do {
            rsvg = try api()
        } catch {
            throw DeliveryError(error.description)
        }
        var error: UnsafeMutablePointer<ar_GError>?
        let handle = svg.withUnsafeBufferPointer { buf in rsvg.handle_new_from_data(buf.baseAddress, buf.count, &error) }
        guard let handle else {
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown error"
            if let error { rsvg.error_free(error) }
            throw DeliveryError("librsvg cannot read a chart: \(message)", kind: .drawing)
        }
        defer { rsvg.object_unref(UnsafeMutableRawPointer(handle)) }
        var w: Double = 0
        var h: Double = 0
        if rsvg.handle_get_intrinsic_size_in_pixels(handle, &w, &h) == 0 || w <= 0 || h <= 0 {
            w = 600
            h = 300
        }
        let cssWidth = Int(w.rounded(.up))
        let cssHeight = Int(h.rounded(.up))
        let width = cssWidth * scale
        let height = cssHeight * scale
        guard let surface = rsvg.image_surface_create(Int32(AR_CAIRO_FORMAT_RGB24), Int32(width), Int32(height)) else {
            throw DeliveryError("cairo cannot make a \(width)x\(height) image", kind: .drawing)
        }
        defer { rsvg.surface_destroy(surface) }
        guard let cr = rsvg.create(surface) else { throw DeliveryError("cairo cannot draw", kind: .drawing) }
        rsvg.set_source_rgb(cr, 1, 1, 1)
        rsvg.paint(cr)
        rsvg.scale(cr, Double(scale), Double(scale))
        var viewport = ar_RsvgRectangle(x: 0, y: 0, width: w, height: h)
        var renderError: UnsafeMutablePointer<ar_GError>?
        let ok = rsvg.handle_render_document(handle, cr, &viewport, &renderError)
        rsvg.destroy(cr)
        if ok == 0 {
            let message = renderError.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown error"
            if let renderError { rsvg.error_free(renderError) }
            throw DeliveryError("librsvg cannot draw a chart: \(message)", kind: .drawing)
        }
        rsvg.surface_flush(surface)
        guard let pixels = rsvg.image_surface_get_data(surface) else {
            throw DeliveryError("cairo cannot make a \(width)x\(height) image", kind: .drawing)
        }
        let sink = ByteSink()
        var message = [CChar](repeating: 0, count: 256)
        let status = ar_png_encode_rgb24(
            pixels, Int32(width), Int32(height), rsvg.image_surface_get_stride(surface),
            { closure, data, length in
                guard let closure else { return 1 }
                let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: length))
                return 0
            },
            Unmanaged.passUnretained(sink).toOpaque(), &message, message.count)
        // `sink` stays alive to here: the write callback only runs inside the call above.
        guard status == 0 else {
            throw DeliveryError(
                "cannot encode a PNG: \(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))",
                kind: .drawing)
        }
        return Image(png: sink.bytes, width: width, height: height, cssWidth: cssWidth, cssHeight: cssHeight)
    }
}

/// librsvg (or libpng, which encodes the PNGs) could not be loaded: not installed, or too old
/// (librsvg 2.52 or later, libpng 1.6 are needed).
public struct LibraryMissing: Error, Sendable, Equatable, CustomStringConvertible {
    /// dlopen's or dlsym's words.
    public var reason: String
    /// Which library: "librsvg" or "libpng".
    public var library = "librsvg"

    public var description: String {
        if library == "libpng" {
            return "--email encodes the charts as PNG with libpng 1.6, which cannot be loaded: \(reason). "
                + "It comes with librsvg (Debian and Ubuntu: apt-get install librsvg2-2; macOS: brew install librsvg), "
                + "or set REPORT_LIBPNG to the library's path"
        }
        return "--email draws the charts as PNG with librsvg, which cannot be loaded: \(reason). "
            + "Install librsvg 2.52 or later (Debian and Ubuntu: apt-get install librsvg2-2; macOS: brew install librsvg), "
            + "or set REPORT_LIBRSVG to the library's path"
    }
}

/// The images being drawn on several threads, one slot each.
private final class Results: @unchecked Sendable {
    // Every slot is written once, by one thread, under `lock`; read after all are written.
    private let lock = NSLock()
    private var slots: [Result<PNGRenderer.Image, DeliveryError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<PNGRenderer.Image, DeliveryError>) { lock.withLock { slots[index] = result } }

    var all: [Result<PNGRenderer.Image, DeliveryError>] {
        lock.withLock { slots.map { $0 ?? .failure(DeliveryError("a chart was not drawn")) } }
    }
}

/// Collects the bytes cairo writes.
private final class ByteSink {
    var bytes: [UInt8] = []
}
