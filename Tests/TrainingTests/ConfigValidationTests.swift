import JSON
import Linalg
import ODECells
import Tableaux
import Testing
import Training

/// `validate()` on config values, unknown keys with their suggestions, one-key `set`, and the
/// session-header rules: the schema's messages wherever a config comes from.
@Suite("Config schema: validate, unknown keys, set")
struct ConfigValidationTests {
  static let minimal = #"{"cell":{"hiddenSize":8},"task":{"name":"adding"}}"#

  func problem(_ c: TrainingConfig, _ rules: ConfigRules = .file) -> String? {
    do {
      try c.validate(rules)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func validateGivesTheMessageAConfigFileWouldGet() throws {
    var c = try parseConfig(Self.minimal)
    #expect(problem(c) == nil)
    c.cell.hiddenSize = 0
    let file = configError(#"{"cell":{"hiddenSize":0},"task":{"name":"adding"}}"#)
    #expect(problem(c) == file && file == #""cell.hiddenSize": expected an integer in 1...4096, got 0"#)

    c = try parseConfig(Self.minimal)
    c.cell.stepSize = .nan
    #expect(problem(c) == #""cell.stepSize": expected a number > 0, got nan"#)
    c = try parseConfig(Self.minimal)
    c.cell.derivativeOrder = 2
    #expect(problem(c) == #""cell.decay": expected an array of 2 numbers, got 1 elements"#)
    c.cell.decay = [0, .infinity]
    #expect(problem(c) == #""cell.decay[1]": expected a finite number, got inf"#)
    c = try parseConfig(Self.minimal)
    c.seed = .max
    #expect(problem(c)?.hasPrefix(#""seed": expected an integer in 0...9007199254740992"#) == true, "\(problem(c) ?? "")")
    c = try parseConfig(Self.minimal)
    c.steps = nil
    #expect(problem(c) == #""steps": null (train until stopped) is allowed in the workbench only; give a number of steps"#)
    #expect(problem(c, .workbench) == nil)
  }

  @Test func validateChecksRequiredPathsAndRulesAcrossFields() throws {
    var c = try parseConfig(Self.minimal)
    c.task = .standard(.idx)
    #expect(problem(c) == #""task.images": expected a non-empty string, got """#)
    c.task.images = "i.idx"
    #expect(problem(c) == #""task.labels": expected a non-empty string, got """#)
    c.task = .standard(.csv)
    #expect(problem(c) == #""task.path": expected a non-empty string, got """#)

    c = try parseConfig(Self.minimal)
    c.spectralNorm = 1
    #expect(problem(c) == nil)
    c.cell.structure = .antisymmetric
    #expect(problem(c)?.hasPrefix(#""constraint.spectralNorm": cannot be used with antisymmetric structure"#) == true)
    c.cell.kind = .lstm
    #expect(problem(c) == #""constraint.spectralNorm": needs an ode cell (there is no W0 in an lstm)"#)
  }

  /// A field that does not apply has no effect on the run, so its value is not checked.
  @Test func fieldsThatDoNotApplyAreNotChecked() throws {
    var c = try parseConfig(Self.minimal)
    c.cell.gamma = -1
    c.cell.implicitIterations = 0
    c.optimizer.momentum = 2
    #expect(problem(c) == nil)
    c.cell.kind = .gru
    c.cell.stepSize = -1
    c.cell.decay = []
    #expect(problem(c) == nil)
  }

  static let unknownKeys: [(String, String)] = [
    // A typo of a required key is the typo, not "required key is missing".
    (#"{"cell":{"hidenSize":8},"task":{"name":"adding"}}"#, #"unknown key "cell.hidenSize"; did you mean "hiddenSize"?"#),
    (#"{"cel":{"hiddenSize":8},"task":{"name":"adding"}}"#, #"unknown key "cel"; did you mean "cell"?"#),
    (#"{"cell":{"hiddenSize":8},"task":{"nmae":"adding"}}"#, #"unknown key "task.nmae"; did you mean "name"?"#),
    // The candidates are every name at that level (another task's key included).
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding","dealy":3}}"#, #"unknown key "task.dealy"; did you mean "delay"?"#),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"optimizer":{"beta":0.9}}"#, #"unknown key "optimizer.beta"; did you mean "beta1"?"#),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"constraint":{"spectralnorm":1}}"#, #"unknown key "constraint.spectralnorm"; did you mean "spectralNorm"?"#),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"zzz":1}"#, #"unknown key "zzz""#),
    // Unknown keys come first, in document order, before values are read.
    (#"{"cell":{"hiddenSize":0,"stepsize":1},"task":{"name":"adding"}}"#, #"unknown key "cell.stepsize"; did you mean "stepSize"?"#),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"optimizer":[]}"#, #""optimizer": expected an object, got an array"#),
    (#"[1]"#, "expected an object, got an array"),
    (#"{"task":{"name":"adding"}}"#, #""cell": required key is missing"#),
    (#"{"cell":{},"task":{"name":"adding"}}"#, #""cell.hiddenSize": required key is missing"#),
  ]

  @Test(arguments: unknownKeys.indices)
  func unknownKeysAndShapesAreNamedWithASuggestion(index: Int) {
    let (text, message) = Self.unknownKeys[index]
    #expect(configError(text) == message)
  }

  @Test func setOneKeyGivesTheDocumentsMessages() throws {
    var c = try parseConfig(Self.minimal)
    func message(_ key: String, _ value: JSON) -> String? {
      do {
        try c.set(key, to: value)
        return nil
      } catch {
        return error.description
      }
    }
    #expect(message("cell.hidenSize", 8) == #"unknown key "cell.hidenSize"; did you mean "hiddenSize"?"#)
    #expect(message("cel.hiddenSize", 8) == #"unknown key "cel"; did you mean "cell"?"#)
    #expect(message("seed.low", 8) == #""seed": is a value, not an object with keys such as "low""#)
    #expect(message("optimizer", ["name": "sgd"]) == #""optimizer": is an object; set one of its keys, such as "optimizer.name""#)
    #expect(message("cell.gamma", 0.1) == #""cell.gamma": not used by a dense cell (structure is dense)"#)
    #expect(message("cell.derivativeOrder", 3) == nil && c.cell.decay == [0, 0, 0])
    #expect(message("cell.decay", [1, 2]) == #""cell.decay": expected an array of 3 numbers, got 2 elements"#)
    #expect(message("cell.derivativeOrder", 2) == nil && c.cell.decay == [0, 0])
    #expect(message("task.name", "copy") == nil && c.task == .copy(delay: 100, symbols: 8, length: 10))
    #expect(message("task.length", 7) == nil && c.task == .copy(delay: 100, symbols: 8, length: 7))
    #expect(message("task.name", "copy") == nil && c.task.length == 7, "the same kind keeps its settings")
    // Under the session-header rules a key that does not apply changes nothing.
    try c.set("cell.gamma", to: 5, .sessionHeader)
    #expect(c.cell.gamma == 0)
  }

  /// Headers written before the effective config left inapplicable keys out hold every key;
  /// they read (the keys had no effect) while a config file with the same text is refused.
  @Test func oldSessionHeadersHoldEveryKey() throws {
    let old = #"""
      {"cell":{"kind":"lstm","tableau":"euler","derivativeOrder":1,"hiddenSize":8,"stepSize":1,"activation":"tanh",
               "structure":"dense","gamma":0,"decay":[0],"gated":false,"implicitIterations":8},
       "task":{"name":"adding","length":10},
       "optimizer":{"name":"sgd","learningRate":0.01,"momentum":0.9,"beta1":0.9,"beta2":0.999,"epsilon":1e-08,"clipNorm":null},
       "batchSize":8,"steps":null,"seed":2,"precision":"float64","threads":1,"diagnosticsEvery":5,"checkpointEvery":500,
       "constraint":{"spectralNorm":null}}
      """#
    let c = try parseConfig(old, .sessionHeader)
    #expect(c.cell.kind == .lstm && c.cell.hiddenSize == 8 && c.optimizer.name == .sgd && c.steps == nil)
    #expect(c == c.normalized)
    #expect(configError(old, .workbench) == #""cell.tableau": not used by an lstm cell (kind is lstm)"#)
    // The effective config of what was read is itself a valid config file.
    #expect(try TrainingConfig.parse(c.json, .workbench) == c)
  }
}
