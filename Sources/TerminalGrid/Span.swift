/// A run of text in one style.
public struct Span: Hashable, Sendable {
  /// The text; each Unicode scalar takes one cell.
  public var text: String
  /// Its style.
  public var style: Style

  /// Creates a span.
  public init(_ text: String, style: Style = .plain) {
    self.text = text
    self.style = style
  }

  /// The number of cells the span takes (one per Unicode scalar).
  public var width: Int { text.unicodeScalars.count }
}

/// Helpers to fit text into a number of cells.
public enum TextFit {
  /// Cuts `text` to at most `width` cells; when it had to cut, the last kept cell is
  /// `ellipsis` (so the result is exactly `width` cells).
  public static func truncate(_ text: String, to width: Int, ellipsis: Unicode.Scalar) -> String {
    guard width > 0 else { return "" }
    let scalars = text.unicodeScalars
    if scalars.count <= width { return text }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars.prefix(width - 1))
    result.append(ellipsis)
    return String(result)
  }

  /// Cuts a list of spans to at most `width` cells; when it had to cut, the last kept
  /// cell is `ellipsis` in the style of the span it cut.
  public static func truncate(_ spans: [Span], to width: Int, ellipsis: Unicode.Scalar) -> [Span] {
    guard width > 0 else { return [] }
    let total = spans.reduce(0) { $0 + $1.width }
    if total <= width { return spans }
    var result: [Span] = []
    var used = 0
    for span in spans {
      let room = width - used
      if span.width < room {
        result.append(span)
        used += span.width
        continue
      }
      var cut = String.UnicodeScalarView()
      cut.append(contentsOf: span.text.unicodeScalars.prefix(room - 1))
      cut.append(ellipsis)
      result.append(Span(String(cut), style: span.style))
      break
    }
    return result
  }

  /// The column at which text of `length` cells starts when aligned in `width` cells.
  public static func offset(of length: Int, in width: Int, alignment: Alignment) -> Int {
    switch alignment {
    case .left: return 0
    case .center: return max(0, (width - length) / 2)
    case .right: return max(0, width - length)
    }
  }
}

/// Horizontal alignment of text inside an area.
public enum Alignment: Hashable, Sendable {
  /// Flush left.
  case left
  /// Centred (extra cell on the right).
  case center
  /// Flush right.
  case right
}
