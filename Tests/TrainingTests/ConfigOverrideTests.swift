import JSON
import Testing
import Training

/// `--set KEY=VALUE` (DESIGN §1.10): parsing the argument, reading the value, applying it to a
/// config document, and naming the override in an error it caused.
@Suite("Config overrides (--set)")
struct ConfigOverrideTests {
  @Test func valuesAreJSONElseStrings() throws {
    #expect(ConfigOverride.value(of: "8") == 8)
    #expect(ConfigOverride.value(of: " 8 ") == 8)
    #expect(ConfigOverride.value(of: "null") == nil)
    #expect(ConfigOverride.value(of: "[1, 0.5]") == [1, 0.5])
    #expect(ConfigOverride.value(of: #""rk4""#) == "rk4")
    #expect(ConfigOverride.value(of: "rk4") == "rk4")
    #expect(ConfigOverride.value(of: "data/a b.idx") == "data/a b.idx")
    #expect(ConfigOverride.value(of: "-1") == -1)
    #expect(ConfigOverride.value(of: "") == "")
  }

  @Test func argumentsSplitAtTheFirstEquals() throws {
    let o = try ConfigOverride(parsing: "task.path=a=b.csv")
    #expect(o.key == "task.path" && o.value == "a=b.csv" && o.origin == "--set task.path=a=b.csv")
    #expect(throws: ConfigError.self) { try ConfigOverride(parsing: "=3") }
    #expect(throws: ConfigError.self) { try ConfigOverride(parsing: "cell.hiddenSize") }
  }

  @Test func overridesEditTheDocumentBeforeItIsParsed() throws {
    var document = try JSON.parse(#"{"cell":{"hiddenSize":4,"tableau":"rk4"},"task":{"name":"adding"}}"#)
    for argument in ["cell.hiddenSize=16", "optimizer.name=sgd", "optimizer.momentum=0.5", "steps=7"] {
      try ConfigOverride(parsing: argument).apply(to: &document)
    }
    let c = try TrainingConfig.parse(document)
    #expect(c.cell.hiddenSize == 16 && c.optimizer.name == .sgd && c.optimizer.momentum == 0.5 && c.steps == 7)
    // The objects on the way are created in document order.
    #expect(Array(document.objectValue?.keys ?? []) == ["cell", "task", "optimizer", "steps"])
    // A step that is a value, not an object, is an error naming it.
    let into = try ConfigOverride(parsing: "cell.tableau.name=x")
    #expect(throws: ConfigError(key: "cell.tableau", "expected an object, got a string")) { try into.apply(to: &document) }
  }

  @Test func errorsNameTheOverrideThatCausedThem() throws {
    let overrides = [
      try ConfigOverride(parsing: "cell.hidenSize=8"), ConfigOverride(key: "steps", text: "-1", origin: "--steps -1"),
      try ConfigOverride(parsing: "cell.tableau={\"a\": [[0]], \"b\": [2], \"c\": [0]}"),
      try ConfigOverride(parsing: "cell.decay=[0, \"x\"]"),
    ]
    var document = try JSON.parse(#"{"cell":{"hiddenSize":4},"task":{"name":"adding"}}"#)
    for o in overrides { try o.apply(to: &document) }
    let first = try #require(throwing(try TrainingConfig.parse(document)))
    #expect(ConfigOverride.explain(first, overrides) == #"unknown key "cell.hidenSize"; did you mean "hiddenSize"? (from --set cell.hidenSize=8)"#)
    let steps = ConfigError(key: "steps", "expected an integer in 1...100000000, got -1")
    #expect(ConfigOverride.explain(steps, overrides).hasSuffix("(from --steps -1)"))
    let entry = ConfigError(key: "cell.tableau.b", "bad")
    #expect(ConfigOverride.explain(entry, overrides).hasSuffix(#"(from --set cell.tableau={"a": [[0]], "b": [2], "c": [0]})"#))
    let element = ConfigError(key: "cell.decay[1]", "expected a number, got a string")
    #expect(ConfigOverride.explain(element, overrides).hasSuffix(#"(from --set cell.decay=[0, "x"])"#))
    #expect(ConfigOverride.explain(ConfigError(key: "seed", "bad"), overrides) == #""seed": bad"#)
  }

  func throwing(_ body: @autoclosure () throws(ConfigError) -> TrainingConfig) -> ConfigError? {
    do {
      _ = try body()
      return nil
    } catch {
      return error
    }
  }
}
