/// What a config's origin allows: `steps: null` (train until stopped) in the workbench only,
/// and keys that the chosen cell, tableau, task or optimizer ignores (inapplicable keys) are
/// errors everywhere except in session headers written before the effective config left them
/// out; those keys had no effect on the run, so reading such a header skips them.
public struct ConfigRules: Sendable, Equatable {
  /// Whether `"steps": null` is allowed.
  public var allowsUnboundedSteps: Bool
  /// Whether inapplicable keys are skipped (true) or errors naming the key (false).
  public var ignoresInapplicableKeys: Bool

  /// Rules with the given permissions.
  public init(allowsUnboundedSteps: Bool, ignoresInapplicableKeys: Bool) {
    self.allowsUnboundedSteps = allowsUnboundedSteps
    self.ignoresInapplicableKeys = ignoresInapplicableKeys
  }

  /// A config file or `--set` for `train` and `eval`: strict, a bounded number of steps.
  public static let file = ConfigRules(allowsUnboundedSteps: false, ignoresInapplicableKeys: false)
  /// The workbench (Compose, `tui --config`, `tui --set`): strict, steps may be null.
  public static let workbench = ConfigRules(allowsUnboundedSteps: true, ignoresInapplicableKeys: false)
  /// A session header's effective config: steps may be null, inapplicable keys are skipped.
  public static let sessionHeader = ConfigRules(allowsUnboundedSteps: true, ignoresInapplicableKeys: true)
}
