/// "Nice" tick steps of 1, 2 or 5 x 10^n, as in d3-array's `ticks`.
///
/// Ticks are computed as integer multiples of the step (divided by an exact power of ten for
/// steps below 1), so `0.1 * 3` never becomes `0.30000000000000004`.
public struct Ticks: Equatable, Sendable {
    /// The tick values, ascending.
    public var values: [Double]
    /// The distance between neighbouring ticks.
    public var step: Double

    /// The step for about `count` intervals over `lo...hi`: 1, 2 or 5 x 10^n.
    /// Returns nil for an empty, reversed or non-finite domain.
    public static func step(_ lo: Double, _ hi: Double, count: Int) -> Double? {
        guard lo.isFinite, hi.isFinite, hi > lo else { return nil }
        let n = Double(count.clamped(to: 1...10))
        let raw = (hi - lo) / n
        let power = floorLog10(raw)
        let error = raw / pow10(power)
        var factor: Double = error >= 50.0.squareRoot() ? 10 : error >= 10.0.squareRoot() ? 5 : error >= 2.0.squareRoot() ? 2 : 1
        var power10 = power
        // Never more than 10 ticks over the widened domain: take the next nice step if needed.
        while true {
            let step = exactStep(factor: factor, power: power10)
            let intervals = (snap(hi / step, .up) - snap(lo / step, .down))
            if intervals <= 9 { return step }
            switch factor {
            case 1: factor = 2
            case 2: factor = 5
            default:
                factor = 1
                power10 += 1
            }
        }
    }

    /// `x` rounded in `rule`'s direction, but to the nearest integer when it is within
    /// floating-point error of it (`2.9999999999999996` is 3, not 2, when rounding down).
    static func snap(_ x: Double, _ rule: FloatingPointRoundingRule) -> Double {
        let nearest = x.rounded()
        if abs(x - nearest) <= 1e-9 * max(1, abs(x)) { return nearest + 0.0 }
        return x.rounded(rule) + 0.0
    }

    /// Ticks covering `lo...hi` (inclusive) at a nice step for about `count` intervals.
    /// With `integer`, the step is at least 1 (for counts of people, views, days).
    public static func ticks(_ lo: Double, _ hi: Double, count: Int = 5, integer: Bool = false) -> Ticks {
        guard var step = step(lo, hi, count: count) else {
            return Ticks(values: lo.isFinite ? [lo] : [], step: 0)
        }
        if integer && step < 1 { step = 1 }
        return Ticks(values: multiples(of: step, from: lo, to: hi), step: step)
    }

    /// The multiples of `step` within `lo...hi`, computed without accumulating error.
    static func multiples(of step: Double, from lo: Double, to hi: Double) -> [Double] {
        if step >= 1 {
            let first = snap(lo / step, .up)
            let last = snap(hi / step, .down)
            guard first <= last else { return [] }
            return stride(from: first, through: last, by: 1).map { $0 * step + 0.0 }
        }
        // For steps below 1, divide by the inverse (an exact integer such as 10 or 20 or 50).
        let inverse = (1 / step).rounded()
        let first = snap(lo * inverse, .up)
        let last = snap(hi * inverse, .down)
        guard first <= last else { return [] }
        return stride(from: first, through: last, by: 1).map { $0 / inverse + 0.0 }
    }

    /// `factor x 10^power` as the double nearest to the decimal value.
    static func exactStep(factor: Double, power: Double) -> Double {
        power >= 0 ? factor * pow10(power) : factor / pow10(-power)
    }

    static func pow10(_ power: Double) -> Double {
        if power < 0 { return 1 / pow10(-power) }
        var p = 1.0
        var i = 0.0
        while i < power {
            p *= 10
            i += 1
        }
        return p
    }

    /// The integer part of log10(x) for finite x > 0, by repeated scaling (exact at powers of ten).
    static func floorLog10(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 0 }
        var exponent = 0.0
        var m = x
        while m >= 10 {
            m /= 10
            exponent += 1
        }
        while m < 1 {
            m *= 10
            exponent -= 1
        }
        return exponent
    }
}
