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

  /// Reads a session file. Tolerates a truncated last line (with a warning) and skips
  /// unknown kinds; any other malformed line is an error naming its line number.
  public static func read(path: String) throws(SessionError) -> Session {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SessionError(line: 0, "\(path): cannot read the file")
    }
    do {
      return try parse([UInt8](data))
    } catch {
      throw SessionError(line: error.line, "\(path): \(error.description)")
    }
  }

  /// Parses a session's bytes.
  public static func parse(_ bytes: [UInt8]) throws(SessionError) -> Session {
    var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    let endsWithNewline = bytes.last == UInt8(ascii: "\n")
    if endsWithNewline { lines.removeLast() }
    guard let first = lines.first, !first.isEmpty else { throw SessionError(line: 0, "the file is empty") }
    let header: SessionHeader
    do {
      header = try SessionHeader(json: try JSON.parse(first))
    } catch let e as SessionError {
      throw e
    } catch {
      throw SessionError(line: 1, "the header is not valid JSON (\(error))")
    }
    var events: [TimedEvent] = []
    var warnings: [String] = []
    var unknownKinds: Set<String> = []
    for (i, line) in lines.enumerated().dropFirst() {
      let number = i + 1
      let isLast = i == lines.count - 1
      do {
        let json = try JSON.parse(line)
        if let e = try SessionCodec.decode(json) {
          events.append(e)
        } else if case .string(let kind)? = json[1] {
          unknownKinds.insert(kind)
        }
      } catch {
        if isLast && !endsWithNewline {
          warnings.append("line \(number) is truncated and was ignored (the run was interrupted while writing)")
          break
        }
        let reason = "\(error)"
        throw SessionError(line: number, line.isEmpty ? "empty line" : reason)
      }
    }
    if !unknownKinds.isEmpty {
      warnings.append("skipped events of unknown kinds: \(unknownKinds.sorted().joined(separator: ", "))")
    }
    return Session(header: header, events: events, warnings: warnings)
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

  /// finished, diverged, or interrupted (neither).
  public var status: String {
    for e in events.reversed() {
      if case .finished = e.event { return "finished" }
      if case .diverged = e.event { return "diverged" }
    }
    return "interrupted"
  }
}
