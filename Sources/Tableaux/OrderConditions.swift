/// The Runge–Kutta order conditions, generated from rooted trees (never hand-typed).
///
/// For a tree τ = [τ_1 … τ_k] the internal weights are the vector
/// g(•) = 𝟙,  g(τ)_i = Π_k (A g(τ_k))_i,
/// and the elementary weight is Φ(τ) = bᵀ g(τ). A method has order p when
/// Φ(τ) = 1/γ(τ) for every tree with |τ| ≤ p. Using A𝟙 (not c) keeps the conditions exact
/// even for a tableau whose c does not match its row sums.
public enum OrderConditions {
  /// Conditions are met when |Φ(τ) − 1/γ(τ)| ≤ this, unless another tolerance is given.
  public static let tolerance = 1e-12
  /// The highest order examined.
  public static let maxOrder = 6

  /// g(τ) for the s×s matrix `a` (s = `a.count`).
  public static func internalWeights(of tree: RootedTree, a: [[Double]]) -> [Double] {
    let s = a.count
    var weights = [Double](repeating: 1, count: s)
    for child in tree.children {
      let inner = internalWeights(of: child, a: a)
      for i in 0..<s {
        let row = (0..<s).map { j in StabilityFunction.entry(a, i, j) * inner[j] }
        weights[i] *= ButcherTableau.accurateSum(row)
      }
    }
    return weights
  }

  /// Φ(τ) = bᵀ g(τ).
  public static func elementaryWeight(of tree: RootedTree, a: [[Double]], b: [Double]) -> Double {
    let g = internalWeights(of: tree, a: a)
    return ButcherTableau.accurateSum(zip(b, g).map { $0 * $1 })
  }

  /// Φ(τ) − 1/γ(τ); zero (to rounding) when the condition for τ holds.
  public static func residual(of tree: RootedTree, a: [[Double]], b: [Double]) -> Double {
    elementaryWeight(of: tree, a: a, b: b) - 1 / Double(tree.density)
  }

  /// The highest p ≤ `maxOrder` such that every tree with |τ| ≤ p meets its condition to
  /// `tolerance` (a tableau's own, for one published to fewer digits); 0 when even Σ b_i = 1
  /// fails.
  public static func order(
    a: [[Double]], b: [Double], maxOrder: Int = maxOrder,
    tolerance: Double = OrderConditions.tolerance
  ) -> Int {
    var order = 0
    for p in stride(from: 1, through: maxOrder, by: 1) {
      let met = RootedTree.trees(ofOrder: p).allSatisfy { tree in
        residual(of: tree, a: a, b: b).magnitude <= tolerance
      }
      guard met else { break }
      order = p
    }
    return order
  }
}
