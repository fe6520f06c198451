import Experiments
import Foundation
import JSON
import Linalg
import Sessions
import Training

/// `odernn experiment antisymmetric` (AntisymmetricRNN, papers.md §3.7–3.11): antisymmetric
/// cells, gated and plain, for γ ∈ {0, 0.01, 0.1} (quick: γ = 0.01 only), against a vanilla
/// tanh RNN and an LSTM (full only) on the adding problem, H = 64: T = 200 and 3000 steps, or
/// for quick T = 100 and 1200 steps (the gated cell leaves the mean predictor near step 900).
///
/// Claim: the gated antisymmetric cell learns (its final validation MSE is below half the
/// mean predictor's 1/6) where the vanilla RNN stays at the mean predictor (above 90% of it);
/// every antisymmetric cell's M₀ = W₀ − W₀ᵀ − γI has its eigenvalues on Re = −γ (to 1e-12);
/// and every one-step-map eigenvalue the gated cells recorded during training lies within 2% of
/// the unit circle. The plain cells' are reported only: Euler maps iω to |1 + εiω| > 1, which
/// the gate's damping (sigmoid < 1 on the field) offsets and γ alone may not.
enum AntisymmetricExperiment {
  static let name = "antisymmetric"
  static let claim =
    "the gated antisymmetric cell learns the adding problem where the vanilla RNN stays at the mean predictor, every antisymmetric M₀'s eigenvalues lie on Re = −γ, and the gated cells' one-step-map eigenvalues stay within 2% of the unit circle"
  /// The adding problem's mean predictor: Var(U₁ + U₂) = 1/6.
  static let meanPredictor = 1.0 / 6
  static let circleTolerance = 0.02
  static let realPartTolerance = 1e-12

  struct Run {
    /// What the claim asks of a run's final validation loss.
    enum Role { case learns, staysAtTheMean, reported }
    var label: String
    var cell: JSON
    var role: Role = .reported
  }

  static func runs(quick: Bool) -> [Run] {
    let h: JSON = 64
    let gammas: [Double] = quick ? [0.01] : [0, 0.01, 0.1]
    var out: [Run] = []
    for gated in [true, false] {
      for g in gammas {
        out.append(Run(
          label: "\(gated ? "gated " : "")antisymmetric γ=\(TextTable.number(g))",
          cell: ["hiddenSize": h, "structure": "antisymmetric", "gamma": .number(g), "stepSize": 0.1, "gated": .bool(gated)],
          role: gated && g == 0.01 ? .learns : .reported))
      }
    }
    out.append(Run(label: "vanilla tanh RNN", cell: ["hiddenSize": h, "stepSize": 1, "decay": [1]], role: .staysAtTheMean))
    if !quick { out.append(Run(label: "LSTM", cell: ["kind": "lstm", "hiddenSize": h])) }
    return out
  }

  static func base(quick: Bool, task: JSON) -> JSON {
    [
      "cell": ["hiddenSize": 1], "task": task,
      "optimizer": ["name": "adam", "learningRate": 0.003, "clipNorm": 1],
      "batchSize": 64, "steps": quick ? 1200 : 3000, "seed": 1, "precision": quick ? "float64" : "float32",
      "diagnosticsEvery": 100, "checkpointEvery": 1000,
    ]
  }

