import TerminalGrid

/// The loss chart's cursor on Train and Replay: `←`/`→` on Train, `,`/`.` on Replay (whose
/// arrows scrub) move it by a hundredth of the run (at least one step), `Home` puts it on the first step, `End` takes it away (the title then
/// shows the latest values again). While it is on, the loss pane's title reads every series'
/// value at the cursor step, raw and, when smoothing is on, smoothed.
extension Workbench {
  static func cursorAction(_ model: inout WorkbenchModel, _ action: Action) {
    guard let run = model.shownRun else { return }
    let last = model.screen == .replay ? min(run.step, model.replay?.cursor ?? run.step) : run.step
    let chunk = max(1, last / 100)
    let current = min(model.chartCursor ?? last, last)
    switch action {
    case .cursorLeft: model.chartCursor = max(1, current - chunk)
    case .cursorRight: model.chartCursor = min(last, current + chunk)
    case .cursorFirst: model.chartCursor = 1
    case .cursorLast: model.chartCursor = nil
    default: break
    }
  }
}

/// The values a chart cursor reads: each series' last point at or before the step.
enum ChartReadout {
  /// `@120  train 0.0153 (0.016)  val 0.017`: the step, then each series' raw value and, with
  /// `smoothing` > 0, its smoothed value in parentheses; series with no point yet are left out.
  static func text(_ series: [(name: String, points: [(x: Double, y: Double)])], at step: Int, smoothing: Double) -> String {
    var parts = ["@\(step)"]
    for s in series {
      guard let i = s.points.lastIndex(where: { $0.x <= Double(step) }) else { continue }
      var part = "\(s.name) \(Format.number(s.points[i].y))"
      if smoothing > 0, let smoothed = Smoothing.ema(s.points.prefix(i + 1).map(\.y), weight: smoothing).last {
        part += " (\(Format.number(smoothed)))"
      }
      parts.append(part)
    }
    return parts.joined(separator: "  ")
  }
}
