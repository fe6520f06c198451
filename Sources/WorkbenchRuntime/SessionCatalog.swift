import Foundation
import JSON
import Sessions
import WorkbenchUI

/// The Sessions screen's reading of a folder: the listing from each file's header and end
/// (`SessionTail`, so hundreds of sessions list at once, and a live run's file is listed as far
/// as it is written), and the full metrics only of the runs whose curves are drawn.
public enum SessionCatalog {
  /// The readable sessions in `folder`, by file name (unreadable ones are skipped).
  public static func list(folder: String) -> [SessionListing] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".session") }.sorted()
    return names.compactMap { name in
      let path = "\(folder)/\(name)"
      guard let (header, s) = try? SessionTail.read(path: path, file: name) else { return nil }
      let cell = s.derivativeOrder.map { "\(s.tableau) t=\($0)" } ?? s.tableau
      return SessionListing(
        file: name, cell: cell, task: s.task, steps: s.steps, finalLoss: s.finalLoss, status: s.status,
        settings: settings(header.config))
    }
  }

  /// The recorded curves (loss, validation loss, accuracy, gradient norm) of `files` in
  /// `folder` (nil: `files` are paths), by file; unreadable ones are skipped.
  public static func curves(folder: String?, files: [String]) -> [String: SessionCurve] {
    var result: [String: SessionCurve] = [:]
    for file in files {
      guard let session = try? Session.read(path: folder.map { "\($0)/\(file)" } ?? file) else { continue }
      var curve = SessionCurve(
        steps: SessionSummary(file: file, session: session).steps,  // as the listing counts them
        loss: MetricsHistory(capacity: 2048), valLoss: MetricsHistory(capacity: 2048), accuracy: MetricsHistory(capacity: 2048),
        gradNorm: MetricsHistory(capacity: 2048))
      curve.picture = (try? session.header.trainingConfig()).flatMap(StabilityPicture.init(config:))
      for timed in session.events {
        if case .eigen(let e) = timed.event { curve.eigen.append(e) }
      }
      if curve.eigen.count > 1024 { curve.eigen.removeFirst(curve.eigen.count - 1024) }
      for m in session.metrics {
        curve.loss.append(step: m.step, value: m.loss)
        curve.gradNorm.append(step: m.step, value: m.gradNorm)
        if let v = m.valLoss { curve.valLoss.append(step: m.step, value: v) }
        if let a = m.accuracy { curve.accuracy.append(step: m.step, value: a) }
      }
      result[file] = curve
    }
    return result
  }

  /// A config flattened to its leaves, `cell.tableau = rk4`, in the config's own order.
  static func settings(_ json: JSON, prefix: String = "") -> [SessionSetting] {
    switch json {
    case .object(let members):
      return members.flatMap { key, value in settings(value, prefix: prefix.isEmpty ? key : "\(prefix).\(key)") }
    case .string(let s):
      return [SessionSetting(key: prefix, value: s)]
    case .null:
      return [SessionSetting(key: prefix, value: "null")]
    default:
      return [SessionSetting(key: prefix, value: json.serialized())]
    }
  }
}
