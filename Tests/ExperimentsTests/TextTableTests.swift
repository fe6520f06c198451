import Experiments
import JSON
import Testing

/// `TextTable`, the one text table of reports, `sessions list` and `bench`: widths from the
/// widest cell, numbers (and a missing one, `-`) right-aligned, text left-aligned, no trailing
/// spaces.
@Suite("TextTable")
struct TextTableTests {
  @Test func columnsFitTheirWidestCellAndNumbersAlignRight() {
    let table = TextTable(
      columns: ["file", "steps", "loss", "note"],
      rows: [
        [.string("a-rather-long-session-name.session"), .number(96), .number(0.146512345), .string("stopped")],
        [.string("b.session"), .number(3), .null, .string("")],
      ])
    #expect(
      table.text.split(separator: "\n", omittingEmptySubsequences: false) == [
        "file                                steps      loss  note",
        "----------------------------------  -----  --------  -------",
        "a-rather-long-session-name.session     96  0.146512  stopped",
        "b.session                               3         -",
      ])
  }

  @Test func numbersTakeSixSignificantDigitsOrAnExponent() {
    #expect(TextTable.number(84) == "84")
    #expect(TextTable.number(0.15123456) == "0.151235")
    #expect(TextTable.number(13200.4912) == "13200.5")
    #expect(TextTable.number(0.00012) == "1.200e-04")
    #expect(TextTable.number(.nan) == "nan" && TextTable.number(-.infinity) == "-inf")
  }
}
