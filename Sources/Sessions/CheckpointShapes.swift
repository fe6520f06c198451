import ODECells
import Training

/// A checkpoint held against the session's config: the parameters its cell has, in the
/// layout's order (`ParameterLayout`), with the layout's shapes, in the config's precision.
///
/// The input and output sizes `I`, `O` come from the task (file tasks only know them once
/// their data is read), so they are taken from the checkpoint itself — the input weight's
/// second dimension and the readout's first — and every other shape must then agree.
enum CheckpointShapes {
  /// Throws what is wrong, naming the parameter (the reader adds the line).
  static func check(_ c: Checkpoint, against config: TrainingConfig) throws(SessionError) {
    guard c.dtype == config.precision else {
      throw SessionError(line: 0, "checkpoint dtype \(c.dtype.rawValue), but the config's precision is \(config.precision.rawValue)")
    }
    let byName = Dictionary(c.parameters.map { ($0.name, $0.shape) }, uniquingKeysWith: { a, _ in a })
    let inputID: ParameterID = BaselineKind(config.cell.kind).map { .baseline($0, .weightIH) } ?? .input
    let inputs = byName[inputID.name]?.last ?? 1
    let outputs = byName[ParameterID.readoutWeight.name]?.first ?? 1
    let layout = ParameterLayout(spec: config.cell, inputSize: inputs, outputSize: outputs)
    let expected = layout.entries.map { ($0.id.name, $0.shape) }
    for (name, shape) in expected {
      guard let found = byName[name] else { throw SessionError(line: 0, "checkpoint lacks parameter \(name), which the config's cell has") }
      guard found == shape else {
        throw SessionError(line: 0, "checkpoint parameter \(name) has shape \(found), the config's cell needs \(shape)")
      }
    }
    if let extra = c.parameters.first(where: { p in !expected.contains { $0.0 == p.name } }) {
      throw SessionError(line: 0, "checkpoint has parameter \(extra.name), which the config's cell does not have")
    }
    guard c.parameters.map(\.name) == expected.map(\.0) else {
      throw SessionError(line: 0, "checkpoint parameters are out of order: \(c.parameters.map(\.name)), expected \(expected.map(\.0))")
    }
  }
}
