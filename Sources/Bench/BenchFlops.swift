import ODECells
import Training

/// The analytic GEMM FLOP count of one batch, the model of `../shared/peers/common.py`
/// (`gemm_flops`), so that GFLOP/s figures compare across frameworks. Elementwise work is not
/// counted (1–2% here).
///
/// With `hh = 2·B·H·H'` one recurrent product (`H' = H` for ODE cells, `4H` LSTM, `3H` GRU),
/// `inp = 2·T·B·I·H'` the input projection over the sequence and `rd = 2·B·H·O` the readout
/// (at the last step):
/// ```
/// forward  = T·n·hh + g·inp + rd         n = stages·t (+ stages when gated), g = 1 (+1 gated)
/// backward = T·n·2·hh + g·inp + 2·rd     (∂h and ∂W products; no ∂x for the input)
/// ```
/// Implicit tableaux count `1 + stages·m` field evaluations instead of `stages`.
public enum BenchFlops {
  /// FLOPs of one batch: forward only (`training` false) or forward and backward.
  public static func perBatch(_ config: TrainingConfig, task: any SequenceTask, training: Bool) -> Double {
    let cell = config.cell
    let b = Double(config.batchSize)
    let h = Double(cell.hiddenSize)
    let steps = Double(task.steps)
    let (inputSize, outputSize) = (task.inputSize, task.outputSize)
    let (width, products, projections): (Double, Double, Double) =
      switch cell.kind {
      case .lstm: (4 * h, 1, 1)
      case .gru: (3 * h, 1, 1)
      case .ode:
        (h, Double(cell.fieldEvaluationsPerStep * (cell.derivativeOrder + (cell.gated ? 1 : 0))), cell.gated ? 2 : 1)
      }
    let hh = 2 * b * h * width
    let inp = 2 * steps * b * Double(inputSize) * width
    let rd = 2 * b * h * Double(outputSize)
    let forward = steps * products * hh + projections * inp + rd
    let backward = steps * products * 2 * hh + projections * inp + 2 * rd
    return training ? forward + backward : forward
  }
}
