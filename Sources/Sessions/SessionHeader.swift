import JSON
import Training

/// Line 1 of a session file (DESIGN §1.5).
///
/// `{"format": "odernn-session", "version": 1, "created": ISO-8601, "odernn": VERSION,
/// "blas": {"core": ..., "threads": n}, "parent": null | {"file", "step"}, "config": {...}}`
public struct SessionHeader: Sendable, Equatable {
  /// The session format's version this code writes and reads.
  public static let currentVersion = 1

  /// ISO-8601 creation time (UTC).
  public var created: String
  /// The odernn version that wrote the file.
  public var odernn: String
  /// OpenBLAS's core name.
  public var blasCore: String
  /// BLAS threads.
  public var blasThreads: Int
  /// The session this one resumed from: its file and checkpoint step.
  public var parent: (file: String, step: Int)?
  /// The effective config (every default filled in).
  public var config: JSON

  /// A header.
  public init(created: String, odernn: String, blasCore: String, blasThreads: Int, parent: (file: String, step: Int)?, config: JSON) {
    self.created = created
    self.odernn = odernn
    self.blasCore = blasCore
    self.blasThreads = blasThreads
    self.parent = parent
    self.config = config
  }

  /// The header as its JSON line.
  public var json: JSON {
    .object([
      "format": "odernn-session",
      "version": .number(Double(Self.currentVersion)),
      "created": .string(created),
      "odernn": .string(odernn),
      "blas": .object(["core": .string(blasCore), "threads": .number(Double(blasThreads))]),
      "parent": parent.map { .object(["file": .string($0.file), "step": .number(Double($0.step))]) } ?? .null,
      "config": config,
    ])
  }

  /// Reads a header line; errors say what is wrong (the reader adds the line number).
  public init(json: JSON) throws(SessionError) {
    guard case .object(let o) = json else { throw SessionError(line: 1, "the header is not a JSON object") }
    guard o["format"]?.stringValue == "odernn-session" else {
      throw SessionError(line: 1, "not an odernn session (\"format\" is not \"odernn-session\")")
    }
    guard let version = o["version"]?.intValue else { throw SessionError(line: 1, "the header has no \"version\"") }
    guard version == Self.currentVersion else {
      throw SessionError(line: 1, "session format version \(version) is not supported (this odernn reads version \(Self.currentVersion))")
    }
    guard let config = o["config"], case .object = config else {
      throw SessionError(line: 1, "the header has no \"config\" object")
    }
    created = o["created"]?.stringValue ?? ""
    odernn = o["odernn"]?.stringValue ?? ""
    blasCore = o["blas"]?["core"]?.stringValue ?? ""
    blasThreads = o["blas"]?["threads"]?.intValue ?? 1
    if let p = o["parent"], case .object = p {
      guard let file = p["file"]?.stringValue, let step = p["step"]?.intValue else {
        throw SessionError(line: 1, "\"parent\" needs \"file\" and \"step\"")
      }
      parent = (file, step)
    } else {
      parent = nil
    }
    self.config = config
  }

  /// The parsed training config. Keys that did not apply to the run (headers written before
  /// the effective config left them out hold every key, `"gamma": 0` for a dense cell) are
  /// skipped: they had no effect on it.
  public func trainingConfig() throws(SessionError) -> TrainingConfig {
    do {
      return try TrainingConfig.parse(config, .sessionHeader)
    } catch {
      throw SessionError(line: 1, "the header's config is invalid: \(error.description)")
    }
  }

  public static func == (l: SessionHeader, r: SessionHeader) -> Bool {
    l.json == r.json
  }
}

/// A session file that cannot be read, with the line number where it went wrong.
public struct SessionError: Error, CustomStringConvertible, Equatable {
  /// 1-based line number (0 when the problem is the file itself).
  public let line: Int
  /// What is wrong.
  public let reason: String

  /// An error at `line`.
  public init(line: Int, _ reason: String) {
    self.line = line
    self.reason = reason
  }

  /// `line 7: ...`, or the reason alone for whole-file problems.
  public var description: String { line > 0 ? "line \(line): \(reason)" : reason }
}
