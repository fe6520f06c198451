import Autodiff
import CKernels
import Linalg

/// The forward-only scan of an ODE cell with an explicit tableau, without the tape: the
/// state is updated in place in a few buffers allocated once, and each stage is one GEMM
/// per recurrent matrix plus one fused pass (`ck_field_combine_*`) that applies σ, the gate
/// and the decay and adds `ε·a_ij·f` into every later stage and `ε·b_j·f` into the next state.
///
/// Bit for bit the tape's forward pass (`ODECell.step`): the same GEMMs on the same operands
/// (`z = P_k + Σ_r Y_r M_rᵀ`, accumulated with β = 1 in `r` order), the same elementwise
/// expressions, and the Runge–Kutta sums in the same order — the tape's stage sum
/// `Y_i = (…((S + c_{i,j₁}K_{j₁}) + c_{i,j₂}K_{j₂})…)` over `j₁ < j₂ < …` is accumulated here as
/// each `K_j` appears, which is the same sequence of roundings. `K_j = (Y_j[1], …, Y_j[t−1], f_j)`,
/// so `f_j` is never stored. Implicit tableaux stay on the tape's scan.
///
/// The input product `X Vᵀ` is recorded on the tape, one `[T·B, H]` GEMM as in the forward
/// pass (a GEMM per step would put rows in other places of OpenBLAS's row tiles, see below,
/// and round them differently once `I` is more than a few); its bias is added per step,
/// `P_k = (X Vᵀ)_k + b`, into a buffer that stays in cache.
///
/// One scan over the whole batch, its GEMMs on the BLAS threads as the tape's: the bits of a
/// GEMM depend on how OpenBLAS splits it, by thread and by its kernels' row tiles, so running
/// the batch's rows on threads of our own with single-threaded BLAS (tried: `ODEInference`'s
/// lanes, stop 18) gave other bits than the multi-threaded GEMM of the sessions recorded at
/// two threads, whose validation losses then failed to verify.
struct ODEInference<Scalar: BLASScalar> {
  let spec: CellSpec
  let batch: Int

  /// What the scan reads, as pointers valid for the call.
  struct Operands {
    /// `M_0 … M_{t−1}`, each `H × H` row-major.
    var recurrent: [UnsafePointer<Scalar>]
    /// `X Vᵀ` (`[T·B, H]`, time-major rows) and `b` (`H`).
    var product: UnsafePointer<Scalar>
    var bias: UnsafePointer<Scalar>
    /// `X V_gᵀ` and `b_g` when gated.
    var gate: (product: UnsafePointer<Scalar>, bias: UnsafePointer<Scalar>)?
  }

  /// Whether the fast path covers `spec` (ODE cells with explicit tableaux).
  static func covers(_ spec: CellSpec) -> Bool { spec.kind == .ode && spec.tableau.isExplicit }

  /// The hidden states `h_k` of the steps in `readout`, concatenated (`[L·B, H]` row-major).
  func hiddenStates(_ operands: Operands, steps: Int, readout: Range<Int>) -> [Scalar] {
    let count = readout.count * batch * spec.hiddenSize
    return [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
      scan(operands, steps: steps, readout: readout, into: buffer.baseAddress!)
      initialized = count
    }
  }

