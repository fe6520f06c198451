import Experiments
import Foundation
import JSON
import Linalg
import ODECells
import Sessions
import Training

/// An experiment's training: configs run as a sweep (DESIGN §1.11) into the experiment's
/// folder, so a killed experiment resumes where it stopped and every run is a session that
/// verifies. Each point's status goes to `progress` (the workbench), a line per sweep to `log`.
extension ExperimentContext {
  /// Runs `grid` over `base` in `out` (or its subfolder `part`) and returns each point with
  /// its latest session's path.
  func sweep(base: JSON, grid: [(String, [JSON])], part: String? = nil) throws -> [(point: SweepSpec.Point, session: String)] {
    let out = part.map { "\(self.out)/\($0)" } ?? self.out
    let spec: SweepSpec
    do {
      var axes: JSON = [:]
      for (key, values) in grid { try axes.setMember(.array(values), at: [key]) }
      spec = try SweepSpec(["base": base, "grid": axes]) { _ in .null }
    } catch {
      throw CommandSupport.bad("experiment config: \(error)")
    }
    let folder = SweepFolder(path: out, spec: spec)
    try folder.prepare()
    say("training \(spec.points.count) runs into \(out) (\(jobs) at once)")
    let before = state.value.withLock { $0.runs }
    let progress = self.progress
    let state = self.state
    let reporting = SweepReporting.handler { statuses in
      let runs = statuses.map { p, status in
        let s = folder.summary(p)
        return ExperimentProgress.Run(
          label: folder.stem(p), status: status, steps: s?.steps ?? 0, loss: s?.finalLoss, session: folder.chain(p).last.map(folder.full))
      }
      let now = state.value.withLock { s in
        s.runs = before + runs
        return s
      }
      progress?(now)
    }
    try SweepRunner(folder: folder, jobs: jobs, reporting: reporting, cancelled: cancelled).run(only: spec.points)
    return try spec.points.map { p in
      guard let last = folder.chain(p).last else { throw CommandSupport.bad("point \(p.index) wrote no session") }
      return (p, folder.full(last))
    }
  }

  /// The config of `session`'s run and its last checkpoint's parameters in float64 (exact
  /// for a float32 run: every float is a double).
  static func finalParameters(_ session: String) throws -> (TrainingConfig, ParameterSet<Double>) {
    let (_, config, checkpoint) = try CommandSupport.sessionCheckpoint(session)
    do {
      switch config.precision {
      case .float64:
        let engine = try TrainingEngine<Double>(config: config)
        try engine.restore(checkpoint)
        return (config, engine.parameters)
      case .float32:
        let engine = try TrainingEngine<Float>(config: config)
        try engine.restore(checkpoint)
        return (config, ParameterSet(parameters: engine.parameters.parameters.map { NamedParameter(id: $0.id, shape: $0.shape, value: Matrix(converting: $0.value)) }))
      }
    } catch {
      throw CommandSupport.bad("\(session): \(error)")
    }
  }

  /// The engine of `session`'s run, restored to its last checkpoint.
  static func restored(_ session: String) throws -> TrainingEngine<Double> {
    let (_, config, checkpoint) = try CommandSupport.sessionCheckpoint(session)
    guard config.precision == .float64 else { throw CommandSupport.bad("\(session): experiments read float64 runs") }
    do {
      let engine = try TrainingEngine<Double>(config: config)
      try engine.restore(checkpoint)
      return engine
    } catch {
      throw CommandSupport.bad("\(session): \(error)")
    }
  }
}
