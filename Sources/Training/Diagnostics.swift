import Autodiff
import Linalg
import ODECells
import Optim

/// What a training step reports: its metrics, and at diagnostic steps its gradient picture.
public struct StepReport: Sendable {
  /// The metrics.
  public var metrics: StepMetrics
  /// Gradient diagnostics at diagnostic steps.
  public var gradients: GradientDiagnostics?
  /// Why the step's forward pass failed, when it did ("implicit solve did not converge …",
  /// from `Tape.solveLog`); its loss is then NaN.
  public var failure: String? = nil
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

  /// Reads the norms off a tape after the training step's backward pass (the model's
  /// initial state tracks gradients, so every `h_k` has one).
  init<S: BLASScalar>(step: Int, tape: Tape<S>, forward: RecordedForward, names: [String]) {
    self.step = step
    byParameter = zip(names, forward.parameters).map { name, v in
      (name, tape.withGradient(v) { GradientClipping.globalNorm([$0]) })
    }
    throughTime = forward.hidden.map { h in tape.withGradient(h) { GradientClipping.globalNorm([$0]) } }
  }

  public static func == (l: GradientDiagnostics, r: GradientDiagnostics) -> Bool {
    l.step == r.step && l.throughTime == r.throughTime
      && l.byParameter.map(\.name) == r.byParameter.map(\.name)
      && l.byParameter.map(\.norm) == r.byParameter.map(\.norm)
  }
}
