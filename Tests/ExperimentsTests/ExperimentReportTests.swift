import Experiments
import JSON
import Testing

/// The report's JSON (DESIGN §1.12's keys, plus findings, charts and quick) reads back into
/// the same report, and what is not a report is refused.
@Suite("experiment report JSON")
struct ExperimentReportTests {
  static let report: ExperimentReport = {
    var r = ExperimentReport(
      experiment: "stability", claim: "c", holds: false, columns: ["model", "k"], rows: [[.string("ρ = 1"), .number(2)], [.null, .bool(true)]],
      sessions: ["a.session"], findings: ["f"],
      charts: [ExperimentChart(title: "gap", xLabel: "log₂ k", logY: true, series: [.init(name: "ρ = 1", points: [.init(0, 0.5), .init(1, 0.25)])])])
    r.quick = true
    return r
  }()

  @Test func itReadsBackWhatItWrites() throws {
    let text = Self.report.json.serialized()
    let back = try #require(ExperimentReport(json: try JSON.parse(text)))
    #expect(back == Self.report)
    #expect(back.quick && back.charts.first?.series.first?.points.last == .init(1, 0.25))
  }

  @Test func anOlderReportWithoutTheNewKeysReads() throws {
    let old = try JSON.parse(#"{"experiment": "width", "claim": "c", "holds": true, "columns": ["a"], "rows": [[1]]}"#)
    let r = try #require(ExperimentReport(json: old))
    #expect(r.charts.isEmpty && r.sessions.isEmpty && !r.quick)
  }

  @Test(arguments: [
    #"{"claim": "c", "holds": true, "columns": [], "rows": []}"#,
    #"{"experiment": "x", "claim": "c", "holds": "yes", "columns": [], "rows": []}"#,
    #"{"experiment": "x", "claim": "c", "holds": true, "columns": [], "rows": [], "charts": [{"title": "t"}]}"#,
    #"{"experiment": "x", "claim": "c", "holds": true, "columns": [], "rows": [], "charts": [{"title": "t", "x": "k", "logY": false, "series": [{"name": "s", "points": [[1]]}]}]}"#,
  ])
  func whatIsNotAReportIsRefused(text: String) throws {
    #expect(ExperimentReport(json: try JSON.parse(text)) == nil)
  }
}
