import Foundation
import JSON
import Testing
import Training
import WorkbenchUI

/// The schema's promise: a value given as a key in a config file, as `--set KEY=VALUE`, or
/// typed into Compose is accepted or refused the same way, with the same message, and an
/// accepted value gives the same config. Checked for every row of `ConfigSchema.fields`.
@Suite("Config schema: file, --set and Compose agree")
struct ConfigSchemaPropertyTests {
  /// What one way of giving a value led to: the error message, or the config.
  struct Outcome: Equatable, CustomStringConvertible {
    var message: String?
    var config: TrainingConfig?
    var description: String { message ?? "accepted" }
  }

  /// What a user types for `value`: a string as itself when that is not JSON, else the JSON.
  static func typed(_ value: JSON) -> String {
    if case .string(let s) = value, !s.isEmpty, s.trimmingCharacters(in: .whitespaces) == s, (try? JSON.parse(s)) == nil {
      return s
    }
    return value.serialized(.spaced)
  }

  /// `document` with `value` written at the dotted `key` (one or two levels), by hand.
  static func writing(_ value: JSON, at key: String, in document: JSON) -> JSON {
    guard case .object(var root) = document else { return document }
    let parts = key.split(separator: ".").map(String.init)
    if parts.count == 1 {
      root[parts[0]] = value
    } else {
      var inner = root[parts[0]]?.objectValue ?? [:]
      inner[parts[1]] = value
      root[parts[0]] = .object(inner)
    }
    return .object(root)
  }

  /// The config file: the context with the key written in, as text, read back.
  static func viaFile(_ context: JSON, _ key: String, _ value: JSON) throws -> Outcome {
    let document = try JSON.parse(writing(value, at: key, in: context).serialized(.spaced))
    do {
      return Outcome(config: try TrainingConfig.parse(document, .workbench))
    } catch {
      return Outcome(message: error.description)
    }
  }

  /// `--set KEY=TEXT` on the context's document.
  static func viaSet(_ context: JSON, _ key: String, _ value: JSON) -> Outcome {
    var document = context
    do {
      try ConfigOverride(parsing: "\(key)=\(typed(value))").apply(to: &document)
      return Outcome(config: try TrainingConfig.parse(document, .workbench))
    } catch {
      return Outcome(message: error.description)
    }
  }

  /// Compose's typed entry: the text set into the row of a draft of the context, as Enter
  /// does (`Workbench.typingKey` hands the text to `ComposeDraft.set`; the key-by-key path is
  /// UpdateTests'. A whole workbench here would redraw its preview for every value, seconds for
  /// H = 4096 or m = 1000 sweeps).
  static func viaCompose(_ context: JSON, _ key: String, _ value: JSON) throws -> Outcome {
    var draft = ComposeDraft(config: try TrainingConfig.parse(context, .workbench))
    return draft.set(ComposeField(key), text: typed(value)).map { Outcome(message: $0) } ?? Outcome(config: draft.config)
  }

  /// The three outcomes, checked equal.
  static func agree(_ context: JSON, _ key: String, _ value: JSON) throws -> Outcome {
    let file = try viaFile(context, key, value)
    let set = viaSet(context, key, value)
    let compose = try viaCompose(context, key, value)
    #expect(file == set, "\(key) = \(typed(value)): file \(file), --set \(set)")
    #expect(file == compose, "\(key) = \(typed(value)): file \(file), Compose \(compose)")
    return file
  }

  /// The row of the table that applies to `key` in `context`.
  static func row(_ key: String, _ context: JSON) -> Int? {
    guard let c = try? TrainingConfig.parse(context, .workbench) else { return nil }
    return ConfigSchema.fields.firstIndex { $0.key == key && $0.applies(to: c) }
  }

  @Test func everyRowHasCasesAndEveryConditionalKeyAnInapplicableCase() {
    let covered = Set(ConfigFieldCases.cases.compactMap { Self.row($0.key, $0.context) })
    for (i, field) in ConfigSchema.fields.enumerated() {
      #expect(covered.contains(i), "no case for row \(i), \(field.key) (\(field.label))")
    }
    let contexts = ConfigFieldCases.cases.map(\.context)
    let conditional = Set(ConfigSchema.fields.map(\.key).filter { key in contexts.contains { Self.row(key, $0) == nil } })
    let tested = Set(ConfigFieldCases.inapplicable.map(\.key))
    #expect(conditional.subtracting(tested).isEmpty, "keys without an inapplicable case: \(conditional.subtracting(tested).sorted())")
  }

  @Test(arguments: ConfigFieldCases.cases.indices)
  func validAndInvalidValuesAgree(index: Int) throws {
    let c = ConfigFieldCases.cases[index]
    #expect(Self.row(c.key, c.context) != nil, "\(c.key) does not apply in its context")
    for value in c.valid {
      let outcome = try Self.agree(c.context, c.key, value)
      #expect(outcome.message == nil, "\(c.key) = \(Self.typed(value)) refused: \(outcome)")
      // The accepted value is the config's value of the key (the tableau by name or inline).
      if let config = outcome.config, let field = ConfigSchema.field(for: c.key, in: config) {
        let written = field.value(in: config)
        #expect(written == value || c.key == "cell.tableau", "\(c.key): wrote \(written.serialized()) for \(value.serialized())")
      }
    }
    for (value, expected) in c.invalid {
      let outcome = try Self.agree(c.context, c.key, value)
      let message = try #require(outcome.message, "\(c.key) = \(Self.typed(value)) accepted")
      #expect(message.hasPrefix("\"\(c.key)"), "\(message)")
      if let expected { #expect(message == expected) }
    }
  }

  @Test(arguments: ConfigFieldCases.inapplicable.indices)
  func inapplicableKeysAreRefusedNamingTheKeyButSkippedInSessionHeaders(index: Int) throws {
    let (key, context, value, expected) = ConfigFieldCases.inapplicable[index]
    #expect(Self.row(key, context) == nil, "\(key) applies in its context")
    #expect(try Self.agree(context, key, value).message == expected)
    // A session header written when headers held every key: the key is skipped.
    let header = Self.writing(value, at: key, in: context)
    #expect(try TrainingConfig.parse(header, .sessionHeader) == TrainingConfig.parse(context, .workbench))
  }
}
