/// The metrics CSV of DESIGN §1.2 (`odernn export --csv`, the workbench's `x` on Sessions):
/// a header `step,loss,gradNorm,lr,valLoss,accuracy`, one row per step; absent values are
/// empty, non-finite ones `nan`/`inf`/`-inf`.
public enum MetricsCSV {
  /// The CSV text of `metrics`.
  public static func text(_ metrics: [StepMetrics]) -> String {
    func f(_ v: Double?) -> String {
      guard let v else { return "" }
      if v.isNaN { return "nan" }
      if v.isInfinite { return v > 0 ? "inf" : "-inf" }
      return "\(v)"
    }
    var out = "step,loss,gradNorm,lr,valLoss,accuracy\n"
    for m in metrics {
      out += "\(m.step),\(f(m.loss)),\(f(m.gradNorm)),\(f(m.lr)),\(f(m.valLoss)),\(f(m.accuracy))\n"
    }
    return out
  }
}
