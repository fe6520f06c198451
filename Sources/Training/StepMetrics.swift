/// What one training step reports (a `metrics` entry of DESIGN §1.5).
public struct StepMetrics: Sendable, Equatable {
  /// The step's number, from 1.
  public var step: Int
  /// The training loss of the step's batch (before the update).
  public var loss: Double
  /// The global L2 norm of all parameter gradients, before clipping.
  public var gradNorm: Double
  /// The learning rate used by the step.
  public var lr: Double
  /// Loss on the fixed validation set, at diagnostic steps.
  public var valLoss: Double?
  /// Validation accuracy (crossEntropy tasks), at diagnostic steps.
  public var accuracy: Double?

  /// A step's metrics.
  public init(step: Int, loss: Double, gradNorm: Double, lr: Double, valLoss: Double? = nil, accuracy: Double? = nil) {
    self.step = step
    self.loss = loss
    self.gradNorm = gradNorm
    self.lr = lr
    self.valLoss = valLoss
    self.accuracy = accuracy
  }

  /// Whether the loss and gradient norm are finite.
  public var isFinite: Bool { loss.isFinite && gradNorm.isFinite }
}

extension Double {
  /// `nan`, `inf` or `-inf` for a non-finite value (never C's `-nan`: a NaN's sign means
  /// nothing), the shortest round-trip text otherwise.
  public var plainText: String {
    if isNaN { return "nan" }
    if isInfinite { return self > 0 ? "inf" : "-inf" }
    return "\(self)"
  }
}
