import ComplexModule
import Foundation
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
  public static func trainerRows(steps: Int = 300, repetitions: Int = 5) throws -> [BenchRow] {
    var config = configs()[0].config
    config.steps = steps
    config.checkpointEvery = steps
    let clock = ContinuousClock()
    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
    var sync: [Double] = []
    var thread: [Double] = []
    var workbench: [Double] = []
    for _ in 0..<repetitions {
      let driver = TrainingDriver(run: try makeTrainingRun(config))
      sync.append(seconds(clock.measure { while !driver.isDone { _ = driver.advance() } }))

      let trainer = Trainer(run: try makeTrainingRun(config))
      let start = clock.now
      trainer.send(.start)
      var finished = false
      while !finished {
        trainer.events.wait(timeout: 1)
        for case .run(.finished) in trainer.drainEvents() { finished = true }
      }
      thread.append(seconds(clock.now - start))
      trainer.send(.stop)
      workbench.append(try workbenchSeconds(config))
    }
    return [
      BenchRow(name: "antisymmetric-euler-train-sync", unit: "steps/s", seconds: sync, work: Double(steps)),
      BenchRow(name: "antisymmetric-euler-train-thread", unit: "steps/s", seconds: thread, work: Double(steps)),
      BenchRow(name: "antisymmetric-euler-train-workbench", unit: "steps/s", seconds: workbench, work: Double(steps)),
    ]
  }

  /// `workbench-render-200x60`: frames per second of rendering the Train screen of a run with
  /// 2,000 steps of history and every pane shown, into a fresh 200×60 grid.
  public static func renderRow(harness: BenchHarness) -> BenchRow {
    var model = WorkbenchModel(size: Size(width: 200, height: 60))
    _ = Workbench.update(&model, .key(.character(" ")))
    let h = model.draft.config.cell.hiddenSize
    for s in 1...2000 {
      var m = StepMetrics(step: s, loss: 0.2 / Double(s).squareRoot(), gradNorm: 1 + sin(Double(s)), lr: 1e-3)
      if s % 25 == 0 { m.valLoss = m.loss }
      _ = Workbench.update(&model, .trainer(.run(.metrics([m]))))
      if s % 25 == 0 {
        _ = Workbench.update(
          &model,
          .trainer(.run(.grads(GradientDiagnostics(step: s, byParameter: [("cell.W0", 1), ("cell.V", 2), ("cell.b", 3), ("readout.weight", 4), ("readout.bias", 5)], throughTime: (1...100).map { Double($0) })))))
        let points = (0..<h).map { i in Complex(-0.001, 0.01 * Double(i - h / 2)) }
        _ = Workbench.update(&model, .trainer(.run(.eigen(EigenDiagnostics(step: s, field: points, map: points, spectralNorm: 1, mapNorm: 1, headroom: 10)))))
      }
    }
    let frame = model
    let samples = harness.measure { _ = Workbench.render(frame) }
    return BenchRow(name: "workbench-render-200x60", unit: "frames/s", seconds: samples, work: 1)
  }
}
