// chart-bench: how long drawing the nine charts takes, without process start-up or file I/O.
// usage: chart-bench FILE [RUNS]   (run the release build: scripts/bench-charts)
import ActivityModel
import Charts
import Insights
import ReportRendering

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func readAll(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&chunk, 1, chunk.count, f)
        if n <= 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return bytes
}

let args = CommandLine.arguments
guard args.count >= 2, let bytes = readAll(args[1]) else {
    print("usage: chart-bench FILE [RUNS]")
    exit(64)
}
let runs = args.count >= 3 ? max(1, Int(args[2]) ?? 50) : 50
let loaded: LoadedActivity
do {
    loaded = try PayloadDecoder.decode(bytes)
} catch {
    print("chart-bench: \(args[1]): \(error)")
    exit(65)
}
let insights = Analyzer.analyze(loaded)
let clock = ContinuousClock()
var times: [Double] = []
var total = 0
for run in 0...runs {
    let elapsed = clock.measure {
        let set = ChartBuilder.build(loaded.activity, insights: insights)
        total = set.charts.reduce(0) { $0 + $1.svgBytes().count }
    }
    // Run 0 warms up.
    if run > 0 {
        let c = elapsed.components
        times.append(Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15)
    }
}
times.sort()
let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
func ms(_ v: Double) -> String { ChartFormat.fixed(v, decimals: 2) + " ms" }
print(
    "nine charts (scenes + SVG documents + serialization, \(ChartFormat.integer(total)) bytes): median \(ms(median)), min \(ms(times[0])), max \(ms(times[times.count - 1])) over \(runs) runs"
)
