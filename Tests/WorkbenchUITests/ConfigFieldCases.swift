import JSON
import Training

/// Values to try for every row of `ConfigSchema.fields`: a context (a small valid config in
/// which the row applies), values it must accept, values it must refuse (with the exact
/// message where given), and contexts in which the key does not apply.
enum ConfigFieldCases {
  /// A context: a config document as a user would write it.
  static func context(_ cell: String = "", task: String = #""name":"adding""#, _ rest: String = "") -> JSON {
    let text = #"{"cell":{"hiddenSize":8\#(cell)},"task":{\#(task)}\#(rest)}"#
    do { return try JSON.parse(text) } catch { fatalError("fixture \(text): \(error)") }
  }

  static let dense = context()
  static let antisymmetric = context(#","structure":"antisymmetric""#)
  static let implicit = context(#","tableau":"backward-euler""#)
  static let jacobi = context(#","tableau":"backward-euler","solver":"jacobi""#)
  static let secondOrder = context(#","derivativeOrder":2"#)
  static let lstm = context(#","kind":"lstm""#)
  static let gru = context(#","kind":"gru""#)
  static let copy = context(task: #""name":"copy""#)
  static let sine = context(task: #""name":"sine""#)
  static let idx = context(task: #""name":"idx","images":"i.idx","labels":"l.idx""#)
  static let csv = context(task: #""name":"csv","path":"p.csv""#)
  static let idxWithTest = context(task: #""name":"idx","images":"i.idx","labels":"l.idx","testImages":"ti.idx""#)
  static let sgd = context("", task: #""name":"adding""#, #","optimizer":{"name":"sgd"}"#)

  /// One row in one context.
  struct Case: Sendable {
    var key: String
    var context: JSON
    var valid: [JSON]
    /// Refused values, with the whole expected message when it is given.
    var invalid: [(value: JSON, message: String?)]
  }

  static let heun3: JSON = [
    "name": "heun3", "a": [[0, 0, 0], ["1/3", 0, 0], [0, "2/3", 0]], "b": ["1/4", 0, "3/4"], "c": [0, "1/3", "2/3"],
  ]

  static let cases: [Case] = [
    Case(key: "cell.kind", context: dense, valid: ["ode", "lstm", "gru"], invalid: [
      ("rnn", #""cell.kind": expected one of ode, lstm, gru, got "rnn""#), (1, #""cell.kind": expected one of ode, lstm, gru, got a number"#),
    ]),
    // Strings outside the catalog are tableau files in Compose's typed entry (the runtime
    // loads them), so the refused values here are not strings.
    Case(key: "cell.tableau", context: dense, valid: ["rk4", "backward-euler", "RK38", heun3], invalid: [
      (3, #""cell.tableau": expected an object, got a number"#), (["a": [[0]], "b": [0.9], "c": [0]], nil), ([:], nil),
    ]),
    Case(key: "cell.derivativeOrder", context: dense, valid: [1, 2, 3], invalid: [
      (0, #""cell.derivativeOrder": expected an integer in 1...3, got 0"#), (4, nil), (1.5, #""cell.derivativeOrder": expected an integer in 1...3, got 1.5"#), ("two", nil),
    ]),
    Case(key: "cell.hiddenSize", context: dense, valid: [1, 4096, 64.0], invalid: [
      (0, #""cell.hiddenSize": expected an integer in 1...4096, got 0"#), (4097, nil), (-1, nil), (8.5, nil),
      ("8", #""cell.hiddenSize": expected an integer in 1...4096, got a string"#), (nil, #""cell.hiddenSize": expected an integer in 1...4096, got null"#),
    ]),
    Case(key: "cell.stepSize", context: dense, valid: [0.1, 1e-300, 5], invalid: [
      (0, #""cell.stepSize": expected a number > 0, got 0"#), (-0.1, nil), ("nan", #""cell.stepSize": expected a finite number, got "nan""#), (true, nil),
    ]),
    Case(key: "cell.activation", context: dense, valid: ["tanh", "relu", "sigmoid", "identity"], invalid: [
      ("tahn", #""cell.activation": expected one of tanh, relu, sigmoid, identity, got "tahn""#), ("Tanh", nil),
    ]),
    Case(key: "cell.structure", context: dense, valid: ["dense", "antisymmetric"], invalid: [("skew", nil)]),
    Case(key: "cell.gamma", context: antisymmetric, valid: [0, 0.5], invalid: [(-1, #""cell.gamma": expected a number >= 0, got -1"#), ("0.1", nil)]),
    Case(key: "cell.decay", context: dense, valid: [[0], [1.5], [-1]], invalid: [
      ([1, 2], #""cell.decay": expected an array of 1 numbers, got 2 elements"#), (1, #""cell.decay": expected an array, got a number"#),
      (["a"], #""cell.decay[0]": expected a number, got a string"#),
    ]),
    Case(key: "cell.decay", context: secondOrder, valid: [[1, 0.5]], invalid: [([1], #""cell.decay": expected an array of 2 numbers, got 1 elements"#)]),
    Case(key: "cell.gated", context: dense, valid: [true, false], invalid: [(1, #""cell.gated": expected a boolean, got a number"#), ("yes", nil)]),
    Case(key: "cell.solver", context: implicit, valid: ["newton", "jacobi"], invalid: [
      ("gauss", #""cell.solver": expected one of newton, jacobi, got "gauss""#), (1, nil),
    ]),
    Case(key: "cell.implicitIterations", context: implicit, valid: [1, 1000], invalid: [(0, nil), (1001, #""cell.implicitIterations": expected an integer in 1...1000, got 1001"#)]),
    Case(key: "cell.solverTolerance", context: implicit, valid: [1e-12, 0.5, nil], invalid: [
      (0, #""cell.solverTolerance": expected a number > 0, got 0"#), ("1e-5", nil),
    ]),
    // idx and csv need their paths, which a document must give and a draft may leave empty.
    Case(key: "task.name", context: dense, valid: ["adding", "copy", "sine"], invalid: [
      ("addition", #""task.name": expected one of adding, copy, sine, idx, csv, got "addition""#),
    ]),
    Case(key: "task.length", context: dense, valid: [2, 1_000_000], invalid: [(1, #""task.length": expected an integer in 2...1000000, got 1"#)]),
    Case(key: "task.delay", context: copy, valid: [1, 1_000_000], invalid: [(0, #""task.delay": expected an integer in 1...1000000, got 0"#)]),
    Case(key: "task.symbols", context: copy, valid: [1, 10_000], invalid: [(10_001, nil)]),
    Case(key: "task.length", context: copy, valid: [1, 20], invalid: [(0, #""task.length": expected an integer in 1...1000000, got 0"#)]),
    Case(key: "task.length", context: sine, valid: [1, 20], invalid: [(0, nil)]),
    Case(key: "task.components", context: sine, valid: [1, 1000], invalid: [(1001, nil)]),
    Case(key: "task.noise", context: sine, valid: [0, 0.5], invalid: [(-0.1, #""task.noise": expected a number >= 0, got -0.1"#)]),
    Case(key: "task.images", context: idx, valid: ["a b/ü.idx", "x"], invalid: [("", #""task.images": expected a non-empty string, got """#), (3, nil)]),
    Case(key: "task.labels", context: idx, valid: ["l2.idx"], invalid: [("", nil), (["l"], nil)]),
    Case(key: "task.permute", context: idx, valid: [true, false], invalid: [("no", nil)]),
    Case(key: "task.limit", context: idx, valid: [nil, 1, 100_000_000], invalid: [(0, #""task.limit": expected an integer in 1...100000000, got 0"#)]),
    Case(key: "task.testImages", context: idx, valid: [nil, "ti.idx"], invalid: [("", #""task.testImages": expected a non-empty string, got """#), (1, nil)]),
    Case(key: "task.testLabels", context: idx, valid: [nil], invalid: [
      ("tl.idx", #""task.testLabels": needs task.testImages (the test images the labels belong to)"#),
    ]),
    Case(key: "task.testLabels", context: idxWithTest, valid: ["tl.idx"], invalid: [
      (nil, #""task.testLabels": is required when task.testImages is given"#), ("", nil),
    ]),
    Case(key: "task.path", context: csv, valid: ["x.csv"], invalid: [("", nil)]),
    Case(key: "task.columns", context: csv, valid: [nil, ["a"], ["a", "b"]], invalid: [
      ([], #""task.columns": expected at least one column name"#), (["a", 1], #""task.columns[1]": expected a string, got a number"#),
      ("a", #""task.columns": expected an array, got a string"#),
    ]),
    Case(key: "task.window", context: csv, valid: [1, 1_000_000], invalid: [(0, nil)]),
    Case(key: "task.testPath", context: csv, valid: [nil, "test.csv"], invalid: [("", nil), (["t"], nil)]),
    Case(key: "task.validation", context: idx, valid: [0.1, 0.5, 1e-9, 1, 300], invalid: [
      (0, #""task.validation": expected a fraction in (0, 0.5] or a whole count >= 1, got 0"#), (0.7, nil), (2.5, nil), (-1, nil),
      ("0.1", #""task.validation": expected a number, got a string"#),
    ]),
    Case(key: "task.validation", context: csv, valid: [0.2, 100], invalid: [(0.51, nil)]),
    Case(key: "task.dataSeed", context: idx, valid: [0, 7, 9_007_199_254_740_992], invalid: [
      (-1, #""task.dataSeed": expected an integer in 0...9007199254740992, got -1"#), (1.5, nil),
    ]),
    Case(key: "task.dataSeed", context: csv, valid: [3], invalid: [("three", nil)]),
    Case(key: "optimizer.name", context: dense, valid: ["sgd", "adam"], invalid: [("rmsprop", nil)]),
    Case(key: "optimizer.learningRate", context: dense, valid: [0.1, 1e-9], invalid: [(0, #""optimizer.learningRate": expected a number > 0, got 0"#), (-1, nil)]),
    Case(key: "optimizer.momentum", context: sgd, valid: [0, 0.99], invalid: [(1, #""optimizer.momentum": expected a number in 0..<1, got 1"#)]),
    Case(key: "optimizer.beta1", context: dense, valid: [0, 0.5], invalid: [(1, nil), (-0.1, nil)]),
    Case(key: "optimizer.beta2", context: dense, valid: [0.99], invalid: [(1, nil)]),
    Case(key: "optimizer.epsilon", context: dense, valid: [1e-6], invalid: [(0, nil)]),
    Case(key: "optimizer.clipNorm", context: dense, valid: [nil, 1], invalid: [(0, #""optimizer.clipNorm": expected a number > 0, got 0"#), ("off", nil)]),
    Case(key: "batchSize", context: dense, valid: [1, 65536], invalid: [(0, #""batchSize": expected an integer in 1...65536, got 0"#), (65537, nil)]),
    Case(key: "steps", context: dense, valid: [1, 100_000_000, nil], invalid: [(0, nil), (100_000_001, #""steps": expected an integer in 1...100000000, got 100000001"#)]),
    Case(key: "seed", context: dense, valid: [0, 9_007_199_254_740_992], invalid: [(-1, #""seed": expected an integer in 0...9007199254740992, got -1"#), (1e16, nil)]),
    Case(key: "precision", context: dense, valid: ["float32", "float64"], invalid: [("float16", nil)]),
    Case(key: "threads", context: dense, valid: [1, 64], invalid: [(0, nil), (65, nil)]),
    Case(key: "diagnosticsEvery", context: dense, valid: [1, 1_000_000], invalid: [(0, nil)]),
    Case(key: "checkpointEvery", context: dense, valid: [1, 100_000_000], invalid: [(0, nil)]),
    Case(key: "constraint.spectralNorm", context: dense, valid: [nil, 1], invalid: [(0, #""constraint.spectralNorm": expected a number > 0, got 0"#)]),
    Case(key: "constraint.spectralNorm", context: antisymmetric, valid: [nil], invalid: [
      (1, #""constraint.spectralNorm": cannot be used with antisymmetric structure: M0 = W0 − W0ᵀ − γI is not W0, and its spectrum is set by γ"#),
    ]),
    Case(key: "constraint.spectralNorm", context: lstm, valid: [nil], invalid: [(1, #""constraint.spectralNorm": needs an ode cell (there is no W0 in an lstm)"#)]),
  ]

  /// Keys that do not apply in a context, a value, and the whole message.
  static let inapplicable: [(key: String, context: JSON, value: JSON, message: String)] = [
    ("cell.tableau", lstm, "rk4", #""cell.tableau": not used by an lstm cell (kind is lstm)"#),
    ("cell.derivativeOrder", lstm, 2, #""cell.derivativeOrder": not used by an lstm cell (kind is lstm)"#),
    ("cell.stepSize", gru, 0.1, #""cell.stepSize": not used by a gru cell (kind is gru)"#),
    ("cell.activation", lstm, "relu", #""cell.activation": not used by an lstm cell (kind is lstm)"#),
    ("cell.structure", gru, "dense", #""cell.structure": not used by a gru cell (kind is gru)"#),
    ("cell.gamma", dense, 0.1, #""cell.gamma": not used by a dense cell (structure is dense)"#),
    ("cell.gamma", lstm, 0, #""cell.gamma": not used by an lstm cell (kind is lstm)"#),
    ("cell.decay", lstm, [1], #""cell.decay": not used by an lstm cell (kind is lstm)"#),
    ("cell.gated", gru, false, #""cell.gated": not used by a gru cell (kind is gru)"#),
    ("cell.implicitIterations", dense, 8, #""cell.implicitIterations": not used by an explicit tableau (euler is explicit)"#),
    ("cell.implicitIterations", gru, 8, #""cell.implicitIterations": not used by a gru cell (kind is gru)"#),
    ("cell.solver", dense, "newton", #""cell.solver": not used by an explicit tableau (euler is explicit)"#),
    ("cell.solverTolerance", jacobi, 1e-9, #""cell.solverTolerance": not used by the jacobi solver (cell.solver is jacobi)"#),
    ("cell.solverTolerance", lstm, 1e-9, #""cell.solverTolerance": not used by an lstm cell (kind is lstm)"#),
    ("task.length", idx, 10, #""task.length": not used by the idx task (task.name is idx)"#),
    ("task.length", csv, 10, #""task.length": not used by the csv task (task.name is csv)"#),
    ("task.delay", dense, 5, #""task.delay": not used by the adding task (task.name is adding)"#),
    ("task.symbols", sine, 5, #""task.symbols": not used by the sine task (task.name is sine)"#),
    ("task.components", copy, 2, #""task.components": not used by the copy task (task.name is copy)"#),
    ("task.noise", dense, 0, #""task.noise": not used by the adding task (task.name is adding)"#),
    ("task.images", csv, "i", #""task.images": not used by the csv task (task.name is csv)"#),
    ("task.labels", dense, "l", #""task.labels": not used by the adding task (task.name is adding)"#),
    ("task.permute", copy, true, #""task.permute": not used by the copy task (task.name is copy)"#),
    ("task.limit", sine, 5, #""task.limit": not used by the sine task (task.name is sine)"#),
    ("task.path", idx, "p", #""task.path": not used by the idx task (task.name is idx)"#),
    ("task.columns", dense, ["a"], #""task.columns": not used by the adding task (task.name is adding)"#),
    ("task.window", copy, 3, #""task.window": not used by the copy task (task.name is copy)"#),
    ("task.testImages", csv, "t", #""task.testImages": not used by the csv task (task.name is csv)"#),
    ("task.testLabels", dense, "t", #""task.testLabels": not used by the adding task (task.name is adding)"#),
    ("task.testPath", idx, "t", #""task.testPath": not used by the idx task (task.name is idx)"#),
    ("task.validation", copy, 0.1, #""task.validation": not used by the copy task (task.name is copy)"#),
    ("task.dataSeed", dense, 1, #""task.dataSeed": not used by the adding task (task.name is adding)"#),
    ("optimizer.momentum", dense, 0.5, #""optimizer.momentum": not used by adam (optimizer.name is adam)"#),
    ("optimizer.beta1", sgd, 0.9, #""optimizer.beta1": not used by sgd (optimizer.name is sgd)"#),
    ("optimizer.beta2", sgd, 0.99, #""optimizer.beta2": not used by sgd (optimizer.name is sgd)"#),
    ("optimizer.epsilon", sgd, 1e-8, #""optimizer.epsilon": not used by sgd (optimizer.name is sgd)"#),
  ]
}
