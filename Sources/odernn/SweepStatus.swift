import Foundation
import JSON
import Sessions
import Training

/// `odernn sweep status`: one row per point (index, values, status, steps, final loss, final
/// valLoss) read from its latest session, and for every axis value the mean and the spread
/// (sample standard deviation, and min–max) of the final valLoss over the points that have it.
struct SweepStatus {
  let folder: SweepFolder

  struct Row {
    let point: SweepSpec.Point
    let status: String
    let steps: Int
    let finalLoss: Double?
    let finalValLoss: Double?
  }

  var rows: [Row] {
    folder.spec.points.map { p in
      guard let last = folder.chain(p).last, let session = try? Session.read(path: folder.full(last)) else {
        return Row(point: p, status: "waiting", steps: 0, finalLoss: nil, finalValLoss: nil)
      }
      let metrics = session.metrics
      return Row(
        point: p, status: session.status, steps: metrics.last?.step ?? 0, finalLoss: metrics.last?.loss,
        finalValLoss: metrics.last { $0.valLoss != nil }?.valLoss)
    }
  }

  /// Per axis value: `(key, value, count, mean, std, min, max)` of the final valLoss.
  struct Group {
    let key: String
    let value: JSON
    let values: [Double]
    var mean: Double { values.reduce(0, +) / Double(values.count) }
    var std: Double {
      guard values.count > 1 else { return 0 }
      let m = mean
      return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }
  }

  func groups(_ rows: [Row]) -> [Group] {
    folder.spec.axes.flatMap { axis in
      axis.values.map { value in
        Group(
          key: axis.key, value: value,
          values: rows.filter { r in r.point.values.contains { $0.key == axis.key && $0.value == value } }
            .compactMap(\.finalValLoss).filter(\.isFinite))
      }
    }
  }

  var json: JSON {
    let rows = self.rows
    func n(_ v: Double?) -> JSON { v.map { $0.isFinite ? .number($0) : .string($0.plainText) } ?? .null }
    return .object([
      "points": .array(
        rows.map { r in
          .object([
            "index": .number(Double(r.point.index)),
            "values": .object(.init(r.point.values.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })),
            "status": .string(r.status), "steps": .number(Double(r.steps)),
            "finalLoss": n(r.finalLoss), "finalValLoss": n(r.finalValLoss),
          ])
        }),
      "byValue": .array(
        groups(rows).map { g in
          .object([
            "key": .string(g.key), "value": g.value, "count": .number(Double(g.values.count)),
            "mean": g.values.isEmpty ? .null : .number(g.mean), "std": g.values.isEmpty ? .null : .number(g.std),
            "min": n(g.values.min()), "max": n(g.values.max()),
          ])
        }),
    ])
  }

  var table: [String] {
    let rows = self.rows
    func f(_ v: Double?) -> String { v.map { $0.isFinite ? String(format: "%.5g", $0) : $0.plainText } ?? "-" }
    var lines = ["point  status       steps   final loss   final valLoss  values"]
    for r in rows {
      let values = r.point.values.map { "\($0.key)=\($0.value.serialized())" }.joined(separator: " ")
      lines.append(
        folder.number(r.point.index).padding(toLength: 6, withPad: " ", startingAt: 0) + " "
          + r.status.padding(toLength: 12, withPad: " ", startingAt: 0) + " "
          + String(r.steps).padding(toLength: 7, withPad: " ", startingAt: 0) + " "
          + f(r.finalLoss).padding(toLength: 12, withPad: " ", startingAt: 0) + " "
          + f(r.finalValLoss).padding(toLength: 14, withPad: " ", startingAt: 0) + " " + values)
    }
    let groups = groups(rows)
    if !groups.isEmpty {
      lines += ["", "value                          n   mean valLoss   std        min        max"]
      for g in groups {
        let label = "\(g.key)=\(g.value.serialized())"
        lines.append(
          label.padding(toLength: 30, withPad: " ", startingAt: 0) + " " + String(g.values.count).padding(toLength: 3, withPad: " ", startingAt: 0)
            + " " + f(g.values.isEmpty ? nil : g.mean).padding(toLength: 14, withPad: " ", startingAt: 0) + " "
            + f(g.values.isEmpty ? nil : g.std).padding(toLength: 10, withPad: " ", startingAt: 0) + " "
            + f(g.values.min()).padding(toLength: 10, withPad: " ", startingAt: 0) + " " + f(g.values.max()))
      }
    }
    return lines
  }
}
