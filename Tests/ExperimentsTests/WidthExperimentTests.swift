import Experiments
import JSON
import Testing

/// The MF-RNN's exact RTRL against float64 central differences, and the width experiment's
/// verdict on its quick grid.
@Suite("experiment: width (MF-RNN)")
struct WidthExperimentTests {
  @Test(arguments: [0.5, 1.0])
  func rtrlGradientEqualsCentralDifferences(beta: Double) {
    let model = MeanFieldRNN(width: 5, beta: beta, seed: 7)
    let steps = 40
    let (_, gradient) = model.lastLossAndGradient(steps: steps)
    let p = model.parameters
    let h = 1e-6
    for j in p.indices {
      var up = p, down = p
      up[j] += h
      down[j] -= h
      let fd = (model.with(parameters: up).lastLossAndGradient(steps: steps).loss
        - model.with(parameters: down).lastLossAndGradient(steps: steps).loss) / (2 * h)
      #expect(abs(gradient[j] - fd) <= 1e-7 * max(1, abs(fd)), "parameter \(j): RTRL \(gradient[j]) vs FD \(fd)")
    }
  }

  @Test func aStopIsAskedBeforeEachSeedAndEndsTheRunWithoutAReport() {
    var asked = 0
    #expect(throws: ExperimentStopped.self) {
      _ = try WidthExperiment.run(
        quick: true,
        cancelled: {
          asked += 1
          return asked > 2
        })
    }
    #expect(asked == 3, "two seeds of (β = ½, N = 50) ran; the third was not started")
  }

  @Test func theStepSizeScalesAsNToTheTwoBetaMinusTwo() {
    #expect(MeanFieldRNN(width: 100, beta: 1, seed: 1).stepSize == 1)
    #expect(abs(MeanFieldRNN(width: 100, beta: 0.5, seed: 1).stepSize - 0.01) < 1e-15)
    #expect(abs(MeanFieldRNN(width: 10_000, beta: 0.75, seed: 1).stepSize - 0.01) < 1e-15)
  }

  /// The quick grid: β = 1's early spread falls below half from N = 50 to N = 800, β = ½'s does
  /// not, and the β ∈ {¾, 1} curves agree at t ≥ 5.
  @Test func theQuickGridHoldsTheClaim() throws {
    let r = try WidthExperiment.run(quick: true)
    let beta = try #require(r.columns.firstIndex(of: "β")), n = try #require(r.columns.firstIndex(of: "N"))
    let sd0 = try #require(r.columns.firstIndex(of: "sd t=0")), sd1 = try #require(r.columns.firstIndex(of: "sd t=1"))
    func early(_ b: Double, _ w: Double) throws -> Double {
      let row = try #require(r.rows.first { $0[beta].doubleValue == b && $0[n].doubleValue == w })
      return (row[sd0].doubleValue! + row[sd1].doubleValue!) / 2
    }
    #expect(try early(1, 800) < 0.5 * early(1, 50))
    #expect(try early(0.5, 800) >= 0.5 * early(0.5, 50))
    let t5 = try #require(r.columns.firstIndex(of: "loss t=5")), t10 = try #require(r.columns.firstIndex(of: "loss t=10"))
    for b in [0.75, 1.0] {
      let rows = r.rows.filter { $0[beta].doubleValue == b }
      for column in [t5, t10] {
        let values = rows.map { $0[column].doubleValue! }
        #expect(values.max()! - values.min()! <= 2 * WidthExperiment.collapseTolerance, "β \(b): \(values)")
      }
    }
    #expect(r.holds, "\(r.findings)")
    // The charts: one per β, a series per N against k/N, through the table's values.
    #expect(r.charts.count == WidthExperiment.betas.count)
    for (chart, b) in zip(r.charts, WidthExperiment.betas) {
      #expect(chart.xLabel == "k/N" && chart.series.map(\.name) == ["N=50", "N=200", "N=800"])
      for (series, w) in zip(chart.series, [50.0, 200, 800]) {
        let row = try #require(r.rows.first { $0[beta].doubleValue == b && $0[n].doubleValue == w })
        for t in [5.0, 10] {
          let column = try #require(r.columns.firstIndex(of: "loss t=\(Int(t))"))
          #expect(series.points.first { $0.x == t }?.y == row[column].doubleValue, "β \(b) N \(w) t \(t)")
        }
      }
    }
  }
}
