import Foundation

/// Number formatting for the screens.
enum Format {
  /// `0.001`, `1e-05`, `64`, `0.1`.
  static func number(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
    if v == v.rounded() && abs(v) < 1e6 { return String(Int(v)) }
    let a = abs(v)
    if a >= 1e-3 && a < 1e5 {
      var s = String(format: "%.4g", v)
      if s.contains("e") { s = "\(v)" }
      return s
    }
    return String(format: "%.3g", v)
  }

  /// `1,234`.
  static func thousands(_ n: Int) -> String {
    let s = String(abs(n))
    var out = ""
    for (i, ch) in s.reversed().enumerated() {
      if i > 0 && i % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return (n < 0 ? "-" : "") + String(out.reversed())
  }
}
