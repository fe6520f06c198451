import Foundation
import ODECells
import Tableaux
import Training

/// The Compose screen's editable fields, in screen order.
public enum ComposeField: Int, Sendable, CaseIterable {
  case tableau, derivativeOrder, hiddenSize, stepSize, activation, structure, gamma, decay, gated
  case implicitIterations, kind, task, length, optimizer, learningRate, batchSize, seed, precision

  /// The label shown left of the value.
  public var label: String {
    switch self {
    case .tableau: "tableau"
    case .derivativeOrder: "derivative order t"
    case .hiddenSize: "hidden size H"
    case .stepSize: "step size ε"
    case .activation: "activation σ"
    case .structure: "structure"
    case .gamma: "diffusion γ"
    case .decay: "decay κ"
    case .gated: "gated"
    case .implicitIterations: "implicit sweeps m"
    case .kind: "cell kind"
    case .task: "task"
    case .length: "sequence length"
    case .optimizer: "optimizer"
    case .learningRate: "learning rate"
    case .batchSize: "batch size"
    case .seed: "seed"
    case .precision: "precision"
    }
  }

  /// The section heading the field starts, if any.
  public var section: String? {
    switch self {
    case .tableau: "Cell"
    case .task: "Task"
    case .optimizer: "Optimizer"
    default: nil
    }
  }
}

/// The config being composed: a `TrainingConfig` the Compose screen edits field by field.
/// The default trains at once: adding (T = 100), antisymmetric Euler, H = 64, until stopped.
public struct ComposeDraft: Sendable, Equatable {
  /// The config; `steps` is nil (the workbench trains until paused or quit).
  public var config: TrainingConfig

  /// DESIGN §1.9's default.
  public init() {
    var c = TrainingConfig(
      cell: CellSpec(hiddenSize: 64, stepSize: 0.1, structure: .antisymmetric, gamma: 0.01),
      task: .adding(length: 100))
    c.optimizer.learningRate = 0.003
    c.steps = nil
    config = c
  }

  /// A draft of an existing config (for `r`eset and tableau editing).
  public init(config: TrainingConfig) { self.config = config }

  /// Whether the field applies to the current cell (ODE-only fields are hidden for baselines).
  public func isVisible(_ f: ComposeField) -> Bool {
    let ode = config.cell.kind == .ode
    switch f {
    case .tableau, .derivativeOrder, .stepSize, .activation, .structure, .decay, .gated: return ode
    case .gamma: return ode && config.cell.structure == .antisymmetric
    case .implicitIterations: return ode && !config.cell.tableau.isExplicit
    default: return true
    }
  }

  /// The visible fields in order.
  public var visibleFields: [ComposeField] { ComposeField.allCases.filter(isVisible) }

  /// A field's value as shown.
  public func text(_ f: ComposeField) -> String {
    let c = config
    switch f {
    case .tableau: return c.cell.tableau.name
    case .derivativeOrder: return "\(c.cell.derivativeOrder)"
    case .hiddenSize: return "\(c.cell.hiddenSize)"
    case .stepSize: return Format.number(c.cell.stepSize)
    case .activation: return c.cell.activation.rawValue
    case .structure: return c.cell.structure.rawValue
    case .gamma: return Format.number(c.cell.gamma)
    case .decay: return c.cell.decay.map(Format.number).joined(separator: ", ")
    case .gated: return c.cell.gated ? "yes" : "no"
    case .implicitIterations: return "\(c.cell.implicitIterations)"
    case .kind: return c.cell.kind.rawValue
    case .task: return c.task.name
    case .length: return "\(Self.length(of: c.task))"
    case .optimizer: return c.optimizer.name.rawValue
    case .learningRate: return Format.number(c.optimizer.learningRate)
    case .batchSize: return "\(c.batchSize)"
    case .seed: return "\(c.seed)"
    case .precision: return c.precision.rawValue
    }
  }

  static func length(of task: TaskSpec) -> Int {
    switch task {
    case .adding(let n): n
    case .copy(let delay, _, _): delay
    case .sine(let n, _, _): n
    case .idx: 784
    case .csv(_, _, let w): w
    }
  }

