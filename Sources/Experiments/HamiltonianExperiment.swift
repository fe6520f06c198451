import Foundation
import JSON
import Linalg

/// `odernn experiment hamiltonian` — the workbench's reading of paper 0 (QUNN-inspired; its
/// body was not available, so this is labelled as ours): a state `z = (v_0, …, v_{t−1})` of
/// t blocks of H numbers driven by an input-controlled skew generator
/// ```
/// z′ = G(x) z,   G(x) = blockdiag(S_0(x), …, S_{t−1}(x)) + (I on the block superdiagonal)
///                                                   − (I on the block subdiagonal),
/// S_r(x) = (A_r0 − A_r0ᵀ) + Σ_j x_j (A_rj − A_rjᵀ)
/// ```
/// (`v_r′ = S_r v_r + v_{r+1} − v_{r−1}`: each block is driven by the next, as a derivative
/// drives the one below it). G is skew for every x, so implicit midpoint — the Cayley map
/// `z_{k+1} = (I − εG/2)⁻¹ (I + εG/2) z_k`, solved by LAPACK's LU — is orthogonal and keeps
/// ‖z‖ exactly; explicit Euler `z_{k+1} = (I + εG) z_k` grows it by √(1 + ε²λ²) per step.
/// Parameters: t·(I + 1)·H², linear in t.
public enum HamiltonianExperiment {
  public static let name = "hamiltonian"
  public static let claim =
    "an input-controlled skew generator integrated by implicit midpoint (the Cayley map) keeps the state norm to 1e-12 in float64 over the whole sequence, for derivative orders t = 1, 2, 3, with t·(I+1)·H² parameters (linear in t); explicit Euler does not"
  public static let normTolerance = 1e-12
  public static let inputs = 2
  public static let epsilon = 0.5

  /// The generator's weights (`t × (I+1)` matrices `H × H`, `N(0, 1/H)`), seeded.
  public struct Cell: Sendable {
    public let order: Int
    public let hidden: Int
    var weights: [[Matrix<Double>]]

    public init(order: Int, hidden: Int, seed: UInt64) {
      self.order = order
      self.hidden = hidden
      var rng = Xoshiro256(seed: seed)
      let std = 1 / Double(hidden).squareRoot()
      weights = (0..<order).map { _ in
        (0...HamiltonianExperiment.inputs).map { _ in Matrix(rows: hidden, cols: hidden, storage: (0..<(hidden * hidden)).map { _ in std * rng.normal() }) }
      }
    }

    public var parameterCount: Int { weights.joined().map(\.count).reduce(0, +) }

    /// `G(x)`, `[tH, tH]`, row-major.
    public func generator(_ x: [Double]) -> Matrix<Double> {
      let h = hidden, n = order * hidden
      var g = Matrix<Double>(rows: n, cols: n)
      for r in 0..<order {
        for (j, a) in weights[r].enumerated() {
          let c = j == 0 ? 1 : x[j - 1]
          for p in 0..<h {
            for q in 0..<h { g[r * h + p, r * h + q] += c * (a[p, q] - a[q, p]) }
          }
        }
        if r + 1 < order {
          for p in 0..<h {
            g[r * h + p, (r + 1) * h + p] = 1
            g[(r + 1) * h + p, r * h + p] = -1
          }
        }
      }
      return g
    }
  }

  /// `‖z_k‖` for k = 0…T from `z0` under the inputs `xs`, by the Cayley map (`implicit`) or
  /// by explicit Euler.
  public static func norms(_ cell: Cell, z0: [Double], inputs xs: [[Double]], implicit: Bool) throws -> [Double] {
    try states(cell, z0: z0, inputs: xs, implicit: implicit).map(norm)
  }

