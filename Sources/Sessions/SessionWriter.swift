import Foundation
import JSON
import Training

/// Appends a session file: the header on creation, then one line per event.
///
/// Every `append` is one `write(2)` of whole lines, so a killed process loses nothing that
/// was appended (the contract asks for at most one second). Refuses to overwrite a file.
/// Owned by one thread.
public final class SessionWriter {
  /// The file's path.
  public let path: String
  private let handle: FileHandle
  private let start: ContinuousClock.Instant

  /// Creates `path` (and its folder) and writes the header line; never replaces a file.
  public init(path: String, header: SessionHeader, clock start: ContinuousClock.Instant = .now) throws(SessionError) {
    let url = URL(fileURLWithPath: path)
    let fm = FileManager.default
    do {
      try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw SessionError(line: 0, "cannot create the folder of \(path): \(error.localizedDescription)")
    }
    // O_EXCL: of two processes choosing the same name, exactly one gets the file.
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      if errno == EEXIST { throw SessionError(line: 0, "\(path) already exists; choose another file") }
      throw SessionError(line: 0, "cannot create \(path): \(String(cString: strerror(errno)))")
    }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    do {
      try handle.write(contentsOf: Data((header.json.serialized() + "\n").utf8))
    } catch {
      throw SessionError(line: 0, "cannot write \(path): \(error.localizedDescription)")
    }
    self.path = path
    self.handle = handle
    self.start = start
  }

  deinit { try? handle.close() }

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
    var text = ""
    for e in events {
      text += SessionCodec.line(e)
      text += "\n"
    }
    do {
      try handle.write(contentsOf: Data(text.utf8))
    } catch {
      throw SessionError(line: 0, "cannot write \(path): \(error.localizedDescription)")
    }
  }

  /// Flushes to stable storage (at the end of a run).
  public func close() {
    try? handle.synchronize()
    try? handle.close()
  }
}
