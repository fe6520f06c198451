/// TensorBoard's scalar smoothing: a debiased exponential moving average.
public enum Smoothing {
  /// Smooths `values` with the debiased EMA of weight `w` (clamped to 0 ≤ w < 1).
  ///
  /// ```
  /// last = w · last + (1 − w) · y      (starting from last = 0)
  /// out  = last / (1 − wⁿ)             (n = finite values so far)
  /// ```
  /// The division removes the pull towards 0, so the first output equals the first value
  /// and a constant series stays constant. Weight 0 returns the values. Non-finite values
  /// pass through unchanged and do not update the average (TensorBoard's
  /// `classicSmoothing`).
  public static func ema(_ values: [Double], weight: Double) -> [Double] {
    let w = weight.isFinite ? min(max(weight, 0), 0.999_999) : 0
    guard w > 0 else { return values }
    var result: [Double] = []
    result.reserveCapacity(values.count)
    var last = 0.0
    var decay = 1.0
    for value in values {
      guard value.isFinite else {
        result.append(value)
        continue
      }
      last = last * w + (1 - w) * value
      decay *= w
      result.append(last / (1 - decay))
    }
    return result
  }
}
