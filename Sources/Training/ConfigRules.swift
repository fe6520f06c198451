/// What a config's origin allows: `steps: null` (train until stopped) in the workbench only,
/// and keys that the chosen cell, tableau, task or optimizer ignores (inapplicable keys) are
/// errors everywhere except in session headers written before the effective config left them
/// out; those keys had no effect on the run, so reading such a header skips them. A header
/// also reads an absent key that was added later as what its run did (`cell.solver`: jacobi).
public struct ConfigRules: Sendable, Equatable {
  /// Whether `"steps": null` is allowed.
  public var allowsUnboundedSteps: Bool
  /// Whether inapplicable keys are skipped (true) or errors naming the key (false).
  public var ignoresInapplicableKeys: Bool
  /// Whether an absent key means what the run meant before the key existed (a field's
  /// `legacyValue`: `cell.solver` absent is `jacobi`) instead of today's default.
  public var readsLegacyDefaults: Bool

  /// Rules with the given permissions.
  public init(allowsUnboundedSteps: Bool, ignoresInapplicableKeys: Bool, readsLegacyDefaults: Bool = false) {
    self.allowsUnboundedSteps = allowsUnboundedSteps
    self.ignoresInapplicableKeys = ignoresInapplicableKeys
    self.readsLegacyDefaults = readsLegacyDefaults
  }

  /// A config file or `--set` for `train` and `eval`: strict, a bounded number of steps.
  public static let file = ConfigRules(allowsUnboundedSteps: false, ignoresInapplicableKeys: false)
  /// The workbench (Compose, `tui --config`, `tui --set`): strict, steps may be null.
  public static let workbench = ConfigRules(allowsUnboundedSteps: true, ignoresInapplicableKeys: false)
  /// A session header's effective config: steps may be null, inapplicable keys are skipped.
  /// An absent key means what it meant before the key existed.
  public static let sessionHeader = ConfigRules(allowsUnboundedSteps: true, ignoresInapplicableKeys: true, readsLegacyDefaults: true)
}
