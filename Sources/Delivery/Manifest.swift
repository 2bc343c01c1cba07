/// `manifest.json`: every file written (except itself) with its size and SHA-256, in path order.
public enum Manifest {
    public static func render(_ files: [(path: String, bytes: [UInt8])]) -> [UInt8] {
        var out = "{\n  \"files\": ["
        let sorted = files.sorted { $0.path < $1.path }
        for (i, file) in sorted.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out +=
                "    {\"path\": \(jsonString(file.path)), \"size\": \(file.bytes.count), \"sha256\": \"\(ContentHash.sha256Hex(file.bytes))\"}"
        }
        out += sorted.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return Array(out.utf8)
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// `$GITHUB_STEP_SUMMARY` holds at most 1 MiB per step: the summary cut at a line boundary with
/// a note saying how many lines were left off.
public enum StepSummary {
    public static let limit = 1 << 20

    public static func fit(_ markdown: [UInt8], limit: Int = StepSummary.limit) -> [UInt8] {
        guard markdown.count > limit else { return markdown }
        let lines = markdown.split(separator: 0x0A, omittingEmptySubsequences: false)
        let reserve = 200
        var out: [UInt8] = []
        var kept = 0
        for line in lines {
            if out.count + line.count + 1 > limit - reserve { break }
            out += line
            out.append(0x0A)
            kept += 1
        }
        let more = lines.count - kept
        out += Array("\n_… and \(more) more lines: the full summary is summary.md in the output._\n".utf8)
        return out
    }
}
