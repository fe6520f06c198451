import TerminalGrid
import Training
import WorkbenchUI

extension BenchSuite {
  /// `workbench-compose-key-h4096-t3`: keys per second on Compose with a draft of H = 4096,
  /// t = 3 at 200×60: each key (`→` then `←` on the step size, alternately) through `update`
  /// (the preview's facts; its spectrum is the runtime's, off the main thread) and a frame.
  /// The bound is 50 ms a key, i.e. at least 20 keys/s.
  public static func composeKeyRow(harness: BenchHarness) -> BenchRow {
    var model = WorkbenchModel(size: Size(width: 200, height: 60))
    var config = model.draft.config
    config.cell.hiddenSize = 4096
    config.cell.derivativeOrder = 3
    config.cell.decay = [0, 0, 0]
    model.draft = ComposeDraft(config: config)
    model.field = ComposeField("cell.stepSize")
    var right = true
    let samples = harness.measure {
      _ = Workbench.update(&model, .key(right ? .right : .left))
      right.toggle()
      _ = Workbench.render(model)
    }
    return BenchRow(name: "workbench-compose-key-h4096-t3", unit: "keys/s", seconds: samples, work: 1)
  }
}
