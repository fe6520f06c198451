import Linalg
import ODECells
import Tableaux
import Training

/// What Compose derives from a draft: the `(n, t)` label, order, parameter count,
/// f-evaluations per step, and the ε-scaled spectrum of the initial weights' field Jacobian
/// at the zero state, to draw over the cell's stability region.
public struct ComposePreview: Sendable, Equatable {
  /// Stages `n`.
  public var stages: Int
  /// The tableau's computed order.
  public var order: Int
  /// `(n,t) name`.
  public var label: String
  /// Trainable scalars (cell and readout).
  public var parameterCount: Int
  /// Field evaluations per step (a Newton cell's: the bound `s·(m + 1)`).
  public var fieldEvaluations: Int
  /// `17`, or `≤ 18` for a Newton cell (its bound).
  public var fieldEvaluationsText: String
  /// An implicit cell's cost under each solver, Newton's iterations measured on the initial
  /// weights (not measured when `s·t·H` is above `costLimit`; nil: explicit or a baseline).
  public var cost: ImplicitCost?
  /// `ε·λ_i` of `∂F/∂S` at `S = 0`, `x = 0` with the initial weights (empty when skipped):
  /// the eigenvalues of `SequenceModel.fieldJacobian`, as training's diagnostics compute them.
  public var spectrum: [Complex<Double>]
  /// Why the spectrum is empty, if it is.
  public var note: String?
  /// The region to draw the spectrum over.
  public var picture: StabilityPicture?
  /// What a run of the draft would hold in memory (nil for file tasks, unread here).
  public var memory: MemoryEstimate?

  /// The largest `t·H` for which the spectrum is computed live.
  public static let spectrumLimit = 512

  /// The largest Newton system `s·t·H` whose iterations are measured live (each draft change
  /// factors it a few dozen times).
  public static let costLimit = 256

  /// The preview of `config` (initial weights drawn as the run would draw them).
  public init(config: TrainingConfig) {
    let cell = config.cell
    stages = cell.kind == .ode ? cell.tableau.stages : 1
    order = cell.kind == .ode ? cell.tableau.order : 1
    label = cell.label
    fieldEvaluations = cell.fieldEvaluationsPerStep
    fieldEvaluationsText = cell.isImplicit && cell.solver == .newton ? "≤ \(fieldEvaluations)" : "\(fieldEvaluations)"
    let (inputs, outputs) = Self.sizes(config.task)
    var rng = Xoshiro256(seed: config.seed)
    let params = ParameterSet<Double>(spec: cell, inputSize: inputs, outputSize: outputs, using: &rng)
    parameterCount = params.scalarCount
    spectrum = []
    note = nil
    picture = StabilityPicture(config: config)
    memory = MemoryEstimate.of(config)
    guard cell.kind == .ode else {
      note = "no field: \(cell.kind.rawValue) is a baseline"
      return
    }
    let n = cell.derivativeOrder * cell.hiddenSize
    guard n <= Self.spectrumLimit else {
      note = "spectrum preview for t·H ≤ \(Self.spectrumLimit)"
      return
    }
    let zero = CellPoint<Double>(zeroFor: cell, inputSize: inputs)
    let field = SequenceModel<Double>(spec: cell).fieldJacobian(parameters: params, at: zero)
    spectrum = (try? field?.eigenvalues()) ?? []
    if cell.isImplicit, cell.tableau.stages * n <= Self.costLimit {
      cost = ImplicitCost.measure(config: config, parameters: params, weights: "the initial weights")
    } else {
      cost = ImplicitCost(cell: cell)
    }
  }


  /// `(I, O)` of a task without reading files (file tasks: IDX 1→10; CSV unknown until read: 1→1).
  static func sizes(_ task: TaskSpec) -> (Int, Int) {
    switch task {
    case .adding: (2, 1)
    case .copy(_, let symbols, _): (symbols + 2, symbols)
    case .sine: (1, 1)
    case .idx: (1, 10)
    case .csv: (1, 1)
    }
  }
}
