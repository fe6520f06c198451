import JSON
import ODECells
import Tableaux

/// `odernn experiment rotation` (ODE-RNN view, papers.md §1.6): the 2-D rotation cell for
/// every catalog tableau over εω ∈ {0.5, 1, 1.5, 2.5, 3}. Each row measures the growth per
/// step and compares it with the modulus of the function the cell integrates with, at iεω:
/// the tableau's R (explicit tableaux, and the Newton solver), or R_m (m Jacobi sweeps).
/// Claim: they agree to 1e-10 (relative), and implicit midpoint and Gauss–Legendre keep
/// `‖h_k‖` to 1e-9 over 1,000 steps.
public enum RotationExperiment {
  public static let name = "rotation"
  public static let claim =
    "the rotation cell's growth per step equals |R(iεω)| of the function it integrates with to 1e-10, and implicit midpoint and Gauss–Legendre preserve the state's norm to 1e-9 over 1,000 steps"
  public static let products: [Double] = [0.5, 1, 1.5, 2.5, 3]
  /// Agreement of measured and predicted growth, relative to max(1, predicted).
  public static let growthTolerance = 1e-10
  /// `|‖h_1001‖/‖h_1‖ − 1|` for the norm-preserving tableaux.
  public static let normTolerance = 1e-9
  public static let normSteps = 1000
  /// The tableaux whose R has |R(iy)| = 1 for every real y.
  public static let normPreserving: Set<String> = ["implicit-midpoint", "gauss-legendre-2"]

  /// One way to run an implicit tableau: its label, how it sets the cell, and the stability
  /// function a cell so set integrates with.
  public struct Solver: Sendable {
    public var label: String
    public var configure: @Sendable (inout CellSpec) -> Void
    public var function: @Sendable (ButcherTableau, CellSpec) -> StabilityFunction
  }

  /// The implicit solvers the cell has: Newton (integrating with R) and m Jacobi sweeps (R_m);
  /// which function a cell integrates with is the cell's own `integratedStabilityFunction`.
  public static let implicitSolvers: [Solver] = [ImplicitSolver.newton, .jacobi].map { solver in
    Solver(label: solver.rawValue, configure: { $0.solver = solver }, function: { _, spec in spec.integratedStabilityFunction })
  }

  public static func run() -> ExperimentReport {
    var rows: [[JSON]] = []
    var findings: [String] = []
    var worst = (gap: 0.0, where: "")
    var normOK = Set<String>()
    var growth: [ExperimentChart.Series] = []
    for tableau in ButcherTableau.catalog {
      let solvers: [Solver] = tableau.isExplicit
        ? [Solver(label: "-", configure: { _ in }, function: { t, _ in t.stabilityFunction })] : implicitSolvers
      for solver in solvers {
        var measuredPoints: [ExperimentChart.Point] = []
        defer { growth.append(.init(name: tableau.isExplicit ? tableau.name : "\(tableau.name) \(solver.label)", points: measuredPoints)) }
        for eo in products {
          let cell = RotationCell(tableau: tableau, epsilon: eo, configure: solver.configure)
          let predicted = solver.function(tableau, cell.spec).modulus(.init(0, eo))
          let measured = cell.growth()
          measuredPoints.append(.init(eo, measured))
          let gap = abs(measured - predicted) / max(1, predicted)
          if !(gap <= worst.gap) { worst = (gap, "\(tableau.name) \(solver.label) εω=\(eo)") }
          var norm: JSON = .null
          if normPreserving.contains(tableau.name) {
            let n = cell.norms(steps: normSteps + 1)
            let drift = abs(n[normSteps] / n[0] - 1)
            norm = drift.isFinite ? .number(drift) : .string("overflow")
            if drift <= normTolerance, abs(predicted - 1) <= growthTolerance { normOK.insert("\(tableau.name) \(solver.label) \(eo)") }
          }
          rows.append([
            .string(tableau.name), .string(solver.label), .number(eo), .number(measured), .number(predicted),
            .string(solver.function(tableau, cell.spec).symbol), .number(gap), norm,
          ])
        }
      }
    }
    let growthHolds = worst.gap <= growthTolerance
    findings.append("largest relative gap between measured and predicted growth: \(TextTable.number(worst.gap)) (\(worst.where))")
    let preserved = normPreserving.sorted().map { name in
      (name, implicitSolvers.filter { s in products.allSatisfy { normOK.contains("\(name) \(s.label) \($0)") } }.map(\.label))
    }
    for (name, labels) in preserved {
      findings.append(labels.isEmpty
        ? "\(name): no solver keeps ‖h‖ to \(TextTable.number(normTolerance)) over \(normSteps) steps at every εω"
        : "\(name): ‖h‖ kept to \(TextTable.number(normTolerance)) over \(normSteps) steps with \(labels.joined(separator: ", "))")
    }
    let normHolds = preserved.allSatisfy { !$0.1.isEmpty }
    return ExperimentReport(
      experiment: name, claim: claim, holds: growthHolds && normHolds,
      columns: ["tableau", "solver", "εω", "growth", "predicted", "function", "rel. gap", "norm drift (1000 steps)"],
      rows: rows, findings: findings,
      charts: [ExperimentChart(title: "measured growth per step |h_{k+1}|/|h_k| against εω (1 keeps the norm)", xLabel: "εω", logY: true, series: growth)])
  }
}
