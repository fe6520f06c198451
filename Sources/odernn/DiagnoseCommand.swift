import ArgumentParser
import Experiments
import Foundation
import JSON
import Training

/// `odernn diagnose --session FILE [--step N] [--json]`: what a checkpoint of any run does to
/// its state along the run's validation sequences (`RunDiagnosis`): `‖h_t‖` against t, the
/// singular values of `∂S_T/∂S_0` (papers.md §3.11 items 3 and 5) and, for sequence-to-one
/// tasks, Miller & Hardt's truncation gap `‖h_T − h_T^k‖∞` and the truncated loss for
/// k = 1, 2, 4, … ≤ T (papers.md §4.4).
struct DiagnoseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diagnose",
    abstract: "A session's state norms through time, truncation gap and singular values of dS_T/dS_0.")

  @Option(help: "The session file.")
  var session: String

  @Option(parsing: .unconditional, help: "The checkpoint's step (default: the last checkpoint).")
  var step: Int?

  @Flag(help: "Print JSON: {step, sequenceLength, examples, stateNorms, jacobian, truncation}.")
  var json = false

  func validate() throws {
    if let step, step < 0 { throw ValidationError("--step must be a checkpoint step >= 0, got \(step)") }
  }

  func run() throws {
    let (_, config, checkpoint) = try CommandSupport.sessionCheckpoint(session, step: step)
    try CommandSupport.setUpBLAS(threads: config.threads)
    let d: RunDiagnosis
    do { d = try diagnose(checkpoint, of: config) } catch { throw CommandSupport.bad("\(session): \(error)") }
    if json {
      CommandSupport.printJSON(Self.json(d))
    } else {
      let text = Self.text(d, session: session)
      StandardOutput.line(ASCIIText.byLocale ? ASCIIText.transliterate(text) : text)
    }
  }

  /// The contract of `--json`. `truncation` is null for a task read out at every step, with
  /// `truncationNote` saying so; a window's `bound` is null where it is not a theorem.
  static func json(_ d: RunDiagnosis) -> JSON {
    let sv = d.trajectory
    var object: JSON = .object([
      "step": .number(Double(d.step)), "sequenceLength": .number(Double(d.sequenceLength)),
      "examples": .number(Double(d.examples)), "stateNorms": .array(sv.stateNorms.map(JSON.number)),
      "jacobian": .object([
        "singularValues": .array(sv.jacobianSingularValues.map(JSON.number)), "median": .number(sv.medianSingularValue),
        "roundingFloor": .number(sv.roundingFloor),
      ]),
    ])
    switch d.truncation {
    case .success(let gap):
      try? object.setMember(
        .object([
          "lambda": .number(gap.lambda), "fullLoss": .number(gap.fullLoss),
          "fittedRate": gap.fittedRate().map(JSON.number) ?? .null,
          "windows": .array(
            gap.windows.map { w in
              .object(["k": .number(Double(w.k)), "gap": .number(w.gap), "loss": .number(w.loss), "bound": w.bound.map(JSON.number) ?? .null])
            }),
        ]), at: ["truncation"])
    case .failure(let why):
      try? object.setMember(.null, at: ["truncation"])
      try? object.setMember(.string(why.description), at: ["truncationNote"])
    }
    return object
  }

  /// Three tables: `‖h_t‖` at t = 1, 2, 4, … and T; the truncation gap per window (or why
  /// there is none); the singular values by decade with σ₁, the median and the rounding floor.
  static func text(_ d: RunDiagnosis, session: String) -> String {
    let t = d.trajectory
    var out = ["\(session) at step \(d.step): validation set, \(d.examples) sequences of T = \(d.sequenceLength)", ""]
    let marks = Array(Set(TruncationGap.windows(upTo: d.sequenceLength) + [d.sequenceLength])).sorted()
    out.append(
      TextTable(columns: ["t", "‖h_t‖ (RMS over sequences)"], rows: marks.map { [.number(Double($0)), .number(t.stateNorms[$0 - 1])] }).text)
    out.append("")
    switch d.truncation {
    case .success(let gap):
      out.append(
        TextTable(
          columns: ["k", "gap ‖h_T − h_T^k‖∞", "bound λ^k L/(1−λ)", "truncated loss"],
          rows: gap.windows.map { [.number(Double($0.k)), .number($0.gap), $0.bound.map(JSON.number) ?? .null, .number($0.loss)] }
        ).text)
      let rate = gap.fittedRate().map { "fitted rate \(TextTable.number($0))" } ?? "no fitted rate (the gap is at rounding)"
      out.append("full loss \(TextTable.number(gap.fullLoss)), ‖M₀‖₂ = \(TextTable.number(gap.lambda)), \(rate)")
    case .failure(let why):
      out.append("truncation gap: none (\(why.description))")
    }
    out.append("")
    out.append(
      TextTable(
        columns: ["decade", "singular values of ∂S_T/∂S_0"],
        rows: t.singularValueDecades.map { [.string("1e\($0.exponent)"), .number(Double($0.count))] }
      ).text)
    let s = t.jacobianSingularValues
    out.append(
      "σ₁ = \(TextTable.number(s.first ?? .nan)), median \(TextTable.number(t.medianSingularValue)), "
        + "smallest \(TextTable.number(s.last ?? .nan)); below \(TextTable.number(t.roundingFloor)) is rounding")
    return out.joined(separator: "\n")
  }
}
