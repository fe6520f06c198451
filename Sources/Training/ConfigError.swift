import JSON

/// A configuration that cannot be used, with a one-line message naming the key.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
  /// `"cell.hiddenSize": expected an integer in 1...4096, got 0`.
  public let description: String
  /// The dotted key the message is about (`cell.hiddenSize`, `cell.tableau.b[2]`), when it is
  /// about one.
  public let key: String?

  /// An error about no key in particular.
  public init(_ description: String) {
    self.description = description
    key = nil
  }

  /// An error about `key` (quoted, as the JSON reader's messages are).
  public init(key: String, _ reason: String) {
    description = "\"\(key)\": \(reason)"
    self.key = key
  }

  /// The JSON reader's error with its message and key path unchanged.
  public init(_ error: JSONError) {
    description = error.description
    key = error.keyPath.flatMap { $0.isEmpty ? nil : $0 }
  }
}
