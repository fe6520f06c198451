/// The first, last, lowest and highest value that a series takes within one dot column
/// (the "M4" aggregation): enough to draw the column exactly as the full data would, so
/// spikes survive any amount of down-sampling.
public struct ColumnBucket: Hashable, Sendable {
  /// The dot column.
  public var column: Int
  /// The value of the first point (in input order) that falls in this column.
  public var first: Double
  /// The value of the last point that falls in this column.
  public var last: Double
  /// The smallest value.
  public var low: Double
  /// The largest value.
  public var high: Double

  /// Creates a bucket.
  public init(column: Int, first: Double, last: Double, low: Double, high: Double) {
    self.column = column
    self.first = first
    self.last = last
    self.low = low
    self.high = high
  }
}

/// Min/max bucketing of a series by dot column.
public enum Bucketing {
  /// Groups points by column in O(points + columns).
  ///
  /// Points whose column is outside `0..<columns` are dropped. The result is ordered by column.
  /// Because only order matters, any monotonic transform (such as log10) can be applied to the four
  /// values afterwards instead of to every point.
  public static func m4(_ points: [(column: Int, value: Double)], columns: Int) -> [ColumnBucket] {
    guard columns > 0 else { return [] }
    var slots = [ColumnBucket?](repeating: nil, count: columns)
    for point in points where point.column >= 0 && point.column < columns {
      if var bucket = slots[point.column] {
        bucket.last = point.value
        bucket.low = min(bucket.low, point.value)
        bucket.high = max(bucket.high, point.value)
        slots[point.column] = bucket
      } else {
        slots[point.column] = ColumnBucket(
          column: point.column, first: point.value, last: point.value, low: point.value,
          high: point.value)
      }
    }
    return slots.compactMap { $0 }
  }

  /// Draws buckets as a polyline: each column's vertical extent from `row(low)` to
  /// `row(high)`, joined to the previous non-empty column from its last value to this
  /// column's first value.
  public static func draw(
    _ buckets: [ColumnBucket], on canvas: inout BrailleCanvas, style: Style, row: (Double) -> Int
  ) {
    var previous: (x: Int, y: Int)?
    for bucket in buckets {
      let first = row(bucket.first)
      if let previous {
        canvas.line(from: previous, to: (bucket.column, first), style: style)
      }
      canvas.line(
        from: (bucket.column, row(bucket.low)), to: (bucket.column, row(bucket.high)), style: style)
      previous = (bucket.column, row(bucket.last))
    }
  }
}
