import Crypto

/// SHA-256 as 64 lowercase hex digits, for `manifest.json` and for the message's boundaries and
/// `Message-ID`. From apple/swift-crypto (BoringSSL on Linux, CryptoKit on Apple platforms);
/// tested against Python's hashlib at every padding boundary.
public enum ContentHash {
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
