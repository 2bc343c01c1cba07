/// Base64 (RFC 4648), optionally wrapped at 76 characters with CRLF as MIME requires (RFC 2045 6.8).
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `bytes` in base64 without line breaks.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 3) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 15) << 2 | b2 >> 6)] : 0x3D)
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 63)] : 0x3D)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `bytes` in base64, lines of at most 76 characters, each ended by CRLF.
    public static func mimeLines(_ bytes: [UInt8]) -> String {
        let text = Array(encode(bytes).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 38 + 2)
        var start = 0
        while start < text.count {
            let end = min(start + 76, text.count)
            out += text[start..<end]
            out += [13, 10]
            start = end
        }
        return String(decoding: out, as: UTF8.self)
    }
}
