import JSON
import Linalg
import ODECells

/// The training configuration's one table of keys (DESIGN §1.3, §1.4). Parsing a config file,
/// `--set`, the effective config in session headers, `validate()` and the workbench's Compose
/// fields all read this table, so a key, its range and its applicability exist once.
///
/// Order matters: it is the order of the effective config's keys and of Compose's rows, and a
/// field's condition reads only fields above it (kind before the ODE keys, structure before
/// `gamma`, `task.name` before the task's keys). A key may appear on several rows with
/// disjoint conditions (`task.length` of adding, copy and sine); for any config at most one row
/// per key applies. Adding a key is one row here plus the struct field it fills.
public enum ConfigSchema {
  /// Every field, in effective-config order.
  public static let fields: [ConfigField] = [
    // MARK: cell (DESIGN §1.3)
    ConfigField("cell.kind", "cell kind", .choice, \.cell.kind, nudge: .cycle),
    ConfigField("cell.tableau", "tableau", .tableau, \.cell.tableau, when: .odeCell, nudge: .cycle),
    ConfigField(
      "cell.derivativeOrder", "derivative order t", .integer(1...3), \.cell.derivativeOrder, when: .odeCell, nudge: .step(1),
      didSet: { c in
        let t = c.cell.derivativeOrder
        c.cell.decay = Array((c.cell.decay + Array(repeating: 0, count: t)).prefix(t))
      }),
    ConfigField("cell.hiddenSize", "hidden size H", .integer(1...4096), \.cell.hiddenSize, required: true, nudge: .scale(start: 1)),
    ConfigField("cell.stepSize", "step size ε", .number(.greaterThan(0)), \.cell.stepSize, when: .odeCell, nudge: .scale(start: 1)),
    ConfigField("cell.activation", "activation σ", .choice, \.cell.activation, when: .odeCell, nudge: .cycle),
    ConfigField("cell.structure", "structure", .choice, \.cell.structure, when: .odeCell, nudge: .cycle),
    ConfigField("cell.gamma", "diffusion γ", .number(.atLeast(0)), \.cell.gamma, when: .antisymmetric, nudge: .scale(start: 0.01)),
    ConfigField(
      "cell.decay", "decay κ", .numbers(count: { $0.cell.derivativeOrder }), \.cell.decay, when: .odeCell, nudge: .step(0.5)),
    ConfigField("cell.gated", "gated", .bool, \.cell.gated, when: .odeCell, nudge: .cycle),
    ConfigField(
      "cell.solver", "implicit solver", .choice, \.cell.solver, when: .implicitTableau, nudge: .cycle,
      legacy: .string(ImplicitSolver.legacy.rawValue)),
    ConfigField(
      "cell.implicitIterations", "iterations m", .integer(1...1000), \.cell.implicitIterations, when: .implicitTableau,
      nudge: .step(1)),
    ConfigField(
      "cell.solverTolerance", "Newton tolerance τ", .optional(.number(.greaterThan(0))), \.cell.solverTolerance, when: .newtonSolver,
      nudge: .scale(start: 1e-6), nullIn: { "\(ImplicitSolver.defaultTolerance($0.precision)), \($0.precision.rawValue)'s default" }),

    // MARK: task (DESIGN §1.4)
    ConfigField("task.name", "task", .choice, \.task.kind, required: true, nudge: .cycle),
    ConfigField("task.length", "sequence length T", .integer(2...1_000_000), \.task.length, when: .task(.adding), nudge: .scale(start: 2)),
    ConfigField("task.delay", "delay", .integer(1...1_000_000), \.task.delay, when: .task(.copy), nudge: .scale(start: 1)),
    ConfigField("task.symbols", "symbols", .integer(1...10_000), \.task.symbols, when: .task(.copy), nudge: .scale(start: 1)),
    ConfigField("task.length", "copy length", .integer(1...1_000_000), \.task.length, when: .task(.copy), nudge: .scale(start: 1)),
    ConfigField("task.length", "sequence length T", .integer(1...1_000_000), \.task.length, when: .task(.sine), nudge: .scale(start: 1)),
    ConfigField("task.components", "components", .integer(1...1000), \.task.components, when: .task(.sine), nudge: .step(1)),
    ConfigField("task.noise", "noise", .number(.atLeast(0)), \.task.noise, when: .task(.sine), nudge: .scale(start: 0.05)),
    ConfigField("task.images", "images file", .text, \.task.images, when: .task(.idx), required: true, nudge: .typed),
    ConfigField("task.labels", "labels file", .text, \.task.labels, when: .task(.idx), required: true, nudge: .typed),
    ConfigField("task.permute", "permute pixels", .bool, \.task.permute, when: .task(.idx), nudge: .cycle),
    ConfigField(
      "task.limit", "examples", .optional(.integer(1...100_000_000)), \.task.limit, when: .task(.idx), nudge: .scale(start: 1000),
      null: "all"),
    ConfigField(
      "task.testImages", "test images file", .optional(.text), \.task.testImages, when: .task(.idx), nudge: .typed, null: "none"),
    ConfigField(
      "task.testLabels", "test labels file", .optional(.text), \.task.testLabels, when: .task(.idx), nudge: .typed, null: "none",
      rule: testLabelsRule),
    ConfigField("task.path", "CSV file", .text, \.task.path, when: .task(.csv), required: true, nudge: .typed),
    ConfigField("task.columns", "columns", .optional(.names), \.task.columns, when: .task(.csv), nudge: .typed, null: "all numeric"),
    ConfigField("task.window", "window", .integer(1...1_000_000), \.task.window, when: .task(.csv), nudge: .scale(start: 1)),
    ConfigField(
      "task.testPath", "test CSV file", .optional(.text), \.task.testPath, when: .task(.csv), nudge: .typed, null: "none"),
    ConfigField("task.validation", "validation set", .validationSize, \.task.validation, when: .fileTask, nudge: .scale(start: 0.1)),
    ConfigField("task.dataSeed", "data seed", .integer(0...(1 << 53)), \.dataSeed, when: .fileTask, nudge: .step(1)),

    // MARK: optimizer (DESIGN §1.4)
    ConfigField("optimizer.name", "optimizer", .choice, \.optimizer.name, nudge: .cycle),
    ConfigField("optimizer.learningRate", "learning rate", .number(.greaterThan(0)), \.optimizer.learningRate, nudge: .scale(start: 0.001)),
    ConfigField(
      "optimizer.momentum", "momentum μ", .number(.halfOpen(0, 1)), \.optimizer.momentum, when: .optimizer(.sgd), nudge: .step(0.05)),
    ConfigField("optimizer.beta1", "β₁", .number(.halfOpen(0, 1)), \.optimizer.beta1, when: .optimizer(.adam), nudge: .step(0.05)),
    ConfigField("optimizer.beta2", "β₂", .number(.halfOpen(0, 1)), \.optimizer.beta2, when: .optimizer(.adam), nudge: .typed),
    ConfigField(
      "optimizer.epsilon", "ε (Adam)", .number(.greaterThan(0)), \.optimizer.epsilon, when: .optimizer(.adam), nudge: .scale(start: 1e-8)),
    ConfigField(
      "optimizer.clipNorm", "clip norm", .optional(.number(.greaterThan(0))), \.optimizer.clipNorm, nudge: .scale(start: 1), null: "off"),

    // MARK: the run (DESIGN §1.4)
    ConfigField("batchSize", "batch size", .integer(1...65536), \.batchSize, nudge: .scale(start: 1)),
    ConfigField(
      "steps", "steps", .optional(.integer(1...100_000_000), nullRefusal: unboundedStepsRefusal), \.steps, nudge: .scale(start: 2000),
      null: "until stopped"),
    ConfigField("seed", "seed", .integer(0...(1 << 53)), \.seed, nudge: .step(1)),
    ConfigField("precision", "precision", .choice, \.precision, nudge: .cycle),
    ConfigField("threads", "BLAS threads", .integer(1...64), \.threads, nudge: .step(1)),
    ConfigField("diagnosticsEvery", "diagnostics every", .integer(1...1_000_000), \.diagnosticsEvery, nudge: .scale(start: 1)),
    ConfigField("checkpointEvery", "checkpoint every", .integer(1...100_000_000), \.checkpointEvery, nudge: .scale(start: 1)),
    ConfigField(
      "constraint.spectralNorm", "spectral norm ρ", .optional(.number(.greaterThan(0))), \.spectralNorm, nudge: .scale(start: 1),
      null: "off", rule: spectralNormRule),
  ]

