/// The one error type of `FileFormats`: a file that cannot be read or written, or whose
/// content is invalid. `description` is one line:
/// `data.csv line 7, column "price": "abc" is not a number`,
/// `w.safetensors: tensor "cell.W0": dtype "I32" is not supported (only F32 and F64)`.
public struct FileFormatError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file's path as given (or nil for in-memory data).
  public var source: String?
  /// A position inside the content, such as `line 7, column "price"` (or nil).
  public var location: String?
  /// What is wrong.
  public var message: String

  /// An error with `message`, optionally located in `source` at `location`.
  public init(_ message: String, source: String? = nil, location: String? = nil) {
    self.message = message
    self.source = source
    self.location = location
  }

  /// `source location: message`, leaving out the parts that are nil.
  public var description: String {
    let prefix = [source, location].compactMap { $0 }.joined(separator: " ")
    return prefix.isEmpty ? message : "\(prefix): \(message)"
  }

  /// The same error attributed to the file at `source`.
  public func from(_ source: String) -> FileFormatError {
    var copy = self
    copy.source = source
    return copy
  }
}
