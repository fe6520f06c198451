/// The Sessions list's columns, in the order shown; the sort key cycles through them.
public enum SessionColumn: String, Sendable, CaseIterable {
  case file, cell, task, steps, loss, status

  /// The header label.
  public var title: String { rawValue }
}

/// What the Sessions list shows: the listings filtered by the typed text and sorted by the
/// chosen column, each column sized to the width available.
extension WorkbenchModel {
  /// The listed sessions that match the filter, in the chosen order.
  public var visibleSessions: [SessionListing] {
    let needle = sessionFilter.lowercased()
    let matching =
      needle.isEmpty
      ? sessions
      : sessions.filter { s in
        [s.file, s.cell, s.task, status(of: s)].contains { $0.lowercased().contains(needle) }
      }
    let sorted = matching.sorted { a, b in
      switch sessionSort {
      case .file: a.file < b.file
      case .cell: (a.cell, a.file) < (b.cell, b.file)
      case .task: (a.task, a.file) < (b.task, b.file)
      case .steps: (a.steps, a.file) < (b.steps, b.file)
      case .loss: (a.finalLoss ?? .infinity, a.file) < (b.finalLoss ?? .infinity, b.file)
      case .status: (status(of: a), a.file) < (status(of: b), b.file)
      }
    }
    return sortDescending ? sorted.reversed() : sorted
  }

  /// The selected session, if the list shows any.
  public var selectedSession: SessionListing? {
    let visible = visibleSessions
    return visible.indices.contains(sessionIndex) ? visible[sessionIndex] : nil
  }

  /// The session's status, `running` for the file the live run is writing.
  public func status(of listing: SessionListing) -> String {
    guard let live, live.isActive, let path = live.view.sessionName else { return listing.status }
    return path.split(separator: "/").last.map(String.init) == listing.file ? "running" : listing.status
  }
}

/// Column widths for a list `width` cells wide: every column but the file name as wide as its
/// widest value (within limits), the file name the rest, shortened in the middle.
struct SessionColumns {
  /// The width of each column, separators included (the last has none).
  let widths: [SessionColumn: Int]
  /// What a shortened value shows in its middle: `…`, or `...` in ASCII mode (counted as the
  /// three cells it takes, so a row is never wider than its list).
  let ellipsis: String

  init(_ sessions: [SessionListing], status: (SessionListing) -> String, width: Int, ellipsis: String = "…") {
    self.ellipsis = ellipsis
    func fit(_ values: [String], _ title: String, _ range: ClosedRange<Int>) -> Int {
      min(range.upperBound, max(range.lowerBound, (values + [title]).map(\.count).max() ?? 0)) + 1
    }
    var w: [SessionColumn: Int] = [:]
    w[.cell] = fit(sessions.map(\.cell), "cell", 4...14)
    w[.task] = fit(sessions.map(\.task), "task", 4...10)
    w[.steps] = fit(sessions.map { String($0.steps) }, "steps", 5...9)
    w[.loss] = fit(sessions.map { $0.finalLoss.map(Format.number) ?? "-" }, "loss", 4...9)
    w[.status] = max(8, (sessions.map(status) + ["status"]).map(\.count).max() ?? 0) + 1
    // Narrow lists give up the task, then the cell column, before the file name drops below 12.
    for dropped in [SessionColumn.task, .cell] where width - w.values.reduce(0, +) < 13 {
      w[dropped] = 0
    }
    w[.file] = max(4, width - w.values.reduce(0, +))
    widths = w
  }

  /// One row: each value padded (the file name shortened in the middle) into its column.
  func row(_ values: [SessionColumn: String]) -> String {
    SessionColumn.allCases.map { column -> String in
      let width = widths[column] ?? 0
      guard width > 0 else { return "" }
      let value = values[column] ?? ""
      let text = column == .file || column == .status ? Self.middle(value, width - 1, ellipsis: ellipsis) : String(value.prefix(width - 1))
      return text.padding(toLength: width, withPad: " ", startingAt: 0)
    }.joined()
  }

  /// `s` at most `width` characters: the start and the end kept, `…` between them. The start
  /// keeps up to 16 characters (a default name's `20261201-071657-` timestamp) when it can
  /// leave the end 6.
  static func middle(_ s: String, _ width: Int, ellipsis: String = "…") -> String {
    guard s.count > width else { return s }
    let e = ellipsis.count
    guard width > e else { return String(s.prefix(width)) }
    let head = max((width - e) / 2, min(16, width - 6 - e))
    return String(s.prefix(head)) + ellipsis + String(s.suffix(width - e - head))
  }
}
