/// Edit distance used for "did you mean" suggestions.
enum EditDistance {
  /// The optimal-string-alignment distance between `a` and `b` over Unicode scalars:
  /// insertions, deletions, substitutions and transpositions of two adjacent scalars each
  /// cost 1 (`tahn` → `tanh` is 1).
  static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous2 = [Int](repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          best = min(best, previous2[j - 2] + 1)
        }
        current[j] = best
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[y.count]
  }

  /// The first candidate within distance 2 of `word` with the smallest distance, if any.
  static func suggestion(for word: String, among candidates: [String]) -> String? {
    var best: (candidate: String, distance: Int)?
    for candidate in candidates where candidate != word {
      let distance = distance(word, candidate)
      if distance <= 2, distance < (best?.distance ?? 3) {
        best = (candidate, distance)
      }
    }
    return best?.candidate
  }
}
