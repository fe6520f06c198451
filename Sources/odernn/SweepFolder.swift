import FileFormats
import Foundation
import JSON
import Sessions
import Training

/// A sweep's folder (DESIGN §1.11): `sweep.json` (the spec, the points and their files), each
/// point's effective config `NNN-SLUG.json`, and its sessions `NNN-SLUG.session`, then
/// `NNN-SLUG.r1.session`, `.r2`, … as a point is resumed after a kill (each resumed session
/// names the one before as its parent).
struct SweepFolder {
  let path: String
  let spec: SweepSpec

  /// The zero-padded index: at least three digits.
  func number(_ index: Int) -> String {
    let width = max(3, String(max(0, spec.points.count - 1)).count)
    let digits = String(index)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  func stem(_ point: SweepSpec.Point) -> String { "\(number(point.index))-\(point.slug)" }
  func configFile(_ point: SweepSpec.Point) -> String { "\(stem(point)).json" }
  func sessionFile(_ point: SweepSpec.Point, resumed k: Int = 0) -> String {
    k == 0 ? "\(stem(point)).session" : "\(stem(point)).r\(k).session"
  }
  func full(_ name: String) -> String { "\(path)/\(name)" }

  /// The point's sessions in order (the original, then each resumption).
  func chain(_ point: SweepSpec.Point) -> [String] {
    var files: [String] = []
    while FileManager.default.fileExists(atPath: full(sessionFile(point, resumed: files.count))) {
      files.append(sessionFile(point, resumed: files.count))
    }
    return files
  }

  /// `sweep.json`'s content.
  var manifest: JSON {
    .object([
      "spec": spec.document,
      "points": .array(
        spec.points.map { p in
          .object([
            "index": .number(Double(p.index)),
            "values": .object(.init(p.values.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })),
            "config": .string(configFile(p)), "file": .string(sessionFile(p)),
          ])
        }),
    ])
  }

  /// Creates the folder, or checks that it holds this same sweep; writes `sweep.json` and the
  /// points' configs (exit 2 when the folder holds another sweep).
  func prepare() throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
      throw CommandSupport.bad("\(path) is not a folder")
    }
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let manifestPath = full("sweep.json")
    if FileManager.default.fileExists(atPath: manifestPath) {
      let existing = try CommandSupport.readJSON(manifestPath)
      guard existing["spec"] == spec.document else {
        throw CommandSupport.bad("\(path) holds another sweep (its sweep.json has a different spec); choose another --out")
      }
      return
    }
    do {
      for p in spec.points {
        try FileIO.writeAtomically(Array((p.config.json.serialized(.spaced) + "\n").utf8), to: URL(fileURLWithPath: full(configFile(p))))
      }
      try FileIO.writeAtomically(Array((manifest.serialized(.spaced) + "\n").utf8), to: URL(fileURLWithPath: manifestPath))
    } catch {
      throw CommandSupport.bad("\(error)")
    }
  }

  /// The point's state from its files: ended (finished or diverged), or what runs it next.
  enum Next: Equatable {
    case ended(String)
    case fresh
    case resume(from: String, into: String)
  }

  func next(_ point: SweepSpec.Point) -> Next {
    var files = chain(point)
    while let last = files.last {
      guard let session = try? Session.read(path: full(last)) else {
        try? FileManager.default.removeItem(atPath: full(last))  // unreadable: start that part again
        files.removeLast()
        continue
      }
      if session.status == "finished" || session.status == "diverged" { return .ended(session.status) }
      if !session.checkpoints.isEmpty { return .resume(from: last, into: sessionFile(point, resumed: files.count)) }
      try? FileManager.default.removeItem(atPath: full(last))  // killed before any checkpoint
      files.removeLast()
    }
    return .fresh
  }

  /// The `odernn train` arguments that run the point's next part (nil: nothing left to do).
  func trainArguments(_ point: SweepSpec.Point) -> [String]? {
    switch next(point) {
    case .ended: nil
    case .fresh: ["train", "--config", full(configFile(point)), "--out", full(sessionFile(point))]
    case .resume(let from, let into): ["train", "--resume", full(from), "--out", full(into)]
    }
  }

  /// The summary of the point's latest session (nil before it has one).
  func summary(_ point: SweepSpec.Point) -> SessionSummary? {
    guard let last = chain(point).last else { return nil }
    return try? SessionTail.summary(path: full(last), file: last)
  }
}
