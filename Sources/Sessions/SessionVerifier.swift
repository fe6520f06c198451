import Foundation
import Training

/// `replay --verify`: re-runs training from a session's header and compares every recorded
/// metric (DESIGN §1.6).
///
/// The run restarts from the header's config (a resumed session: from its parent's
/// checkpoint), re-applies recorded `control` events before their steps, and compares
/// `loss`, `gradNorm`, `lr`, `valLoss` and `accuracy` of every recorded step: exactly, or with
/// `|a − b| ≤ R·max(|a|, |b|)` under a tolerance `R`. Equal non-finite values match; a field
/// present on one side only is a mismatch.
public enum SessionVerifier {
  /// The first difference found.
  public struct Mismatch: Error, CustomStringConvertible, Equatable {
    /// The step.
    public var step: Int
    /// The field.
    public var field: String
    /// The recorded value.
    public var recorded: Double?
    /// The re-computed value.
    public var recomputed: Double?

    /// `step 12: loss recorded 0.5 but re-computed 0.50000001`.
    public var description: String {
      func s(_ v: Double?) -> String { v.map { "\($0)" } ?? "absent" }
      return "step \(step): \(field) recorded \(s(recorded)) but re-computed \(s(recomputed))"
    }
  }

  /// Whether two values match under `tolerance` (nil: bit-exact).
  public static func matches(_ a: Double?, _ b: Double?, tolerance: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let x?, let y?):
      if x.isNaN && y.isNaN { return true }
      if !x.isFinite || !y.isFinite { return x == y }
      guard let r = tolerance else { return x.bitPattern == y.bitPattern || (x == 0 && y == 0) }
      return abs(x - y) <= r * max(abs(x), abs(y))
    default: return false
    }
  }

  /// Re-runs `session` (read from `path`, whose folder holds a parent session) and returns
  /// the number of steps compared, or throws the first mismatch; bad input throws
  /// `SessionError`.
  public static func verify(_ session: Session, path: String, tolerance: Double?) throws -> Int {
    let recorded = session.metrics
    guard let last = recorded.last?.step else { return 0 }
    let config = try session.header.trainingConfig()
    let run: any TrainingRun
    do {
      run = try makeTrainingRun(config)
    } catch {
      throw SessionError(line: 1, "cannot re-create the run: \(error.description)")
    }
    if let parent = session.header.parent {
      let parentPath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(parent.file).path
      let parentSession = try Session.read(path: parentPath)
      guard let c = parentSession.checkpoints.first(where: { $0.step == parent.step }) else {
        throw SessionError(line: 1, "parent \(parent.file) has no checkpoint at step \(parent.step)")
      }
      do { try run.restore(c) } catch { throw SessionError(line: 1, "parent checkpoint: \(error.description)") }
    }
    let driver = TrainingDriver(run: run, eigen: false)  // metrics are compared, eigenvalues not
    var controls = session.controls[...]
    var byStep: [Int: StepMetrics] = [:]
    for m in recorded { byStep[m.step] = m }
    var compared = 0
    while run.step < last && !driver.isDone {
      while let c = controls.first, c.step <= run.step + 1 {
        _ = driver.apply(c.action, value: c.value)
        controls = controls.dropFirst()
      }
      for case .metrics(let rows) in driver.advance() {
        for m in rows {
          guard let r = byStep[m.step] else { continue }
          compared += 1
          let pairs: [(String, Double?, Double?)] = [
            ("loss", r.loss, m.loss), ("gradNorm", r.gradNorm, m.gradNorm), ("lr", r.lr, m.lr),
            ("valLoss", r.valLoss, m.valLoss), ("accuracy", r.accuracy, m.accuracy),
          ]
          for (field, a, b) in pairs where !matches(a, b, tolerance: tolerance) {
            throw Mismatch(step: m.step, field: field, recorded: a, recomputed: b)
          }
        }
      }
    }
    return compared
  }
}
