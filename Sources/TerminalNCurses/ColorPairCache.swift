import TerminalGrid

/// A foreground/background combination in ncurses colour numbers (-1 is the terminal's
/// default colour).
struct ColorPair: Hashable, Sendable {
  /// The foreground colour number.
  var foreground: Int16
  /// The background colour number.
  var background: Int16
}

/// Hands out ncurses colour pair numbers from a bounded pool (`COLOR_PAIRS`), reusing pairs
/// already set up and never failing: when the pool is full a style gets the nearest pair that
/// exists, and without a pool it gets attributes only.
///
/// Pure bookkeeping; the terminal calls `init_pair` for every ``Resolution/allocated(_:)``.
struct ColorPairCache: Sendable {
  /// How a pair request was met.
  enum Resolution: Hashable, Sendable {
    /// A pair set up earlier (or pair 0): use it.
    case existing(Int16)
    /// A new pair number: the caller must `init_pair` it before use.
    case allocated(Int16)
    /// The pool is full: the nearest existing pair.
    case approximated(Int16)
    /// No pairs at all: draw with pair 0 and attributes only.
    case attributesOnly

    /// The pair number to draw with.
    var pairNumber: Int16 {
      switch self {
      case .existing(let n), .allocated(let n), .approximated(let n): return n
      case .attributesOnly: return 0
      }
    }
  }

  /// How many pairs (numbers 1…capacity) may be allocated.
  let capacity: Int
  /// What pair 0 shows (the terminal's defaults, or white on black).
  let basePair: ColorPair
  /// Allocated pairs; `allocated[i]` has pair number `i + 1`.
  private(set) var allocated: [ColorPair] = []
  private var numbers: [ColorPair: Int16] = [:]
  private var approximations: [ColorPair: Int16] = [:]

  /// Creates an empty cache for pair numbers 1…`capacity` (clamped to 0…`Int16.max`).
  init(capacity: Int, basePair: ColorPair) {
    self.capacity = min(max(0, capacity), Int(Int16.max))
    self.basePair = basePair
  }

  /// The pair to draw `pair` with, allocating a new number while the pool lasts.
  mutating func resolve(_ pair: ColorPair) -> Resolution {
    if pair == basePair { return .existing(0) }
    if let number = numbers[pair] { return .existing(number) }
    if allocated.count < capacity {
      allocated.append(pair)
      let number = Int16(allocated.count)
      numbers[pair] = number
      return .allocated(number)
    }
    if capacity == 0 { return .attributesOnly }
    if let number = approximations[pair] { return .approximated(number) }
    var best: Int16 = 0
    var bestDistance = ColorPairCache.distance(pair, basePair)
    for (i, candidate) in allocated.enumerated() {
      let d = ColorPairCache.distance(pair, candidate)
      if d < bestDistance {
        bestDistance = d
        best = Int16(i + 1)
      }
    }
    approximations[pair] = best
    return .approximated(best)
  }

  /// Squared RGB distance of both colours; the default colour is far from every other.
  static func distance(_ a: ColorPair, _ b: ColorPair) -> Int {
    colorDistance(a.foreground, b.foreground) + colorDistance(a.background, b.background)
  }

  /// Squared RGB distance between two colour numbers (xterm defaults); a default (negative)
  /// colour is farther from any palette colour than palette colours are from each other.
  static func colorDistance(_ a: Int16, _ b: Int16) -> Int {
    if a == b { return 0 }
    guard a >= 0, b >= 0 else { return 3 * 255 * 255 + 1 }
    let x = Color.rgb(ofIndex: UInt8(clamping: a))
    let y = Color.rgb(ofIndex: UInt8(clamping: b))
    let (dr, dg, db) = (x.red - y.red, x.green - y.green, x.blue - y.blue)
    return dr * dr + dg * dg + db * db
  }
}
