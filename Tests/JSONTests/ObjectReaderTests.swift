import JSON
import Testing

@Suite("Typed, path-aware reading")
struct ObjectReaderTests {
  /// The message of the error `body` throws, or nil when it does not throw.
  func message(_ body: () throws(JSONError) -> Void) -> String? {
    do {
      try body()
      return nil
    } catch {
      return error.description
    }
  }

  func reader(_ text: String) throws -> JSONObjectReader {
    try JSONObjectReader(JSON.parse(text))
  }

  @Test("a full configuration reads with defaults and finishes cleanly")
  func fullConfig() throws {
    var root = try reader(
      """
      {"cell": {"hiddenSize": 64, "activation": "relu", "decay": [0.5, 1]},
       "optimizer": {"name": "sgd", "learningRate": 0.01, "clipNorm": null},
       "batchSize": 32.0, "steps": null}
      """)
    var cell = try root.object("cell")
    #expect(try cell.requiredInt("hiddenSize", range: 1...4096) == 64)
    #expect(try cell.enumeration("activation", default: "tanh", allowed: ["tanh", "relu"]) == "relu")
    #expect(try cell.value("decay")?.doubles(count: 2) == [0.5, 1])
    #expect(try cell.double("stepSize", default: 1, range: .greaterThan(0)) == 1)
    #expect(try cell.bool("gated", default: false) == false)
    try cell.finish()
    let optimizer = try root.object("optimizer") { o in
      (
        try o.enumeration("name", default: "adam", allowed: ["sgd", "adam"]),
        try o.double("learningRate", default: 0.001, range: .greaterThan(0)),
        try o.optionalDouble("clipNorm", range: .greaterThan(0)),
        try o.double("beta1", default: 0.9, range: .halfOpen(0, 1))
      )
    }
    #expect(optimizer.0 == "sgd" && optimizer.1 == 0.01 && optimizer.2 == nil && optimizer.3 == 0.9)
    #expect(try root.int("batchSize", default: 64, range: 1...65536) == 32)
    #expect(try root.optionalInt("steps", range: 1...Int.max) == nil)
    #expect(try root.int("seed", default: 1) == 1)
    #expect(try root.object("constraint").members.isEmpty)
    try root.finish()
  }

