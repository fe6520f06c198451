import JSON
import Linalg
import ODECells
import Tableaux
import Testing
import Training

/// DESIGN §1.3/§1.4: defaults, and errors that name the key.
@Suite("Training config parsing")
struct ConfigParsingTests {
  static let minimal = #"{"cell":{"hiddenSize":8},"task":{"name":"adding"}}"#

  @Test func minimalConfigFillsEveryDefault() throws {
    let c = try parseConfig(Self.minimal)
    // §1.3 cell defaults.
    #expect(c.cell.kind == .ode)
    #expect(c.cell.tableau.name == "euler")
    #expect(c.cell.tableau.a == [[0]] && c.cell.tableau.b == [1] && c.cell.tableau.c == [0])
    #expect(c.cell.derivativeOrder == 1)
    #expect(c.cell.hiddenSize == 8)
    #expect(c.cell.stepSize == 1.0)
    #expect(c.cell.activation == .tanh)
    #expect(c.cell.structure == .dense)
    #expect(c.cell.gamma == 0)
    #expect(c.cell.decay == [0])
    #expect(c.cell.gated == false)
    #expect(c.cell.implicitIterations == 8)
    // §1.4 task and top-level defaults.
    #expect(c.task == .adding(length: 100))
    #expect(c.optimizer.name == .adam)
    #expect(c.optimizer.learningRate == 0.001)
    #expect(c.optimizer.momentum == 0.9)
    #expect(c.optimizer.beta1 == 0.9)
    #expect(c.optimizer.beta2 == 0.999)
    #expect(c.optimizer.epsilon == 1e-8)
    #expect(c.optimizer.clipNorm == nil)
    #expect(c.batchSize == 64)
    #expect(c.steps == 2000)
    #expect(c.seed == 1)
    #expect(c.precision == .float32)
    #expect(c.threads == 1)
    #expect(c.diagnosticsEvery == 25)
    #expect(c.checkpointEvery == 500)
    #expect(c.spectralNorm == nil)
  }

