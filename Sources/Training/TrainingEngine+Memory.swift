import ODECells

extension TrainingEngine {
  /// Bytes the tape holds for its arenas, values and gradients: after a training step that
  /// is not a diagnostic step, the next such step's peak, since a step records into these
  /// arenas only (the first step grows them; they then fit its graph; a diagnostic step's
  /// kept `h_k` gradients grow the gradient arena until the next step).
  public var tapeBytes: Int { (tape.arenaCapacity + tape.gradientCapacity) * MemoryLayout<Scalar>.stride }

  /// Bytes of the activations a backward pass through time must keep for this config's
  /// training batch: per time step the state `S_k` (`t` blocks of `B × H`; `h_k` for the
  /// baselines, plus `c_k` for the LSTM) and, per field evaluation, the activation `σ(z)`
  /// (and `sigmoid(z_g)` when gated; the gates for the baselines: 4 LSTM, 3 GRU) — the floor
  /// any reverse-mode implementation that does not recompute must store.
  public var keptActivationBytes: Int {
    let cell = config.cell
    let block = config.batchSize * cell.hiddenSize
    let perStep: Int =
      switch cell.kind {
      case .ode: cell.derivativeOrder + cell.fieldEvaluationsPerStep * (cell.gated ? 2 : 1)
      case .lstm: 2 + 4
      case .gru: 1 + 3
      }
    return task.steps * block * perStep * MemoryLayout<Scalar>.stride
  }
}
