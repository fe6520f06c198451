/// A configuration that cannot be used, with a one-line message naming the key.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
  /// `"cell.hiddenSize": expected an integer in 1...4096, got 0`.
  public let description: String

  /// An error with the given message.
  public init(_ description: String) { self.description = description }

  /// An error about `key` (quoted, as the JSON reader's messages are).
  public init(key: String, _ reason: String) { description = "\"\(key)\": \(reason)" }
}
