import Linalg
import ODECells

/// The optimizer settings of DESIGN §1.4.
public struct OptimizerSpec: Sendable, Equatable {
  /// sgd or adam.
  public enum Name: String, Sendable, CaseIterable { case sgd, adam }
  /// The algorithm.
  public var name: Name = .adam
  /// `η`.
  public var learningRate = 0.001
  /// SGD momentum `μ`.
  public var momentum = 0.9
  /// Adam `β₁`.
  public var beta1 = 0.9
  /// Adam `β₂`.
  public var beta2 = 0.999
  /// Adam `ε`.
  public var epsilon = 1e-8
  /// Global-norm clipping threshold; nil is off.
  public var clipNorm: Double? = nil

  /// Defaults throughout.
  public init() {}
}

/// A task and its settings (DESIGN §1.4).
public enum TaskSpec: Sendable, Equatable {
  /// The adding problem.
  case adding(length: Int)
  /// Copy memory.
  case copy(delay: Int, symbols: Int, length: Int)
  /// Sinusoid forecasting.
  case sine(length: Int, components: Int, noise: Double)
  /// MNIST-format IDX files, pixel by pixel.
  case idx(IDXTaskSpec)
  /// Next-value forecasting of CSV columns.
  case csv(CSVTaskSpec)

  /// The task's name as configs spell it.
  public var name: String { kind.rawValue }
}

/// A complete training configuration (DESIGN §1.4), every default filled in.
public struct TrainingConfig: Sendable, Equatable {
  /// The cell.
  public var cell: CellSpec
  /// The task.
  public var task: TaskSpec
  /// The optimizer.
  public var optimizer = OptimizerSpec()
  /// `B`.
  public var batchSize = 64
  /// Training steps; nil trains until stopped (workbench only).
  public var steps: Int? = 2000
  /// The one seed of the run.
  public var seed: UInt64 = 1

  /// The seed of a file task's split (`task.dataSeed`): the task's own when given, else the
  /// run's `seed`. Setting it sets the task's; on other tasks it reads `seed` and sets nothing.
  public var dataSeed: UInt64 {
    get { task.dataSeed ?? seed }
    set { task.dataSeed = newValue }
  }
  /// float32 or float64.
  public var precision: DType = .float32
  /// BLAS threads.
  public var threads = 1
  /// Validation and diagnostics every N steps.
  public var diagnosticsEvery = 25
  /// A checkpoint every N steps (and at the end).
  public var checkpointEvery = 500
  /// Miller–Hardt: clip `W_0`'s singular values at `ρ` after every update.
  public var spectralNorm: Double? = nil

  /// A configuration with defaults for everything but the cell and task.
  public init(cell: CellSpec, task: TaskSpec) {
    self.cell = cell
    self.task = task
  }
}