  @Test func taskDefaults() throws {
    func task(_ body: String) throws -> TaskSpec {
      try parseConfig(#"{"cell":{"hiddenSize":4},"task":{\#(body)}}"#).task
    }
    #expect(try task(#""name":"copy""#) == .copy(delay: 100, symbols: 8, length: 10))
    #expect(try task(#""name":"sine""#) == .sine(length: 100, components: 3, noise: 0.05))
    #expect(try task(#""name":"idx","images":"i","labels":"l""#) == .idx(IDXTaskSpec(images: "i", labels: "l", dataSeed: 1)))
    #expect(try task(#""name":"csv","path":"p.csv""#) == .csv(CSVTaskSpec(path: "p.csv", dataSeed: 1)))
  }

  @Test func derivativeOrderSetsTheDecayLength() throws {
    let c = try parseConfig(#"{"cell":{"hiddenSize":8,"derivativeOrder":3},"task":{"name":"adding"}}"#)
    #expect(c.cell.decay == [0, 0, 0])
  }

  @Test func unboundedStepsOnlyInTheWorkbench() throws {
    let text = #"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"steps":null}"#
    let message = try #require(configError(text))
    #expect(message.contains("\"steps\""), "\(message)")
    let c = try parseConfig(text, .workbench)
    #expect(c.steps == nil)
  }

  /// Each case: a config and the key its error must name (quoted, as the messages quote it).
  static let errorCases: [(config: String, key: String, alsoContains: String?)] = [
    // Unknown keys, with a suggestion.
    (#"{"cell":{"hiddenSize":8,"stepsize":0.5},"task":{"name":"adding"}}"#, "cell.stepsize", "did you mean \"stepSize\""),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"optimizer":{"learningRat":0.1}}"#, "optimizer.learningRat", "did you mean \"learningRate\""),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"batchsize":3}"#, "batchsize", "did you mean \"batchSize\""),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding","lenght":5}}"#, "task.lenght", "did you mean \"length\""),
    // Wrong types.
    (#"{"cell":{"hiddenSize":"8"},"task":{"name":"adding"}}"#, "cell.hiddenSize", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"batchSize":"64"}"#, "batchSize", nil),
    (#"{"cell":{"hiddenSize":8,"gated":1},"task":{"name":"adding"}}"#, "cell.gated", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"optimizer":[]}"#, "optimizer", nil),
    (#"{"cell":{"hiddenSize":8.5},"task":{"name":"adding"}}"#, "cell.hiddenSize", nil),
    // Out of range.
    (#"{"cell":{"hiddenSize":0},"task":{"name":"adding"}}"#, "cell.hiddenSize", nil),
    (#"{"cell":{"hiddenSize":5000},"task":{"name":"adding"}}"#, "cell.hiddenSize", nil),
    (#"{"cell":{"hiddenSize":8,"stepSize":0},"task":{"name":"adding"}}"#, "cell.stepSize", nil),
    (#"{"cell":{"hiddenSize":8,"stepSize":-0.1},"task":{"name":"adding"}}"#, "cell.stepSize", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"batchSize":0}"#, "batchSize", nil),
    (#"{"cell":{"hiddenSize":8,"derivativeOrder":2,"decay":[1]},"task":{"name":"adding"}}"#, "cell.decay", nil),
    (#"{"cell":{"hiddenSize":8,"decay":[1,2]},"task":{"name":"adding"}}"#, "cell.decay", nil),
    (#"{"cell":{"hiddenSize":8,"implicitIterations":0},"task":{"name":"adding"}}"#, "cell.implicitIterations", nil),
    (#"{"cell":{"hiddenSize":8,"derivativeOrder":4},"task":{"name":"adding"}}"#, "cell.derivativeOrder", nil),
    (#"{"cell":{"hiddenSize":8,"gamma":-1},"task":{"name":"adding"}}"#, "cell.gamma", nil),
    (#"{"cell":{"hiddenSize":8,"activation":"tahn"},"task":{"name":"adding"}}"#, "cell.activation", "tahn"),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"precision":"float16"}"#, "precision", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"addition"}}"#, "task.name", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"optimizer":{"learningRate":0}}"#, "optimizer.learningRate", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"optimizer":{"beta1":1}}"#, "optimizer.beta1", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"optimizer":{"clipNorm":-1}}"#, "optimizer.clipNorm", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"constraint":{"spectralNorm":0}}"#, "constraint.spectralNorm", nil),
    // Missing required keys.
    (#"{"task":{"name":"adding"}}"#, "cell", nil),
    (#"{"cell":{},"task":{"name":"adding"}}"#, "cell.hiddenSize", nil),
    (#"{"cell":{"hiddenSize":8},"task":{}}"#, "task.name", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"idx","images":"i"}}"#, "task.labels", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"csv"}}"#, "task.path", nil),
    // Tableaux.
    (#"{"cell":{"hiddenSize":8,"tableau":"rk5"},"task":{"name":"adding"}}"#, "cell.tableau", "rk5"),
    (#"{"cell":{"hiddenSize":8,"tableau":{"a":[[0]],"b":[0.9],"c":[0]}},"task":{"name":"adding"}}"#, "cell.tableau", "sum(b)"),
    (#"{"cell":{"hiddenSize":8,"tableau":{"a":[[0,0],[1]],"b":[0.5,0.5],"c":[0,1]}},"task":{"name":"adding"}}"#, "cell.tableau", nil),
    (#"{"cell":{"hiddenSize":8,"tableau":{"a":[[0]],"b":["1/0"],"c":[0]}},"task":{"name":"adding"}}"#, "cell.tableau", nil),
    // Steps: null only in the workbench; the constraint with antisymmetric structure.
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"steps":null}"#, "steps", nil),
    (#"{"cell":{"hiddenSize":8,"structure":"antisymmetric"},"task":{"name":"adding"},"constraint":{"spectralNorm":1}}"#, "constraint.spectralNorm", nil),
    // Keys the chosen kind or optimizer would ignore.
    (#"{"cell":{"kind":"lstm","hiddenSize":8,"tableau":"rk4"},"task":{"name":"adding"}}"#, "cell.tableau", nil),
    (#"{"cell":{"kind":"gru","hiddenSize":8,"stepSize":0.1},"task":{"name":"adding"}}"#, "cell.stepSize", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"optimizer":{"momentum":0.5}}"#, "optimizer.momentum", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"adding"},"optimizer":{"name":"sgd","beta2":0.99}}"#, "optimizer.beta2", nil),
    (#"{"cell":{"hiddenSize":8},"task":{"name":"copy","window":3}}"#, "task.window", nil),
  ]

  @Test(arguments: 0..<errorCases.count)
  func everyErrorNamesItsKey(index: Int) {
    let (config, key, extra) = Self.errorCases[index]
    guard let message = configError(config) else {
      Issue.record("accepted: \(config)")
      return
    }
    #expect(message.contains("\"\(key)\""), "\(config) → \(message)")
    if let extra { #expect(message.contains(extra), "\(config) → \(message)") }
    #expect(!message.contains("\n"), "one line: \(message)")
  }

  @Test func validNonDefaultSettingsAreKept() throws {
    let c = try parseConfig(
      #"""
      {"cell":{"kind":"ode","tableau":"radau-iia-2","derivativeOrder":2,"hiddenSize":12,"stepSize":0.25,
               "activation":"relu","structure":"antisymmetric","gamma":0.1,"decay":[0.5,1.5],
               "gated":true,"implicitIterations":3},
       "task":{"name":"copy","delay":20,"symbols":4,"length":5},
       "optimizer":{"name":"sgd","learningRate":0.1,"momentum":0.5,"clipNorm":2},
       "batchSize":7,"steps":11,"seed":99,"precision":"float64","threads":2,
       "diagnosticsEvery":3,"checkpointEvery":4,"constraint":{}}
      """#)
    #expect(c.cell.tableau == ButcherTableau.named("radau-iia-2"))
    #expect(c.cell.derivativeOrder == 2 && c.cell.hiddenSize == 12 && c.cell.stepSize == 0.25)
    #expect(c.cell.activation == .relu && c.cell.structure == .antisymmetric && c.cell.gamma == 0.1)
    #expect(c.cell.decay == [0.5, 1.5] && c.cell.gated && c.cell.implicitIterations == 3)
    #expect(c.task == .copy(delay: 20, symbols: 4, length: 5))
    #expect(c.optimizer.name == .sgd && c.optimizer.learningRate == 0.1 && c.optimizer.momentum == 0.5)
    #expect(c.optimizer.clipNorm == 2)
    #expect(c.batchSize == 7 && c.steps == 11 && c.seed == 99 && c.precision == .float64)
    #expect(c.threads == 2 && c.diagnosticsEvery == 3 && c.checkpointEvery == 4 && c.spectralNorm == nil)
  }

  // MARK: Effective config round trip

  static let roundTripConfigs: [String] = [
    minimal,
    #"{"cell":{"kind":"lstm","hiddenSize":5},"task":{"name":"sine","length":7,"components":2,"noise":0}}"#,
    #"{"cell":{"kind":"gru","hiddenSize":5},"task":{"name":"copy"},"optimizer":{"name":"sgd","momentum":0}}"#,
    #"{"cell":{"hiddenSize":3,"tableau":"radau-iia-2","derivativeOrder":3,"decay":[0.1,0.2,0.3],"gated":true},"task":{"name":"idx","images":"a b/ü.idx","labels":"l","permute":true,"limit":50},"steps":null,"seed":9007199254740992}"#,
    #"{"cell":{"hiddenSize":3,"stepSize":0.1},"task":{"name":"csv","path":"x.csv","columns":["a","b"],"window":5},"optimizer":{"clipNorm":0.5,"learningRate":0.1234567890123},"constraint":{"spectralNorm":0.75},"precision":"float64"}"#,
    // An inline custom tableau with exact fraction strings (Heun's third-order method).
    #"{"cell":{"hiddenSize":4,"tableau":{"name":"heun3","a":[[0,0,0],["1/3",0,0],[0,"2/3",0]],"b":["1/4",0,"3/4"],"c":[0,"1/3","2/3"]}},"task":{"name":"adding","length":9}}"#,
    // Mixed numbers and strings, a non-normalised fraction, a decimal string, an implicit one.
    #"{"cell":{"hiddenSize":4,"tableau":{"name":"my theta","a":[["2/6",0.25],["1/2","0.5"]],"b":[0.5,"3/6"],"c":["7/12",1]}},"task":{"name":"adding"}}"#,
  ]

  @Test(arguments: 0..<roundTripConfigs.count)
  func effectiveConfigRoundTrips(index: Int) throws {
    let c = try parseConfig(Self.roundTripConfigs[index], .workbench)
    let text = c.json.serialized()
    let again = try TrainingConfig.parse(try JSON.parse(text), .workbench)
    #expect(again == c, "\(text)")
    // And the effective config spells out every key (a second round trip is a fixed point).
    #expect(again.json == c.json)
    let top = try #require(c.json.objectValue)
    for key in ["cell", "task", "optimizer", "batchSize", "steps", "seed", "precision", "threads", "diagnosticsEvery", "checkpointEvery", "constraint"] {
      #expect(top[key] != nil, "missing \(key) in \(text)")
    }
  }

  @Test func inlineTableauKeepsItsExactFractions() throws {
    let c = try parseConfig(Self.roundTripConfigs[5])
    let t = c.cell.tableau
    #expect(t.name == "heun3")
    #expect(t.a[1][0] == 1.0 / 3 && t.a[2][1] == 2.0 / 3 && t.b == [0.25, 0, 0.75])
    #expect(t.order == 3)
    let inline = try #require(c.json["cell"]?["tableau"])
    #expect(inline["a"]?[1]?[0] == "1/3", "\(inline.serialized())")
    #expect(inline["b"]?[0] == "1/4" || inline["b"]?[0] == 0.25)
  }
}
