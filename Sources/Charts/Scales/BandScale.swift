/// Evenly spaced bands for categories (d3-scale's `band`): each of `count` items gets a band
/// of `bandwidth` pixels, with `paddingInner` (fraction of the step) between bands and
/// `paddingOuter` (fraction of the step) before the first and after the last.
public struct BandScale: Equatable, Sendable {
    public var count: Int
    public var start: Double
    public var end: Double
    public var paddingInner: Double
    public var paddingOuter: Double

    public init(count: Int, range: (Double, Double), paddingInner: Double = 0.2, paddingOuter: Double = 0.1) {
        self.count = max(0, count)
        self.start = range.0
        self.end = range.1
        self.paddingInner = paddingInner.clamped(to: 0...0.95)
        self.paddingOuter = max(0, paddingOuter)
    }

    /// Distance between the starts of neighbouring bands.
    public var step: Double {
        guard count > 0 else { return 0 }
        return (end - start) / max(1, Double(count) - paddingInner + 2 * paddingOuter)
    }

    /// Width of one band.
    public var bandwidth: Double { step * (1 - paddingInner) }

    /// The start of band `index`.
    public func callAsFunction(_ index: Int) -> Double {
        start + step * paddingOuter + step * Double(index)
    }

    /// The centre of band `index`.
    public func center(_ index: Int) -> Double { self(index) + bandwidth / 2 }
}
