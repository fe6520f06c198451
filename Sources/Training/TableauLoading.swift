import Foundation
import JSON
import Tableaux

/// Tableaux from configs and files: a catalog name, or an inline object
/// `{"name": ..., "a": [[...]], "b": [...], "c": [...], "tolerance": τ}` whose entries are
/// numbers or exact fraction strings such as `"1/6"`; the optional tolerance (default 1e-12,
/// in (0, 1e-6]) is for a tableau published to fewer digits (`ButcherTableau.tolerance`).
public enum TableauLoading {
  /// The tableau a config value names or holds; errors name the key (`"cell.tableau.b[2]"`).
  public static func tableau(from value: JSONValueReader) -> Result<ButcherTableau, ConfigError> {
    if case .string(let name) = value.value {
      guard let t = ButcherTableau.named(name) else {
        let known = ButcherTableau.catalog.map(\.name).joined(separator: ", ")
        return .failure(ConfigError(key: value.path, "unknown tableau \"\(name)\" (known: \(known))"))
      }
      return .success(t)
    }
    do {
      var r = try value.object()
      let name = try r.string("name", default: "custom")
      func entries(_ v: JSONValueReader) throws(JSONError) -> [TableauEntry] {
        try v.array().map { (e: JSONValueReader) throws(JSONError) -> TableauEntry in
          switch e.value {
          case .number(let x): return .number(x)
          case .string(let s): return .text(s)
          default: throw e.error("expected a number or a fraction string such as \"1/6\", got \(e.value.kindDescription)")
          }
        }
      }
      let a = try r.requiredArray("a").map { (row: JSONValueReader) throws(JSONError) in try entries(row) }
      let b = try entries(try r.requiredValue("b"))
      let c = try entries(try r.requiredValue("c"))
      let tolerance = try r.double(
        "tolerance", default: ButcherTableau.defaultTolerance,
        range: NumberRange(
          lower: 0, lowerInclusive: false, upper: ButcherTableau.maximumTolerance,
          upperInclusive: true))
      try r.finish()
      do {
        let tableau = try ButcherTableau(name: name, a: a, b: b, c: c, tolerance: tolerance)
        return .success(tableau)
      } catch {
        return .failure(ConfigError(key: value.path, "\(error)"))
      }
    } catch {
      return .failure(ConfigError(error))
    }
  }

  /// A tableau by catalog name, or from a JSON file (errors name the file).
  public static func tableau(nameOrFile: String) -> Result<ButcherTableau, ConfigError> {
    if let t = ButcherTableau.named(nameOrFile) { return .success(t) }
    guard nameOrFile.hasSuffix(".json") || FileManager.default.fileExists(atPath: nameOrFile) else {
      let known = ButcherTableau.catalog.map(\.name).joined(separator: ", ")
      return .failure(ConfigError("unknown tableau \"\(nameOrFile)\" (known: \(known); or give a .json file)"))
    }
    guard let data = FileManager.default.contents(atPath: nameOrFile) else {
      return .failure(ConfigError("\(nameOrFile): cannot read the file"))
    }
    do {
      let json = try JSON.parse(Array(data))
      return tableau(from: JSONValueReader(json, path: "")).mapError {
        ConfigError("\(nameOrFile): \($0.description.replacingOccurrences(of: "\"\": ", with: ""))")
      }
    } catch {
      return .failure(ConfigError("\(nameOrFile): \(error.description)"))
    }
  }
}
