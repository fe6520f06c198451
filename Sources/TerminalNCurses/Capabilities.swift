import TerminalGrid

/// Decisions about what the terminal can show, taken from plain values so they are tested
/// without a terminal.
enum Capabilities {
  /// Whether colour output is allowed at all: no-color.org says a `NO_COLOR` variable that is
  /// present and not empty (whatever its value) turns colour off.
  static func colorAllowed(noColor: String?) -> Bool {
    guard let noColor else { return true }
    return noColor.isEmpty
  }

  /// The colour depth: `.monochrome` when colour is not allowed (``colorAllowed(noColor:)``),
  /// the terminal has no colours or fewer than 8, `.ansi16` below 256 colours, `.ansi256`
  /// otherwise.
  static func colorDepth(noColor: String?, hasColors: Bool, colors: Int) -> ColorDepth {
    guard colorAllowed(noColor: noColor), hasColors, colors >= 8 else { return .monochrome }
    return colors < 256 ? .ansi16 : .ansi256
  }

  /// The render mode: `.unicode` only for a UTF-8 codeset (`nl_langinfo(CODESET)`, spelled
  /// `UTF-8` by glibc, `utf8` by some others) and without `forceASCII`.
  static func renderMode(codeset: String?, forceASCII: Bool) -> RenderMode {
    guard !forceASCII, let codeset else { return .ascii }
    let normalized = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
    return normalized == "utf8" ? .unicode : .ascii
  }

  /// The ncurses colour number for `color` on a terminal with `colors` colours, and whether the
  /// foreground must be made bold to look bright.
  ///
  /// `.default` is -1 when the terminal accepts default colours (`use_default_colors`), else
  /// white on black. Bright colours (8–15) on an 8-colour terminal become their dark twin,
  /// bold when used as foreground; any other colour the terminal lacks goes to the nearest
  /// named colour first.
  static func colorNumber(
    _ color: Color, colors: Int, defaultColors: Bool, foreground: Bool
  ) -> (number: Int16, brighten: Bool) {
    guard let index = color.paletteIndex else {
      return (defaultColors ? -1 : (foreground ? 7 : 0), false)
    }
    if Int(index) < colors { return (Int16(index), false) }
    let named = ColorDepth.nearestNamed(.indexed(index)).paletteIndex ?? 7
    if Int(named) < colors { return (Int16(named), false) }
    if named >= 8, colors >= 8 { return (Int16(named - 8), foreground) }
    return (defaultColors ? -1 : (foreground ? 7 : 0), false)
  }
}