  /// The states `z_0 … z_T`.
  public static func states(_ cell: Cell, z0: [Double], inputs xs: [[Double]], implicit: Bool) throws -> [[Double]] {
    let n = z0.count
    var z = z0
    var out = [z]
    for x in xs {
      let g = cell.generator(x)
      var rhs = z
      for i in 0..<n {
        var s = 0.0
        for j in 0..<n { s += g[i, j] * z[j] }
        rhs[i] += (implicit ? epsilon / 2 : epsilon) * s
      }
      if implicit {
        // (I − εG/2) z_{k+1} = rhs; the row-major matrix is the column-major transpose, so
        // LAPACK factors Mᵀ and solves with transpose to get M z = rhs.
        var m = (0..<(n * n)).map { k in (k / n == k % n ? 1.0 : 0) - epsilon / 2 * g.storage[k] }
        var pivots = [Int32](repeating: 0, count: n)
        let info = m.withUnsafeMutableBufferPointer { a in pivots.withUnsafeMutableBufferPointer { Double.getrf(n: n, a: a.baseAddress!, pivots: $0.baseAddress!) } }
        guard info == 0 else { throw HamiltonianError(description: "LU of I − εG/2 failed (info \(info))") }
        let solved = m.withUnsafeBufferPointer { a in
          pivots.withUnsafeBufferPointer { p in rhs.withUnsafeMutableBufferPointer { Double.getrs(transpose: true, n: n, lu: a.baseAddress!, pivots: p.baseAddress!, b: $0.baseAddress!) } }
        }
        guard solved == 0 else { throw HamiltonianError(description: "LU solve failed (info \(solved))") }
      }
      z = rhs
      out.append(z)
    }
    return out
  }

  static func norm(_ v: [Double]) -> Double { v.map { $0 * $0 }.reduce(0, +).squareRoot() }

  public static func run(quick: Bool) throws -> ExperimentReport {
    let h = quick ? 16 : 32, steps = quick ? 1000 : 5000
    var rng = Xoshiro256(seed: 99)
    let xs = (0..<steps).map { _ in (0..<inputs).map { _ in rng.uniform(-1, 1) } }
    var rows: [[JSON]] = []
    var findings: [String] = []
    var holds = true
    var counts: [Int] = []
    for t in 1...3 {
      let cell = Cell(order: t, hidden: h, seed: UInt64(t))
      counts.append(cell.parameterCount)
      let z0 = (0..<(t * h)).map { _ in rng.normal() }
      for implicit in [true, false] {
        let n = try norms(cell, z0: z0, inputs: xs, implicit: implicit)
        let drift = n.map { abs($0 / n[0] - 1) }.max()!
        rows.append([
          .number(Double(t)), .number(Double(h)), .number(Double(cell.parameterCount)), .string(implicit ? "implicit midpoint (Cayley)" : "explicit euler"),
          .number(Double(steps)), drift.isFinite ? .number(drift) : .string("overflow"),
        ])
        if implicit {
          let ok = drift <= normTolerance
          holds = holds && ok
          findings.append("t = \(t): implicit midpoint's largest relative norm drift over \(steps) steps \(TextTable.number(drift)) (\(ok ? "kept" : "not kept"))")
        } else if drift <= normTolerance {
          holds = false
          findings.append("t = \(t): explicit euler kept the norm too (\(TextTable.number(drift))): the contrast fails")
        }
      }
    }
    let linear = counts[2] - counts[1] == counts[1] - counts[0] && counts[0] == (inputs + 1) * h * h
    holds = holds && linear
    findings.append("parameters for t = 1, 2, 3: \(counts.map(String.init).joined(separator: ", ")) (\(linear ? "linear in t, (I+1)·H² each" : "not linear"))")
    return ExperimentReport(
      experiment: name, claim: claim, holds: holds,
      columns: ["t", "H", "parameters", "integrator", "steps", "max |‖z_k‖/‖z_0‖ − 1|"], rows: rows, findings: findings)
  }
}

public struct HamiltonianError: Error, CustomStringConvertible {
  public let description: String
}
