/// Something that draws itself into a rectangle of a grid: a pure function of its value, the area
/// and the grid (ratatui's `Widget`).
///
/// Widgets never draw outside `area` and never trap, whatever the area's size.
public protocol Widget: Sendable {
  /// Draws into `area` of `grid`.
  func render(in area: Rect, into grid: inout Grid)
}

extension Grid {
  /// Renders a widget into `area` (the whole grid when `nil`).
  public mutating func render(_ widget: some Widget, in area: Rect? = nil) {
    widget.render(in: (area ?? bounds).intersection(bounds), into: &self)
  }
}
