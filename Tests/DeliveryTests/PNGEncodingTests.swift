import Delivery
import Foundation
import TestSupport
import Testing

/// The email's PNGs are encoded by libpng with filter None and zlib level 3 instead of cairo's
/// writer (issue 14): the pixels stay the ones cairo drew, the bytes are a valid, plain PNG.
@Suite("PNG encoding")
struct PNGEncodingTests {
    /// Python's zlib decodes a PNG on its own: prints the chunk types, the IHDR fields, each row's
    /// filter type and, for filter None, the rows' pixels as hex (one line each).
    static let decoder = """
        import struct, sys, zlib
        d = open(sys.argv[1], 'rb').read()
        assert d[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'signature'
        i, chunks, idat = 8, [], b''
        while i < len(d):
            n, = struct.unpack('>I', d[i:i + 4]); t = d[i + 4:i + 8]; body = d[i + 8:i + 8 + n]
            crc, = struct.unpack('>I', d[i + 8 + n:i + 12 + n])
            assert zlib.crc32(t + body) == crc, 'crc of ' + t.decode()
            if t == b'IHDR': w, h, depth, color, comp, filt, inter = struct.unpack('>IIBBBBB', body)
            if t == b'IDAT': idat += body
            if not chunks or chunks[-1] != t.decode(): chunks.append(t.decode())
            i += 12 + n
        raw = zlib.decompress(idat)
        assert len(raw) == h * (1 + 3 * w), 'size of the image data'
        print(' '.join(chunks)); print(w, h, depth, color, inter)
        rows = [raw[y * (1 + 3 * w):(y + 1) * (1 + 3 * w)] for y in range(h)]
        print(''.join(str(r[0]) for r in rows))
        for r in rows: print(r[1:].hex())
        """

    static func decode(_ png: [UInt8]) throws -> [String] {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("image.png")
        try Data(png).write(to: file)
        let r = try runProcess(InsightsTools.python3, ["python3", "-c", decoder, file.path])
        try #require(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").map(String.init)
    }

    @Test("the PNG holds exactly the pixels drawn, red, blue and white in their places (byte order and filler handled)")
    func pixelsAreTheOnesDrawn() throws {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="4" height="2">\
            <rect x="0" y="0" width="2" height="2" fill="#ff0000"/>\
            <rect x="2" y="0" width="2" height="1" fill="#0000ff"/>\
            <rect x="2" y="1" width="2" height="1" fill="#10a040"/></svg>
            """
        let image = try PNGRenderer.render(svg: Array(svg.utf8), scale: 2)
        #expect(image.width == 8 && image.height == 4)
        let lines = try Self.decode(image.png)
        try #require(lines.count == 3 + 4)
        let red = "ff0000"
        let blue = "0000ff"
        let green = "10a040"
        let top = String(repeating: red, count: 4) + String(repeating: blue, count: 4)
        let bottom = String(repeating: red, count: 4) + String(repeating: green, count: 4)
        #expect(Array(lines[3...]) == [top, top, bottom, bottom])
    }

    @Test("a chart's PNG is 8-bit RGB, not interlaced, only IHDR, IDAT and IEND, filter None on every row")
    func plainPNG() throws {
        let svg = try String(
            contentsOf: TestPaths.repo.appendingPathComponent("Tests/ChartsTests/__Snapshots__/charts-rich-roles.svg"), encoding: .utf8)
        let image = try PNGRenderer.render(svg: Array(svg.utf8), scale: 2)
        let lines = try Self.decode(image.png)
        try #require(lines.count == 3 + image.height)
        #expect(lines[0] == "IHDR IDAT IEND")
        #expect(lines[1] == "\(image.width) \(image.height) 8 2 0")
        #expect(lines[2] == String(repeating: "0", count: image.height))
        // Drawn, not blank: the chart has more than white in it.
        #expect(lines[3...].contains { $0 != String(repeating: "ff", count: 3 * image.width) })
    }

    @Test("the same SVG gives the same PNG bytes, drawn on several threads at once")
    func deterministic() throws {
        let svg = Array(
            try String(
                contentsOf: TestPaths.repo.appendingPathComponent("Tests/ChartsTests/__Snapshots__/charts-rich-roles.svg"), encoding: .utf8
            ).utf8)
        let images = try PNGRenderer.render(svgs: Array(repeating: svg, count: 6))
        #expect(Set(images.map(\.png)).count == 1)
        #expect(images[0].png == (try PNGRenderer.render(svg: svg)).png)
    }

    @Test("a libpng that cannot be loaded ends with exit 72 and names it, before anything is written")
    func missingLibpng() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let missing = dir.appendingPathComponent("no-such-libpng.so").path
        let r = try runProcess(
            TestPaths.reportBinary,
            ["--input", TestPaths.repo.appendingPathComponent("examples/activity.json").path, "--output", out.path, "--email"],
            environment: ["REPORT_LIBPNG": missing])
        #expect(r.status == 72)
        #expect(r.stderr.contains("error: --email encodes the charts as PNG with libpng 1.6, which cannot be loaded"))
        #expect(r.stderr.contains("no-such-libpng.so"))
        #expect(r.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