  /// `steps: null` outside the workbench.
  @Sendable static func unboundedStepsRefusal(_ rules: ConfigRules) -> String? {
    rules.allowsUnboundedSteps ? nil : "null (train until stopped) is allowed in the workbench only; give a number of steps"
  }

  /// Miller–Hardt clipping acts on `W_0`, which only a dense ODE cell uses as `M_0`.
  @Sendable static func spectralNormRule(_ rho: Double?, _ c: TrainingConfig) -> String? {
    guard rho != nil else { return nil }
    if c.cell.kind != .ode {
      return "needs an ode cell (there is no W0 in \(ConfigCondition.cellName(c.cell.kind)))"
    }
    if c.cell.structure == .antisymmetric {
      return "cannot be used with antisymmetric structure: M0 = W0 − W0ᵀ − γI is not W0, and its spectrum is set by γ"
    }
    return nil
  }

  /// Test images need their labels, and labels their images.
  @Sendable static func testLabelsRule(_ labels: String?, _ c: TrainingConfig) -> String? {
    switch (c.task.testImages, labels) {
    case (nil, .some): "needs task.testImages (the test images the labels belong to)"
    case (.some, nil): "is required when task.testImages is given"
    default: nil
    }
  }

  /// The config every document starts from: the structs' defaults, the adding task.
  /// (`cell.hiddenSize` and `task.name` are required, so their values here never survive.)
  public static var defaults: TrainingConfig {
    TrainingConfig(cell: CellSpec(hiddenSize: 1), task: .standard(.adding))
  }

