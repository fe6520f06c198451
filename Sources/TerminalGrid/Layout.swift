/// How much of a split one part takes.
public enum LayoutConstraint: Hashable, Sendable {
  /// Exactly this many cells (fewer if the space runs out).
  case length(Int)
  /// This percentage (0–100) of the whole length, rounded down.
  case percentage(Int)
  /// A share of what the fixed and percentage parts leave, by weight (≥ 1).
  case fill(Int)

  /// A fill part of weight 1.
  public static let fill = LayoutConstraint.fill(1)
}

extension Rect {
  /// Splits the rectangle into side-by-side columns, left to right
  /// (ratatui's `Direction::Horizontal`).
  ///
  /// Fixed lengths and percentages are honoured first, in order, until the width runs
  /// out; the rest is shared between `.fill` parts by weight, earlier parts getting the
  /// remainder cells. `spacing` empty columns separate neighbours. The result has one
  /// rectangle per constraint, each of full height, possibly of zero width.
  public func splitHorizontally(_ constraints: [LayoutConstraint], spacing: Int = 0) -> [Rect] {
    let lengths = Rect.distribute(width, constraints, spacing: spacing)
    var result: [Rect] = []
    result.reserveCapacity(lengths.count)
    var cursor = x
    for length in lengths {
      result.append(Rect(x: cursor, y: y, width: length, height: height))
      cursor += length + max(0, spacing)
    }
    return result
  }

  /// Splits the rectangle into stacked rows, top to bottom
  /// (ratatui's `Direction::Vertical`); the rules are those of ``splitHorizontally(_:spacing:)``.
  public func splitVertically(_ constraints: [LayoutConstraint], spacing: Int = 0) -> [Rect] {
    let lengths = Rect.distribute(height, constraints, spacing: spacing)
    var result: [Rect] = []
    result.reserveCapacity(lengths.count)
    var cursor = y
    for length in lengths {
      result.append(Rect(x: x, y: cursor, width: width, height: length))
      cursor += length + max(0, spacing)
    }
    return result
  }

  /// Lengths for each constraint so that they (plus spacing) never exceed `total`.
  static func distribute(_ total: Int, _ constraints: [LayoutConstraint], spacing: Int) -> [Int] {
    guard !constraints.isEmpty else { return [] }
    let gaps = max(0, spacing) * (constraints.count - 1)
    var remaining = max(0, total - gaps)
    let available = remaining
    var lengths = [Int](repeating: 0, count: constraints.count)
    var fillWeight = 0
    for (i, constraint) in constraints.enumerated() {
      switch constraint {
      case .length(let n):
        lengths[i] = min(max(0, n), remaining)
      case .percentage(let p):
        lengths[i] = min(available * min(max(0, p), 100) / 100, remaining)
      case .fill(let weight):
        fillWeight += max(1, weight)
        continue
      }
      remaining -= lengths[i]
    }
    guard fillWeight > 0 else { return lengths }
    let pool = remaining
    var given = 0
    for (i, constraint) in constraints.enumerated() {
      if case .fill(let weight) = constraint {
        lengths[i] = pool * max(1, weight) / fillWeight
        given += lengths[i]
      }
    }
    var leftover = pool - given
    for (i, constraint) in constraints.enumerated() where leftover > 0 {
      if case .fill = constraint {
        lengths[i] += 1
        leftover -= 1
      }
    }
    return lengths
  }
}
