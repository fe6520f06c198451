import JSON
import OrderedCollections

/// A sweep (DESIGN §1.11): `{"base": CFG-object or "path.json", "grid": {KEY: [values…]},
/// "zip": {KEY: [values…]}}`, expanded into numbered points.
///
/// `grid` is the Cartesian product over its keys in the order written (the first key varies
/// slowest); `zip` keys have equal lengths and advance together, as one more axis after the
/// grid's; both are optional (no axis: one point, the base). Point `i` is the base with its
/// values applied as `--set`s, validated by the config schema like any config file.
public struct SweepSpec: Sendable, Equatable {
  /// One point: its index, the `--set`s that make it, and its validated config.
  public struct Point: Sendable, Equatable {
    /// 0…n−1, in expansion order.
    public let index: Int
    /// `(key, value)` in axis order.
    public let values: [(key: String, value: JSON)]
    /// The base with the values applied.
    public let config: TrainingConfig

    public static func == (a: Point, b: Point) -> Bool {
      a.index == b.index && a.config == b.config && a.values.map(\.key) == b.values.map(\.key)
        && a.values.map(\.value) == b.values.map(\.value)
    }

    /// The point's values as a file-name part: `[A-Za-z0-9._-]` only, at most 100 characters.
    public var slug: String {
      let text = values.map { v in
        let last = v.key.split(separator: ".").last.map(String.init) ?? v.key
        let value = v.value.stringValue ?? v.value.serialized()
        return "\(last)=\(value)"
      }.joined(separator: "-")
      let safe = String(text.unicodeScalars.map { c -> Character in
        let ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "." || c == "_" || c == "-"
        return ok ? Character(c) : (c == "=" ? "_" : "-")
      })
      return safe.isEmpty ? "base" : String(safe.prefix(100))
    }
  }

  /// The spec as written (the base resolved to its object), to compare reruns against.
  public let document: JSON
  /// The points, in order.
  public let points: [Point]
  /// The axes: each key with its values (grid keys, then zip keys).
  public let axes: [(key: String, values: [JSON])]

  public static func == (a: SweepSpec, b: SweepSpec) -> Bool { a.document == b.document }

  /// Expands `spec`; `readBase` reads a base given as a path. Errors name the key.
  public init(_ spec: JSON, overrides: [ConfigOverride] = [], readBase: (String) throws -> JSON) throws {
    guard case .object(let top) = spec else { throw ConfigError("a sweep spec is a JSON object with \"base\", \"grid\", \"zip\"") }
    if let unknown = top.keys.first(where: { !["base", "grid", "zip"].contains($0) }) {
      throw ConfigError(key: unknown, "not a sweep key (base, grid, zip)")
    }
    var base: JSON
    switch top["base"] {
    case .object?: base = top["base"]!
    case .string(let path)?: base = try readBase(path)
    default: throw ConfigError(key: "base", "expected a config object or the path of a config file")
    }
    for o in overrides { try o.apply(to: &base) }
    func axisValues(_ section: String) throws(ConfigError) -> OrderedDictionary<String, [JSON]> {
      guard let v = top[section] else { return [:] }
      guard case .object(let members) = v else { throw ConfigError(key: section, "expected an object of KEY: [values…]") }
      var out = OrderedDictionary<String, [JSON]>()
      for (key, values) in members {
        guard case .array(let list) = values, !list.isEmpty else {
          throw ConfigError(key: "\(section).\(key)", "expected a non-empty array of values")
        }
        out[key] = list
      }
      return out
    }
    let grid = try axisValues("grid")
    let zip = try axisValues("zip")
    if let length = zip.values.first?.count, let bad = zip.first(where: { $0.value.count != length }) {
      throw ConfigError(key: "zip.\(bad.key)", "has \(bad.value.count) values where the first zip key has \(length) (zip keys advance together)")
    }
    var combos: [[(String, JSON)]] = [[]]
    for (key, values) in grid {
      combos = combos.flatMap { c in values.map { c + [(key, $0)] } }
    }
    if let length = zip.values.first?.count {
      combos = combos.flatMap { c in (0..<length).map { i in c + zip.map { ($0.key, $0.value[i]) } } }
    }
    var points: [Point] = []
    for (i, combo) in combos.enumerated() {
      var document = base
      let sets = combo.map { ConfigOverride(key: $0.0, value: $0.1, origin: "point \(i): \($0.0)=\($0.1.serialized())") }
      do {
        for s in sets { try s.apply(to: &document) }
        let config = try TrainingConfig.parse(document, .file)
        points.append(Point(index: i, values: combo.map { (key: $0.0, value: $0.1) }, config: config))
      } catch {
        throw ConfigError("\(ConfigOverride.explain(error, sets))")
      }
    }
    self.points = points
    axes = grid.map { (key: $0.key, values: $0.value) } + zip.map { (key: $0.key, values: $0.value) }
    var resolved = top
    resolved["base"] = base
    document = .object(resolved)
  }
}
