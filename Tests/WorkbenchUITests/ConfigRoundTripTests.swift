import JSON
import Linalg
import Testing
import Training

/// The effective config (`TrainingConfig.json`, the session header's `config`) over many
/// configs built from the schema's own valid values: it reads back to the same config (once
/// values that no longer apply are back at their defaults), it holds exactly the keys that
/// apply, and for every config at most one row per key applies.
@Suite("Config schema: the effective config round-trips")
struct ConfigRoundTripTests {
  static let contexts: [JSON] = [
    ConfigFieldCases.dense, ConfigFieldCases.lstm, ConfigFieldCases.gru, ConfigFieldCases.idx, ConfigFieldCases.csv,
    ConfigFieldCases.sgd, ConfigFieldCases.implicit, ConfigFieldCases.antisymmetric,
  ]

  /// A config from a random context with random valid values set, row by row in table order
  /// (values that do not fit the config built so far, such as two decay numbers for t = 1,
  /// are refused by `set` and skipped).
  static func randomConfig(_ rng: inout Xoshiro256) throws -> TrainingConfig {
    var c = try TrainingConfig.parse(contexts[Int.random(in: 0..<contexts.count, using: &rng)], .workbench)
    for field in ConfigSchema.fields where field.applies(to: c) && Bool.random(using: &rng) {
      let values = ConfigFieldCases.cases.filter { $0.key == field.key }.flatMap(\.valid)
      guard let value = values.randomElement(using: &rng) else { continue }
      try? c.set(field.key, to: value, .workbench)
    }
    // Test images need their labels (a rule across two rows): give them when left out.
    if c.task.testImages != nil, c.task.testLabels == nil { try c.set("task.testLabels", to: "tl.idx", .workbench) }
    return c
  }

  /// The dotted keys of a config document (the four sections' members, the top-level values).
  static func keys(_ json: JSON, prefix: String = "") -> Set<String> {
    guard case .object(let members) = json else { return [prefix] }
    var keys: Set<String> = []
    for (name, value) in members {
      let key = prefix.isEmpty ? name : "\(prefix).\(name)"
      if prefix.isEmpty, ["cell", "task", "optimizer", "constraint"].contains(name) {
        keys.formUnion(Self.keys(value, prefix: key))
      } else {
        keys.insert(key)
      }
    }
    return keys
  }

  @Test func manyConfigsRoundTripThroughTheirEffectiveConfig() throws {
    var rng = Xoshiro256(seed: 2026)  // seeded: every run builds the same configs
    var kinds: Set<String> = []
    for _ in 0..<400 {
      let c = try Self.randomConfig(&rng)
      kinds.insert("\(c.cell.kind.rawValue) \(c.task.name) \(c.optimizer.name.rawValue)")
      let json = c.json
      let read = try TrainingConfig.parse(json, .workbench)
      #expect(read == c.normalized, "\(json.serialized())")
      #expect(read.normalized == read && read.json == json)
      #expect(try TrainingConfig.parse(try JSON.parse(json.serialized()), .workbench) == read)
      #expect(throws: Never.self) { try c.validate(.workbench) }
      let applicable = ConfigSchema.fields.filter { $0.applies(to: c) }.map(\.key)
      #expect(Set(applicable).count == applicable.count, "two rows apply for one key: \(applicable)")
      #expect(Self.keys(json) == Set(applicable), "\(json.serialized())")
    }
    // The configs are varied: every cell kind, task and optimizer took part.
    #expect(kinds.count >= 12, "\(kinds.sorted())")
  }

  /// A draft may keep a value that no longer applies (γ after antisymmetric → dense, so that
  /// switching back restores it); the effective config leaves it out, and reading that back
  /// gives the default there: the run's config as the session records it.
  @Test func valuesThatNoLongerApplyAreLeftOutOfTheEffectiveConfig() throws {
    var c = try TrainingConfig.parse(ConfigFieldCases.antisymmetric, .workbench)
    try c.set("cell.gamma", to: 0.5)
    try c.set("cell.tableau", to: "radau-iia-2")
    try c.set("cell.implicitIterations", to: 3)
    try c.set("cell.structure", to: "dense")
    try c.set("cell.tableau", to: "rk4")
    let json = c.json
    #expect(json["cell"]?["gamma"] == nil && json["cell"]?["implicitIterations"] == nil, "\(json.serialized())")
    let read = try TrainingConfig.parse(json, .workbench)
    #expect(read.cell.gamma == 0 && read.cell.implicitIterations == 8)
    #expect(read.json == json && read == c.normalized && read != c)
  }
}
