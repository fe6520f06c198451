import Foundation
import JSON
import Training

/// A session read back: its header, its events in file order, and warnings.
public struct Session: Sendable {
  /// Line 1.
  public var header: SessionHeader
  /// The events of known kinds.
  public var events: [TimedEvent]
  /// Notes for stderr (a truncated last line, skipped unknown kinds).
  public var warnings: [String]

  /// Reads a session file. Tolerates a truncated last line (with a warning) and blank lines
  /// at the end, and skips unknown kinds; any other malformed line, or an event out of the
  /// order a run writes (`SessionConsistency`), is an error naming the file and the line.
  public static func read(path: String) throws(SessionError) -> Session {
    guard let data = FileManager.default.contents(atPath: path) else {
      var isFolder: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
      throw SessionError(file: path, line: 0, exists ? (isFolder.boolValue ? "is a folder, not a session" : "cannot read the file") : "no such file")
    }
    do {
      return try parse([UInt8](data))
    } catch {
      throw error.in(file: path)
    }
  }

  /// Parses a session's bytes.
  public static func parse(_ bytes: [UInt8]) throws(SessionError) -> Session {
    var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    let endsWithNewline = bytes.last == UInt8(ascii: "\n")
    if endsWithNewline { lines.removeLast() }
    while let last = lines.last, lines.count > 1, last.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
      lines.removeLast()  // blank lines at the end (an editor's, say) are not events
    }
    guard let first = lines.first, !first.isEmpty else { throw SessionError(line: 0, "the file is empty") }
    let header: SessionHeader
    do {
      header = try SessionHeader(json: try JSON.parse(first))
    } catch let e as SessionError {
      throw e
    } catch {
      throw SessionError(line: 1, "the header is not valid JSON (\(Self.withinLine(error)))")
    }
    var events: [TimedEvent] = []
    var warnings: [String] = []
    var unknownKinds: Set<String> = []
    // A header whose config does not parse is reported by those who need the config (verify,
    // resume, eval); its events are still read, without the checkpoint check.
    var order = SessionConsistency(after: header.parent?.step ?? 0, config: try? header.trainingConfig())
    for (i, line) in lines.enumerated().dropFirst() {
      let number = i + 1
      let isLast = i == lines.count - 1
      let decoded: TimedEvent?
      do {
        let json = try JSON.parse(line)
        decoded = try SessionCodec.decode(json)
        if decoded == nil, case .string(let kind)? = json[1] { unknownKinds.insert(kind) }
      } catch {
        if isLast && !endsWithNewline {
          warnings.append("line \(number) is truncated and was ignored (the run was interrupted while writing)")
          break
        }
        throw SessionError(line: number, line.isEmpty ? "empty line" : Self.withinLine(error))
      }
      guard let e = decoded else { continue }
      do { try order.check(e.event) } catch { throw SessionError(line: number, error.reason) }
      events.append(e)
    }
    if !unknownKinds.isEmpty {
      warnings.append("skipped events of unknown kinds: \(unknownKinds.sorted().joined(separator: ", "))")
    }
    return Session(header: header, events: events, warnings: warnings)
  }

  /// A parse error's text for one line of the file: its column, not the parser's "line 1".
  static func withinLine(_ error: any Error) -> String {
    let text = "\(error)"
    guard text.hasPrefix("line 1, column ") else { return text }
    return String(text.dropFirst("line 1, ".count))
  }

  /// Every step's metrics, in order.
  public var metrics: [StepMetrics] {
    events.flatMap { e -> [StepMetrics] in
      if case .metrics(let rows) = e.event { return rows }
      return []
    }
  }

  /// The checkpoints, in order.
  public var checkpoints: [Checkpoint] {
    events.compactMap { e in
      if case .checkpoint(let c) = e.event { return c }
      return nil
    }
  }

  /// The control events, in order.
  public var controls: [ControlEvent] {
    events.compactMap { e in
      if case .control(let c) = e.event { return c }
      return nil
    }
  }

  /// finished, diverged, stopped (by the user, cleanly), or interrupted (killed: none of those).
  public var status: String {
    for e in events.reversed() {
      switch e.event {
      case .finished: return "finished"
      case .diverged: return "diverged"
      case .stopped: return "stopped"
      default: continue
      }
    }
    return "interrupted"
  }
}
