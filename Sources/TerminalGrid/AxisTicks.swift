import RealModule

/// Tick positions for chart axes.
public enum AxisTicks {
  /// Round tick values ("nice numbers": 1, 2 or 5 times a power of ten apart) inside
  /// `lower...upper`, at most about `maxCount` of them.
  ///
  /// Returns the values and the step.
  public static func linear(_ lower: Double, _ upper: Double, maxCount: Int) -> (
    values: [Double], step: Double
  ) {
    guard lower.isFinite, upper.isFinite, upper > lower, maxCount >= 1 else { return ([], 1) }
    let raw = (upper - lower) / Double(maxCount)
    guard raw.isNormal else { return ([], 1) }
    let magnitude = CompactNumber.power10(Int(Double.log10(raw).rounded(.down)))
    let normalized = raw / magnitude
    let factor: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
    let step = factor * magnitude
    let first = (lower / step).rounded(.up)
    let last = (upper / step + 1e-9).rounded(.down)
    guard last >= first, last - first < 1000 else { return ([], step) }
    var values: [Double] = []
    var k = first
    while k <= last {
      values.append(k * step)
      k += 1
    }
    return (values, step)
  }

  /// Decade exponents inside `lowerExponent...upperExponent` (log10 space), thinned to
  /// every m-th decade so that at most `maxCount` remain.
  public static func decades(_ lowerExponent: Double, _ upperExponent: Double, maxCount: Int)
    -> [Int]
  {
    guard abs(lowerExponent) < 1e6, abs(upperExponent) < 1e6, upperExponent >= lowerExponent
    else {
      return []
    }
    let first = Int((lowerExponent - 1e-9).rounded(.up))
    let last = Int((upperExponent + 1e-9).rounded(.down))
    guard last >= first else { return [] }
    let count = last - first + 1
    let stride = max(1, (count + max(1, maxCount) - 1) / max(1, maxCount))
    return Swift.stride(from: first, through: last, by: stride).map { $0 }
  }
}
