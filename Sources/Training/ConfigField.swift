import JSON

/// How Compose's ←/→ change a field.
public enum Nudge: Sendable, Equatable {
  /// Through the allowed values in order, wrapping around (choices, booleans, the catalog).
  case cycle
  /// Double (→) or halve (←); from 0 or `null`, → gives `start`.
  case scale(start: Double)
  /// Add (→) or subtract (←) the amount.
  case step(Double)
  /// Not at all: the value is typed (paths, names, `β₂`).
  case typed
}

/// One key of the training configuration: where it lives in the JSON (`cell.hiddenSize`), its
/// type, range and allowed values (through its codec), when it applies, how it is read from
/// and written to a `TrainingConfig`, and how Compose shows and steps it.
///
/// Defaults are the struct's own (`TrainingConfig(cell:task:)`, `CellSpec(hiddenSize:)`,
/// `TaskSpec.standard`): a key absent from a document leaves the field as the default config
/// has it, and a field that does not apply is neither read, written nor checked.
public struct ConfigField: Sendable {
  /// The dotted key: `cell.hiddenSize`, `batchSize`, `constraint.spectralNorm`.
  public let key: String
  /// Compose's label: `hidden size H`.
  public let label: String
  /// How Compose's ←/→ change the value.
  public let nudge: Nudge
  /// What `null` means in `config`, when the field may be null (`until stopped`, `off`, or
  /// τ's default for the config's precision).
  public func nullMeaning(in config: TrainingConfig) -> String? { nullMeaningOf(config) }
  private let nullMeaningOf: @Sendable (TrainingConfig) -> String?
  /// Whether a document must give the key whenever the field applies.
  public let isRequired: Bool
  /// When the field applies.
  public let condition: ConfigCondition
  /// What an absent key means in a session header written before the key existed (nil: the
  /// default): `cell.solver` is `"jacobi"` there, `newton` in a new config.
  public let legacyValue: JSON?
  private let decodeInto: @Sendable (inout TrainingConfig, JSONValueReader, ConfigRules) throws(ConfigError) -> Void
  private let encodeFrom: @Sendable (TrainingConfig) -> JSON
  private let stepFrom: @Sendable (TrainingConfig, Int) -> JSON?
  private let checkIn: @Sendable (TrainingConfig, ConfigRules) -> ConfigError?
  private let copyFrom: @Sendable (inout TrainingConfig, TrainingConfig) -> Void

  /// A field stored at `keyPath` with values read and written by `codec`.
  ///
  /// - Parameters:
  ///   - rule: a check of the value against the rest of the config (a reason when invalid).
  ///   - didSet: what else changes when the field is set (`derivativeOrder` resizes `decay`).
  init<Value>(
    _ key: String, _ label: String, _ codec: FieldCodec<Value>, _ keyPath: WritableKeyPath<TrainingConfig, Value> & Sendable,
    when condition: ConfigCondition = .always, required: Bool = false, nudge: Nudge, null: String? = nil,
    nullIn: (@Sendable (TrainingConfig) -> String)? = nil, rule: (@Sendable (Value, TrainingConfig) -> String?)? = nil, didSet: (@Sendable (inout TrainingConfig) -> Void)? = nil,
    legacy: JSON? = nil
  ) {
    self.key = key
    legacyValue = legacy
    self.label = label
    self.nudge = nudge
    self.isRequired = required
    self.condition = condition
    nullMeaningOf = nullIn ?? { _ in null }
    decodeInto = { config, reader, rules throws(ConfigError) in
      let value = try codec.decode(reader, FieldContext(config: config, rules: rules))
      if let rule, let reason = rule(value, config) { throw ConfigError(key: key, reason) }
      config[keyPath: keyPath] = value
      didSet?(&config)
    }
    encodeFrom = { codec.encode($0[keyPath: keyPath]) }
    copyFrom = { config, source in config[keyPath: keyPath] = source[keyPath: keyPath] }
    stepFrom = { config, direction in
      let context = FieldContext(config: config, rules: .workbench)
      return codec.step(config[keyPath: keyPath], nudge, direction, context).map(codec.encode)
    }
    checkIn = { config, rules in
      let value = config[keyPath: keyPath]
      do throws(ConfigError) {
        if codec.validates {
          _ = try codec.decode(JSONValueReader(codec.encode(value), path: key), FieldContext(config: config, rules: rules))
        }
        if let rule, let reason = rule(value, config) { throw ConfigError(key: key, reason) }
        return nil
      } catch {
        return error
      }
    }
  }

  /// Compose's section heading, from the key: Cell, Task, Optimizer, or Run for the rest.
  public var section: String {
    switch key.split(separator: ".").first {
    case "cell": "Cell"
    case "task": "Task"
    case "optimizer": "Optimizer"
    default: "Run"
    }
  }

  /// Whether the field applies to `config`.
  public func applies(to config: TrainingConfig) -> Bool {
    condition.reason(config) == nil
  }

  /// The field's value in `config`, as the effective config writes it.
  public func value(in config: TrainingConfig) -> JSON {
    encodeFrom(config)
  }

  /// Reads the value at `reader` into `config`: type, range, allowed values and rules checked,
  /// errors naming the key. The caller has checked that the field applies.
  func decode(_ reader: JSONValueReader, into config: inout TrainingConfig, _ rules: ConfigRules) throws(ConfigError) {
    try decodeInto(&config, reader, rules)
  }

  /// The value one Compose notch up (+1) or down (−1) from `config`'s, or nil when it does not
  /// step (typed fields, a bound reached).
  public func nudged(_ config: TrainingConfig, direction: Int) -> JSON? {
    stepFrom(config, direction)
  }

  /// Gives `config` this field's value in `source` (nothing else changes: no `didSet`).
  func copy(into config: inout TrainingConfig, from source: TrainingConfig) {
    copyFrom(&config, source)
  }

  /// What is wrong with `config`'s value of this field (range, type, rule), or nil.
  func problem(in config: TrainingConfig, _ rules: ConfigRules) -> ConfigError? {
    checkIn(config, rules)
  }
}