  static func run(_ context: ExperimentContext) throws -> ExperimentReport {
    let all = runs(quick: context.quick)
    let adding: JSON = ["name": "adding", "length": context.quick ? 100 : 200]
    let trained = try context.sweep(base: base(quick: context.quick, task: adding), grid: [("cell", all.map(\.cell))])
    var rows: [[JSON]] = []
    var findings: [String] = []
    var holds = true
    for ((_, session), run) in zip(trained, all) {
      let s = try CommandSupport.readSession(session)
      let valLoss = s.metrics.last { $0.valLoss != nil }?.valLoss ?? .nan
      let maps = s.events.flatMap { e -> [Double] in
        if case .eigen(let d) = e.event { return d.map.map(\.length) }
        return []
      }
      let (config, parameters) = try ExperimentContext.finalParameters(session)
      var realGap: JSON = .null
      if config.cell.structure == .antisymmetric {
        let m0 = config.cell.recurrentMatrices(of: parameters)[0]
        let gamma = config.cell.gamma
        let gap = try m0.eigenvalues().map { abs($0.real + gamma) }.max() ?? 0
        realGap = .number(gap)
        if gap > realPartTolerance { holds = false }
        let lo = maps.min() ?? .nan, hi = maps.max() ?? .nan
        let within = !maps.isEmpty && maps.allSatisfy { abs($0 - 1) <= circleTolerance }
        let gated = config.cell.gated
        if gated && !within { holds = false }
        findings.append("\(run.label): max |Re λ(M₀) + γ| = \(TextTable.number(gap)); map |λ| ∈ [\(TextTable.number(lo)), \(TextTable.number(hi))] over \(maps.count) recorded eigenvalues, \(within ? "within" : "outside") 2%\(gated ? "" : " (reported)")")
      }
      rows.append([
        .string(run.label), .string(config.task.addingLength.map { "adding T=\($0)" } ?? config.task.name), .number(valLoss), .number(valLoss / meanPredictor), realGap,
        .number(maps.min() ?? .nan), .number(maps.max() ?? .nan), .number(try Self.medianSingularValue(session)),
      ])
      if run.role == .learns {
        let learns = valLoss < 0.5 * meanPredictor
        holds = holds && learns
        findings.append("\(run.label): final validation MSE \(TextTable.number(valLoss)) = \(TextTable.number(valLoss / meanPredictor)) × the mean predictor's (\(learns ? "learns" : "does not learn"))")
      }
      if run.role == .staysAtTheMean {
        let stays = valLoss > 0.9 * meanPredictor
        holds = holds && stays
        findings.append("\(run.label): final validation MSE \(TextTable.number(valLoss)) = \(TextTable.number(valLoss / meanPredictor)) × the mean predictor's (\(stays ? "stays there" : "learns"))")
      }
    }
    var sessions = trained.map(\.session)
    if !context.quick {
      let (digitRows, digitSessions, note) = try digits(context)
      rows += digitRows
      sessions += digitSessions
      findings.append(note)
    }
    return ExperimentReport(
      experiment: name, claim: claim, holds: holds,
      columns: ["cell", "task", "final valLoss", "÷ mean predictor", "max |Re λ(M₀) + γ|", "min |λ(map)|", "max |λ(map)|", "median σ(∂S_T/∂S_0)"],
      rows: rows, sessions: sessions, findings: findings)
  }

  /// The median singular value of `∂S_T/∂S_0` at the session's last checkpoint (papers.md
  /// §3.11 item 5; `TrajectoryDiagnostics`): memory kept (≈ 1) or lost (≪ 1) over T steps.
  static func medianSingularValue(_ session: String) throws -> Double {
    let (_, config, checkpoint) = try CommandSupport.sessionCheckpoint(session)
    do {
      return try diagnose(checkpoint, of: config).trajectory.medianSingularValue
    } catch {
      throw CommandSupport.bad("\(session): \(error)")
    }
  }

  /// The repository's digits, pixel by pixel (T = 64), with the three example configs'
  /// cells: the test accuracy of each, reported (not part of the claim). Needs the working
  /// directory to be the repository's root, where `examples/` is.
  static let digitConfigs = ["digits-gated-antisymmetric", "digits-vanilla-rnn", "digits-lstm"]

  static func digits(_ context: ExperimentContext) throws -> (rows: [[JSON]], sessions: [String], note: String) {
    let paths = digitConfigs.map { "examples/\($0).json" }
    guard paths.allSatisfy(FileManager.default.fileExists) else {
      return ([], [], "digits: skipped, examples/digits-*.json not found (run from the repository's root)")
    }
    let configs = try paths.map(CommandSupport.readJSON)
    let trained = try context.sweep(base: configs[0], grid: [("cell", configs.map { $0["cell"] ?? .null })], part: "digits")
    var rows: [[JSON]] = []
    var notes: [String] = []
    for ((_, session), name) in zip(trained, digitConfigs) {
      let (s, config, checkpoint) = try CommandSupport.sessionCheckpoint(session)
      let test: Evaluation
      do { test = try evaluate(checkpoint, of: config, on: .test) } catch { throw CommandSupport.bad("\(session): \(error)") }
      let valLoss = s.metrics.last { $0.valLoss != nil }?.valLoss ?? .nan
      rows.append([
        .string(name), .string("digits T=64, test accuracy \(TextTable.number(test.accuracy ?? .nan))"), .number(valLoss), .null, .null, .null, .null,
        .number(try medianSingularValue(session)),
      ])
      notes.append("\(name) \(TextTable.number(test.accuracy ?? .nan))")
    }
    return (rows, trained.map(\.session), "digits test accuracy (reported): " + notes.joined(separator: ", "))
  }
}

extension TaskSpec {
  /// T of an adding task.
  var addingLength: Int? {
    if case .adding(let t) = self { return t }
    return nil
  }
}
