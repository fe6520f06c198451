import Foundation
import JSON
import Testing

/// `odernn experiment` through the binary: the JSON of DESIGN §1.12, exit 0 exactly when the
/// claim holds, sessions that verify; each claim checked again from the rows it printed.
/// Training experiments get a 30-minute hang guard: a debug build on a loaded 2-core machine
/// takes minutes for a quick grid (nothing here is timed).
@Suite("CLI: experiments")
struct ExperimentCLITests {
  func json(_ text: String) throws -> JSON { try JSON.parse(Array(text.utf8)) }

  @Test func listNamesEveryExperimentAndAnUnknownOneIsBadInput() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let list = try CLI.run(["experiment", "list", "--json"], in: dir.url)
    #expect(list.status == 0)
    let names = try json(list.stdout).arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    #expect(Set(names).isSuperset(of: ["rotation", "stability", "width", "antisymmetric", "nt-grid", "hamiltonian"]), "\(names)")
    let bad = try CLI.run(["experiment", "nope"], in: dir.url)
    #expect(bad.status == 2 && bad.stderr.hasPrefix("odernn: no experiment \"nope\""), "\(bad)")
  }

  /// The stability claim recomputed from the printed rows: for each constrained model a
  /// least-squares rate of log gap against k below 1, every gap under its bound, and the
  /// truncated loss within 1% of the full one for every k ≥ 32.
  @Test func stabilityQuickHoldsAndItsSessionsVerify() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let r = try CLI.finish(CLI.start(["experiment", "stability", "--quick", "--json", "--out", "exp"], in: dir.url), timeout: 1800)
    let report = try json(r.stdout)
    #expect(r.status == (report["holds"] == true ? 0 : 1), "\(r)")
    #expect(report["experiment"] == "stability" && report["holds"] == true, "\(report["findings"] ?? nil)")
    let rows = try #require(report["rows"]?.arrayValue)
    for model in ["ρ = 0.9", "ρ = 1"] {
      let mine = rows.filter { $0[0]?.stringValue == model }
      #expect(mine.count == 8, "k = 1 … 128")
      let points = mine.compactMap { row -> (Double, Double)? in
        guard let k = row[2]?.doubleValue, let gap = row[3]?.doubleValue, gap > 1e-13 else { return nil }
        return (k, log(gap))
      }
      let mk = points.map(\.0).reduce(0, +) / Double(points.count), mg = points.map(\.1).reduce(0, +) / Double(points.count)
      let slope = points.map { ($0.0 - mk) * ($0.1 - mg) }.reduce(0, +) / points.map { ($0.0 - mk) * ($0.0 - mk) }.reduce(0, +)
      #expect(exp(slope) < 1, "\(model): rate \(exp(slope))")
      for row in mine {
        if let bound = row[4]?.doubleValue { #expect(row[3]!.doubleValue! <= bound, "\(model) \(row)") }
        if row[2]!.doubleValue! >= 32 {
          #expect(abs(row[5]!.doubleValue! - row[6]!.doubleValue!) <= 0.01 * row[6]!.doubleValue!, "\(model) \(row)")
        }
      }
    }
    let sessions = (report["sessions"]?.arrayValue ?? []).compactMap(\.stringValue)
    #expect(sessions.count == 3)
    for s in sessions {
      let v = try CLI.run(["replay", s, "--verify", "--headless"], in: dir.url)
      #expect(v.status == 0, "\(s): \(v.stderr)")
    }
    // The folder keeps the report (the workbench reads it back), with the gap's chart: one
    // series per model and the bound of the constrained ones, on a log axis.
    let saved = try json(try String(contentsOfFile: dir.path("exp/report.json"), encoding: .utf8))
    #expect(saved == report)
    #expect(report["quick"] == true)
    let charts = try #require(report["charts"]?.arrayValue)
    let gap = try #require(charts.first)
    #expect(gap["logY"] == true && gap["x"] == "log₂ k")
    let names = (gap["series"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    #expect(names.contains("unconstrained") && names.contains("ρ = 0.9") && names.contains("bound, ρ = 0.9"), "\(names)")
  }

  @Test func rotationReportsEveryTableauAndExitsByItsVerdict() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let r = try CLI.run(["experiment", "rotation", "--json"], in: dir.url)
    let report = try json(r.stdout)
    #expect(r.status == (report["holds"] == true ? 0 : 1), "\(r)")
    let rows = try #require(report["rows"]?.arrayValue)
    #expect(Set(rows.compactMap { $0[0]?.stringValue }).count == 12)
    for row in rows { #expect((row[6]?.doubleValue ?? 1) <= 1e-10, "\(row)") }
  }
}

/// The antisymmetric experiment's quick grid through the binary (a few minutes in a debug
/// build): each part of the claim recomputed from its rows and sessions.
@Suite("CLI: experiment antisymmetric")
struct AntisymmetricExperimentCLITests {
  @Test func quickHoldsFromItsRowsAndItsSessionsVerify() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let r = try CLI.finish(CLI.start(["experiment", "antisymmetric", "--quick", "--json", "--out", "exp"], in: dir.url), timeout: 1800)
    let report = try JSON.parse(Array(r.stdout.utf8))
    #expect(r.status == (report["holds"] == true ? 0 : 1), "\(r)")
    #expect(report["holds"] == true, "\(report["findings"] ?? nil)")
    let rows = try #require(report["rows"]?.arrayValue)
    func row(_ label: String) throws -> JSON { try #require(rows.first { $0[0]?.stringValue == label }) }
    let mean = 1.0 / 6
    #expect(try row("gated antisymmetric γ=0.01")[2]!.doubleValue! < 0.5 * mean)
    #expect(try row("vanilla tanh RNN")[2]!.doubleValue! > 0.9 * mean)
    // Every run's median singular value of ∂S_T/∂S_0 (reported): positive and finite.
    let median = try #require(report["columns"]?.arrayValue?.firstIndex(of: "median σ(∂S_T/∂S_0)"))
    for r in rows { #expect(r[median]?.doubleValue.map { $0 > 0 && $0.isFinite } == true, "\(r)") }
    for r in rows where r[0]!.stringValue!.contains("antisymmetric") {
      #expect(r[4]!.doubleValue! <= 1e-12, "\(r)")
      if r[0]!.stringValue!.hasPrefix("gated") {
        #expect(abs(r[5]!.doubleValue! - 1) <= 0.02 && abs(r[6]!.doubleValue! - 1) <= 0.02, "\(r)")
      }
    }
    let sessions = (report["sessions"]?.arrayValue ?? []).compactMap(\.stringValue)
    #expect(sessions.count == 3)
    for s in sessions {
      let v = try CLI.run(["replay", s, "--verify", "--headless"], in: dir.url)
      #expect(v.status == 0, "\(s): \(v.stderr)")
    }
  }
}

/// nt-grid's cost structure recomputed from its rows: parameters t·H² + 2·H·I + 2·H + O·H + O
/// with I = 2, O = 1 (adding), state t·H, f-evals n, and the budgets within 10% of each other.
@Suite("CLI: experiment nt-grid")
struct NTGridExperimentCLITests {
  @Test func quickCountsAreTheFormulasAndItsSessionsVerify() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let r = try CLI.finish(CLI.start(["experiment", "nt-grid", "--quick", "--json", "--out", "exp"], in: dir.url), timeout: 1800)
    let report = try JSON.parse(Array(r.stdout.utf8))
    #expect(r.status == 0 && report["holds"] == true, "\(r)")
    let rows = try #require(report["rows"]?.arrayValue)
    #expect(rows.count == 8)
    let stages = ["euler": 1, "heun": 2, "kutta3": 3, "rk4": 4]
    var budgets: [Int] = []
    for row in rows {
      let n = row[1]!.intValue!, t = row[2]!.intValue!, h = row[3]!.intValue!
      #expect(stages[row[0]!.stringValue!] == n)
      #expect(row[4]!.intValue! == t * h * h + 2 * h * 2 + 2 * h + h + 1, "\(row)")
      #expect(row[5]!.intValue! == t * h && row[6]!.intValue! == n, "\(row)")
      budgets.append(row[4]!.intValue!)
    }
    #expect(Double(budgets.max()!) <= 1.1 * Double(budgets.min()!), "equal budgets: \(budgets)")
    let sessions = (report["sessions"]?.arrayValue ?? []).compactMap(\.stringValue)
    #expect(sessions.count == 8)
    for s in sessions {
      let v = try CLI.run(["replay", s, "--verify", "--headless"], in: dir.url)
      #expect(v.status == 0, "\(s): \(v.stderr)")
    }
  }
}
