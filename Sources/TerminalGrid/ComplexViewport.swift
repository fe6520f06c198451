import ComplexModule
import RealModule

/// The part of the complex plane shown by a plot of `columns × rows` cells, with equal
/// scales on both axes.
///
/// A terminal cell is about `cellAspect` (≈ 2) times taller than wide. A braille cell
/// holds 2×4 dots, so a dot is ½ cell wide and ¼ cell tall: with an aspect of 2 both
/// are ½ cell-width, i.e. square. The plot is drawn 1:1 when one column spans `u` in Re
/// and one row spans `cellAspect · u` in Im (equivalently: Re per dot column equals Im
/// per dot row). ``fitting(re:im:columns:rows:cellAspect:)`` picks the smallest such `u`
/// for which the requested window fits, and centres the window: the other axis gets
/// extra room on both sides.
public struct ComplexViewport: Hashable, Sendable {
  /// The real range covered by the plot's columns (left edge to right edge).
  public var re: ClosedRange<Double>
  /// The imaginary range covered by the plot's rows (bottom edge to top edge).
  public var im: ClosedRange<Double>
  /// Columns of the plot.
  public var columns: Int
  /// Rows of the plot.
  public var rows: Int

  /// Creates a viewport as given (no aspect correction).
  public init(re: ClosedRange<Double>, im: ClosedRange<Double>, columns: Int, rows: Int) {
    self.re = re
    self.im = im
    self.columns = max(1, columns)
    self.rows = max(1, rows)
  }

  /// The equal-scale viewport that contains the window `re × im`, centred on it.
  ///
  /// Degenerate or non-finite windows fall back to a width of 2 around their centre (or around 0).
  public static func fitting(
    re: ClosedRange<Double>, im: ClosedRange<Double>, columns: Int, rows: Int,
    cellAspect: Double = 2
  ) -> ComplexViewport {
    let columns = max(1, columns)
    let rows = max(1, rows)
    let aspect = cellAspect.isFinite && cellAspect > 0 ? cellAspect : 2
    func sanitized(_ range: ClosedRange<Double>) -> (center: Double, span: Double) {
      let center = (range.lowerBound + range.upperBound) / 2
      let span = range.upperBound - range.lowerBound
      guard center.isFinite else { return (0, 2) }
      return (center, span.isFinite && span > 0 ? span : 2)
    }
    let (reCenter, reSpan) = sanitized(re)
    let (imCenter, imSpan) = sanitized(im)
    let unitsPerColumn = max(reSpan / Double(columns), imSpan / (Double(rows) * aspect))
    let width = unitsPerColumn * Double(columns)
    let height = unitsPerColumn * aspect * Double(rows)
    return ComplexViewport(
      re: (reCenter - width / 2)...(reCenter + width / 2),
      im: (imCenter - height / 2)...(imCenter + height / 2), columns: columns, rows: rows)
  }

  /// Re units per column.
  public var reUnitsPerColumn: Double { (re.upperBound - re.lowerBound) / Double(columns) }
  /// Im units per row.
  public var imUnitsPerRow: Double { (im.upperBound - im.lowerBound) / Double(rows) }

  /// The (possibly out-of-range) cell containing `z`: column from the left, row from the top; `nil`
  /// for non-finite `z`.
  ///
  /// Values far outside are clamped to a few plot sizes away so the result fits an `Int`.
  public func cell(of z: Complex<Double>) -> Point? {
    guard let (x, y) = fractional(z) else { return nil }
    return Point(
      x: ComplexViewport.floorClamped(x * Double(columns)),
      y: ComplexViewport.floorClamped(y * Double(rows)))
  }

  /// The (possibly out-of-range) dot containing `z` for `perColumn × perRow` dots per cell.
  func dot(of z: Complex<Double>, perColumn: Int, perRow: Int) -> (x: Int, y: Int)? {
    guard let (x, y) = fractional(z) else { return nil }
    return (
      ComplexViewport.floorClamped(x * Double(columns * perColumn)),
      ComplexViewport.floorClamped(y * Double(rows * perRow))
    )
  }

  /// The point at the centre of a dot.
  func center(ofDot x: Int, _ y: Int, dotWidth: Int, dotHeight: Int) -> Complex<Double> {
    let real =
      re.lowerBound + (Double(x) + 0.5) / Double(dotWidth) * (re.upperBound - re.lowerBound)
    let imaginary =
      im.upperBound - (Double(y) + 0.5) / Double(dotHeight) * (im.upperBound - im.lowerBound)
    return Complex(real, imaginary)
  }

  /// `z` as fractions of the width (from the left) and height (from the top).
  private func fractional(_ z: Complex<Double>) -> (Double, Double)? {
    guard z.real.isFinite, z.imaginary.isFinite else { return nil }
    let x = (z.real - re.lowerBound) / (re.upperBound - re.lowerBound)
    let y = (im.upperBound - z.imaginary) / (im.upperBound - im.lowerBound)
    guard x.isFinite, y.isFinite else { return nil }
    return (x, y)
  }

  private static func floorClamped(_ value: Double) -> Int {
    Int(min(max(value, -1e9), 1e9).rounded(.down))
  }
}
