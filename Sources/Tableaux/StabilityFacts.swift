import ComplexModule
import RealModule

/// Where a stability function is stable along the two axes through the origin.
///
/// - `realInterval`: r ≤ 0 such that [r, 0] is the largest interval of stable reals
///   containing 0; `nil` when its end lies further than `unboundedLimit` (unbounded).
/// - `imagRadius`: the largest y with every iy', |y'| ≤ y, stable; reported as 0 when below
///   `smallestImagRadius` (only the origin, up to rounding); `nil` beyond `unboundedLimit`.
///
/// Stable means |R(z)| ≤ 1 + 1e-12. Since every form has real coefficients,
/// R(z̄) = conj R(z), so the imaginary axis is scanned on y ≥ 0 only.
///
/// Method: scan outward from 0 with steps of 1e-3·max(1, t) (fine enough not to skip a thin
/// unstable gap), then bisect the first stable/unstable bracket to 1e-12.
public struct StabilityFacts: Sendable, Equatable {
  /// An end further than this from the origin counts as unbounded.
  public static let unboundedLimit = 1000.0
  /// Imaginary radii below this are reported as 0.
  public static let smallestImagRadius = 0.01
  /// Width of the final bisection bracket.
  public static let bisectionTolerance = 1e-12

  /// The left end r of the stable real interval [r, 0]; `nil` means unbounded.
  public let realInterval: Double?
  /// The stable imaginary radius; `nil` means unbounded.
  public let imagRadius: Double?

  /// Stores given facts.
  public init(realInterval: Double?, imagRadius: Double?) {
    self.realInterval = realInterval
    self.imagRadius = imagRadius
  }

  /// Computes both facts of `function` (about 16,000 evaluations of R at most).
  public init(_ function: StabilityFunction) {
    self.realInterval = StabilityFacts.realInterval(of: function)
    self.imagRadius = StabilityFacts.imagRadius(of: function)
  }

  /// The real-interval fact alone.
  static func realInterval(of function: StabilityFunction) -> Double? {
    stableReach(of: function, along: Complex(-1, 0)).map { $0 == 0 ? 0 : -$0 }
  }

  /// The imaginary-radius fact alone.
  static func imagRadius(of function: StabilityFunction) -> Double? {
    stableReach(of: function, along: Complex(0, 1)).map { $0 < smallestImagRadius ? 0 : $0 }
  }

  /// `true` when both axes are stable out to the limit (A-stability as far as the axes show).
  public var isAStable: Bool { realInterval == nil && imagRadius == nil }

  /// The largest t ≥ 0 with R(t'·direction) stable for all 0 ≤ t' ≤ t, or `nil` when that
  /// holds up to `unboundedLimit`.
  static func stableReach(of function: StabilityFunction, along direction: Complex<Double>)
    -> Double?
  {
    func stable(_ t: Double) -> Bool { function.isStable(direction.multiplied(by: t)) }
    guard stable(0) else { return 0 }
    var last = 0.0
    while last < unboundedLimit {
      let next = min(last + 1e-3 * max(1, last), unboundedLimit)
      if !stable(next) { return bisect(stableAt: last, unstableAt: next, stable) }
      last = next
    }
    return nil
  }

  /// Shrinks [lo, hi] (lo stable, hi unstable) to width ≤ 1e-12 and returns the stable end.
  static func bisect(stableAt lo: Double, unstableAt hi: Double, _ stable: (Double) -> Bool)
    -> Double
  {
    var (lo, hi) = (lo, hi)
    while hi - lo > bisectionTolerance {
      let mid = lo + (hi - lo) / 2
      if mid <= lo || mid >= hi { break }
      if stable(mid) { lo = mid } else { hi = mid }
    }
    return lo
  }
}

extension StabilityFunction {
  /// Both axis facts, computed now (see `StabilityFacts`).
  public var facts: StabilityFacts { StabilityFacts(self) }

  /// r ≤ 0 with [r, 0] the largest stable real interval; `nil` when beyond 1000.
  public var realInterval: Double? { StabilityFacts.realInterval(of: self) }

  /// The largest stable y on the imaginary axis (0 below 0.01); `nil` when beyond 1000.
  public var imagRadius: Double? { StabilityFacts.imagRadius(of: self) }
}
