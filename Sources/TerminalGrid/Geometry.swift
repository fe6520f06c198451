/// A cell position: column `x` from the left, row `y` from the top, both from 0.
public struct Point: Hashable, Sendable {
  /// The column.
  public var x: Int
  /// The row.
  public var y: Int

  /// Creates a point.
  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }
}

/// A size in cells.
public struct Size: Hashable, Sendable {
  /// Columns.
  public var width: Int
  /// Rows.
  public var height: Int

  /// Creates a size; negative values become 0.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }
}

/// An axis-aligned rectangle of cells: columns `x ..< x + width`, rows `y ..< y + height`.
///
/// Width and height are never negative; an empty rectangle has zero area. Coordinates are
/// kept within ±2⁴⁰ (``Rect/limit``) so that no arithmetic on them can overflow: absurd
/// positions clip instead of trapping.
public struct Rect: Hashable, Sendable {
  /// The largest coordinate or size a rectangle keeps; larger values are clamped.
  public static let limit = 1 << 40

  /// `value` clamped to ±``limit``.
  static func clamped(_ value: Int) -> Int {
    min(max(value, -limit), limit)
  }

  /// The left column.
  public var x: Int
  /// The top row.
  public var y: Int
  /// Columns covered.
  public var width: Int
  /// Rows covered.
  public var height: Int

  /// Creates a rectangle; negative sizes become 0.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = Rect.clamped(x)
    self.y = Rect.clamped(y)
    self.width = min(max(0, width), Rect.limit)
    self.height = min(max(0, height), Rect.limit)
  }

  /// Creates a rectangle at an origin with a size.
  public init(origin: Point, size: Size) {
    self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
  }

  /// The top-left corner.
  public var origin: Point { Point(x: x, y: y) }
  /// The size.
  public var size: Size { Size(width: width, height: height) }
  /// One past the right-most column.
  public var maxX: Int { Rect.clamped(x) + min(max(0, width), Rect.limit) }
  /// One past the bottom row.
  public var maxY: Int { Rect.clamped(y) + min(max(0, height), Rect.limit) }
  /// Whether the rectangle covers no cell.
  public var isEmpty: Bool { width == 0 || height == 0 }
  /// Number of cells covered (saturating at `Int.max`).
  public var area: Int {
    let (product, overflow) = width.multipliedReportingOverflow(by: height)
    return overflow ? Int.max : max(0, product)
  }

  /// Whether a cell lies inside.
  public func contains(_ point: Point) -> Bool {
    point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
  }

  /// The overlap of two rectangles (empty, at this rectangle's origin, when disjoint).
  public func intersection(_ other: Rect) -> Rect {
    let left = max(Rect.clamped(x), Rect.clamped(other.x))
    let top = max(Rect.clamped(y), Rect.clamped(other.y))
    let right = min(maxX, other.maxX)
    let bottom = min(maxY, other.maxY)
    if right <= left || bottom <= top {
      return Rect(x: left, y: top, width: 0, height: 0)
    }
    return Rect(x: left, y: top, width: right - left, height: bottom - top)
  }

  /// This rectangle shrunk by `amount` on every side (never below zero size).
  public func inset(by amount: Int) -> Rect {
    inset(top: amount, left: amount, bottom: amount, right: amount)
  }

  /// This rectangle shrunk by the given amounts (never below zero size).
  public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
    let (top, left, bottom, right) = (
      Rect.clamped(top), Rect.clamped(left), Rect.clamped(bottom), Rect.clamped(right)
    )
    let (x, y, width, height) = (
      Rect.clamped(x), Rect.clamped(y), maxX - Rect.clamped(x), maxY - Rect.clamped(y)
    )
    let newWidth = max(0, width - left - right)
    let newHeight = max(0, height - top - bottom)
    return Rect(
      x: x + min(left, width), y: y + min(top, height), width: newWidth, height: newHeight)
  }

  /// The row `index` rows below the top (empty when outside).
  public func row(_ index: Int) -> Rect {
    guard index >= 0, index < height else { return Rect(x: x, y: y, width: 0, height: 0) }
    return Rect(x: x, y: y + index, width: width, height: 1)
  }
}
