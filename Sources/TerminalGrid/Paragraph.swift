/// Lines of styled text, one per row, each aligned and cut to the area's width with an ellipsis
/// (`~` in ASCII mode).
///
/// Lines beyond the area's height are not drawn; nothing wraps (callers that want wrapping use
/// ``Paragraph/wrapped(_:width:style:)``).
public struct Paragraph: Widget {
  /// The lines, top first.
  public var lines: [[Span]]
  /// Horizontal alignment of each line.
  public var alignment: Alignment
  /// Glyphs.
  public var mode: RenderMode

  /// Creates a paragraph from lines of spans.
  public init(lines: [[Span]], alignment: Alignment = .left, mode: RenderMode = .unicode) {
    self.lines = lines
    self.alignment = alignment
    self.mode = mode
  }

  /// Creates a paragraph from plain lines in one style.
  public init(
    _ text: [String], style: Style = .plain, alignment: Alignment = .left,
    mode: RenderMode = .unicode
  ) {
    self.init(lines: text.map { [Span($0, style: style)] }, alignment: alignment, mode: mode)
  }

  /// Greedy word wrap of `text` to `width` cells (words longer than a line are cut
  /// hard); paragraphs separated by newlines stay separate.
  public static func wrapped(_ text: String, width: Int, style: Style = .plain) -> [[Span]] {
    guard width > 0 else { return [] }
    var result: [[Span]] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = String.UnicodeScalarView()
      for word in paragraph.split(separator: " ") {
        var scalars = Array(word.unicodeScalars)
        if !line.isEmpty && line.count + 1 + scalars.count <= width {
          line.append(" ")
          line.append(contentsOf: scalars)
          continue
        }
        if !line.isEmpty {
          result.append([Span(String(line), style: style)])
          line = String.UnicodeScalarView()
        }
        while scalars.count > width {
          result.append([
            Span(String(String.UnicodeScalarView(scalars.prefix(width))), style: style)
          ])
          scalars.removeFirst(width)
        }
        line.append(contentsOf: scalars)
      }
      result.append([Span(String(line), style: style)])
    }
    return result
  }

  /// Draws the lines from the top of `area`.
  public func render(in area: Rect, into grid: inout Grid) {
    let area = area.intersection(grid.bounds)
    guard !area.isEmpty else { return }
    for (i, line) in lines.prefix(area.height).enumerated() {
      let spans = TextFit.truncate(line, to: area.width, ellipsis: mode.glyphs.ellipsis)
      let width = spans.reduce(0) { $0 + $1.width }
      let x = area.x + TextFit.offset(of: width, in: area.width, alignment: alignment)
      grid.write(spans, at: Point(x: x, y: area.y + i), clip: area, asciiOnly: mode.isASCII)
    }
  }
}
