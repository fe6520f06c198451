import JSON

extension FieldCodec where Value == Double {
  /// A validation set's size (`task.validation`, DESIGN §1.10): a fraction in (0, 0.5] of the
  /// examples, or a whole count ≥ 1. Every other number (0, 0.7, 2.5) is refused with one
  /// message. Compose doubles and halves it while it stays valid.
  static var validationSize: FieldCodec {
    FieldCodec(
      decode: { v, _ throws(ConfigError) in
        let x = try reading { () throws(JSONError) in try v.double() }
        guard isValidationSize(x) else {
          throw ConfigError(key: v.path, "expected a fraction in (0, 0.5] or a whole count >= 1, got \(JSON.format(x))")
        }
        return x
      },
      encode: { .number($0) },
      step: { x, nudge, direction, _ in
        guard case .scale = nudge else { return nil }
        let next = direction > 0 ? x * 2 : x / 2
        return isValidationSize(next) ? next : nil
      })
  }

  /// Whether `x` is a fraction in (0, 0.5] or a whole number in 1…10⁹.
  static func isValidationSize(_ x: Double) -> Bool {
    (x > 0 && x <= 0.5) || (x >= 1 && x <= 1e9 && x == x.rounded())
  }
}

/// How many of `n` examples (or rows) a `task.validation` value takes: the count itself, or
/// ⌊fraction·n⌋ and at least 1.
public func validationCount(_ validation: Double, of n: Int) -> Int {
  validation >= 1 ? Int(validation) : max(1, Int((validation * Double(n)).rounded(.down)))
}
