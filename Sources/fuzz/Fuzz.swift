import FuzzChecks

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if FUZZING
    /// The target, named by `FUZZ_TARGET` (`scripts/fuzz` sets it).
    let target: FuzzChecks.Target = {
        let name = getenv("FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzChecks.Target(rawValue: name) else {
            let known = FuzzChecks.Target.allCases.map(\.rawValue).joined(separator: ", ")
            fatalError("set FUZZ_TARGET to one of: \(known)")
        }
        return target
    }()

    /// libFuzzer's entry point (built with `-sanitize=fuzzer,address -DFUZZING`): a broken
    /// property is a crash, which libFuzzer saves as a reproducer.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
        let problems = FuzzChecks.violations(target, bytes)
        if !problems.isEmpty { fatalError("\(target.rawValue): " + problems.joined(separator: "; ")) }
        return 0
    }
#else
    /// Without libFuzzer: `fuzz TARGET FILE...` runs files through a target's checks (a
    /// reproducer, a corpus), printing what broke; exit 1 when anything did.
    @main
    struct Replay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let target = FuzzChecks.Target(rawValue: name) else {
                let known = FuzzChecks.Target.allCases.map(\.rawValue).joined(separator: "|")
                print("usage: fuzz \(known) FILE...")
                exit(64)
            }
            var failed = false
            for path in arguments.dropFirst() {
                guard let file = fopen(path, "rb") else {
                    print("\(path): cannot read")
                    failed = true
                    continue
                }
                var bytes: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let n = fread(&chunk, 1, chunk.count, file)
                    if n <= 0 { break }
                    bytes += chunk[0..<n]
                }
                fclose(file)
                let problems = FuzzChecks.violations(target, bytes)
                print(problems.isEmpty ? "ok \(path)" : "FAILED \(path): " + problems.joined(separator: "; "))
                failed = failed || !problems.isEmpty
            }
            exit(failed ? 1 : 0)
        }
    }
#endif
