import RealModule

/// Short number labels for axes and legends: `0.05`, `2.35`, `123`, `1.2k`, `45M`,
/// `3.4e-3`, `1e-4`, `nan`, `inf`.
///
/// Rules: magnitudes in [0.01, 1000) keep three significant digits (trailing zeros
/// dropped); smaller non-zero magnitudes use `m e E` with one decimal in the mantissa;
/// magnitudes in [1000, 1e15) use the suffixes k, M, G, T with one decimal below 10
/// (`1.2k`) and none above (`12k`, `123k`); larger ones go scientific again (`1.2e15`).
public enum CompactNumber {
  /// Formats a number by the rules above.
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == 0 { return "0" }
    let sign = value < 0 ? "-" : ""
    let magnitude = abs(value)
    if magnitude < 0.01 {
      return sign + scientific(magnitude, decimals: 1)
    }
    if magnitude < 1000 {
      let exponent = Int(Double.log10(magnitude).rounded(.down))
      let decimals = max(0, 2 - exponent)
      let text = fixed(magnitude, decimals: decimals)
      if text != "1000" { return sign + text }
    }
    let suffixes = ["k", "M", "G", "T"]
    var scaled = magnitude / 1000
    for suffix in suffixes {
      if scaled < 9.95 {
        return sign + fixed(scaled, decimals: 1) + suffix
      }
      if scaled < 999.5 {
        return sign + fixed(scaled, decimals: 0) + suffix
      }
      scaled /= 1000
    }
    return sign + scientific(magnitude, decimals: 1)
  }

  /// `magnitude` (> 0) as `mantissa e exponent`, the mantissa in [1, 10) with at most
  /// `decimals` decimals, trailing zeros dropped (`3.4e-3`, `1e-4`).
  public static func scientific(_ magnitude: Double, decimals: Int) -> String {
    guard magnitude > 0, magnitude.isFinite else { return format(magnitude) }
    var exponent = Int(Double.log10(magnitude).rounded(.down))
    var mantissa = magnitude / power10(exponent)
    let unit = power10(decimals)
    mantissa = (mantissa * unit).rounded() / unit
    if mantissa >= 10 {
      mantissa /= 10
      exponent += 1
    } else if mantissa < 1 {
      mantissa *= 10
      exponent -= 1
    }
    return fixed(mantissa, decimals: decimals) + "e" + String(exponent)
  }

  /// `magnitude` (≥ 0, below about 9e15) rounded to `decimals` decimals, trailing zeros and a
  /// trailing point dropped.
  ///
  /// Pure integer arithmetic, no Foundation.
  public static func fixed(_ magnitude: Double, decimals: Int) -> String {
    let d = min(max(decimals, 0), 15)
    let unit = power10(d)
    let scaledValue = (magnitude * unit).rounded()
    guard scaledValue.isFinite, scaledValue < 9.0e18 else { return "inf" }
    let scaled = Int64(scaledValue)
    let divisor = Int64(unit)
    let whole = scaled / divisor
    var fraction = scaled % divisor
    var text = String(whole)
    guard d > 0, fraction != 0 else { return text }
    var digits = d
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let fractionText = String(fraction)
    text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    return text
  }

  /// 10 to an integer power.
  public static func power10(_ exponent: Int) -> Double {
    Double.pow(10, exponent)
  }

  /// Labels for a set of axis ticks `step` apart: the compact format when that keeps
  /// every label distinct; otherwise enough fixed decimals for the step, or a scientific
  /// mantissa with enough digits.
  public static func tickLabels(_ ticks: [Double], step: Double) -> [String] {
    let compact = ticks.map { abs($0) < abs(step) * 1e-9 ? "0" : format($0) }
    if Set(compact).count == compact.count || !step.isNormal { return compact }
    let stepExponent = Int(Double.log10(abs(step)).rounded(.down))
    let largest = ticks.map { abs($0) }.max() ?? 0
    if largest < 1e9 && stepExponent > -8 {
      let decimals = max(0, -stepExponent + 1)
      let plain = ticks.map { ($0 < 0 ? "-" : "") + fixed(abs($0), decimals: decimals) }
      if Set(plain).count == plain.count { return plain }
    }
    let largestExponent = largest > 0 ? Int(Double.log10(largest).rounded(.down)) : 0
    let digits = min(12, max(1, largestExponent - stepExponent + 1))
    return ticks.map { value in
      if abs(value) < abs(step) * 1e-9 { return "0" }
      return (value < 0 ? "-" : "") + scientific(abs(value), decimals: digits)
    }
  }
}
