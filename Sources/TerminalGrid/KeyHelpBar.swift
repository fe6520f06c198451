/// One key hint: the key as the user types it and what it does.
public struct KeyHint: Hashable, Sendable {
  /// The key as the user types it: `space`, `q`, `ctrl+s`.
  public var key: String
  /// What it does, such as `start`.
  public var label: String

  /// Creates a hint.
  public init(key: String, label: String) {
    self.key = key
    self.label = label
  }
}

/// A one-line bar of key hints, `space start  n step  ? help  q quit` (htop's function
/// bar, lazygit's bottom line).
///
/// Hints are given most important first and drawn in that order; the bar keeps the
/// longest prefix of hints that fits, so the least important ones are dropped first. If
/// not even the first hint fits, it is cut with an ellipsis.
public struct KeyHelpBar: Widget {
  /// The hints, most important first.
  public var hints: [KeyHint]
  /// Glyphs (ASCII mode reduces text to ASCII and uses `~` as the ellipsis).
  public var mode: RenderMode
  /// Style of the keys.
  public var keyStyle: Style
  /// Style of the labels.
  public var labelStyle: Style
  /// Empty cells between hints.
  public var spacing: Int

  /// Creates a bar from hints.
  public init(
    _ hints: [KeyHint], mode: RenderMode = .unicode, keyStyle: Style = Style(bold: true),
    labelStyle: Style = .plain, spacing: Int = 2
  ) {
    self.hints = hints
    self.mode = mode
    self.keyStyle = keyStyle
    self.labelStyle = labelStyle
    self.spacing = max(1, spacing)
  }

  /// Creates a bar from (key, label) pairs.
  public init(pairs: [(key: String, label: String)], mode: RenderMode = .unicode) {
    self.init(pairs.map { KeyHint(key: $0.key, label: $0.label) }, mode: mode)
  }

  /// The spans drawn for a width: the longest prefix of hints that fits.
  public func spans(width: Int) -> [Span] {
    guard width > 0, let first = hints.first else { return [] }
    var spans: [Span] = []
    var used = 0
    for hint in hints {
      let gap = spans.isEmpty ? 0 : spacing
      let size = gap + hint.key.unicodeScalars.count + 1 + hint.label.unicodeScalars.count
      guard used + size <= width else { break }
      if gap > 0 { spans.append(Span(String(repeating: " ", count: gap))) }
      spans.append(Span(hint.key, style: keyStyle))
      spans.append(Span(" " + hint.label, style: labelStyle))
      used += size
    }
    if spans.isEmpty {
      let whole = [Span(first.key, style: keyStyle), Span(" " + first.label, style: labelStyle)]
      return TextFit.truncate(whole, to: width, ellipsis: mode.glyphs.ellipsis)
    }
    return spans
  }

  /// Draws on the first row of `area`.
  public func render(in area: Rect, into grid: inout Grid) {
    let row = area.intersection(grid.bounds).row(0)
    guard !row.isEmpty else { return }
    grid.write(spans(width: row.width), at: row.origin, clip: row, asciiOnly: mode.isASCII)
  }
}
