import ComplexModule
import RealModule

/// Where a stability function is stable along the two axes through the origin.
///
/// - `realInterval`: r ≤ 0 such that [r, 0] is the largest interval of stable reals
///   containing 0; `nil` when its end lies further than `unboundedLimit` (unbounded).
/// - `imagRadius`: the largest y with |R(iy')| ≤ 1 for every |y'| ≤ y, decided exactly from
///   the coefficients of |R(iy)|² − 1 (`ImaginaryAxis`): 0 when |R(iy)| > 1 for every small
///   y > 0; reported as 0 when below `smallestImagRadius`; `nil` beyond `unboundedLimit`.
///
/// The real interval counts |R(x)| ≤ 1 + 1e-12 as stable. Method: scan outward from 0 with
/// steps of 1e-3·max(1, t) (fine enough not to skip a thin unstable gap), then bisect the
/// first stable/unstable bracket to 1e-12.
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

  /// Computes both facts of `function` (about 8,000 evaluations of R at most for the real
  /// interval).
  public init(_ function: StabilityFunction) {
    self.realInterval = StabilityFacts.realInterval(of: function)
    self.imagRadius = StabilityFacts.imagRadius(of: function)
  }

  /// The real-interval fact alone.
  static func realInterval(of function: StabilityFunction) -> Double? {
    stableReach(of: function).map { $0 == 0 ? 0 : -$0 }
  }

  /// The imaginary-radius fact alone (default tolerance; see `ImaginaryAxis`).
  static func imagRadius(of function: StabilityFunction) -> Double? {
    function.exactImagRadius
  }

  /// `true` when both axes are stable out to the limit (A-stability as far as the axes show).
  public var isAStable: Bool { realInterval == nil && imagRadius == nil }

  /// The largest t ≥ 0 with R(−t') stable for all 0 ≤ t' ≤ t, or `nil` when that holds up
  /// to `unboundedLimit`.
  static func stableReach(of function: StabilityFunction) -> Double? {
    func stable(_ t: Double) -> Bool { function.isStable(Complex(-t, 0)) }
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

  /// The largest y with |R(iy')| ≤ 1 for all |y'| ≤ y (0 below 0.01); `nil` beyond 1000.
  public var imagRadius: Double? { StabilityFacts.imagRadius(of: self) }
}
