import JSON
import Linalg
import ODECells
import Tableaux

extension TrainingConfig {
  /// Parses and validates a config (DESIGN §1.4). Unknown keys, wrong types and
  /// out-of-range values are errors naming the key; so are keys that the chosen cell kind or
  /// optimizer would ignore (a typo must not silently train something else).
  ///
  /// - Parameter allowUnboundedSteps: whether `"steps": null` (train until stopped) is
  ///   allowed: in the workbench only.
  public static func parse(_ json: JSON, allowUnboundedSteps: Bool = false) throws(ConfigError) -> TrainingConfig {
    do {
      var root = try JSONObjectReader(json)
      let cell = try parseCell(&root)
      let task = try root.object("task") { (r: inout JSONObjectReader) throws(JSONError) in try parseTask(&r) }
      var config = TrainingConfig(cell: try cell.get(), task: task)
      config.optimizer = try root.object("optimizer") { (r: inout JSONObjectReader) throws(JSONError) in
        try parseOptimizer(&r)
      }
      config.batchSize = try root.int("batchSize", default: 64, range: 1...65536)
      if let steps = root.value("steps") {
        if steps.isNull {
          guard allowUnboundedSteps else {
            throw JSONError(.key(path: "steps"), "null (train until stopped) is allowed in the workbench only; give a number of steps")
          }
          config.steps = nil
        } else {
          config.steps = try steps.int(range: 1...100_000_000)
        }
      }
      config.seed = UInt64(try root.int("seed", default: 1, range: 0...(1 << 53)))
      let precision = try root.enumeration("precision", default: "float32", allowed: DType.allCases.map(\.rawValue))
      config.precision = DType(rawValue: precision) ?? .float32
      config.threads = try root.int("threads", default: 1, range: 1...64)
      config.diagnosticsEvery = try root.int("diagnosticsEvery", default: 25, range: 1...1_000_000)
      config.checkpointEvery = try root.int("checkpointEvery", default: 500, range: 1...100_000_000)
      config.spectralNorm = try root.object("constraint") { (r: inout JSONObjectReader) throws(JSONError) in
        try r.optionalDouble("spectralNorm", range: .greaterThan(0))
      }
      try root.finish()
      if config.spectralNorm != nil {
        if config.cell.kind != .ode {
          throw ConfigError(key: "constraint.spectralNorm", "needs an ode cell (there is no W0 in an \(config.cell.kind.rawValue))")
        }
        if config.cell.structure == .antisymmetric {
          throw ConfigError(key: "constraint.spectralNorm", "cannot be used with antisymmetric structure: M0 = W0 − W0ᵀ − γI is not W0, and its spectrum is set by γ")
        }
      }
      return config
    } catch let error as JSONError {
      throw ConfigError(error.description)
    } catch let error as ConfigError {
      throw error
    } catch {
      throw ConfigError("\(error)")
    }
  }

