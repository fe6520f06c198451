/// Text presentation of a tableau for `odernn tableau show` and `tableau list`: pure
/// functions returning `String`, no trailing newline.
extension ButcherTableau {
  /// The Butcher diagram with aligned, left-justified columns; explicit tableaux leave the
  /// diagonal and everything above it blank:
  /// ```
  ///  c   │ A
  /// ─────┼──────────────────────
  ///  0   │
  ///  1/2 │ 1/2
  ///  1/2 │ 0    1/2
  ///  1   │ 0    0    1
  /// ─────┼──────────────────────
  ///      │ 1/6  1/3  1/3  1/6
  /// ```
  ///
  /// With `significantDigits`, decimal entries with more digits than that are rounded to
  /// them (`0.21132486540518713` → `0.2113` for 4), so that an irrational tableau fits a
  /// narrow pane; fractions and short decimals stay as written.
  public func diagramText(significantDigits: Int? = nil) -> String {
    let s = stages
    func shorten(_ text: String) -> String {
      guard let digits = significantDigits, text.contains("."), text.count > digits + 2, let x = Double(text) else { return text }
      return NumberText.rounded(x, significantDigits: digits)
    }
    let shown: [[String]] = (0..<s).map { i in
      (0..<s).map { j in isExplicit && j >= i ? "" : shorten(entryText.a[i][j]) }
    }
    let bText = entryText.b.map(shorten)
    let cText = entryText.c.map(shorten)
    let widths = (0..<s).map { j in
      max(shown.map { $0[j].count }.max() ?? 0, bText[j].count)
    }
    let cWidth = max(1, cText.map(\.count).max() ?? 0)
    let bodyWidth = max(1, widths.reduce(0, +) + 2 * (s - 1))
    func body(_ cells: [String]) -> String {
      let joined = zip(cells, widths).map { NumberText.padRight($0, $1) }.joined(separator: "  ")
      return joined.trimmingWhitespace()
    }
    func line(_ left: String, _ right: String) -> String {
      " " + NumberText.padRight(left, cWidth) + " │" + (right.isEmpty ? "" : " " + right)
    }
    let rule =
      String(repeating: "─", count: cWidth + 2) + "┼"
      + String(repeating: "─", count: bodyWidth + 2)
    var lines = [line("c", "A"), rule]
    for i in 0..<s { lines.append(line(cText[i], body(shown[i]))) }
    lines.append(rule)
    lines.append(line("", body(bText)))
    return lines.joined(separator: "\n")
  }

  /// The analysis block: name and caption, stages and kind, computed order, the tolerance
  /// when it is not the default, R(z) (the polynomial when explicit), real interval,
  /// imaginary radius, A-stability and warnings.
  /// Numbers are rounded to 10 significant digits.
  public func summaryText() -> String {
    func row(_ key: String, _ value: String) -> String {
      "  " + NumberText.padRight(key, 16) + value
    }
    var lines = [caption.isEmpty ? name : "\(name): \(caption)"]
    lines.append(row("stages", "\(stages) (\(isExplicit ? "explicit" : "implicit"))"))
    lines.append(row("order", "\(order) (computed from the order conditions, up to 6)"))
    if tolerance != ButcherTableau.defaultTolerance {
      let text = NumberText.shortest(tolerance)
      lines.append(row("tolerance", "\(text) (published to fewer digits)"))
    }
    lines.append(row("R(z)", stabilityFunction.formula))
    let real = realInterval.map { "[\(NumberText.rounded($0, significantDigits: 10)), 0]" }
    lines.append(row("real interval", real ?? "unbounded (stable on [-1000, 0])"))
    let imag = imagRadius.map { $0 == 0 ? "0 (only the origin)" : ButcherTableau.short($0, 10) }
    lines.append(row("imag radius", imag ?? "unbounded (stable on i[-1000, 1000])"))
    lines.append(row("A-stable", isAStable ? "yes (both axes stable out to 1000)" : "no"))
    for warning in warnings { lines.append(row("warning", warning)) }
    return lines.joined(separator: "\n")
  }

  /// The header matching `listRow()`.
  public static var listHeader: String {
    listLine("name", "stages", "kind", "order", "real interval", "imag radius")
  }

  /// One line of `tableau list`: name, stages, explicit/implicit, order, real interval and
  /// imaginary radius (6 significant digits, "unbounded" when beyond 1000).
  public func listRow() -> String {
    let real = realInterval.map { "[\(ButcherTableau.short($0, 6)), 0]" } ?? "unbounded"
    let imag = imagRadius.map { ButcherTableau.short($0, 6) } ?? "unbounded"
    return ButcherTableau.listLine(
      name, "\(stages)", isExplicit ? "explicit" : "implicit", "\(order)", real, imag)
  }

  /// Fixed-width columns: name 18, stages 6 (right), kind 10, order 5 (right), real 18.
  static func listLine(
    _ name: String, _ stages: String, _ kind: String, _ order: String, _ real: String,
    _ imag: String
  ) -> String {
    NumberText.padRight(name, 17) + " " + NumberText.padLeft(stages, 6) + "  "
      + NumberText.padRight(kind, 8) + " " + NumberText.padLeft(order, 5) + "  "
      + NumberText.padRight(real, 17) + " " + imag
  }

  /// `x` to `digits` significant digits.
  static func short(_ x: Double, _ digits: Int) -> String {
    NumberText.rounded(x, significantDigits: digits)
  }
}

extension StabilityFunction {
  /// R as readable text: a polynomial such as "1 + z + z^2/2 + z^3/6 + z^4/24" (coefficients
  /// shown as fractions with denominators ≤ 10⁶ when within 1e-13, else to 10 significant
  /// digits), or "1 + z b^T (I - zA)^-1 1 (rational)" for the rational form.
  public var formula: String {
    guard let coefficients = polynomialCoefficients else {
      return "1 + z b^T (I - zA)^-1 1 (rational)"
    }
    var text = ""
    for (k, coefficient) in coefficients.enumerated() where coefficient != 0 {
      let term = StabilityFunction.term(coefficient.magnitude, power: k)
      if text.isEmpty {
        text = (coefficient < 0 ? "-" : "") + term
      } else {
        text += (coefficient < 0 ? " - " : " + ") + term
      }
    }
    return text.isEmpty ? "0" : text
  }

  /// One term |c|·z^k: "1", "z", "z^2/2", "3z^2/8", "2z", or "0.1234567891·z^3".
  static func term(_ magnitude: Double, power k: Int) -> String {
    let zPower = k == 1 ? "z" : "z^\(k)"
    guard let fraction = Rational.approximating(magnitude) else {
      let digits = NumberText.rounded(magnitude, significantDigits: 10)
      return k == 0 ? digits : digits + "·" + zPower
    }
    if k == 0 { return fraction.description }
    let top = fraction.numerator == 1 ? zPower : "\(fraction.numerator)" + zPower
    return fraction.denominator == 1 ? top : top + "/\(fraction.denominator)"
  }
}
