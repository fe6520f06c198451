import JSON

/// A `TrainingConfig` read from, written to and checked against `ConfigSchema`.
extension TrainingConfig {
  /// Parses and validates a config (DESIGN §1.4). Unknown keys, wrong types, out-of-range
  /// values and keys the chosen cell kind, structure, tableau, task or optimizer would ignore
  /// are errors naming the key (a typo must not silently train something else); `rules` says
  /// whether `steps` may be null and whether inapplicable keys are skipped instead
  /// (`.sessionHeader`: headers written before the effective config left them out).
  public static func parse(_ json: JSON, _ rules: ConfigRules = .file) throws(ConfigError) -> TrainingConfig {
    try ConfigSchema.decode(json, rules)
  }

  /// The effective config (the session header's `config`): every key that applies, with its
  /// value, defaults filled in, and no key that does not apply, so that it is itself a valid
  /// config file. `parse(c.json, .workbench) == c.normalized`, and `== c` for every config
  /// `parse` returns.
  public var json: JSON {
    var document: JSON = .object([:])
    for field in ConfigSchema.fields where field.applies(to: self) {
      // Keys are the table's own: always objects on the way, so this never throws.
      try? document.setMember(field.value(in: self), at: field.key.split(separator: ".").map(String.init))
    }
    return document
  }

  /// This config with every field that does not apply at its default (`gamma` of a dense cell,
  /// the ODE fields of an LSTM): the config its effective config describes. A draft keeps such
  /// values (switching back to antisymmetric restores γ); what runs and is recorded does not
  /// need them.
  public var normalized: TrainingConfig {
    let defaults = ConfigSchema.defaults
    var c = self
    for field in ConfigSchema.fields where ConfigSchema.field(for: field.key, in: self) == nil {
      field.copy(into: &c, from: defaults)
    }
    c.resolveDataSeed()
    return c
  }

  /// Writes the run's seed into a file task's absent `dataSeed` (DESIGN §1.10: it defaults to
  /// the run's seed), so that a parsed config equals the one its effective config describes.
  mutating func resolveDataSeed() {
    if task.isFileTask, task.dataSeed == nil { task.dataSeed = seed }
  }

  /// Throws the first problem of this value, with the message a config file holding it would
  /// get: a field that applies and is out of range or of the wrong length (`decay` needs t
  /// numbers), an empty required path (`task.images`), a rule across fields
  /// (`constraint.spectralNorm` needs a dense ODE cell), `steps` nil outside the workbench.
  /// Fields that do not apply are not checked.
  public func validate(_ rules: ConfigRules = .file) throws(ConfigError) {
    for field in ConfigSchema.fields where field.applies(to: self) {
      if let problem = field.problem(in: self, rules) { throw problem }
    }
  }

  /// Sets one dotted key from a JSON value as a config file would give it (Compose's typed
  /// entry and ←/→, `tui --set` on the default draft, `train --resume --seed`): the value is
  /// checked by the key's row (its own rule included), with a document's message; a key that
  /// does not apply, or is unknown, is an error. Only the key (and what it implies, such as
  /// `decay`'s length after `derivativeOrder`) changes, so a later change of another key can
  /// still break a rule (antisymmetric structure under a spectral norm): `validate()` says so.
  public mutating func set(_ key: String, to value: JSON, _ rules: ConfigRules = .workbench) throws(ConfigError) {
    try ConfigSchema.set(key, to: value, in: &self, rules)
  }
}
