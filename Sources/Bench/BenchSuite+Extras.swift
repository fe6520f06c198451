import ComplexModule
import Foundation
import ODECells
import TerminalGrid
import Training
import WorkbenchUI

/// Rows beyond DESIGN §1.8 that the workbench's own speed claims rest on.
extension BenchSuite {
  /// `antisymmetric-euler-train-sync`, `-thread` and `-workbench`: the same run of `steps`
  /// steps (batches generated, as in a real run) through the synchronous driver, through the
  /// `Trainer` thread (timed from start to its `finished` event), and through the workbench's
  /// event loop rendering 200×60 frames (`workbenchSeconds`), alternating. The ratios to the
  /// first are the trainer's and the workbench's overhead.
  /// Only the modes `wanted` (by row name) run; `repetitions` runs of each, no warm-up (each
  /// run is 300 steps).
  public static func trainerRows(
    steps: Int = 300, repetitions: Int, wanted: (String) -> Bool = { _ in true }
  ) throws -> [BenchRow] {
    var config = configs()[0].config
    config.steps = steps
    config.checkpointEvery = steps
    let clock = ContinuousClock()
    let names = ["sync", "thread", "workbench"].map { "antisymmetric-euler-train-\($0)" }
    let runs = names.map(wanted)
    var seconds: [[Double]] = [[], [], []]
    for _ in 0..<repetitions {
      if runs[0] {
        let driver = TrainingDriver(run: try makeTrainingRun(config))
        seconds[0].append(clock.measure { while !driver.isDone { _ = driver.advance() } }.inSeconds)
      }
      if runs[1] {
        let trainer = Trainer(run: try makeTrainingRun(config))
        let start = clock.now
        trainer.send(.start)
        var finished = false
        while !finished {
          trainer.events.wait(timeout: 1)
          for case .run(.finished) in trainer.drainEvents() { finished = true }
        }
        seconds[1].append((clock.now - start).inSeconds)
        trainer.send(.stop)
      }
      if runs[2] { seconds[2].append(try workbenchSeconds(config)) }
    }
    return names.indices.filter { runs[$0] }.map {
      BenchRow(name: names[$0], unit: "steps/s", seconds: seconds[$0], work: Double(steps))
    }
  }

  /// `workbench-render-200x60`: frames per second of rendering the Train screen of a run with
  /// 2,000 steps of history and every pane shown, into a fresh 200×60 grid.
  public static func renderRow(harness: BenchHarness) -> BenchRow {
    var model = WorkbenchModel(size: Size(width: 200, height: 60))
    _ = Workbench.update(&model, .key(.character(" ")))
    let h = model.draft.config.cell.hiddenSize
    let ids: [ParameterID] = [.recurrent(0), .input, .bias, .readoutWeight, .readoutBias]
    let norms = ids.enumerated().map { (name: $1.name, norm: Double($0 + 1)) }
    for s in 1...2000 {
      var m = StepMetrics(step: s, loss: 0.2 / Double(s).squareRoot(), gradNorm: 1 + sin(Double(s)), lr: 1e-3)
      if s % 25 == 0 { m.valLoss = m.loss }
      _ = Workbench.update(&model, .trainer(run: 1, .run(.metrics([m]))))
      if s % 25 == 0 {
        _ = Workbench.update(
          &model,
          .trainer(run: 1, .run(.grads(GradientDiagnostics(step: s, byParameter: norms, throughTime: (1...100).map { Double($0) })))))
        let points = (0..<h).map { i in Complex(-0.001, 0.01 * Double(i - h / 2)) }
        _ = Workbench.update(&model, .trainer(run: 1, .run(.eigen(EigenDiagnostics(step: s, field: points, map: points, spectralNorm: 1, mapNorm: 1, headroom: 10)))))
      }
    }
    let frame = model
    let samples = harness.measure { _ = Workbench.render(frame) }
    return BenchRow(name: "workbench-render-200x60", unit: "frames/s", seconds: samples, work: 1)
  }
}
