import JSON

/// Reading configs through the table: a whole document (a config file, `--set` applied to
/// one, a session header's config) or one key at a time (Compose, `tui --set` on the default
/// draft). Both read a value with the same row, so they accept and reject the same values with
/// the same message.
extension ConfigSchema {
  /// The config `document` describes.
  ///
  /// Errors, one at a time in this order: the document or a section (`cell`, `task`,
  /// `optimizer`, `constraint`) that is not an object, and unknown keys, in document order with
  /// a did-you-mean among the names allowed at that level (so a typo of a required key is
  /// reported as the typo); then, in table order, a key that does not apply (unless the rules
  /// skip those), a missing required key, a bad value.
  static func decode(_ document: JSON, _ rules: ConfigRules) throws(ConfigError) -> TrainingConfig {
    try checkNames(document)
    var config = defaults
    for field in fields {
      let path = field.key.split(separator: ".").map(String.init)
      let value = document.member(at: path)
      if let reason = field.condition.reason(config) {
        if value != nil, !rules.ignoresInapplicableKeys, Self.field(for: field.key, in: config) == nil {
          throw ConfigError(key: field.key, reason)
        }
        continue
      }
      guard let value = value ?? (rules.readsLegacyDefaults ? field.legacyValue : nil) else {
        guard field.isRequired else { continue }
        let sectionMissing = path.count == 2 && document.member(at: [path[0]]) == nil
        throw ConfigError(key: sectionMissing ? path[0] : field.key, "required key is missing")
      }
      try field.decode(JSONValueReader(value, path: field.key), into: &config, rules)
    }
    config.resolveDataSeed()
    return config
  }

  /// Sets one key of `config` from a JSON value, through the row that applies (the value's
  /// errors are a document's); a key that does not apply is an error (or, under rules that
  /// skip those, changes nothing); an unknown key is an error with a did-you-mean.
  static func set(_ key: String, to value: JSON, in config: inout TrainingConfig, _ rules: ConfigRules) throws(ConfigError) {
    let rows = fields(for: key)
    guard let first = rows.first else { throw unknownKey(key) }
    guard let row = rows.first(where: { $0.applies(to: config) }) else {
      if rules.ignoresInapplicableKeys { return }
      throw ConfigError(key: key, first.condition.reason(config) ?? "does not apply")
    }
    try row.decode(JSONValueReader(value, path: key), into: &config, rules)
  }

  /// The error a document would give for `key`: unknown at the first level that does not
  /// know it (or, for a section such as `cell`, that one key is set at a time).
  static func unknownKey(_ key: String) -> ConfigError {
    let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if parts.count == 1, sections.contains(key) {
      return ConfigError(key: key, "is an object; set one of its keys, such as \"\(key).\(names(in: key)[0])\"")
    }
    if parts.count > 1, sections.contains(parts[0]) {
      return ConfigError(JSONError.unknownKey(parts.dropFirst().joined(separator: "."), in: parts[0], candidates: names(in: parts[0])))
    }
    if parts.count > 1, names(in: "").contains(parts[0]) {
      return ConfigError(key: parts[0], "is a value, not an object with keys such as \"\(parts[1])\"")
    }
    return ConfigError(JSONError.unknownKey(parts[0], in: "", candidates: names(in: "")))
  }

  /// Throws for the first member, in document order, that the schema does not know, or for a
  /// section that is not an object.
  static func checkNames(_ document: JSON) throws(ConfigError) {
    guard case .object(let members) = document else {
      throw ConfigError(JSONError(.key(path: ""), "expected an object, got \(document.kindDescription)"))
    }
    let top = names(in: "")
    for (name, value) in members {
      guard top.contains(name) else { throw ConfigError(JSONError.unknownKey(name, in: "", candidates: top)) }
      guard sections.contains(name) else { continue }
      guard case .object(let inner) = value else {
        throw ConfigError(key: name, "expected an object, got \(value.kindDescription)")
      }
      let allowed = names(in: name)
      if let unknown = inner.keys.first(where: { !allowed.contains($0) }) {
        throw ConfigError(JSONError.unknownKey(unknown, in: name, candidates: allowed))
      }
    }
  }
}
