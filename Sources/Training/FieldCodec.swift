import JSON
import Tableaux

/// What decoding one value may look at besides the value: the config decoded so far (the
/// fields before it in `ConfigSchema.fields`) and the rules of the config's origin.
struct FieldContext {
  /// The config with every earlier field decoded.
  let config: TrainingConfig
  /// Where the config comes from.
  let rules: ConfigRules
}

/// How one type of config value is read from JSON, written back to JSON, and stepped by
/// Compose's ←/→.
///
/// Reading checks the type, range and allowed values with the JSON readers' wording
/// (`expected an integer in 1...4096, got 0`). Invariant: `decode(encode(v))` is `v` for every
/// value that `decode` returns, so a struct value is validated by decoding its encoding.
struct FieldCodec<Value>: Sendable {
  /// The value at the reader, or an error naming the reader's path.
  let decode: @Sendable (JSONValueReader, FieldContext) throws(ConfigError) -> Value
  /// The value as JSON.
  let encode: @Sendable (Value) -> JSON
  /// The value one notch up (+1) or down (−1) under the nudge, or nil for no change.
  let step: @Sendable (Value, Nudge, Int, FieldContext) -> Value?
  /// False for types whose values are valid by construction (a `ButcherTableau`).
  var validates = true
}

/// Runs a JSON reader call, passing its error on as a `ConfigError` with the same text.
func reading<T>(_ body: () throws(JSONError) -> T) throws(ConfigError) -> T {
  do { return try body() } catch { throw ConfigError(error) }
}

extension FieldCodec where Value: BinaryInteger & Sendable {
  /// An integer in `range`; steps clamp to the range.
  static func integer(_ range: ClosedRange<Int>) -> FieldCodec {
    FieldCodec(
      decode: { v, _ throws(ConfigError) in Value(try reading { () throws(JSONError) in try v.int(range: range) }) },
      encode: { .number(Double($0)) },
      step: { value, nudge, direction, _ in
        let x = Int(clamping: value)
        let next: Int
        switch nudge {
        case .scale: next = direction > 0 ? (x > range.upperBound / 2 ? range.upperBound : x * 2) : x / 2
        case .step(let amount): next = x + Int(amount) * direction
        case .cycle, .typed: return nil
        }
        return Value(min(range.upperBound, max(range.lowerBound, next)))
      })
  }
}

extension FieldCodec where Value == Double {
  /// A finite number in `range`; a step that would leave the range changes nothing.
  static func number(_ range: NumberRange) -> FieldCodec {
    FieldCodec(
      decode: { v, _ throws(ConfigError) in try reading { () throws(JSONError) in try v.double(range: range) } },
      encode: { .number($0) },
      step: { x, nudge, direction, _ in
        let next: Double
        switch nudge {
        case .scale(let start): next = x == 0 ? (direction > 0 ? start : 0) : (direction > 0 ? x * 2 : x / 2)
        case .step(let amount): next = x + amount * Double(direction)
        case .cycle, .typed: return nil
        }
        return range.contains(next) ? next : nil
      })
  }
}

extension FieldCodec where Value == [Double] {
  /// Exactly `count(config)` finite numbers (`cell.decay`: t numbers); `.step` moves the first.
  static func numbers(count: @escaping @Sendable (TrainingConfig) -> Int) -> FieldCodec {
    FieldCodec(
      decode: { v, context throws(ConfigError) in
        let xs = try reading { () throws(JSONError) in try v.doubles(count: count(context.config)) }
        if let bad = xs.firstIndex(where: { !$0.isFinite }) {
          throw ConfigError(key: "\(v.path)[\(bad)]", "expected a finite number, got \(JSON.format(xs[bad]))")
        }
        return xs
      },
      encode: { .array($0.map(JSON.number)) },
      step: { xs, nudge, direction, _ in
        guard case .step(let amount) = nudge, !xs.isEmpty else { return nil }
        var next = xs
        next[0] += amount * Double(direction)
        return next
      })
  }
}

extension FieldCodec where Value: RawRepresentable & CaseIterable & Equatable & Sendable, Value.RawValue == String {
  /// One of the enumeration's raw values; `.cycle` goes through them in declaration order.
  static var choice: FieldCodec {
    FieldCodec(
      decode: { v, _ throws(ConfigError) in
        let names = Value.allCases.map(\.rawValue)
        let text = try reading { () throws(JSONError) in try v.enumeration(allowed: names) }
        guard let value = Value(rawValue: text) else { throw ConfigError(key: v.path, "expected one of \(names)") }
        return value
      },
      encode: { .string($0.rawValue) },
      step: { value, nudge, direction, _ in
        guard nudge == .cycle else { return nil }
        let all = Array(Value.allCases)
        let i = all.firstIndex(of: value) ?? 0
        return all[(i + direction % all.count + all.count) % all.count]
      })
  }
}