  /// Checks `value` for `key` by the key's row, on the default config: for values that come
  /// from elsewhere (a session's control event, a command-line option of another command)
  /// but must obey the same range, with the same message.
  public static func check(_ key: String, _ value: JSON) throws(ConfigError) {
    var scratch = defaults
    try scratch.set(key, to: value, .file)
  }

  /// The rows for `key` (several for `task.length`), in table order.
  public static func fields(for key: String) -> [ConfigField] {
    fields.filter { $0.key == key }
  }

  /// The row for `key` that applies to `config`, if any.
  public static func field(for key: String, in config: TrainingConfig) -> ConfigField? {
    fields.first { $0.key == key && $0.applies(to: config) }
  }

  /// The objects that group keys (`cell`, `task`, `optimizer`, `constraint`), in order.
  static let sections: [String] = {
    var seen: [String] = []
    for f in fields {
      let parts = f.key.split(separator: ".")
      if parts.count == 2, !seen.contains(String(parts[0])) { seen.append(String(parts[0])) }
    }
    return seen
  }()

  /// The member names allowed in the object at `section` (empty: the document), in order:
  /// the candidates of "did you mean".
  static func names(in section: String) -> [String] {
    var names: [String] = []
    for f in fields {
      let parts = f.key.split(separator: ".").map(String.init)
      let name = section.isEmpty ? parts[0] : (parts.count == 2 && parts[0] == section ? parts[1] : nil)
      if let name, !names.contains(name) { names.append(name) }
    }
    return names
  }
}
