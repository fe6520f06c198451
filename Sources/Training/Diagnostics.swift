import Autodiff
import Linalg
import ODECells

/// What a training step reports: its metrics, and at diagnostic steps its gradient picture.
public struct StepReport: Sendable {
  /// The metrics.
  public var metrics: StepMetrics
  /// Gradient diagnostics at diagnostic steps.
  public var gradients: GradientDiagnostics?
}

/// The gradient picture of one step (a `grads` event of DESIGN §1.5).
public struct GradientDiagnostics: Sendable, Equatable {
  /// The step.
  public var step: Int
  /// `‖∂L/∂θ‖` per parameter, in parameter order.
  public var byParameter: [(name: String, norm: Double)]
  /// `‖∂L/∂h_k‖` for `k = 1 … T` (Frobenius norm over the batch): the vanishing/exploding
  /// picture through time.
  public var throughTime: [Double]

  /// Diagnostics given directly (sessions, tests).
  public init(step: Int, byParameter: [(name: String, norm: Double)], throughTime: [Double]) {
    self.step = step
    self.byParameter = byParameter
    self.throughTime = throughTime
  }

  /// Reads the norms off a tape after its backward pass.
  init<S: BLASScalar>(step: Int, tape: Tape<S>, forward: RecordedForward, names: [String]) {
    self.step = step
    byParameter = zip(names, forward.parameters).map { name, v in
      (name, tape.withGradient(v) { Self.norm($0) })
    }
    throughTime = forward.hidden.map { h in tape.withGradient(h) { Self.norm($0) } }
  }

  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func norm<S: BLASScalar>(_ g: UnsafeBufferPointer<S>) -> Double {
    var s = 0.0
    for x in g { s += Double(x) * Double(x) }
    return s.squareRoot()
  }

  public static func == (l: GradientDiagnostics, r: GradientDiagnostics) -> Bool {
    l.step == r.step && l.throughTime == r.throughTime
      && l.byParameter.map(\.name) == r.byParameter.map(\.name)
      && l.byParameter.map(\.norm) == r.byParameter.map(\.norm)
  }
}
