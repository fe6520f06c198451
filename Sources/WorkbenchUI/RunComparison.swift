/// What tells compared runs apart: the config keys whose values differ between them (their
/// effective configs diffed key by key), and a short label per run built from those values,
/// e.g. `rk4 t=2 ε=0.1`.
struct RunComparison {
  /// The compared runs, in selection order.
  let runs: [SessionListing]
  /// The keys, in the first run's order (then any only later runs have), and which differ.
  let keys: [String]
  /// The keys whose values are not the same in every run (a missing key counts as a value).
  let differing: Set<String>

  init(_ runs: [SessionListing]) {
    self.runs = runs
    var keys: [String] = []
    var seen: Set<String> = []
    for run in runs { for s in run.settings where seen.insert(s.key).inserted { keys.append(s.key) } }
    self.keys = keys
    differing = Set(keys.filter { key in Set(runs.map { $0.setting(key) ?? "—" }).count > 1 })
  }

  /// The differing keys in the labels' order: the keys with the most distinct values first
  /// (they tell the most runs apart, so they survive a label shortened in the middle), ties
  /// in the keys' order.
  var labelKeys: [String] {
    let distinct = Dictionary(uniqueKeysWithValues: keys.filter(differing.contains).map { key in (key, Set(runs.map { $0.setting(key) ?? "—" }).count) })
    return keys.filter(differing.contains).enumerated().sorted { a, b in
      (distinct[a.element] ?? 0, -a.offset) > (distinct[b.element] ?? 0, -b.offset)
    }.map(\.element)
  }

  /// The run's legend label: its values of the differing keys (`labelKeys`), or its file name
  /// when the runs do not differ (or only one is drawn).
  func label(_ run: SessionListing) -> String {
    let parts = labelKeys.compactMap { key in run.setting(key).map { Self.short(key, $0) } }
    return parts.isEmpty ? run.name : parts.joined(separator: " ")
  }

  /// A setting as the legend shows it: the tableau and the task by value, the derivative order
  /// as `t=2`, the step size as `ε=0.1`, anything else as its last key part, `=` and the value.
  static func short(_ key: String, _ value: String) -> String {
    switch key {
    case "cell.tableau", "cell.tableau.name", "task.name", "cell.kind": value
    case "cell.derivativeOrder": "t=\(value)"
    case "cell.stepSize": "ε=\(value)"
    default: "\(key.split(separator: ".").last.map(String.init) ?? key)=\(value)"
    }
  }
}
