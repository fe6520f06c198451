import Foundation
import JSON
import Linalg
import Optim
import Training

extension SessionCodec {
  /// The event a line holds: nil for an unknown kind (readers skip those); throws for a
  /// malformed line or payload, naming what is wrong.
  public static func decode(_ line: JSON) throws(DecodeError) -> TimedEvent? {
    guard case .array(let parts) = line, parts.count == 3 else {
      throw DecodeError("expected [seconds, kind, payload]")
    }
    guard let time = parts[0].doubleAllowingNonFinite else { throw DecodeError("the time is not a number") }
    guard case .string(let kind) = parts[1] else { throw DecodeError("the kind is not a string") }
    let p = parts[2]
    let event: SessionEvent
    switch kind {
    case "metrics":
      guard case .array(let rows) = p else { throw DecodeError("metrics payload is not an array") }
      event = .metrics(try rows.map(metrics))
    case "grads":
      guard case .object(let byParameter)? = p["byParameter"] else { throw DecodeError("grads has no byParameter object") }
      event = .grads(
        GradientDiagnostics(
          step: try int(p, "step"),
          byParameter: try byParameter.map { (key, value) throws(DecodeError) in (key, try number(value, "byParameter.\(key)")) },
          throughTime: try numbers(p["throughTime"], "throughTime")))
    case "eigen":
      event = .eigen(
        EigenDiagnostics(
          step: try int(p, "step"), field: try points(p["field"], "field"), map: try points(p["map"], "map"),
          spectralNorm: try number(p["spectralNorm"], "spectralNorm"), mapNorm: try number(p["mapNorm"], "mapNorm"),
          headroom: try number(p["headroom"], "headroom")))
    case "checkpoint":
      event = .checkpoint(try checkpoint(p))
    case "control":
      guard let name = p["action"]?.stringValue, let action = ControlEvent.Action(rawValue: name) else {
        throw DecodeError("control has no known action")
      }
      let value: Double? = (p["value"].map { $0.isNull } ?? true) ? nil : try number(p["value"], "value")
      event = .control(ControlEvent(step: try int(p, "step"), action: action, value: value))
    case "diverged":
      event = .diverged(step: try int(p, "step"), reason: p["reason"]?.stringValue ?? "")
    case "finished":
      event = .finished(step: try int(p, "step"))
    case "stopped":
      event = .stopped(step: try int(p, "step"))
    default:
      return nil
    }
    return TimedEvent(time: time, event: event)
  }

  /// A malformed event payload.
  public struct DecodeError: Error, CustomStringConvertible {
    /// What is wrong.
    public let description: String
    init(_ description: String) { self.description = description }
  }

  static func number(_ v: JSON?, _ name: String) throws(DecodeError) -> Double {
    guard let x = v?.doubleAllowingNonFinite else { throw DecodeError("\"\(name)\" is not a number") }
    return x
  }

  static func int(_ o: JSON, _ key: String) throws(DecodeError) -> Int {
    guard let x = o[key]?.intValue, x >= 0 else { throw DecodeError("\"\(key)\" is not a non-negative integer") }
    return x
  }

  static func numbers(_ v: JSON?, _ name: String) throws(DecodeError) -> [Double] {
    guard case .array(let items)? = v else { throw DecodeError("\"\(name)\" is not an array") }
    return try items.map { (x: JSON) throws(DecodeError) in try number(x, name) }
  }

  static func points(_ v: JSON?, _ name: String) throws(DecodeError) -> [Complex<Double>] {
    guard case .array(let items)? = v else { throw DecodeError("\"\(name)\" is not an array") }
    return try items.map { (z: JSON) throws(DecodeError) in
      let pair = try numbers(z, name)
      guard pair.count == 2 else { throw DecodeError("\"\(name)\" has a point that is not [re, im]") }
      return Complex(pair[0], pair[1])
    }
  }

