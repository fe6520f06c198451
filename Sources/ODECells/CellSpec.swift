import Tableaux

/// The activation `σ` of a cell.
public enum Activation: String, Sendable, CaseIterable, Codable {
  case tanh, relu, sigmoid, identity
}

/// How the effective recurrent matrix `M_0` is formed from the parameter `W_0`.
public enum Structure: String, Sendable, CaseIterable, Codable {
  /// `M_0 = W_0`.
  case dense
  /// `M_0 = W_0 − W_0ᵀ − γI` (AntisymmetricRNN): ε·M_0's eigenvalues lie on `Re z = −εγ`.
  case antisymmetric
}

/// The kind of recurrent cell.
public enum CellKind: String, Sendable, CaseIterable, Codable {
  /// The ODE cell of DESIGN §1.3.
  case ode
  /// PyTorch's LSTM (gate order i, f, g, o).
  case lstm
  /// PyTorch's GRU.
  case gru
}

/// A recurrent cell, fully specified (DESIGN §1.3); every default already filled in.
///
/// An ODE cell integrates the companion system of `h^{(t)} = f(h, h′, …, h^{(t−1)}, x)`:
/// ```
/// S = (v_0, …, v_{t−1}),  v_0 = h
/// z = Σ_r v_r M_rᵀ + x Vᵀ + b
/// f = σ(z) − Σ_r κ_r v_r              (gated: sigmoid(v_0 M_0ᵀ + x V_gᵀ + b_g) ⊙ σ(z) − Σ_r κ_r v_r)
/// F(S, x) = (v_1, …, v_{t−1}, f)
/// ```
/// with one Runge–Kutta step of size `ε` per input (input held through the step).
public struct CellSpec: Sendable, Equatable {
  /// ode, lstm or gru.
  public var kind: CellKind
  /// The integrator (ODE cells).
  public var tableau: ButcherTableau
  /// `t ∈ {1, 2, 3}`.
  public var derivativeOrder: Int
  /// `H`.
  public var hiddenSize: Int
  /// `ε > 0`.
  public var stepSize: Double
  /// `σ`.
  public var activation: Activation
  /// dense or antisymmetric `M_0`.
  public var structure: Structure
  /// `γ ≥ 0` (antisymmetric diffusion).
  public var gamma: Double
  /// `κ`, exactly `t` numbers.
  public var decay: [Double]
  /// The gated variant (gate shares `M_0`).
  public var gated: Bool
  /// `m ≥ 1`: implicit tableaux run exactly `m` Jacobi sweeps, or at most `m` Newton iterations.
  public var implicitIterations: Int
  /// How implicit stage equations are solved (`ImplicitSolver`).
  public var solver: ImplicitSolver
  /// Newton's tolerance τ; nil: the precision's default (`ImplicitSolver.defaultTolerance`).
  public var solverTolerance: Double?

  /// A spec with DESIGN §1.3's defaults for everything not given.
  public init(
    kind: CellKind = .ode, tableau: ButcherTableau = .euler, derivativeOrder: Int = 1,
    hiddenSize: Int, stepSize: Double = 1, activation: Activation = .tanh,
    structure: Structure = .dense, gamma: Double = 0, decay: [Double]? = nil,
    gated: Bool = false, implicitIterations: Int = 8, solver: ImplicitSolver = .newton, solverTolerance: Double? = nil
  ) {
    self.kind = kind
    self.tableau = tableau
    self.derivativeOrder = derivativeOrder
    self.hiddenSize = hiddenSize
    self.stepSize = stepSize
    self.activation = activation
    self.structure = structure
    self.gamma = gamma
    self.decay = decay ?? Array(repeating: 0, count: derivativeOrder)
    self.gated = gated
    self.implicitIterations = implicitIterations
    self.solver = solver
    self.solverTolerance = solverTolerance
  }

  /// The state's components: `t` for an ODE cell (`h` and its derivatives), `(h, c)` for the
  /// LSTM, `(h)` for the GRU.
  public var stateCount: Int {
    switch kind {
    case .ode: derivativeOrder
    case .lstm: 2
    case .gru: 1
    }
  }

  /// Field evaluations per step: `s` (explicit) or `1 + s·m` for a Jacobi cell (one shared
  /// starting slope `F(S_k)`, then `m` sweeps over the `s` stages). A Newton cell's count
  /// depends on its iterations `n ≤ m`, `s·(n + 1)`: this is the bound `s·(m + 1)`, and
  /// `ImplicitCost` measures `n`.
  public var fieldEvaluationsPerStep: Int {
    guard kind == .ode else { return 1 }
    if tableau.isExplicit { return tableau.stages }
    return solver == .newton ? tableau.stages * (implicitIterations + 1) : 1 + tableau.stages * implicitIterations
  }

  /// The workbench's `(n, t)` label: stages and derivative order.
  public var label: String {
    switch kind {
    case .ode: "(\(tableau.stages),\(derivativeOrder)) \(tableau.name)"
    case .lstm: "LSTM"
    case .gru: "GRU"
    }
  }
}
