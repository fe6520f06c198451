/// The one error type of the `JSON` module: a syntax error found by the parser, or a value
/// error found by `JSONObjectReader` / `JSONValueReader` while decoding a configuration.
///
/// `description` is always a single line:
/// - syntax: `line 1, column 17: expected ',' or '}' after object member`
/// - value: `"batchSize": expected an integer in 1...65536, got 0`
/// - unknown key: `unknown key "optimizer.learningRat"; did you mean "learningRate"?`
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Where the problem is.
  public enum Location: Sendable, Equatable {
    /// A position in the input text: `offset` counts bytes from 0; `line` and `column` count
    /// from 1, the column in Unicode scalars from the start of the line.
    case text(offset: Int, line: Int, column: Int)
    /// A value at a dotted key path such as `optimizer.learningRate` or `cell.decay[1]`
    /// (empty for the document itself).
    case key(path: String)
    /// A key that the reader did not expect, at its full dotted path.
    case unknownKey(path: String)
  }

  /// Where the problem is.
  public let location: Location
  /// What is wrong, without the location: `expected ',' or '}' after object member`.
  /// For `.unknownKey` it is the suggestion (`did you mean "learningRate"?`) or empty.
  public let reason: String

  /// Creates an error at `location` with `reason`.
  public init(_ location: Location, _ reason: String) {
    self.location = location
    self.reason = reason
  }

  /// The byte offset for syntax errors, otherwise nil.
  public var offset: Int? {
    if case .text(let offset, _, _) = location { return offset }
    return nil
  }

  /// The 1-based line for syntax errors, otherwise nil.
  public var line: Int? {
    if case .text(_, let line, _) = location { return line }
    return nil
  }

  /// The 1-based column (in Unicode scalars) for syntax errors, otherwise nil.
  public var column: Int? {
    if case .text(_, _, let column) = location { return column }
    return nil
  }

  /// The key path for value and unknown-key errors, otherwise nil.
  public var keyPath: String? {
    switch location {
    case .text: return nil
    case .key(let path), .unknownKey(let path): return path
    }
  }

  /// The one-line message; see the type's documentation for its three shapes.
  public var description: String {
    switch location {
    case .text(_, let line, let column):
      return "line \(line), column \(column): \(reason)"
    case .key(let path):
      return path.isEmpty ? reason : "\"\(path)\": \(reason)"
    case .unknownKey(let path):
      return reason.isEmpty ? "unknown key \"\(path)\"" : "unknown key \"\(path)\"; \(reason)"
    }
  }

  /// `unknown key "optimizer.learningRat"; did you mean "learningRate"?`: the unknown member
  /// `name` of the object at dotted path `parent` (empty for the document), suggesting the first
  /// of `candidates` (the names allowed there) closest to `name`, within edit distance 2.
  public static func unknownKey(_ name: String, in parent: String, candidates: [String]) -> JSONError {
    let reason = EditDistance.suggestion(for: name, among: candidates).map {
      "did you mean \(JSON.string($0).serialized())?"
    }
    return JSONError(.unknownKey(path: parent.isEmpty ? name : "\(parent).\(name)"), reason ?? "")
  }

  /// A syntax error at byte `offset` of `bytes`, with line and column computed from the bytes.
  static func syntax(_ reason: String, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>)
    -> JSONError
  {
    let end = min(max(offset, 0), bytes.count)
    var line = 1
    var lineStart = 0
    var index = 0
    while index < end {
      if bytes[index] == UInt8(ascii: "\n") {
        line += 1
        lineStart = index + 1
      }
      index += 1
    }
    var column = 1
    index = lineStart
    while index < end {
      // Count the bytes that start a UTF-8 sequence (not continuation bytes 10xxxxxx).
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return JSONError(.text(offset: end, line: line, column: column), reason)
  }
}
