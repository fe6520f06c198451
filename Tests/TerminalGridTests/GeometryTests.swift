import Testing

@testable import TerminalGrid

@Suite struct GeometryTests {
  let area = Rect(x: 2, y: 1, width: 20, height: 10)

  @Test func horizontalSplitHonoursLengthPercentageAndFill() {
    let parts = area.splitHorizontally([.length(5), .percentage(25), .fill])
    #expect(parts.map(\.width) == [5, 5, 10])
    #expect(parts.map(\.x) == [2, 7, 12])
    #expect(parts.allSatisfy { $0.y == 1 && $0.height == 10 })
  }

  @Test func verticalSplitSharesFillByWeightWithRemainderFirst() {
    let parts = area.splitVertically([.fill(1), .fill(2)])
    #expect(parts.map(\.height) == [4, 6])
    #expect(parts.map(\.y) == [1, 5])
    let thirds = Rect(x: 0, y: 0, width: 1, height: 10).splitVertically([.fill, .fill, .fill])
    #expect(thirds.map(\.height) == [4, 3, 3])
  }

  @Test func splitWithSpacingLeavesGaps() {
    let parts = area.splitHorizontally([.fill, .fill], spacing: 2)
    #expect(parts.map(\.width) == [9, 9])
    #expect(parts[1].x == parts[0].maxX + 2)
  }

  @Test func oversubscribedSplitNeverExceedsTheWhole() {
    let parts = area.splitHorizontally([.length(15), .length(15), .fill])
    #expect(parts.map(\.width) == [15, 5, 0])
    #expect(parts.reduce(0) { $0 + $1.width } == area.width)
  }

  @Test func insetShrinksAndNeverGoesNegative() {
    #expect(area.inset(by: 1) == Rect(x: 3, y: 2, width: 18, height: 8))
    #expect(area.inset(top: 2, left: 3) == Rect(x: 5, y: 3, width: 17, height: 8))
    #expect(area.inset(by: 50).isEmpty)
    #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
  }

  @Test func absurdCoordinatesAreClampedInsteadOfOverflowing() {
    let huge = Rect(x: Int.max, y: Int.min, width: Int.max, height: Int.max)
    #expect(huge.maxX == 2 * Rect.limit)
    #expect(huge.area == Int.max)
    #expect(huge.intersection(area).isEmpty)
    // Insets are clamped to ±limit too; negative insets grow the rectangle, and the result is
    // clamped back to ±limit instead of overflowing.
    #expect(huge == Rect(x: Rect.limit, y: -Rect.limit, width: Rect.limit, height: Rect.limit))
    #expect(
      huge.inset(top: Int.min, left: Int.max, bottom: 0, right: Int.min)
        == Rect(x: Rect.limit, y: -Rect.limit, width: Rect.limit, height: Rect.limit))
    #expect(huge.inset(by: Int.max) == Rect(x: Rect.limit, y: 0, width: 0, height: 0))
    var mutated = area
    mutated.x = Int.max
    mutated.width = Int.max
    #expect(mutated.maxX == 2 * Rect.limit)
    #expect(Rect(x: Int.min, y: 0, width: Int.max, height: 1).intersection(area).width == 0)
  }

  @Test func intersectionOfOverlappingAndDisjointRects() {
    let other = Rect(x: 10, y: 5, width: 30, height: 30)
    #expect(area.intersection(other) == Rect(x: 10, y: 5, width: 12, height: 6))
    #expect(area.intersection(Rect(x: 100, y: 100, width: 5, height: 5)).isEmpty)
    #expect(area.contains(Point(x: 2, y: 1)))
    #expect(!area.contains(Point(x: 22, y: 1)))
  }
}
