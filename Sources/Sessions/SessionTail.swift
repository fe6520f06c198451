import Foundation
import JSON
import Training

/// What `sessions list` needs of a session without reading all of it: the header line and
/// the events at the end of the file (the last metrics row and how the run ended).
///
/// Reads the first line, then windows of the file's end, doubling (64 KiB, 128 KiB, …) until
/// the window holds a complete metrics line or reaches the header; only the lines needed are
/// parsed. A truncated last line is skipped, as the full reader does.
public enum SessionTail {
  /// The summary of the session at `path`.
  public static func summary(path: String, file: String) throws(SessionError) -> SessionSummary {
    try read(path: path, file: file).summary
  }

  /// The header of the session at `path` and its summary, from one opening of the file.
  public static func read(path: String, file: String) throws(SessionError) -> (header: SessionHeader, summary: SessionSummary) {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw SessionError(file: path, line: 0, "cannot read the file")
    }
    defer { try? handle.close() }
    let size = (try? handle.seekToEnd()) ?? 0
    let head = try readHeader(handle, path: path)
    var window: UInt64 = 64 << 10
    while true {
      let start = size > window ? size - window : 0
      try? handle.seek(toOffset: start)
      let data = [UInt8]((try? handle.readToEnd()) ?? Data())
      var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
      if data.last != 0x0A, !lines.isEmpty { lines.removeLast() }  // truncated (or empty) end
      if start > 0, !lines.isEmpty { lines.removeFirst() }  // cut by the window
      if start == 0, !lines.isEmpty { lines.removeFirst() }  // the header
      var last: StepMetrics?
      var status: String?
      for line in lines.reversed() where line.contains(where: { $0 != 0x20 }) {
        guard let json = try? JSON.parse(line), let event = try? SessionCodec.decode(json) else { continue }
        switch event.event {
        case .finished: status = status ?? "finished"
        case .diverged: status = status ?? "diverged"
        case .stopped: status = status ?? "stopped"
        case .metrics(let rows): last = rows.last
        default: break
        }
        if last != nil { break }
        status = status ?? "interrupted"  // something after the last row that is not an end
      }
      if last != nil || start == 0 {
        return (head, SessionSummary(file: file, header: head, lastMetrics: last, status: status ?? "interrupted"))
      }
      window *= 2
    }
  }

  static func readHeader(_ handle: FileHandle, path: String) throws(SessionError) -> SessionHeader {
    try? handle.seek(toOffset: 0)
    var line: [UInt8] = []
    while true {
      guard let chunk = try? handle.read(upToCount: 64 << 10), !chunk.isEmpty else { break }
      if let end = chunk.firstIndex(of: 0x0A) {
        line += chunk[..<end]
        break
      }
      line += chunk
    }
    guard !line.isEmpty else { throw SessionError(file: path, line: 0, "the file is empty") }
    do {
      return try SessionHeader(json: try JSON.parse(line))
    } catch let e as SessionError {
      throw e.in(file: path)
    } catch {
      throw SessionError(file: path, line: 1, "the header is not valid JSON (\(Session.withinLine(error)))")
    }
  }
}
