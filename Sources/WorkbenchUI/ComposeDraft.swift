import JSON
import ODECells
import Training

/// A Compose row: the config key it edits (`cell.hiddenSize`). The row shows the schema field
/// for that key that applies to the draft (`task.length` is the copy task's row on copy).
public struct ComposeField: Hashable, Sendable, CustomStringConvertible {
  /// The dotted config key.
  public let key: String

  /// The row for `key`.
  public init(_ key: String) { self.key = key }

  /// The tableau row, Compose's first selection (typing a file name there loads a tableau).
  public static let tableau = ComposeField("cell.tableau")

  /// The key.
  public var description: String { key }
}

/// The config being composed: a `TrainingConfig` the Compose screen edits field by field.
/// The default trains at once: adding (T = 100), antisymmetric Euler, H = 64, until stopped.
///
/// Every change goes through `ConfigSchema`: the rows shown are exactly the fields that apply
/// to the draft, and a typed or stepped value is applied by the same row that reads config
/// files, so it is accepted or refused with a config file's message.
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

  /// The schema fields that apply to the draft, in table order (one per key).
  public var fields: [ConfigField] {
    ConfigSchema.fields.filter { $0.applies(to: config) }
  }

  /// The rows in order.
  public var visibleFields: [ComposeField] { fields.map { ComposeField($0.key) } }

  /// The row's value as shown, in the syntax that typing it back accepts (`0.003`, `true`,
  /// `[1, 0.5]`, `rk4`), or what null means there (`until stopped`).
  public func text(_ f: ComposeField) -> String {
    guard let field = ConfigSchema.field(for: f.key, in: config) else { return "" }
    let value = field.value(in: config)
    if value.isNull, let meaning = field.nullMeaning(in: config) { return meaning }
    return Self.text(value)
  }

  static func text(_ value: JSON) -> String {
    switch value {
    case .null: "null"
    case .bool(let b): b ? "true" : "false"
    case .number(let x): Format.number(x)
    case .string(let s): s
    case .array(let xs): "[" + xs.map { $0.stringValue.map { JSON.string($0).serialized() } ?? text($0) }.joined(separator: ", ") + "]"
    // An inline tableau: its name.
    case .object(let members): members["name"]?.stringValue ?? "custom"
    }
  }

  /// Whether the row's value is a file path (the tableau, whose typed name may be a file, and
  /// the task's `… file` rows): Tab completes it from the file system while it is typed.
  public func takesPath(_ f: ComposeField) -> Bool {
    f == .tableau || (ConfigSchema.field(for: f.key, in: config)?.label.hasSuffix("file") ?? false)
  }

  /// What to type into the row, shown when typing starts (nil: the value says it).
  public func typingHint(_ f: ComposeField) -> String? {
    if f == .tableau { return "a catalog name, or a tableau .json file (DESIGN §1.2; Tab completes)" }
    if takesPath(f) { return "a path (Tab completes)" + (ConfigSchema.field(for: f.key, in: config)?.nullMeaning(in: config).map { ", or null: \($0)" } ?? "") }
    guard let meaning = ConfigSchema.field(for: f.key, in: config)?.nullMeaning(in: config) else { return nil }
    return "a value, or null: \(meaning)"
  }

  /// Steps the row by one notch (`direction` −1 or +1) as its nudge says (choices cycle,
  /// numbers double or halve, counts step; a bound stops it); returns the error message when
  /// the schema refuses the new value.
  public mutating func nudge(_ f: ComposeField, _ direction: Int) -> String? {
    guard let field = ConfigSchema.field(for: f.key, in: config), let value = field.nudged(config, direction: direction) else {
      return nil
    }
    return apply(f, value)
  }

  /// Sets the row from typed text, read as `--set` reads a value (JSON, else a string); returns
  /// the config error's message (`"cell.hiddenSize": expected an integer in 1...4096, got 0`)
  /// when the schema refuses it. Empty text changes nothing.
  public mutating func set(_ f: ComposeField, text: String) -> String? {
    guard !text.allSatisfy(\.isWhitespace) else { return nil }
    return apply(f, ConfigOverride.value(of: text))
  }

  private mutating func apply(_ f: ComposeField, _ value: JSON) -> String? {
    do {
      try config.set(f.key, to: value, .workbench)
      return nil
    } catch {
      return error.description
    }
  }

  /// Why the draft cannot train as it is (a rule across fields, a required path still empty),
  /// or nil: `validate(.workbench)`'s message.
  public var problem: String? {
    do {
      try config.validate(.workbench)
      return nil
    } catch {
      return error.description
    }
  }
}
