import Experiments
import Foundation
import Linalg
import Testing

/// The Cayley cell: its generator is skew for every input, its step is the rotation the closed
/// form gives on a 2-D case, and the quick claim holds.
@Suite("experiment: hamiltonian")
struct HamiltonianExperimentTests {
  @Test(arguments: [1, 2, 3])
  func theGeneratorIsSkewForEveryInput(order: Int) {
    let cell = HamiltonianExperiment.Cell(order: order, hidden: 5, seed: 3)
    var rng = Xoshiro256(seed: 4)
    for _ in 0..<5 {
      let g = cell.generator([rng.uniform(-1, 1), rng.uniform(-1, 1)])
      for i in 0..<g.rows { for j in 0..<g.cols { #expect(g[i, j] == -g[j, i]) } }
    }
    #expect(cell.parameterCount == order * 3 * 25)
  }

  /// One implicit-midpoint step of z′ = Gz against the rotation it must be: for a skew
  /// 2 × 2 generator [[0, −w], [w, 0]] the Cayley map turns z by 2·atan(εw/2).
  @Test func oneStepIsTheClosedFormRotation() throws {
    let cell = HamiltonianExperiment.Cell(order: 1, hidden: 2, seed: 5)
    let x = [0.3, -0.7]
    let g = cell.generator(x)
    let w = g[1, 0]
    let angle = 2 * atan(HamiltonianExperiment.epsilon * w / 2)
    let z0 = [0.6, 0.8]
    let (want0, want1) = (cos(angle) * z0[0] - sin(angle) * z0[1], sin(angle) * z0[0] + cos(angle) * z0[1])
    let got = try HamiltonianExperiment.states(cell, z0: z0, inputs: [x], implicit: true).last!
    #expect(abs(got[0] - want0) < 1e-15 && abs(got[1] - want1) < 1e-15, "\(got) vs \(want0), \(want1)")
  }

  @Test func theQuickClaimHolds() throws {
    let r = try HamiltonianExperiment.run(quick: true)
    #expect(r.holds, "\(r.findings)")
    for row in r.rows where row[3].stringValue?.hasPrefix("implicit") == true {
      #expect((row[5].doubleValue ?? 1) <= 1e-12, "\(row)")
    }
  }
}
