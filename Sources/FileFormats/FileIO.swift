#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads and atomic whole-file writes, with one-line errors naming the file.
public enum FileIO: Sendable {
  /// The bytes of the file at `url`. Errors: `PATH: no such file`, `PATH: is a directory`,
  /// `PATH: cannot read (reason)`.
  public static func readBytes(_ url: URL) throws(FileFormatError) -> [UInt8] {
    let path = url.path
    var isDirectory = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw FileFormatError("no such file", source: displayName(url))
    }
    if isDirectory {
      throw FileFormatError("is a directory", source: displayName(url))
    }
    do {
      return [UInt8](try Data(contentsOf: url))
    } catch {
      throw FileFormatError("cannot read (\(reason(error)))", source: displayName(url))
    }
  }

  /// The file at `url` read and decoded by `decode`; decoding errors are prefixed with the path.
  public static func read<T>(_ url: URL, _ decode: ([UInt8]) throws(FileFormatError) -> T) throws(FileFormatError) -> T {
    let bytes = try readBytes(url)
    do throws(FileFormatError) {
      return try decode(bytes)
    } catch {
      throw error.from(displayName(url))
    }
  }

  /// Writes `bytes` to `url` atomically: into a temporary file in the same directory that is
  /// then renamed over `url`, so readers see the old file or the new one, never a part.
  /// Errors: `PATH: cannot write (reason)`.
  public static func writeAtomically(_ bytes: [UInt8], to url: URL) throws(FileFormatError) {
    do {
      try Data(bytes).write(to: url, options: .atomic)
    } catch {
      throw FileFormatError("cannot write (\(reason(error)))", source: displayName(url))
    }
  }

  /// The path as the user gave it (relative paths stay relative).
  static func displayName(_ url: URL) -> String {
    url.isFileURL ? url.relativePath : url.absoluteString
  }

  /// A short reason for a Foundation file error: the operating system's message for the
  /// underlying POSIX error (`No such file or directory`) when there is one.
  static func reason(_ error: any Error) -> String {
    var posix = error as? POSIXError
    if posix == nil, let cocoa = error as? CocoaError {
      posix = cocoa.underlying as? POSIXError
    }
    if let posix, let message = strerror(posix.code.rawValue) {
      return String(cString: message)
    }
    if let cocoa = error as? CocoaError {
      return "file error \(cocoa.code.rawValue)"
    }
    return String(describing: error)
  }
}
