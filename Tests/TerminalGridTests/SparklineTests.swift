import Testing

@testable import TerminalGrid

@Suite struct SparklineTests {
  static let values: [Double] = [0, 1, 2, 3, 4, 5, 6, 7, .nan, 3.5]

  @Test func barsWithRangeLabelsAndAGapForNaN() {
    let grid = render(Sparkline(values: Self.values, showRange: true), width: 20, height: 1)
    expectLines(grid, ["0 ▁▂▃▄▅▆▇█·▅ 7······"])
  }

  @Test func asciiBars() {
    let grid = render(Sparkline(values: Self.values, mode: .ascii), width: 12, height: 1)
    expectLines(grid, [".:-=*#%@·+··"])
  }

  @Test func showsTheMostRecentValuesThatFit() {
    let grid = render(Sparkline(values: [9, 9, 9, 0, 1]), width: 2, height: 1)
    expectLines(grid, ["▁█"])
  }

  @Test func flatSeriesSitsOnTheMiddleLevelAndLabelsDropWhenNarrow() {
    expectLines(
      render(Sparkline(values: [2, 2, 2], showRange: true), width: 6, height: 1), ["▄▄▄···"])
    #expect(Sparkline.levels([1, 3, .infinity], count: 8, range: nil) == [0, 7, nil])
    #expect(Sparkline.levels([5], count: 8, range: 0...10) == [4])
  }
}
