import ComplexModule
import RealModule

/// A rectangle of the complex plane to sample or draw: real parts `re`, imaginary parts `im`.
public struct PlotViewport: Sendable, Equatable {
  /// The real extent (left to right).
  public var re: ClosedRange<Double>
  /// The imaginary extent (bottom to top).
  public var im: ClosedRange<Double>

  /// Creates a viewport.
  public init(re: ClosedRange<Double>, im: ClosedRange<Double>) {
    self.re = re
    self.im = im
  }

  /// [−6, 2] × [−4, 4]: the view used when the stable region is unbounded.
  public static let standard = PlotViewport(re: -6...2, im: -4...4)

  /// The real part of column `column` of `columns`: re.lowerBound at 0, re.upperBound at
  /// columns − 1 (the midpoint when there is a single column).
  public func real(column: Int, of columns: Int) -> Double {
    PlotViewport.position(column, columns, re)
  }

  /// The imaginary part of row `row` of `rows`: im.upperBound at row 0 (the top),
  /// im.lowerBound at rows − 1.
  public func imaginary(row: Int, of rows: Int) -> Double {
    PlotViewport.position(rows - 1 - row, rows, im)
  }

  /// lower + (upper − lower)·index/(count − 1), or the midpoint when count ≤ 1.
  static func position(_ index: Int, _ count: Int, _ range: ClosedRange<Double>) -> Double {
    let width = range.upperBound - range.lowerBound
    guard count > 1 else { return range.lowerBound + width / 2 }
    return range.lowerBound + width * Double(index) / Double(count - 1)
  }
}

extension StabilityFunction {
  /// |R(z)| on a `rows` × `columns` grid over `re` × `im`: result[row][column] is |R| at
  /// z = `real(column)` + i·`imaginary(row)`, with row 0 the top (maximum imaginary part)
  /// and column 0 the left (minimum real part). Empty when either count is below 1.
  public func sampleModulus(
    re: ClosedRange<Double>, im: ClosedRange<Double>, columns: Int, rows: Int
  ) -> [[Double]] {
    guard columns > 0, rows > 0 else { return [] }
    let view = PlotViewport(re: re, im: im)
    return (0..<rows).map { row in
      let y = view.imaginary(row: row, of: rows)
      return (0..<columns).map { column in
        modulus(Complex(view.real(column: column, of: columns), y))
      }
    }
  }

  /// A viewport around the interesting part of the region, from freshly computed facts.
  public func defaultViewport() -> PlotViewport {
    defaultViewport(facts: facts)
  }

  /// A viewport from known facts. When both axes are bounded, the stable set is sampled on
  /// [−L, L] × [0, L] with L = 2·max(2, −r, y) (241 × 121 points; the region is symmetric
  /// about the real axis), and its bounding box, padded by a tenth of its size, is rounded
  /// outward to integers, keeping the origin at least 1 inside on the right and above.
  /// When an axis is unbounded, or the stable set reaches the sampled box's edge, the
  /// result is `PlotViewport.standard`.
  public func defaultViewport(facts: StabilityFacts) -> PlotViewport {
    guard let r = facts.realInterval, let y = facts.imagRadius else { return .standard }
    let reach = 2 * max(2, -r, y)
    let box = PlotViewport(re: -reach...reach, im: 0...reach)
    let (columns, rows) = (241, 121)
    var minRe = 0.0
    var maxRe = 0.0
    var maxIm = 0.0
    for row in 0..<rows {
      let imaginary = box.imaginary(row: row, of: rows)
      for column in 0..<columns {
        let real = box.real(column: column, of: columns)
        guard isStable(Complex(real, imaginary)) else { continue }
        if row == 0 || column == 0 || column == columns - 1 { return .standard }
        minRe = min(minRe, real)
        maxRe = max(maxRe, real)
        maxIm = max(maxIm, imaginary)
      }
    }
    let pad = 0.1 * max(maxRe - minRe, 2 * maxIm, 1)
    let top = max(1, (maxIm + pad).rounded(.up))
    return PlotViewport(
      re: (minRe - pad).rounded(.down)...max(1, (maxRe + pad).rounded(.up)), im: -top...top)
  }
}

extension ButcherTableau {
  /// |R(z)| of the tableau's own R on a grid (see `StabilityFunction.sampleModulus`).
  public func sampleModulus(
    re: ClosedRange<Double>, im: ClosedRange<Double>, columns: Int, rows: Int
  ) -> [[Double]] {
    stabilityFunction.sampleModulus(re: re, im: im, columns: columns, rows: rows)
  }

  /// The default viewport of the tableau's own region, from its stored facts.
  public func defaultViewport() -> PlotViewport {
    stabilityFunction.defaultViewport(facts: stabilityFacts)
  }
}
