import Linalg
import ODECells
import Tableaux
import Training

/// What Compose derives from a draft: the `(n, t)` label, order, parameter count,
/// f-evaluations per step, and the ε-scaled spectrum of the initial weights' field Jacobian
/// at the zero state, to draw over the cell's stability region.
///
/// Two parts with different costs: the facts (`init(factsOf:)`: from the tableau and the
/// parameter layout, no weights drawn) are computed by `update` on every draft change; the
/// spectrum (`init(config:)`: draws the run's initial weights, `t·H` eigenvalues) takes
/// seconds once `t·H` is in the thousands, so the runtime computes it off the main thread
/// (`Effect.computePreview`), and not at all above `spectrumLimit`.
public struct ComposePreview: Sendable, Equatable {
  /// Stages `n` (ODE cells), 1 for a baseline.
  public var stages: Int
  /// The tableau's computed order (ODE cells), 1 for a baseline.
  public var order: Int
  /// `(n,t) name`.
  public var label: String
  /// Trainable scalars (cell and readout): the parameter layout's sizes.
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
  /// Whether the spectrum has been computed for this config (false: the facts only, while the
  /// runtime computes the rest).
  public var isComplete: Bool

  /// The largest `t·H` whose spectrum the preview computes (on the runtime's preview thread):
  /// a dense nonsymmetric eigenproblem of order `n = t·H` costs about `10·n³` flops — measured
  /// here (`geev`, one BLAS thread) 1.1 s at n = 1024, 6.6 s at 2048, 18 s at 3072 (H = 1024,
  /// t = 3); at 12288 (H = 4096, t = 3) it would take about twenty minutes (64 times 18 s).
  public static let spectrumLimit = 3072

  /// The largest Newton system `s·t·H` whose iterations are measured (on the preview's
  /// thread: it factors the system a few dozen times — at 512, Gauss–Legendre 2 with H = 256,
  /// the line changed from measuring to measured 0.25–0.34 s later, spectrum included, in a
  /// release build in tmux; above it the cost line says it is not measured, and why).
  public static let costLimit = 512

  /// Whether Newton's iterations are measured for a system of size `n = s·t·H`.
  static func measuresCost(_ n: Int) -> Bool { n <= costLimit }

  /// The facts of `config`, without drawing weights: what `update` computes on every change.
  /// The spectrum is empty and `note` says it is being computed (ODE cells within the limit)
  /// or why it is not shown; an implicit cell's cost is the solvers' formula until Newton's
  /// iterations are measured.
  public init(factsOf config: TrainingConfig) {
    let cell = config.cell
    stages = cell.kind == .ode ? cell.tableau.stages : 1
    order = cell.kind == .ode ? cell.tableau.order : 1
    label = cell.label
    fieldEvaluations = cell.fieldEvaluationsPerStep
    fieldEvaluationsText = cell.isImplicit && cell.solver == .newton ? "≤ \(fieldEvaluations)" : "\(fieldEvaluations)"
    let (inputs, outputs) = Self.sizes(config.task)
    parameterCount = ParameterLayout(spec: cell, inputSize: inputs, outputSize: outputs).entries.reduce(0) { $0 + $1.rows * $1.cols }
    spectrum = []
    picture = StabilityPicture(config: config)
    memory = MemoryEstimate.of(config)
    cost = ImplicitCost(cell: cell)
    let skip = Self.skipReason(config)
    if let n = cost?.systemSize {
      cost?.unmeasured =
        Self.measuresCost(n)
        ? "measuring Newton's iterations on the initial weights…"
        : "Newton's iterations not measured: s·t·H = \(n) is over \(Self.costLimit)"
    }
    isComplete = skip != nil
    note = skip ?? Self.computingNote(config)
  }

  /// The whole preview of `config` (initial weights drawn as the run would draw them): the
  /// runtime's computation, off the main thread.
  public init(config: TrainingConfig) {
    // Never cancelled, so never nil.
    self = Self.compute(config, isCancelled: { false })!
  }

  /// The whole preview of `config`, or nil as soon as `isCancelled()` says a newer draft
  /// wants the thread: asked before each costly part (drawing the weights, the Jacobian, its
  /// eigenvalues, Newton's measured cost), which otherwise run to their end.
  public static func compute(_ config: TrainingConfig, isCancelled: () -> Bool) -> ComposePreview? {
    var p = ComposePreview(factsOf: config)
    p.isComplete = true
    guard skipReason(config) == nil else { return p }
    p.note = nil
    let cell = config.cell
    let (inputs, outputs) = Self.sizes(config.task)
    if isCancelled() { return nil }
    var rng = Xoshiro256(seed: config.seed)
    let params = ParameterSet<Double>(spec: cell, inputSize: inputs, outputSize: outputs, using: &rng)
    let zero = CellPoint<Double>(zeroFor: cell, inputSize: inputs)
    if isCancelled() { return nil }
    let field = SequenceModel<Double>(spec: cell).fieldJacobian(parameters: params, at: zero)
    if isCancelled() { return nil }
    p.spectrum = (try? field?.eigenvalues()) ?? []
    if let n = p.cost?.systemSize, measuresCost(n) {
      if isCancelled() { return nil }
      p.cost = ImplicitCost.measure(config: config, parameters: params, weights: "the initial weights")
    }
    return p
  }

  /// What the region pane says while the spectrum is computed: `computing the spectrum…`,
  /// with the eigenproblem's order once it takes seconds (`t·H` above 512).
  static func computingNote(_ config: TrainingConfig) -> String {
    let n = config.cell.derivativeOrder * config.cell.hiddenSize
    return n > 512 ? "computing the spectrum (\(n) eigenvalues, seconds)…" : "computing the spectrum…"
  }

  /// Why no spectrum is drawn for `config` (a baseline has no field; `t·H` above the limit),
  /// or nil.
  static func skipReason(_ config: TrainingConfig) -> String? {
    let cell = config.cell
    guard cell.kind == .ode else { return "no field: \(cell.kind.rawValue) is a baseline" }
    let n = cell.derivativeOrder * cell.hiddenSize
    guard n <= spectrumLimit else {
      return "no spectrum preview: t·H = \(n) is over \(spectrumLimit) (its eigenproblem would take minutes)"
    }
    return nil
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