  static func metrics(_ m: JSON) throws(DecodeError) -> StepMetrics {
    let valLoss: Double? = m["valLoss"] == nil ? nil : try number(m["valLoss"], "valLoss")
    let accuracy: Double? = m["accuracy"] == nil ? nil : try number(m["accuracy"], "accuracy")
    return StepMetrics(
      step: try int(m, "step"), loss: try number(m["loss"], "loss"), gradNorm: try number(m["gradNorm"], "gradNorm"),
      lr: try number(m["lr"], "lr"), valLoss: valLoss, accuracy: accuracy)
  }

  static func checkpoint(_ p: JSON) throws(DecodeError) -> Checkpoint {
    guard let dtypeName = p["dtype"]?.stringValue, let dtype = DType(rawValue: dtypeName) else {
      throw DecodeError("checkpoint has no dtype float32|float64")
    }
    guard case .object(let params)? = p["params"] else { throw DecodeError("checkpoint has no params object") }
    var parameters: [Checkpoint.Parameter] = []
    for (name, entry) in params {
      guard case .array(let dims)? = entry["shape"], let data = entry["data"]?.stringValue else {
        throw DecodeError("checkpoint parameter \(name) needs shape and data")
      }
      let shape = dims.compactMap(\.intValue)
      guard shape.count == dims.count, shape.allSatisfy({ $0 >= 0 }) else { throw DecodeError("checkpoint parameter \(name) has an invalid shape") }
      let values = try decodeBase64(data, dtype: dtype, name: name)
      // The element count; nil when the product overflows (a corrupt shape must not trap).
      var count: Int? = 1
      for d in shape {
        guard let n = count else { break }
        let (product, overflow) = n.multipliedReportingOverflow(by: d)
        count = overflow ? nil : product
      }
      guard values.count == count else {
        throw DecodeError("checkpoint parameter \(name) has \(values.count) values for shape \(shape)")
      }
      parameters.append(.init(name: name, shape: shape, values: values))
    }
    let o = p["optimizer"] ?? .null
    guard let optName = o["name"]?.stringValue, case .object(let bufferObject)? = o["buffers"] else {
      throw DecodeError("checkpoint optimizer needs name and buffers")
    }
    var buffers: [String: [Double]] = [:]
    for (key, value) in bufferObject {
      guard let text = value.stringValue else { throw DecodeError("optimizer buffer \(key) is not base64") }
      buffers[key] = try decodeBase64(text, dtype: .float64, name: key)
    }
    guard case .array(let words)? = p["rng"]?["xoshiro256"], words.count == 4 else {
      throw DecodeError("checkpoint rng needs four xoshiro256 words")
    }
    let rng = try words.map { (w: JSON) throws(DecodeError) -> UInt64 in
      guard let s = w.stringValue, let v = UInt64(s, radix: 16) else { throw DecodeError("rng word is not hex") }
      return v
    }
    return Checkpoint(
      step: try int(p, "step"), dtype: dtype, parameters: parameters,
      optimizer: OptimizerState(name: optName, step: try int(o, "step"), buffers: buffers),
      learningRate: try number(o["learningRate"], "learningRate"), rng: rng)
  }

  static func decodeBase64(_ text: String, dtype: DType, name: String) throws(DecodeError) -> [Double] {
    guard let data = Data(base64Encoded: text), data.count % dtype.byteCount == 0 else {
      throw DecodeError("\(name): data is not base64 of \(dtype.rawValue) values")
    }
    let bytes = [UInt8](data)
    var out: [Double] = []
    out.reserveCapacity(bytes.count / dtype.byteCount)
    var i = 0
    while i < bytes.count {
      if dtype == .float32 {
        var bits: UInt32 = 0
        for b in 0..<4 { bits |= UInt32(bytes[i + b]) << (8 * b) }
        out.append(Double(Float(bitPattern: bits)))
        i += 4
      } else {
        var bits: UInt64 = 0
        for b in 0..<8 { bits |= UInt64(bytes[i + b]) << (8 * b) }
        out.append(Double(bitPattern: bits))
        i += 8
      }
    }
    return out
  }
}
