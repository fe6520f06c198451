import JSON
import ODECells
import Tableaux

extension TrainingConfig {
  /// The effective config as JSON: every key present, defaults filled in (the session
  /// header's `config`). Parsing it back gives an equal config.
  public var json: JSON {
    var root: [(String, JSON)] = [("cell", cellJSON), ("task", taskJSON)]
    var opt: [(String, JSON)] = [
      ("name", .string(optimizer.name.rawValue)), ("learningRate", .number(optimizer.learningRate)),
    ]
    if optimizer.name == .sgd {
      opt.append(("momentum", .number(optimizer.momentum)))
    } else {
      opt += [
        ("beta1", .number(optimizer.beta1)), ("beta2", .number(optimizer.beta2)),
        ("epsilon", .number(optimizer.epsilon)),
      ]
    }
    opt.append(("clipNorm", optimizer.clipNorm.map(JSON.number) ?? .null))
    root += [
      ("optimizer", .object(.init(uniqueKeysWithValues: opt))),
      ("batchSize", .number(Double(batchSize))),
      ("steps", steps.map { .number(Double($0)) } ?? .null),
      ("seed", .number(Double(seed))),
      ("precision", .string(precision.rawValue)),
      ("threads", .number(Double(threads))),
      ("diagnosticsEvery", .number(Double(diagnosticsEvery))),
      ("checkpointEvery", .number(Double(checkpointEvery))),
      ("constraint", .object(["spectralNorm": spectralNorm.map(JSON.number) ?? .null])),
    ]
    return .object(.init(uniqueKeysWithValues: root))
  }

  private var cellJSON: JSON {
    guard cell.kind == .ode else {
      return .object(["kind": .string(cell.kind.rawValue), "hiddenSize": .number(Double(cell.hiddenSize))])
    }
    let pairs: [(String, JSON)] = [
      ("kind", "ode"),
      ("tableau", tableauJSON(cell.tableau)),
      ("derivativeOrder", .number(Double(cell.derivativeOrder))),
      ("hiddenSize", .number(Double(cell.hiddenSize))),
      ("stepSize", .number(cell.stepSize)),
      ("activation", .string(cell.activation.rawValue)),
      ("structure", .string(cell.structure.rawValue)),
      ("gamma", .number(cell.gamma)),
      ("decay", .array(cell.decay.map(JSON.number))),
      ("gated", .bool(cell.gated)),
      ("implicitIterations", .number(Double(cell.implicitIterations))),
    ]
    return .object(.init(uniqueKeysWithValues: pairs))
  }

  private var taskJSON: JSON {
    let pairs: [(String, JSON)]
    switch task {
    case .adding(let length):
      pairs = [("name", "adding"), ("length", .number(Double(length)))]
    case .copy(let delay, let symbols, let length):
      pairs = [
        ("name", "copy"), ("delay", .number(Double(delay))), ("symbols", .number(Double(symbols))),
        ("length", .number(Double(length))),
      ]
    case .sine(let length, let components, let noise):
      pairs = [
        ("name", "sine"), ("length", .number(Double(length))),
        ("components", .number(Double(components))), ("noise", .number(noise)),
      ]
    case .idx(let images, let labels, let permute, let limit):
      pairs = [
        ("name", "idx"), ("images", .string(images)), ("labels", .string(labels)),
        ("permute", .bool(permute)), ("limit", limit.map { .number(Double($0)) } ?? .null),
      ]
    case .csv(let path, let columns, let window):
      var p: [(String, JSON)] = [("name", "csv"), ("path", .string(path))]
      if let columns { p.append(("columns", .array(columns.map(JSON.string)))) }
      p.append(("window", .number(Double(window))))
      pairs = p
    }
    return .object(.init(uniqueKeysWithValues: pairs))
  }
}

/// A catalog tableau as its name; any other as an inline object with exact entry texts.
func tableauJSON(_ t: ButcherTableau) -> JSON {
  if let known = ButcherTableau.named(t.name), known == t { return .string(t.name) }
  func entry(_ s: String) -> JSON { Double(s).map(JSON.number) ?? .string(s) }
  return .object([
    "name": .string(t.name),
    "a": .array(t.entryText.a.map { .array($0.map(entry)) }),
    "b": .array(t.entryText.b.map(entry)),
    "c": .array(t.entryText.c.map(entry)),
  ])
}