extension FieldCodec where Value == Bool {
  /// `true` or `false`; `.cycle` toggles.
  static var bool: FieldCodec {
    FieldCodec(
    decode: { v, _ throws(ConfigError) in try reading { () throws(JSONError) in try v.bool() } },
    encode: { .bool($0) },
      step: { value, nudge, _, _ in nudge == .cycle ? !value : nil })
  }
}

extension FieldCodec where Value == String {
  /// A non-empty string (a file path); typed only.
  static var text: FieldCodec {
    FieldCodec(
    decode: { v, _ throws(ConfigError) in
      let text = try reading { () throws(JSONError) in try v.string() }
      guard !text.isEmpty else { throw ConfigError(key: v.path, "expected a non-empty string, got \"\"") }
      return text
    },
      encode: { .string($0) },
      step: { _, _, _, _ in nil })
  }
}

extension FieldCodec where Value == [String] {
  /// A non-empty array of strings (`task.columns`); typed only.
  static var names: FieldCodec {
    FieldCodec(
    decode: { v, _ throws(ConfigError) in
      let names = try reading { () throws(JSONError) in try v.array().map { (e: JSONValueReader) throws(JSONError) in try e.string() } }
      guard !names.isEmpty else { throw ConfigError(key: v.path, "expected at least one column name") }
      return names
    },
      encode: { .array($0.map(JSON.string)) },
      step: { _, _, _, _ in nil })
  }
}

extension FieldCodec {
  /// `Wrapped` or `null` (nil). `null` is refused with `nullRefusal(context)` when that is not
  /// nil (`steps: null` outside the workbench). Stepping up from nil gives the nudge's start.
  static func optional<Wrapped>(
    _ wrapped: FieldCodec<Wrapped>, nullRefusal: @escaping @Sendable (ConfigRules) -> String? = { _ in nil }
  ) -> FieldCodec<Wrapped?> where Value == Wrapped? {
    FieldCodec<Wrapped?>(
      decode: { v, context throws(ConfigError) in
        guard v.isNull else { return try wrapped.decode(v, context) }
        if let refusal = nullRefusal(context.rules) { throw ConfigError(key: v.path, refusal) }
        return nil
      },
      encode: { $0.map(wrapped.encode) ?? .null },
      step: { value, nudge, direction, context in
        if let value { return wrapped.step(value, nudge, direction, context).map { $0 } }
        guard direction > 0, case .scale(let start) = nudge,
          let first = try? wrapped.decode(JSONValueReader(.number(start), path: ""), context)
        else { return nil }
        return first
      },
      validates: wrapped.validates)
  }
}

extension FieldCodec where Value == ButcherTableau {
  /// A catalog name or an inline tableau object (`TableauLoading`); `.cycle` goes through the
  /// catalog. Written back as its name when it is a catalog tableau, else inline with the
  /// exact entry texts.
  static var tableau: FieldCodec {
    FieldCodec(
    decode: { v, _ throws(ConfigError) in try TableauLoading.tableau(from: v).get() },
    encode: { t in
      if let known = ButcherTableau.named(t.name), known == t { return .string(t.name) }
      func entry(_ s: String) -> JSON { Double(s).map(JSON.number) ?? .string(s) }
      var members: [(String, JSON)] = [
        ("name", .string(t.name)),
        ("a", .array(t.entryText.a.map { .array($0.map(entry)) })),
        ("b", .array(t.entryText.b.map(entry))),
        ("c", .array(t.entryText.c.map(entry))),
      ]
      // A tableau published to fewer digits keeps the tolerance it was accepted with, so the
      // session header that holds it reads back (and verifies).
      if t.tolerance != ButcherTableau.defaultTolerance { members.append(("tolerance", .number(t.tolerance))) }
      return .object(.init(uniqueKeysWithValues: members))
    },
    step: { t, nudge, direction, _ in
      let catalog = ButcherTableau.catalog
      guard nudge == .cycle, !catalog.isEmpty else { return nil }
      guard let i = catalog.firstIndex(of: t) else { return direction > 0 ? catalog.first : catalog.last }
      return catalog[(i + direction % catalog.count + catalog.count) % catalog.count]
    },
      validates: false)
  }
}
