import Foundation
import JSON
import Training

/// Appends a session file: the header on creation, then one line per event.
///
/// Every `append` is one `write(2)` of whole lines, so a killed process loses nothing that
/// was appended (the contract asks for at most one second). Refuses to overwrite a file.
/// A failed write (a full disk) leaves no partial line: a file whose header could not be
/// written is removed, and an append that fails is cut back to the last whole line, so
/// every byte on disk still reads. Owned by one thread.
public final class SessionWriter {
  /// The file's path.
  public let path: String
  private let fd: Int32
  private let start: ContinuousClock.Instant
  /// The bytes of whole lines written so far.
  private var size: off_t = 0
  private var closed = false

  /// Creates `path` (and its folder) and writes the header line; never replaces a file.
  public init(path: String, header: SessionHeader, clock start: ContinuousClock.Instant = .now) throws(SessionError) {
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw SessionError(line: 0, "cannot create the folder of \(path): \(error.localizedDescription)")
    }
    // O_EXCL: of two processes choosing the same name, exactly one gets the file.
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      if errno == EEXIST { throw SessionError(line: 0, "\(path) already exists; choose another file") }
      throw SessionError(line: 0, "cannot create \(path): \(String(cString: strerror(errno)))")
    }
    self.path = path
    self.fd = fd
    self.start = start
    if let code = writeAll(Array((header.json.serialized() + "\n").utf8)) {
      Glibc.close(fd)
      unlink(path)  // a session without its header is no session: nothing is left behind
      closed = true
      throw SessionError(line: 0, "cannot write \(path): \(String(cString: strerror(code)))")
    }
  }

  deinit { close() }

  /// Seconds since the session started.
  public var elapsed: Double { (ContinuousClock.now - start).inSeconds }

  /// Appends events stamped with the current time.
  public func append(_ events: [SessionEvent]) throws(SessionError) {
    guard !events.isEmpty else { return }
    let t = (elapsed * 1000).rounded() / 1000
    try append(events.map { TimedEvent(time: t, event: $0) })
  }

  /// Appends time-stamped events.
  public func append(_ events: [TimedEvent]) throws(SessionError) {
    guard !events.isEmpty else { return }
    var text = ""
    for e in events {
      text += SessionCodec.line(e)
      text += "\n"
    }
    if let code = writeAll(Array(text.utf8)) {
      throw SessionError(line: 0, "cannot write \(path): \(String(cString: strerror(code)))")
    }
  }

  /// Writes whole lines; on failure cuts the file back to the lines before and returns errno.
  private func writeAll(_ bytes: [UInt8]) -> Int32? {
    guard !closed else { return EBADF }
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        let code = n < 0 ? errno : EIO
        _ = ftruncate(fd, size)
        _ = lseek(fd, size, SEEK_SET)
        return code
      }
      offset += n
    }
    size += off_t(bytes.count)
    return nil
  }

  /// Flushes to stable storage and closes the file (at the end of a run).
  public func close() {
    guard !closed else { return }
    closed = true
    _ = fsync(fd)
    _ = Glibc.close(fd)
  }
}
