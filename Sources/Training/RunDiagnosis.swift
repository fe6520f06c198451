import Linalg

/// What `odernn diagnose` reports of one checkpoint of a run, on the run's validation set:
/// the trajectory pictures (`TrajectoryDiagnostics`) and, for sequence-to-one tasks, Miller &
/// Hardt's truncation gap over the windows `1, 2, 4, … ≤ T` (`TruncationGap`).
public struct RunDiagnosis: Sendable {
  /// The checkpoint's step.
  public var step: Int
  /// `T`, the validation sequences' length.
  public var sequenceLength: Int
  /// The validation examples.
  public var examples: Int
  /// `‖h_t‖` against t and the singular values of `∂S_T/∂S_0`.
  public var trajectory: TrajectoryDiagnostics
  /// The truncation gap, or why this run has none (a task read out at every step).
  public var truncation: Result<TruncationGap, DiagnosticError>

  public init(
    step: Int, sequenceLength: Int, examples: Int, trajectory: TrajectoryDiagnostics, truncation: Result<TruncationGap, DiagnosticError>
  ) {
    (self.step, self.sequenceLength, self.examples, self.trajectory, self.truncation) = (step, sequenceLength, examples, trajectory, truncation)
  }
}

/// Restores `checkpoint` into a fresh engine of `config` (the run's own validation set,
/// rebuilt from its seed) and diagnoses it.
public func diagnose(_ checkpoint: Checkpoint, of config: TrainingConfig) throws -> RunDiagnosis {
  switch config.precision {
  case .float32: try diagnose(TrainingEngine<Float>(config: config), checkpoint)
  case .float64: try diagnose(TrainingEngine<Double>(config: config), checkpoint)
  }
}

private func diagnose<S>(_ engine: TrainingEngine<S>, _ checkpoint: Checkpoint) throws -> RunDiagnosis {
  try engine.restore(checkpoint)
  let t = engine.validation.steps
  let truncation: Result<TruncationGap, DiagnosticError>
  do {
    truncation = .success(try TruncationGap.measure(engine, windows: TruncationGap.windows(upTo: t)))
  } catch let error as DiagnosticError {
    truncation = .failure(error)
  }
  return RunDiagnosis(
    step: engine.step, sequenceLength: t, examples: engine.validation.batch,
    trajectory: try engine.trajectoryDiagnostics(), truncation: truncation)
}
