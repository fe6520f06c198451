import TerminalGrid
import WorkbenchUI

/// Saved sessions for the Sessions screen's tests: long file names that differ only at the
/// end, every status, and configs that differ in the tableau, the order, ε and the task.
enum SessionsFixtures {
  static func settings(_ tableau: String, _ order: Int, _ stepSize: String, _ task: String, seed: Int = 1) -> [SessionSetting] {
    [
      SessionSetting(key: "cell.kind", value: "ode"), SessionSetting(key: "cell.tableau", value: tableau),
      SessionSetting(key: "cell.derivativeOrder", value: "\(order)"), SessionSetting(key: "cell.stepSize", value: stepSize),
      SessionSetting(key: "cell.hiddenSize", value: "64"), SessionSetting(key: "task.name", value: task),
      SessionSetting(key: "seed", value: "\(seed)"),
    ]
  }

  static let live = "20261201-071800-euler-antisymmetric-adding.session"

  static let listings: [SessionListing] = [
    SessionListing(
      file: "20261201-071657-euler-antisymmetric-adding.session", cell: "euler t=1", task: "adding", steps: 2000,
      finalLoss: 0.0123, status: "finished", settings: settings("euler", 1, "0.1", "adding")),
    SessionListing(
      file: "20261201-071702-rk4-antisymmetric-sine.session", cell: "rk4 t=2", task: "sine", steps: 150, finalLoss: .nan,
      status: "diverged", settings: settings("rk4", 2, "0.1", "sine")),
    SessionListing(
      file: "20261201-071710-rk4-antisymmetric-sine.session", cell: "rk4 t=2", task: "sine", steps: 900, finalLoss: 0.2,
      status: "stopped", settings: settings("rk4", 2, "0.05", "sine")),
    SessionListing(
      file: "20261201-071744-gauss-legendre-2-copy.session", cell: "gauss-legendre-2 t=1", task: "copy", steps: 40,
      finalLoss: 0.5, status: "interrupted", settings: settings("gauss-legendre-2", 1, "0.1", "copy")),
    SessionListing(
      file: live, cell: "euler t=1", task: "adding", steps: 12, finalLoss: 0.16, status: "interrupted",
      settings: settings("euler", 1, "0.1", "adding", seed: 2)),
  ]

  /// A decaying curve of `steps` points, different per `k`.
  static func curve(_ k: Int, steps: Int) -> SessionCurve {
    var loss = MetricsHistory()
    for s in 1...max(1, steps) { loss.append(step: s, value: 0.2 / (1 + Double(s) / Double(40 * (k + 1)))) }
    return SessionCurve(steps: steps, loss: loss)
  }

  /// The Sessions screen with every fixture listed, the live run writing the last one, and
  /// the first three overlaid (their curves read).
  static func model(_ size: Size, overlaid: Int = 3, mode: RenderMode = .unicode) -> WorkbenchModel {
    var m = Fixtures.model(size, mode: mode)
    _ = Workbench.update(&m, .key(.character(" ")))
    _ = Workbench.update(&m, .runStarted(run: m.live?.id ?? 0, session: "sessions/\(live)"))
    _ = Workbench.update(&m, .key(.character("S")))
    _ = Workbench.update(&m, .sessionsListed(listings))
    var curves: [String: SessionCurve] = [:]
    for (k, s) in listings.enumerated() { curves[s.file] = curve(k, steps: s.steps) }
    _ = Workbench.update(&m, .curvesLoaded(curves))
    for _ in 0..<overlaid {
      _ = Workbench.update(&m, .key(.character(" ")))
      _ = Workbench.update(&m, .key(.down))
    }
    return m
  }
}
