import Testing

@testable import TerminalGrid

@Suite struct NumbersTests {
  @Test(arguments: [
    (0.0, "0"), (0.05, "0.05"), (0.0034, "3.4e-3"), (0.0001, "1e-4"), (1234, "1.2k"),
    (12_345, "12k"), (999.7, "1k"), (2.5, "2.5"), (123.4, "123"), (0.1234, "0.123"),
    (-1500, "-1.5k"), (3.2e6, "3.2M"), (4.5e10, "45G"), (2e15, "2e15"), (.nan, "nan"),
    (.infinity, "inf"), (-.infinity, "-inf"), (1, "1"), (10, "10"), (0.01, "0.01"),
  ])
  func compactFormat(value: Double, expected: String) {
    #expect(CompactNumber.format(value) == expected)
  }

  @Test func niceLinearTicks() {
    let ticks = AxisTicks.linear(0.23, 2.31, maxCount: 3)
    #expect(ticks.step == 1)
    #expect(ticks.values == [1, 2])
    let fine = AxisTicks.linear(-1, 1, maxCount: 4)
    #expect(fine.step == 0.5)
    #expect(fine.values == [-1, -0.5, 0, 0.5, 1])
    #expect(AxisTicks.linear(1, 1, maxCount: 3).values.isEmpty)
  }

  @Test func tickLabelsStayDistinctForNarrowRanges() {
    let ticks = AxisTicks.linear(1000, 1000.5, maxCount: 3)
    let labels = CompactNumber.tickLabels(ticks.values, step: ticks.step)
    #expect(Set(labels).count == labels.count)
    #expect(labels.first == "1000")
    #expect(
      CompactNumber.tickLabels([0, 500, 1000, 1500], step: 500) == ["0", "500", "1k", "1.5k"])
  }

  @Test func decadesAreThinnedToTheMaximumCount() {
    #expect(AxisTicks.decades(-3, 1, maxCount: 5) == [-3, -2, -1, 0, 1])
    #expect(AxisTicks.decades(-3, 1, maxCount: 3) == [-3, -1, 1])
    #expect(AxisTicks.decades(-2.5, -2.1, maxCount: 3).isEmpty)
  }
}
