import RealModule
import Linalg

/// A finite-difference oracle for the tape's gradients, in float64.
///
/// For every entry `θ_i` of every parameter it compares the tape's `∂L/∂θ_i` with the central
/// difference `(L(θ + h·e_i) − L(θ − h·e_i)) / 2h`. The reported error of a parameter is
/// `max_i |analytic_i − numeric_i| / max(max_i |numeric_i|, 1e-12)`: relative to the
/// gradient's scale, so tiny entries neither hide a wrong sign nor blow up from cancellation.
public enum GradientCheck {
  /// One parameter's comparison.
  public struct Result: Sendable, CustomStringConvertible {
    /// The parameter's position in the input list.
    public let parameter: Int
    /// The scale-relative error defined above.
    public let relativeError: Double
    /// The largest numeric gradient entry (to spot an all-zero check that proves nothing).
    public let scale: Double

    /// `parameter 2: relative error 3.1e-10 (scale 0.42)`.
    public var description: String {
      "parameter \(parameter): relative error \(relativeError) (scale \(scale))"
    }
  }

  /// Checks the gradient of `build`'s scalar output with respect to each parameter.
  ///
  /// - Parameters:
  ///   - parameters: the parameter values; each is recorded with `tape.parameter`.
  ///   - step: the finite-difference step `h`.
  ///   - build: records the loss on the tape from the parameters' handles; must be a pure
  ///     function of the parameter values.
  public static func check(
    _ parameters: [Matrix<Double>], step: Double = 1e-6,
    build: (Tape<Double>, [Var]) -> Var
  ) -> [Result] {
    let tape = Tape<Double>()
    func loss(_ values: [Matrix<Double>]) -> Double {
      tape.reset()
      let vars = values.map { tape.parameter($0) }
      return tape.scalar(build(tape, vars))
    }
    tape.reset()
    let vars = parameters.map { tape.parameter($0) }
    let out = build(tape, vars)
    tape.backward(from: out)
    let analytic = vars.map { tape.gradient($0) }

    var results: [Result] = []
    var values = parameters
    for p in parameters.indices {
      var worst = 0.0
      var scale = 0.0
      var numeric = [Double](repeating: 0, count: parameters[p].count)
      for i in 0..<parameters[p].count {
        let original = values[p].storage[i]
        values[p].storage[i] = original + step
        let plus = loss(values)
        values[p].storage[i] = original - step
        let minus = loss(values)
        values[p].storage[i] = original
        numeric[i] = (plus - minus) / (2 * step)
        scale = max(scale, abs(numeric[i]))
      }
      for i in numeric.indices {
        worst = max(worst, abs(analytic[p].storage[i] - numeric[i]))
      }
      results.append(
        Result(parameter: p, relativeError: worst / max(scale, 1e-12), scale: scale))
    }
    return results
  }

  /// The worst relative error over all parameters.
  public static func worstError(
    _ parameters: [Matrix<Double>], step: Double = 1e-6,
    build: (Tape<Double>, [Var]) -> Var
  ) -> Double {
    check(parameters, step: step, build: build).map(\.relativeError).max() ?? 0
  }
}
