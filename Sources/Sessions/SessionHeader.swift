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
    switch o["parent"] {
    case nil, .null?:
      parent = nil
    case .object(let p)?:
      guard let file = p["file"]?.stringValue, !file.isEmpty, let step = p["step"]?.intValue, step >= 0 else {
        throw SessionError(line: 1, "\"parent\" needs a \"file\" name and a \"step\" ≥ 0")
      }
      parent = (file, step)
    case let other?:
      throw SessionError(line: 1, "\"parent\" must be null or {\"file\", \"step\"}, got \(other.kindDescription)")
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

/// A session file that cannot be read: the file, the line where it went wrong, what is wrong.
public struct SessionError: Error, CustomStringConvertible, Equatable {
  /// The file, when known.
  public let file: String?
  /// 1-based line number (0 when the problem is the file itself).
  public let line: Int
  /// What is wrong.
  public let reason: String

  /// An error at `line` (of `file`).
  public init(file: String? = nil, line: Int, _ reason: String) {
    self.file = file
    self.line = line
    self.reason = reason
  }

  /// The same error, said of `file` (unless it names one already).
  public func `in`(file: String) -> SessionError {
    self.file == nil ? SessionError(file: file, line: line, reason) : self
  }

  /// `FILE: line 7: ...`; each part only when known.
  public var description: String {
    (file.map { "\($0): " } ?? "") + (line > 0 ? "line \(line): " : "") + reason
  }
}
