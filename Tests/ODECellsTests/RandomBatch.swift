import Linalg
import ODECells

/// A random time-major batch with targets for `loss`, read out at the last step or at every
/// step (shared by the gradient and inference-scan suites).
func randomBatch<S: BLASScalar>(
  _: S.Type, batch: Int, steps: Int, input: Int, output: Int, loss: LossKind, everyStep: Bool,
  using rng: inout Xoshiro256
) -> SequenceBatch<S> {
  let x: Matrix<S> = Initializer.uniform(rows: steps * batch, cols: input, bound: 1, using: &rng)
  let readout = everyStep ? 0..<steps : (steps - 1)..<steps
  let rows = readout.count * batch
  let targets: Targets<S> =
    loss == .mse
    ? .values(Initializer.uniform(rows: rows, cols: output, bound: 1, using: &rng))
    : .classes((0..<rows).map { _ in Int32(rng.int(below: output)) })
  return SequenceBatch(inputs: x, steps: steps, batch: batch, targets: targets, readoutSteps: readout)
}
