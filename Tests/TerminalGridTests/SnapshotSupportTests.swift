import Testing

@testable import TerminalGrid

@Suite struct SnapshotSupportTests {
  @Test func diffPointsAtTheFirstDifferingColumnAndPrintsALiteral() {
    let report = snapshotDiff(expected: ["abc", "same"], actual: ["abX", "same", "extra\""])
    #expect(report.contains("line 0:"))
    #expect(report.contains("  expected |abc|"))
    #expect(report.contains("  actual   |abX|"))
    #expect(report.contains("  ^ column 2"))
    #expect(!report.contains("line 1:"))
    #expect(report.contains("  expected |<missing>|"))
    #expect(report.contains("  \"extra\\\"\","))
  }

  @Test func aMismatchIsRecordedAsAnIssue() {
    let grid = render(width: 3, height: 1) { $0.write("abc", at: Point(x: 0, y: 0)) }
    withKnownIssue {
      expectLines(grid, ["abd"])
    }
    expectLines(grid, ["abc"])
  }
}
