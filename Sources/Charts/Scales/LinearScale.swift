/// A continuous linear map from a domain of values to a range of pixels (d3-scale's `linear`).
public struct LinearScale: Equatable, Sendable {
    public var domain: ClosedRange<Double>
    /// Pixels; `range.0` is where `domain.lowerBound` goes (may be greater than `range.1`,
    /// as on a y axis whose zero is at the bottom).
    public var range: (Double, Double) {
        get { (rangeStart, rangeEnd) }
        set { (rangeStart, rangeEnd) = newValue }
    }
    var rangeStart: Double
    var rangeEnd: Double

    /// A scale from `domain` to `range`. A degenerate domain (one value) is widened so that
    /// values still map to finite positions.
    public init(domain: ClosedRange<Double>, range: (Double, Double)) {
        self.domain = LinearScale.widened(domain)
        self.rangeStart = range.0
        self.rangeEnd = range.1
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.rangeStart == b.rangeStart && a.rangeEnd == b.rangeEnd
    }

    /// The pixel position of `value`.
    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let t = (value - domain.lowerBound) / span
        return rangeStart + t * (rangeEnd - rangeStart)
    }

    /// The scale with its domain extended to whole multiples of its nice tick step, as
    /// d3's `nice()`: repeated until stable because widening can change the step.
    public func nice(count: Int = 5, integer: Bool = false) -> LinearScale {
        var lo = domain.lowerBound
        var hi = domain.upperBound
        var previous: Double?
        for _ in 0..<10 {
            guard var step = Ticks.step(lo, hi, count: count) else { break }
            if integer && step < 1 { step = 1 }
            if step == previous { break }
            previous = step
            lo = Ticks.snap(lo / step, .down) * step
            hi = Ticks.snap(hi / step, .up) * step
            // Snap to the exact decimal value (avoid 0.30000000000000004 as a domain end).
            lo = Ticks.multiples(of: step, from: lo - step / 2, to: lo + step / 2).first ?? lo
            hi = Ticks.multiples(of: step, from: hi - step / 2, to: hi + step / 2).first ?? hi
        }
        return LinearScale(domain: (lo + 0.0)...(hi + 0.0), range: range)
    }

    /// Ticks inside the domain.
    public func ticks(count: Int = 5, integer: Bool = false) -> Ticks {
        Ticks.ticks(domain.lowerBound, domain.upperBound, count: count, integer: integer)
    }

    /// `domain` or, when it has one value, a domain around it: `0...0` -> `0...1`,
    /// `v...v` -> `0...v` for positive v (values start at zero), `v...0` for negative v.
    static func widened(_ domain: ClosedRange<Double>) -> ClosedRange<Double> {
        guard domain.lowerBound == domain.upperBound else { return domain }
        let v = domain.lowerBound
        if v == 0 || !v.isFinite { return 0...1 }
        return v > 0 ? 0...v : v...0
    }
}
