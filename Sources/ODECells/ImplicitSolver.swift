import Linalg
import Tableaux

/// How an implicit tableau's stage equations `K = F(S_k + ε(A⊗I)K, x_k)` are solved
/// (DESIGN §1.3, "Implicit solver").
public enum ImplicitSolver: String, Sendable, CaseIterable, Codable {
  /// Newton's method on the exact stage Jacobian to `‖G‖∞ ≤ τ(1 + ‖K‖∞)` within
  /// `implicitIterations` iterations, gradients by the implicit function theorem: the cell
  /// integrates with the tableau's own `R(z)`.
  case newton
  /// Exactly `m` Jacobi sweeps from `K⁽⁰⁾ = F(S_k)`, differentiated through: the cell
  /// integrates with `R_m(z)`. What every session written before `solver` existed ran.
  case jacobi

  /// The solver a session header without a `solver` key ran.
  public static let legacy = ImplicitSolver.jacobi

  /// The default tolerance τ for a precision: 1e-12 in float64, 1e-5 in float32.
  public static func defaultTolerance(_ dtype: DType) -> Double {
    dtype == .float64 ? 1e-12 : 1e-5
  }
}

extension CellSpec {
  /// Whether this is an ODE cell with an implicit tableau (the cells `solver` applies to).
  public var isImplicit: Bool { kind == .ode && !tableau.isExplicit }

  /// The tolerance τ Newton solves to in precision `dtype`: `solverTolerance`, or the
  /// precision's default when nil.
  public func newtonTolerance(_ dtype: DType) -> Double {
    solverTolerance ?? ImplicitSolver.defaultTolerance(dtype)
  }

  /// The stability function this cell integrates with — the one place that decides it:
  /// the tableau's `R` for explicit tableaux and for implicit ones solved by Newton, `R_m` for
  /// implicit ones run with `m` Jacobi sweeps. Drawn behind the cell's eigenvalues and used
  /// by the stability headroom.
  public var integratedStabilityFunction: StabilityFunction {
    solver == .jacobi ? tableau.cellStabilityFunction(implicitIterations: implicitIterations) : tableau.stabilityFunction
  }

  /// Which solver that function comes from, as the workbench says it next to the symbol:
  /// nil (explicit), `newton`, or `jacobi, m=8`.
  public var stabilitySolverNote: String? {
    guard isImplicit else { return nil }
    switch solver {
    case .newton: return "newton"
    case .jacobi: return "jacobi, m=\(implicitIterations)"
    }
  }

  /// The function's symbol with that note: `R(z)`, `R(z) (newton)`, `R_8(z) (jacobi, m=8)`.
  public var stabilityFunctionName: String {
    let symbol = integratedStabilityFunction.symbol
    return stabilitySolverNote.map { "\(symbol) (\($0))" } ?? symbol
  }
}