  /// The scan, writing the readout steps' `h_k` into `kept` (`[L·B, H]`).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func scan(
    _ o: Operands, steps: Int, readout: Range<Int>, into kept: UnsafeMutablePointer<Scalar>
  ) {
    let h = spec.hiddenSize
    let t = spec.derivativeOrder
    let m = batch
    let n = m * h
    guard n > 0 else { return }
    let tableau = spec.tableau
    let stages = tableau.stages
    let eps = spec.stepSize
    // Stage i's state Y_i needs a buffer when some a_ij ≠ 0; otherwise Y_i = S.
    let ownsStage = (0..<stages).map { i in (0..<i).contains { tableau.a[i][$0] != 0 } }
    let decay = spec.decay.enumerated().filter { $0.element != 0 }.map { (r: $0.offset, scale: Scalar(-$0.element)) }
    let activation: Int32 =
      switch spec.activation {
      case .tanh: 0
      case .relu: 1
      case .sigmoid: 2
      case .identity: 3
      }

    // Buffers: S, the next state, the stage states that need one, z, z_g, and P_k and P_g,k.
    let count = (2 + ownsStage.count { $0 }) * t * n + 4 * n
    let arena = UnsafeMutablePointer<Scalar>.allocate(capacity: count)
    defer { arena.deallocate() }
    arena.initialize(repeating: 0, count: count)
    var cursor = arena
    func take(_ k: Int) -> UnsafeMutablePointer<Scalar> {
      defer { cursor += k }
      return cursor
    }
    var state = (0..<t).map { _ in take(n) }
    var next = (0..<t).map { _ in take(n) }
    let stageBuffers: [[UnsafeMutablePointer<Scalar>]?] = ownsStage.map { $0 ? (0..<t).map { _ in take(n) } : nil }
    let z = take(n)
    let zg = take(n)
    // One stage: P_k is formed in z itself; more: once per step, copied into z per stage.
    let projection = stages == 1 ? z : take(n)
    let gateProjection = stages == 1 ? zg : take(n)

    // Per-step scratch for the fused pass's operand lists.
    var outs: [UnsafeMutablePointer<Scalar>] = []
    var bases: [UnsafePointer<Scalar>] = []
    var coefs: [Scalar] = []
    var started = [Bool](repeating: false, count: stages + 1)  // stage i (or `stages`: next) has a first term

    /// `P = (X Vᵀ)_k + b` for step `k`.
    func project(_ k: Int, _ product: UnsafePointer<Scalar>, _ bias: UnsafePointer<Scalar>, into p: UnsafeMutablePointer<Scalar>) {
      Self.addRow(product + k * batch * h, bias, p, rows: m, cols: h)
    }

    for k in 0..<steps {
      for i in started.indices { started[i] = false }
      /// Y_i (S when stage i has no buffer).
      func stageState(_ i: Int) -> [UnsafeMutablePointer<Scalar>] { stageBuffers[i] ?? state }
      /// The targets receiving `c·K_j`: later stages with a_ij ≠ 0, then the next state when b_j ≠ 0.
      func targets(of j: Int) -> [(index: Int, scale: Scalar)] {
        var list: [(Int, Scalar)] = []
        for i in (j + 1)..<max(j + 1, stages) where tableau.a[i][j] != 0 { list.append((i, Scalar(eps * tableau.a[i][j]))) }
        if tableau.b[j] != 0 { list.append((stages, Scalar(eps * tableau.b[j]))) }
        return list
      }
      func buffers(_ index: Int) -> [UnsafeMutablePointer<Scalar>] { index == stages ? next : stageBuffers[index]! }

      project(k, o.product, o.bias, into: projection)
      if let gate = o.gate { project(k, gate.product, gate.bias, into: gateProjection) }
      for j in 0..<stages {
        let y = stageState(j)
        // z = P_k + Σ_r Y_r M_rᵀ (and z_g = P_g,k + Y_0 M_0ᵀ).
        if stages > 1 { z.update(from: projection, count: n) }
        for r in 0..<t {
          Scalar.gemm(
            transA: false, transB: true, m: m, n: h, k: h, alpha: 1, a: y[r], lda: h, b: o.recurrent[r], ldb: h,
            beta: 1, c: z, ldc: h)
        }
        if o.gate != nil {
          if stages > 1 { zg.update(from: gateProjection, count: n) }
          Scalar.gemm(
            transA: false, transB: true, m: m, n: h, k: h, alpha: 1, a: y[0], lda: h, b: o.recurrent[0], ldb: h,
            beta: 1, c: zg, ldc: h)
        }
        let receivers = targets(of: j)
        // Components r < t−1 of K_j are Y_j[r+1].
        for (index, scale) in receivers {
          let out = buffers(index)
          for r in 0..<(t - 1) {
            let base = started[index] ? out[r] : state[r]
            Self.addScaled(base, y[r + 1], out[r], n, scale)
          }
        }
        // Component t−1: f_j, fused.
        outs.removeAll(keepingCapacity: true)
        bases.removeAll(keepingCapacity: true)
        coefs.removeAll(keepingCapacity: true)
        for (index, scale) in receivers {
          let out = buffers(index)[t - 1]
          outs.append(out)
          bases.append(UnsafePointer(started[index] ? out : state[t - 1]))
          coefs.append(scale)
          started[index] = true
        }
        Self.field(
          n: n, activation: activation, z: z, zg: o.gate == nil ? nil : UnsafePointer(zg),
          decay: decay.map { UnsafePointer(y[$0.r]) }, decayScale: decay.map(\.scale),
          outs: outs, bases: bases, coefs: coefs)
      }
      if !started[stages] {
        for r in 0..<t { next[r].update(from: state[r], count: n) }
      }
      swap(&state, &next)
      if readout.contains(k) {
        (kept + (k - readout.lowerBound) * n).update(from: state[0], count: n)
      }
    }
  }

  /// `y_ij = x_ij + b_j` (the tape's `addRowBroadcast` kernel).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  static func addRow(
    _ x: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ y: UnsafeMutablePointer<Scalar>, rows: Int, cols: Int
  ) {
    if Scalar.self == Float.self {
      ck_add_row_f32(f32(x), f32(b), f32(y), rows, cols)
    } else {
      ck_add_row_f64(f64(x), f64(b), f64(y), rows, cols)
    }
  }

  /// `y = a + s·b` (`y` may be `a`).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  static func addScaled(
    _ a: UnsafeMutablePointer<Scalar>, _ b: UnsafeMutablePointer<Scalar>, _ y: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ s: Scalar
  ) {
    if Scalar.self == Float.self {
      ck_add_scaled_inplace_f32(f32(a), f32(b), f32(y), n, Float(s))
    } else {
      ck_add_scaled_inplace_f64(f64(a), f64(b), f64(y), n, Double(s))
    }
  }

  /// The fused pass `ck_field_combine_*`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  static func field(
    n: Int, activation: Int32, z: UnsafeMutablePointer<Scalar>, zg: UnsafePointer<Scalar>?,
    decay: [UnsafePointer<Scalar>], decayScale: [Scalar],
    outs: [UnsafeMutablePointer<Scalar>], bases: [UnsafePointer<Scalar>], coefs: [Scalar]
  ) {
    guard !outs.isEmpty else { return }
    if Scalar.self == Float.self {
      let d = decay.map { Optional(UnsafePointer(f32($0))) }
      let ds = decayScale.map { Float($0) }
      let o = outs.map { Optional(f32($0)) }
      let b = bases.map { Optional(UnsafePointer(f32($0))) }
      let c = coefs.map { Float($0) }
      ck_field_combine_f32(
        n, activation, f32(z), zg.map { UnsafePointer(f32($0)) }, Int32(d.count), d, ds, Int32(o.count), o, b, c)
    } else {
      let d = decay.map { Optional(UnsafePointer(f64($0))) }
      let ds = decayScale.map { Double($0) }
      let o = outs.map { Optional(f64($0)) }
      let b = bases.map { Optional(UnsafePointer(f64($0))) }
      let c = coefs.map { Double($0) }
      ck_field_combine_f64(
        n, activation, f64(z), zg.map { UnsafePointer(f64($0)) }, Int32(d.count), d, ds, Int32(o.count), o, b, c)
    }
  }

  @inline(__always)
  static func f32<S>(_ p: UnsafePointer<S>) -> UnsafeMutablePointer<Float> {
    UnsafeMutableRawPointer(mutating: p).assumingMemoryBound(to: Float.self)
  }
  @inline(__always)
  static func f32<S>(_ p: UnsafeMutablePointer<S>) -> UnsafeMutablePointer<Float> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
  }
  @inline(__always)
  static func f64<S>(_ p: UnsafePointer<S>) -> UnsafeMutablePointer<Double> {
    UnsafeMutableRawPointer(mutating: p).assumingMemoryBound(to: Double.self)
  }
  @inline(__always)
  static func f64<S>(_ p: UnsafeMutablePointer<S>) -> UnsafeMutablePointer<Double> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: Double.self)
  }
}