  /// Steps a field by one notch: `direction` −1 or +1 (enumerations cycle, numbers halve or
  /// double, integers step).
  public mutating func nudge(_ f: ComposeField, _ direction: Int) {
    var c = config
    func cycle<T: Equatable>(_ all: [T], _ v: T) -> T {
      let i = all.firstIndex(of: v) ?? 0
      return all[(i + direction + all.count) % all.count]
    }
    let factor = direction > 0 ? 2.0 : 0.5
    switch f {
    case .tableau:
      let names = ButcherTableau.catalogNames
      let next = cycle(names, names.contains(c.cell.tableau.name) ? c.cell.tableau.name : names[0])
      c.cell.tableau = ButcherTableau.named(next) ?? c.cell.tableau
    case .derivativeOrder: setOrder(&c, min(3, max(1, c.cell.derivativeOrder + direction)))
    case .hiddenSize: c.cell.hiddenSize = min(4096, max(1, direction > 0 ? c.cell.hiddenSize * 2 : c.cell.hiddenSize / 2))
    case .stepSize: c.cell.stepSize *= factor
    case .activation: c.cell.activation = cycle(Activation.allCases, c.cell.activation)
    case .structure: c.cell.structure = cycle(Structure.allCases, c.cell.structure)
    case .gamma: c.cell.gamma = c.cell.gamma == 0 ? (direction > 0 ? 0.01 : 0) : c.cell.gamma * factor
    case .decay: c.cell.decay = c.cell.decay.enumerated().map { $0.offset == 0 ? max(0, $0.element + 0.5 * Double(direction)) : $0.element }
    case .gated: c.cell.gated.toggle()
    case .implicitIterations: c.cell.implicitIterations = min(1000, max(1, c.cell.implicitIterations + direction))
    case .kind:
      c.cell.kind = cycle(CellKind.allCases, c.cell.kind)
    case .task:
      let n = Self.length(of: c.task)
      let tasks: [TaskSpec] = [.adding(length: max(2, n)), .copy(delay: n, symbols: 8, length: 10), .sine(length: n, components: 3, noise: 0.05)]
      let names = tasks.map(\.name)
      let next = cycle(names, names.contains(c.task.name) ? c.task.name : names[0])
      c.task = tasks.first { $0.name == next } ?? c.task
    case .length: setLength(&c, direction > 0 ? Self.length(of: c.task) * 2 : Self.length(of: c.task) / 2)
    case .optimizer: c.optimizer.name = c.optimizer.name == .adam ? .sgd : .adam
    case .learningRate: c.optimizer.learningRate *= factor
    case .batchSize: c.batchSize = min(65536, max(1, direction > 0 ? c.batchSize * 2 : c.batchSize / 2))
    case .seed: c.seed = UInt64(max(0, Int(c.seed) + direction))
    case .precision: c.precision = c.precision == .float32 ? .float64 : .float32
    }
    config = c
  }

  /// Sets a field from typed text; returns an error message naming the field when invalid.
  public mutating func set(_ f: ComposeField, text: String) -> String? {
    let t = text.trimmingCharacters(in: .whitespaces)
    var c = config
    func positive(_ name: String) -> Double? {
      guard let v = Double(t), v.isFinite, v > 0 else { return nil }
      return v
    }
    func int(_ range: ClosedRange<Int>) -> Int? {
      guard let v = Int(t), range.contains(v) else { return nil }
      return v
    }
    switch f {
    case .tableau:
      guard let tab = ButcherTableau.named(t) else { return "\(f.label): unknown tableau \"\(t)\"" }
      c.cell.tableau = tab
    case .derivativeOrder:
      guard let v = int(1...3) else { return "\(f.label): expected 1, 2 or 3" }
      setOrder(&c, v)
    case .hiddenSize:
      guard let v = int(1...4096) else { return "\(f.label): expected an integer in 1...4096" }
      c.cell.hiddenSize = v
    case .stepSize:
      guard let v = positive(f.label) else { return "\(f.label): expected a number > 0" }
      c.cell.stepSize = v
    case .gamma:
      guard let v = Double(t), v.isFinite, v >= 0 else { return "\(f.label): expected a number ≥ 0" }
      c.cell.gamma = v
    case .decay:
      let parts = t.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard parts.count == c.cell.derivativeOrder, parts.allSatisfy({ $0?.isFinite ?? false }) else {
        return "\(f.label): expected \(c.cell.derivativeOrder) comma-separated numbers"
      }
      c.cell.decay = parts.compactMap { $0 }
    case .implicitIterations:
      guard let v = int(1...1000) else { return "\(f.label): expected an integer in 1...1000" }
      c.cell.implicitIterations = v
    case .length:
      guard let v = int(2...1_000_000) else { return "\(f.label): expected an integer in 2...1000000" }
      setLength(&c, v)
    case .learningRate:
      guard let v = positive(f.label) else { return "\(f.label): expected a number > 0" }
      c.optimizer.learningRate = v
    case .batchSize:
      guard let v = int(1...65536) else { return "\(f.label): expected an integer in 1...65536" }
      c.batchSize = v
    case .seed:
      guard let v = UInt64(t), v <= 1 << 53 else { return "\(f.label): expected a non-negative integer" }
      c.seed = v
    case .activation, .structure, .gated, .kind, .task, .optimizer, .precision:
      nudge(f, 1)
      return nil
    }
    config = c
    return nil
  }

  private func setOrder(_ c: inout TrainingConfig, _ t: Int) {
    c.cell.derivativeOrder = t
    c.cell.decay = Array((c.cell.decay + Array(repeating: 0, count: 3)).prefix(t))
  }

  private func setLength(_ c: inout TrainingConfig, _ n: Int) {
    let n = max(2, min(1_000_000, n))
    switch c.task {
    case .adding: c.task = .adding(length: n)
    case .copy(_, let s, let l): c.task = .copy(delay: n, symbols: s, length: l)
    case .sine(_, let k, let noise): c.task = .sine(length: n, components: k, noise: noise)
    default: break
    }
  }
}

/// Number formatting for the screens.
enum Format {
  /// `0.001`, `1e-05`, `64`, `0.1`.
  static func number(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
    if v == v.rounded() && abs(v) < 1e6 { return String(Int(v)) }
    let a = abs(v)
    if a >= 1e-3 && a < 1e5 {
      var s = String(format: "%.4g", v)
      if s.contains("e") { s = "\(v)" }
      return s
    }
    return String(format: "%.3g", v)
  }

  /// `1,234`.
  static func thousands(_ n: Int) -> String {
    let s = String(abs(n))
    var out = ""
    for (i, ch) in s.reversed().enumerated() {
      if i > 0 && i % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return (n < 0 ? "-" : "") + String(out.reversed())
  }
}
