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

  /// Writes `bytes` to `url` atomically: into a new temporary file in the same directory,
  /// flushed to disk, then moved to `url`, so readers see the old file or the whole new one,
  /// never a part; on any failure (a full disk) the temporary file is removed and nothing is
  /// left behind. An existing `url` is replaced unless `replacing` is false (the commands pass
  /// their `--force`: without it they refuse).
  /// Errors: `PATH: cannot write (reason)`, `PATH: already exists (--force replaces it)`.
  public static func writeAtomically(_ bytes: [UInt8], to url: URL, replacing: Bool = true) throws(FileFormatError) {
    let name = displayName(url)
    let path = url.path
    if !replacing && FileManager.default.fileExists(atPath: path) {
      throw FileFormatError("already exists (--force replaces it)", source: name)
    }
    let directory = url.deletingLastPathComponent().path
    let temporary = "\(directory)/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw FileFormatError("cannot write (\(String(cString: strerror(errno))))", source: name) }
    func fail(_ code: Int32) -> FileFormatError {
      close(fd)
      unlink(temporary)
      return FileFormatError("cannot write (\(String(cString: strerror(code))))", source: name)
    }
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw fail(n < 0 ? errno : EIO) }
      offset += n
    }
    guard fsync(fd) == 0 else { throw fail(errno) }
    guard close(fd) == 0 else {
      let code = errno
      unlink(temporary)
      throw FileFormatError("cannot write (\(String(cString: strerror(code))))", source: name)
    }
    // link(2) refuses an existing target, so a file created meanwhile is never replaced.
    let moved = replacing ? rename(temporary, path) : link(temporary, path)
    let code = errno
    if !replacing || moved != 0 { unlink(temporary) }
    guard moved == 0 else {
      throw FileFormatError(code == EEXIST ? "already exists (--force replaces it)" : "cannot write (\(String(cString: strerror(code))))", source: name)
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
