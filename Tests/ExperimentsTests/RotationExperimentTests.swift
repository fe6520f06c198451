import Experiments
import JSON
import ODECells
import Tableaux
import Testing

/// The rotation cell against closed forms: |R(iy)| computed here from the tableau's own
/// coefficients (not through StabilityFunction), and the experiment's verdict.
@Suite("experiment: rotation")
struct RotationExperimentTests {
  /// |R(iy)| of an explicit tableau from its coefficients: R(z) = Σ_k z^k bᵀA^{k−1}𝟙.
  func explicitModulus(_ t: ButcherTableau, _ y: Double) -> Double {
    let s = t.b.count
    var v = [Double](repeating: 1, count: s)  // A^{k−1}𝟙
    var re = 1.0, im = 0.0
    var zr = 1.0, zi = 0.0  // (iy)^k
    for _ in 1...s {
      (zr, zi) = (-zi * y, zr * y)
      let c = zip(t.b, v).map(*).reduce(0, +)
      re += zr * c
      im += zi * c
      v = (0..<s).map { i in (0..<s).map { j in t.a[i][j] * v[j] }.reduce(0, +) }
    }
    return (re * re + im * im).squareRoot()
  }

  @Test func explicitGrowthEqualsTheClosedForm() throws {
    for t in ButcherTableau.catalog where t.isExplicit {
      for y in RotationExperiment.products {
        let g = RotationCell(tableau: t, epsilon: y).growth()
        let want = explicitModulus(t, y)
        #expect(abs(g - want) <= 1e-12 * max(1, want), "\(t.name) εω=\(y): \(g) vs \(want)")
      }
    }
    // Euler: |1 + iy| = √(1 + y²).
    #expect(abs(RotationCell(tableau: try #require(.named("euler")), epsilon: 3).growth() - 10.0.squareRoot()) < 1e-14)
  }

  /// One Jacobi sweep of backward Euler (m = 1): K⁽¹⁾ = F(S + εK⁽⁰⁾) = z(1 + z)h, so
  /// R_1(z) = 1 + z + z²: |1 + iy − y²| exactly.
  @Test func jacobiGrowthIsTheTruncatedFunction() throws {
    let be = try #require(ButcherTableau.named("backward-euler"))
    for y in RotationExperiment.products {
      let g = RotationCell(tableau: be, epsilon: y) { $0.solver = .jacobi; $0.implicitIterations = 1 }.growth()
      let want = ((1 - y * y) * (1 - y * y) + y * y).squareRoot()
      #expect(abs(g - want) <= 1e-12 * max(1, want), "εω=\(y): \(g) vs \(want)")
    }
  }

  @Test func theReportHasARowPerTableauSolverAndProduct() {
    let r = RotationExperiment.run()
    let implicit = ButcherTableau.catalog.filter { !$0.isExplicit }.count
    let explicit = ButcherTableau.catalog.count - implicit
    let variants = explicit + implicit * RotationExperiment.implicitSolvers.count
    #expect(r.rows.count == variants * RotationExperiment.products.count)
    #expect(r.columns.count == r.rows[0].count)
    // Every measured growth agrees with its predicted function to the claim's tolerance.
    for row in r.rows {
      let gap = row[6].doubleValue ?? .infinity
      #expect(gap <= RotationExperiment.growthTolerance, "\(row)")
    }
  }
}

extension RotationExperimentTests {
  /// Newton cells integrate with the tableau's own R: backward Euler's |1/(1 − iy)| = 1/√(1 + y²),
  /// implicit midpoint's |(1 + iy/2)/(1 − iy/2)| = 1.
  @Test func newtonGrowthIsTheTableausOwnFunction() throws {
    let be = try #require(ButcherTableau.named("backward-euler")), mid = try #require(ButcherTableau.named("implicit-midpoint"))
    for y in RotationExperiment.products {
      let g = RotationCell(tableau: be, epsilon: y) { $0.solver = .newton }.growth()
      #expect(abs(g - 1 / (1 + y * y).squareRoot()) <= 1e-12, "backward euler εω=\(y): \(g)")
      let m = RotationCell(tableau: mid, epsilon: y) { $0.solver = .newton }
      #expect(abs(m.growth() - 1) <= 1e-12, "midpoint εω=\(y)")
      let n = m.norms(steps: 1001)
      #expect(abs(n[1000] / n[0] - 1) <= 1e-9, "midpoint εω=\(y): drift over 1000 steps")
    }
  }

  @Test func theClaimHoldsWithNewton() {
    let r = RotationExperiment.run()
    #expect(r.holds, "\(r.findings)")
  }
}
