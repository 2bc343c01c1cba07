#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard error, written with `write(2)` so that lines from several tasks never interleave
/// inside a line.
enum StandardError {
    static func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = systemWrite(2, raw.baseAddress! + offset, raw.count - offset)  // count > 0: baseAddress is set
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

/// Standard output: the paths written, one a line, in one `write(2)` where it fits.
enum StandardOutput {
    static func writeLines(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        var text = ""
        for line in lines {
            text += line
            text += "\n"
        }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = systemWrite(1, raw.baseAddress! + offset, raw.count - offset)  // count > 0: baseAddress is set
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

/// `write(2)`, named apart from ``StandardError/write(_:)``.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org): a whole number of seconds since 1970-01-01 UTC.
public enum SourceDateEpoch {
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public var value: String
        public var description: String {
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC (such as 1770768000), got \"\(value)\""
        }
    }

    /// Nil when unset or empty; an error when set to anything but digits (up to year 9999).
    public static func parse(_ value: String?) -> Result<Int64?, Invalid> {
        guard let value, !value.isEmpty else { return .success(nil) }
        guard value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), value.utf8.count <= 12, let seconds = Int64(value),
            seconds <= 253_402_300_799
        else { return .failure(Invalid(value: value)) }
        return .success(seconds)
    }
}
