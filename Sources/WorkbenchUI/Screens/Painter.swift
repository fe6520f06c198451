import TerminalGrid

/// Drawing helpers shared by the screens: mode-aware text (ASCII transliteration), boxes,
/// the palette.
struct Painter {
  let mode: RenderMode
  let depth: ColorDepth

  var ascii: Bool { mode == .ascii }

  /// The text as this mode can show it: in ASCII mode, Greek letters and symbols spelled out.
  func text(_ s: String) -> String {
    guard ascii else { return s }
    var out = ""
    for ch in s.unicodeScalars {
      if ch.isASCII {
        out.unicodeScalars.append(ch)
      } else {
        out += Self.spellings[ch] ?? "?"
      }
    }
    return out
  }

  static let spellings: [Unicode.Scalar: String] = [
    "ε": "eps", "λ": "l", "σ": "s", "κ": "k", "γ": "g", "ρ": "rho", "η": "lr", "∂": "d", "‖": "|",
    "≤": "<=", "≥": ">=", "×": "x", "·": ".", "→": "->", "←": "<-", "↑": "up", "↓": "down", "…": "...",
    "▶": ">", "⏸": "||", "●": "*", "○": "o", "—": "-", "–": "-", "²": "2", "₀": "0", "₂": "2", "÷": "/", "μ": "mu", "ᵀ": "T", "√": "sqrt",
    "Δ": "d", "−": "-", "⁻": "-", "¹": "1", "∞": "inf", "│": "|", "─": "-",
  ]

  /// Writes text clipped to `clip`.
  @discardableResult
  func write(_ grid: inout Grid, _ s: String, _ x: Int, _ y: Int, _ style: Style = .plain, clip: Rect) -> Int {
    grid.write(text(s), at: Point(x: x, y: y), style: style, clip: clip, asciiOnly: ascii)
  }

  /// A titled box; returns its inside. A focused box has a bold, coloured border.
  func box(_ grid: inout Grid, _ rect: Rect, _ title: String, focused: Bool = false) -> Rect {
    let style = focused ? Style(fg: .cyan, bold: true) : Style(dim: true)
    let inner = grid.box(rect, title: nil, style: style, ascii: ascii)
    if rect.width > 4 {
      write(&grid, " \(title) ", rect.x + 2, rect.y, Style(bold: true), clip: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1))
    }
    return inner
  }

  /// Series colours, stable by index.
  static let palette: [Color] = [.cyan, .yellow, .magenta, .green, .blue, .red, .brightCyan, .brightYellow]

  /// A stable colour for a name (the same session always gets the same colour).
  static func color(for name: String) -> Color {
    var h: UInt64 = 1469598103934665603
    for b in name.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
    return palette[Int(h % UInt64(palette.count))]
  }
}
