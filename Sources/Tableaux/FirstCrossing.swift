/// Where a real polynomial that starts negative first becomes positive.
///
/// For g(x) = Σ_j g_j x^j with g(0) = g_0 < 0, `first` returns the supremum x* of the
/// x ∈ (0, limit] with g ≤ 0 on all of (0, x], or `nil` when g ≤ 0 on the whole interval.
///
/// Method (no step size that could skip a thin positive gap): the real roots of g′ in
/// (0, limit), found recursively the same way, cut (0, limit] into pieces on which g is
/// monotone. Walking the pieces outward from 0, the first piece whose right end has g > 0
/// holds x*, which bisection then brackets to adjacent `Double`s. Signs are those of g
/// evaluated in `Double` (Horner); a point where g only touches 0 within its rounding may be
/// read as a crossing, which gives a smaller, never a larger, x*.
enum FirstCrossing {
  /// x* as above; `coefficients` constant term first (trailing zeros allowed), with
  /// coefficients[0] < 0.
  static func first(_ coefficients: [Double], limit: Double) -> Double? {
    let g = trimmed(coefficients)
    guard g.count > 1 else { return nil }
    var ends = roots(of: derivative(g), in: 0, limit)
    ends.append(limit)
    var left = 0.0
    for right in ends {
      if value(g, right) > 0 {
        return bisect(g, nonPositiveAt: left, positiveAt: right)
      }
      left = right
    }
    return nil
  }

  /// The real roots of g in (lo, hi), ascending (a root at a piece's end is found once).
  static func roots(of coefficients: [Double], in lo: Double, _ hi: Double) -> [Double] {
    let g = trimmed(coefficients)
    guard g.count > 1 else { return [] }
    var cuts = [lo]
    cuts += roots(of: derivative(g), in: lo, hi)
    cuts.append(hi)
    var found: [Double] = []
    for (u, v) in zip(cuts, cuts.dropFirst()) {
      let (gu, gv) = (value(g, u), value(g, v))
      if gu == 0, u > lo, found.last != u { found.append(u) }
      guard (gu < 0 && gv > 0) || (gu > 0 && gv < 0) else { continue }
      let root =
        gu < 0
        ? bisect(g, nonPositiveAt: u, positiveAt: v)
        : bisect(g.map { -$0 }, nonPositiveAt: u, positiveAt: v)
      if root > lo, root < hi { found.append(root) }
    }
    return found
  }

  /// Shrinks [lo, hi] with g(lo) ≤ 0 < g(hi) until no `Double` lies strictly between them,
  /// and returns lo (the last point known to have g ≤ 0).
  static func bisect(_ g: [Double], nonPositiveAt lo: Double, positiveAt hi: Double) -> Double {
    var (lo, hi) = (lo, hi)
    while true {
      let mid = lo + (hi - lo) / 2
      guard mid > lo, mid < hi else { return lo }
      if value(g, mid) <= 0 { lo = mid } else { hi = mid }
    }
  }

  /// g(x) by Horner's rule.
  static func value(_ g: [Double], _ x: Double) -> Double {
    g.reversed().reduce(0) { $0 * x + $1 }
  }

  /// g′: [g_1, 2g_2, 3g_3, …].
  static func derivative(_ g: [Double]) -> [Double] {
    g.indices.dropFirst().map { Double($0) * g[$0] }
  }

  /// g without trailing zero coefficients.
  static func trimmed(_ g: [Double]) -> [Double] {
    var g = g
    while let last = g.last, last == 0, g.count > 1 { g.removeLast() }
    return g
  }
}
