/// How text is shown when only ASCII can be (`--ascii`, a locale that is not UTF-8): Greek
/// letters, mathematical symbols, arrows, box drawing and typographic dashes spelled in
/// ASCII (`ε` → `eps`, `≤` → `<=`, `┼` → `+`); any other non-ASCII scalar becomes `?`.
/// The one table the workbench's screens and the command line's output both use.
public enum ASCIISpelling {
  /// The spellings, by scalar.
  public static let table: [Unicode.Scalar: String] = [
    "ε": "eps", "λ": "l", "σ": "s", "κ": "k", "γ": "g", "ρ": "rho", "η": "lr", "μ": "mu", "β": "b", "Δ": "d",
    "∂": "d", "‖": "|", "≤": "<=", "≥": ">=", "≠": "!", "≈": "~", "±": "+-", "×": "x", "÷": "/", "·": ".",
    "√": "sqrt", "∞": "inf", "−": "-", "–": "-", "—": "-", "…": "...", "§": "section ",
    "→": "->", "←": "<-", "↑": "up", "↓": "down", "▶": ">", "⏸": "||", "▲": "^", "▼": "v", "▏": "_",
    "●": "*", "○": "o", "━": "=", "│": "|", "─": "-", "┼": "+",
    "²": "2", "¹": "1", "⁻": "-", "₀": "0", "₁": "1", "₂": "2", "ᵀ": "T",
  ]

  /// `text` in ASCII: ASCII scalars as they are, the rest spelled by `table` or `?`.
  public static func spell(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.isASCII {
        out.unicodeScalars.append(scalar)
      } else {
        out += table[scalar] ?? "?"
      }
    }
    return out
  }
}