  @Test(
    "exact error messages",
    arguments: [
      ("{\"batchSize\": 0}", "\"batchSize\": expected an integer in 1...65536, got 0"),
      ("{\"batchSize\": 64.5}", "\"batchSize\": expected an integer in 1...65536, got 64.5"),
      ("{\"batchSize\": \"64\"}", "\"batchSize\": expected an integer in 1...65536, got a string"),
      ("{\"batchSize\": 1e300}", "\"batchSize\": expected an integer in 1...65536, got 1e+300"),
    ])
  func batchSizeErrors(text: String, expected: String) throws {
    var root = try reader(text)
    #expect(
      message { () throws(JSONError) in _ = try root.int("batchSize", default: 64, range: 1...65536) } == expected)
  }

  @Test("type and value errors name the full path")
  func errors() throws {
    var root = try reader(
      """
      {"steps": "2000", "seed": 1.5, "cell": {"activation": "tahn", "decay": [1, "x"], "gated": 1,
       "stepSize": 0, "hiddenSize": 0}, "optimizer": 3, "task": {}, "precision": 64,
       "x": "nan", "y": "inf", "name": null, "threads": 0}
      """)
    #expect(
      message { () throws(JSONError) in _ = try root.int("steps", default: 2000) }
        == "\"steps\": expected an integer, got a string")
    #expect(
      message { () throws(JSONError) in _ = try root.int("seed", default: 1) }
        == "\"seed\": expected an integer, got 1.5")
    #expect(
      message { () throws(JSONError) in _ = try root.object("optimizer") }
        == "\"optimizer\": expected an object, got a number")
    #expect(
      message { () throws(JSONError) in
        _ = try root.enumeration("precision", default: "float32", allowed: ["float32", "float64"])
      } == "\"precision\": expected one of float32, float64, got a number")
    #expect(
      message { () throws(JSONError) in _ = try root.double("x", default: 0) }
        == "\"x\": expected a finite number, got \"nan\"")
    #expect(try root.double("y", default: 0, allowNonFinite: true) == .infinity)
    #expect(
      message { () throws(JSONError) in _ = try root.string("name", default: "a") }
        == "\"name\": expected a string, got null")
    #expect(
      message { () throws(JSONError) in _ = try root.int("threads", default: 1, range: 1...Int.max) }
        == "\"threads\": expected an integer >= 1, got 0")
    var cell = try root.object("cell")
    #expect(
      message { () throws(JSONError) in
        _ = try cell.enumeration("activation", default: "tanh", allowed: ["tanh", "relu", "sigmoid", "identity"])
      } == "\"cell.activation\": expected one of tanh, relu, sigmoid, identity, got \"tahn\"")
    #expect(
      message { () throws(JSONError) in _ = try cell.value("decay")?.doubles() }
        == "\"cell.decay[1]\": expected a number, got a string")
    #expect(
      message { () throws(JSONError) in _ = try cell.value("decay")?.doubles(count: 3) }
        == "\"cell.decay\": expected an array of 3 numbers, got 2 elements")
    #expect(
      message { () throws(JSONError) in _ = try cell.bool("gated", default: false) }
        == "\"cell.gated\": expected a boolean, got a number")
    #expect(
      message { () throws(JSONError) in _ = try cell.double("stepSize", default: 1, range: .greaterThan(0)) }
        == "\"cell.stepSize\": expected a number > 0, got 0")
    #expect(
      message { () throws(JSONError) in _ = try cell.int("hiddenSize", default: 1, range: 1...4096) }
        == "\"cell.hiddenSize\": expected an integer in 1...4096, got 0")
    var task = try root.object("task")
    #expect(
      message { () throws(JSONError) in _ = try task.requiredString("name") }
        == "\"task.name\": required key is missing")
    #expect(
      message { () throws(JSONError) in _ = try JSONObjectReader(.array([])) } == "expected an object, got an array")
  }

  @Test("finish names the first unknown key and suggests the closest known key")
  func unknownKeys() throws {
    var root = try reader("{\"optimizer\": {\"name\": \"adam\", \"learningRat\": 0.1, \"zzz\": 1}, \"batchsize\": 2}")
    // The closure form calls finish() on the nested reader.
    let thrown = #expect(throws: JSONError.self) {
      try root.object("optimizer") { o in
        _ = try o.enumeration("name", default: "adam", allowed: ["sgd", "adam"])
        _ = try o.double("learningRate", default: 0.001)
        _ = try o.double("momentum", default: 0.9)
      }
    }
    #expect(thrown?.description == "unknown key \"optimizer.learningRat\"; did you mean \"learningRate\"?")
    #expect(thrown?.keyPath == "optimizer.learningRat")
    _ = try root.int("batchSize", default: 64)
    #expect(root.unknownKeys == ["batchsize"])
    #expect(
      message { () throws(JSONError) in try root.finish() } == "unknown key \"batchsize\"; did you mean \"batchSize\"?")
    var other = try reader("{\"a\": 1, \"completelyDifferent\": 2}")
    _ = try other.int("a", default: 0)
    #expect(message { () throws(JSONError) in try other.finish() } == "unknown key \"completelyDifferent\"")
  }

  @Test("a transposition counts as one edit")
  func transposition() throws {
    var root = try reader("{\"lenght\": 5}")
    _ = try root.int("length", default: 100)
    #expect(message { () throws(JSONError) in try root.finish() } == "unknown key \"lenght\"; did you mean \"length\"?")
  }

  @Test("optional values: absent and null give nil, values are checked")
  func optionals() throws {
    var root = try reader("{\"a\": null, \"b\": 2.5, \"c\": -1, \"d\": \"s\"}")
    #expect(try root.optionalDouble("a") == nil)
    #expect(try root.optionalDouble("missing") == nil)
    #expect(try root.optionalDouble("b") == 2.5)
    #expect(
      message { () throws(JSONError) in _ = try root.optionalDouble("c", range: .atLeast(0)) }
        == "\"c\": expected a number >= 0, got -1")
    #expect(try root.optionalString("d") == "s")
    #expect(try root.optionalInt("a") == nil)
    try root.finish()
  }

  @Test("array elements carry indexed paths into nested objects")
  func arrays() throws {
    var root = try reader("{\"rows\": [{\"k\": 1}, {\"k\": \"x\"}], \"s\": 1}")
    let rows = try root.requiredArray("rows")
    #expect(rows.map(\.path) == ["rows[0]", "rows[1]"])
    var second = try rows[1].object()
    #expect(
      message { () throws(JSONError) in _ = try second.int("k", default: 0) }
        == "\"rows[1].k\": expected an integer, got a string")
    #expect(message { () throws(JSONError) in _ = try root.array("s") } == "\"s\": expected an array, got a number")
    #expect(try root.array("missing") == nil)
  }

  @Test("number range descriptions")
  func rangeDescriptions() {
    #expect(NumberRange.closed(0, 1).description == "in 0...1")
    #expect(NumberRange.halfOpen(0, 1).description == "in 0..<1")
    #expect(NumberRange.atLeast(0).description == ">= 0")
    #expect(NumberRange.greaterThan(0.5).description == "> 0.5")
    #expect(NumberRange.atMost(1).description == "<= 1")
    #expect(NumberRange.lessThan(1).description == "< 1")
    #expect(NumberRange(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: true).description == "> 0 and <= 1")
    #expect(NumberRange.halfOpen(0, 1).contains(0) && !NumberRange.halfOpen(0, 1).contains(1))
    #expect(!NumberRange.greaterThan(0).contains(0) && !NumberRange.atLeast(0).contains(.nan))
  }
}
