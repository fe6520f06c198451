import Foundation
import JSON

/// One `--set KEY=VALUE` (DESIGN §1.10): a dotted config key and a value read as JSON, or as a
/// string when the text is not JSON (`--set cell.tableau=rk4`). Overrides are applied to the
/// config document before it is parsed, so a bad key or value gets a config file's message.
public struct ConfigOverride: Sendable, Equatable {
  /// The dotted key: `cell.hiddenSize`.
  public let key: String
  /// The value to put there.
  public let value: JSON
  /// What the user typed, to name in errors: `--set cell.hiddenSize=0`, `--steps -1`.
  public let origin: String

  /// An override of `key` with the value `text` (see `value(of:)`), from `origin`.
  public init(key: String, text: String, origin: String) {
    self.key = key
    value = Self.value(of: text)
    self.origin = origin
  }

  /// An override of `key` with a JSON `value` (a sweep point's), from `origin`.
  public init(key: String, value: JSON, origin: String) {
    self.key = key
    self.value = value
    self.origin = origin
  }

  /// Parses `KEY=VALUE` (split at the first `=`; the key must not be empty).
  public init(parsing argument: String) throws(ConfigError) {
    guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
      throw ConfigError("--set expects KEY=VALUE (such as cell.hiddenSize=64), got \"\(argument)\"")
    }
    self.init(
      key: String(argument[..<equals]), text: String(argument[argument.index(after: equals)...]),
      origin: "--set \(argument)")
  }

  /// `text` as JSON when it parses (`8`, `null`, `[1, 0.5]`, `"rk4"`), else as a string
  /// (`rk4`, `data/train.idx`); surrounding whitespace is dropped.
  public static func value(of text: String) -> JSON {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    return (try? JSON.parse(trimmed)) ?? .string(trimmed)
  }

  /// Puts the value at the key in `document`, creating objects on the way; a step that exists
  /// and is not an object is an error naming it.
  public func apply(to document: inout JSON) throws(ConfigError) {
    let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    do {
      try document.setMember(value, at: path)
    } catch {
      throw ConfigError(error)
    }
  }

  /// `error`'s message, followed by the origin of the last override it is about:
  /// `"steps": expected an integer in 1...100000000, got -1 (from --steps -1)`.
  public static func explain(_ error: ConfigError, _ overrides: [ConfigOverride]) -> String {
    guard let key = error.key,
      let cause = overrides.last(where: { o in
        key == o.key || key.hasPrefix(o.key + ".") || key.hasPrefix(o.key + "[") || o.key.hasPrefix(key + ".")
      })
    else { return error.description }
    return "\(error.description) (from \(cause.origin))"
  }
}