  /// Parses `cell`; tableau errors come back as `ConfigError` inside the result so that the
  /// JSON reader's typed throws stay `JSONError`.
  private static func parseCell(_ root: inout JSONObjectReader) throws(JSONError) -> Result<CellSpec, ConfigError> {
    var r = try root.requiredObject("cell")
    let kindName = try r.enumeration("kind", default: "ode", allowed: CellKind.allCases.map(\.rawValue))
    let kind = CellKind(rawValue: kindName) ?? .ode
    let hidden = try r.requiredInt("hiddenSize", range: 1...4096)
    guard kind == .ode else {
      if let extra = r.unknownKeys.first {
        throw JSONError(.key(path: r.path(of: extra)), "not used by an \(kindName) cell (only kind and hiddenSize are)")
      }
      return .success(CellSpec(kind: kind, hiddenSize: hidden))
    }
    let order = try r.int("derivativeOrder", default: 1, range: 1...3)
    var spec = CellSpec(kind: .ode, derivativeOrder: order, hiddenSize: hidden)
    spec.stepSize = try r.double("stepSize", default: 1, range: .greaterThan(0))
    spec.activation = Activation(rawValue: try r.enumeration("activation", default: "tanh", allowed: Activation.allCases.map(\.rawValue))) ?? .tanh
    spec.structure = Structure(rawValue: try r.enumeration("structure", default: "dense", allowed: Structure.allCases.map(\.rawValue))) ?? .dense
    spec.gamma = try r.double("gamma", default: 0, range: .atLeast(0))
    if let decay = r.value("decay") {
      spec.decay = try decay.doubles(count: order)
    }
    spec.gated = try r.bool("gated", default: false)
    spec.implicitIterations = try r.int("implicitIterations", default: 8, range: 1...1000)
    let tableau = r.value("tableau")
    try r.finish()
    guard let tableau else { return .success(spec) }
    switch TableauLoading.tableau(from: tableau) {
    case .success(let t): spec.tableau = t
    case .failure(let e): return .failure(e)
    }
    return .success(spec)
  }

  private static func parseTask(_ r: inout JSONObjectReader) throws(JSONError) -> TaskSpec {
    let name = try r.requiredEnumeration("name", allowed: ["adding", "copy", "sine", "idx", "csv"])
    switch name {
    case "adding":
      return .adding(length: try r.int("length", default: 100, range: 2...1_000_000))
    case "copy":
      return .copy(
        delay: try r.int("delay", default: 100, range: 1...1_000_000),
        symbols: try r.int("symbols", default: 8, range: 1...10_000),
        length: try r.int("length", default: 10, range: 1...1_000_000))
    case "sine":
      return .sine(
        length: try r.int("length", default: 100, range: 1...1_000_000),
        components: try r.int("components", default: 3, range: 1...1000),
        noise: try r.double("noise", default: 0.05, range: .atLeast(0)))
    case "idx":
      return .idx(
        images: try r.requiredString("images"), labels: try r.requiredString("labels"),
        permute: try r.bool("permute", default: false),
        limit: try r.optionalInt("limit", range: 1...100_000_000))
    default:
      let columns = try r.array("columns")?.map { (c: JSONValueReader) throws(JSONError) in try c.string() }
      if let columns, columns.isEmpty {
        throw JSONError(.key(path: r.path(of: "columns")), "expected at least one column name")
      }
      return .csv(
        path: try r.requiredString("path"), columns: columns,
        window: try r.int("window", default: 50, range: 1...1_000_000))
    }
  }

  private static func parseOptimizer(_ r: inout JSONObjectReader) throws(JSONError) -> OptimizerSpec {
    var o = OptimizerSpec()
    o.name = OptimizerSpec.Name(rawValue: try r.enumeration("name", default: "adam", allowed: ["sgd", "adam"])) ?? .adam
    o.learningRate = try r.double("learningRate", default: 0.001, range: .greaterThan(0))
    o.clipNorm = try r.optionalDouble("clipNorm", range: .greaterThan(0))
    let own: [String] = o.name == .sgd ? ["momentum"] : ["beta1", "beta2", "epsilon"]
    let other: [String] = o.name == .sgd ? ["beta1", "beta2", "epsilon"] : ["momentum"]
    if let wrong = other.first(where: { r.contains($0) }) {
      throw JSONError(.key(path: r.path(of: wrong)), "not used by \(o.name.rawValue)")
    }
    if own.contains("momentum") {
      o.momentum = try r.double("momentum", default: 0.9, range: .halfOpen(0, 1))
    } else {
      o.beta1 = try r.double("beta1", default: 0.9, range: .halfOpen(0, 1))
      o.beta2 = try r.double("beta2", default: 0.999, range: .halfOpen(0, 1))
      o.epsilon = try r.double("epsilon", default: 1e-8, range: .greaterThan(0))
    }
    return o
  }
}
