/// A bounded series of `(step, value)` points: when full, it keeps every other point and
/// from then on records every second step (then every fourth, …), so a long run keeps its
/// whole shape in constant memory.
public struct MetricsHistory: Sendable {
  /// The points, in step order.
  public private(set) var points: [(x: Double, y: Double)] = []
  /// The most points kept.
  public let capacity: Int
  /// Record one step in every `stride`.
  public private(set) var stride = 1
  private var seen = 0

  /// An empty history.
  public init(capacity: Int = 4096) { self.capacity = max(16, capacity) }

  /// Records a point (subject to the stride).
  public mutating func append(step: Int, value: Double) {
    defer { seen += 1 }
    guard seen % stride == 0 else { return }
    points.append((Double(step), value))
    if points.count >= capacity {
      points = points.enumerated().compactMap { $0.offset % 2 == 0 ? $0.element : nil }
      stride *= 2
    }
  }

  /// The latest value.
  public var last: Double? { points.last?.y }

  /// The points with step ≤ `step`.
  public func upTo(step: Int) -> [(x: Double, y: Double)] {
    points.filter { $0.x <= Double(step) }
  }
}
