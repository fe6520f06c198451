import Foundation
import JSON
import Linalg
import Training

/// The session codec (DESIGN §1.5): events to and from their JSON lines.
///
/// Numbers are written in shortest round-trip form (they read back to the same bits);
/// non-finite ones as the strings "nan", "inf", "-inf". Checkpoint tensors are base64 of
/// little-endian values in the run's precision; optimizer buffers base64 of little-endian
/// float64; generator state words as 16-digit hex strings (exact beyond 2⁵³).
public enum SessionCodec {
  /// `[time, kind, payload]` as one line (no newline).
  public static func line(_ e: TimedEvent) -> String {
    JSON.array([.number(e.time), .string(e.event.kind), payload(e.event)]).serialized()
  }

  /// An event's payload.
  public static func payload(_ event: SessionEvent) -> JSON {
    switch event {
    case .metrics(let rows):
      return .array(rows.map(metricsJSON))
    case .grads(let g):
      return .object([
        "step": int(g.step),
        "byParameter": .object(.init(uniqueKeysWithValues: g.byParameter.map { ($0.name, JSON.number($0.norm)) })),
        "throughTime": .array(g.throughTime.map(JSON.number)),
      ])
    case .eigen(let e):
      func points(_ z: [Complex<Double>]) -> JSON { .array(z.map { .array([.number($0.real), .number($0.imaginary)]) }) }
      return .object([
        "step": int(e.step), "field": points(e.field), "map": points(e.map),
        "spectralNorm": .number(e.spectralNorm), "mapNorm": .number(e.mapNorm), "headroom": .number(e.headroom),
      ])
    case .checkpoint(let c):
      return checkpointJSON(c)
    case .control(let c):
      return .object(["step": int(c.step), "action": .string(c.action.rawValue), "value": c.value.map(JSON.number) ?? .null])
    case .diverged(let step, let reason):
      return .object(["step": int(step), "reason": .string(reason)])
    case .finished(let step), .stopped(let step):
      return .object(["step": int(step)])
    }
  }

  static func int(_ v: Int) -> JSON { .number(Double(v)) }

  static func metricsJSON(_ m: StepMetrics) -> JSON {
    var o: [(String, JSON)] = [
      ("step", int(m.step)), ("loss", .number(m.loss)), ("gradNorm", .number(m.gradNorm)), ("lr", .number(m.lr)),
    ]
    if let v = m.valLoss { o.append(("valLoss", .number(v))) }
    if let a = m.accuracy { o.append(("accuracy", .number(a))) }
    return .object(.init(uniqueKeysWithValues: o))
  }

  static func checkpointJSON(_ c: Checkpoint) -> JSON {
    let params: [(String, JSON)] = c.parameters.map { p in
      (p.name, .object(["shape": .array(p.shape.map(int)), "data": .string(base64(p.values, dtype: c.dtype))]))
    }
    let buffers: [(String, JSON)] = c.optimizer.buffers.keys.sorted().map { key in
      (key, .string(base64(c.optimizer.buffers[key] ?? [], dtype: .float64)))
    }
    return .object([
      "step": int(c.step),
      "dtype": .string(c.dtype.rawValue),
      "params": .object(.init(uniqueKeysWithValues: params)),
      "optimizer": .object([
        "name": .string(c.optimizer.name), "step": int(c.optimizer.step),
        "learningRate": .number(c.learningRate),
        "buffers": .object(.init(uniqueKeysWithValues: buffers)),
      ]),
      "rng": .object(["xoshiro256": .array(c.rng.map { .string(hex($0)) })]),
    ])
  }

  static func hex(_ v: UInt64) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// Little-endian bytes of `values` in `dtype`, base64-encoded.
  static func base64(_ values: [Double], dtype: DType) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(values.count * dtype.byteCount)
    for v in values {
      if dtype == .float32 {
        withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { bytes += $0 }
      } else {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 }
      }
    }
    return Data(bytes).base64EncodedString()
  }
}
