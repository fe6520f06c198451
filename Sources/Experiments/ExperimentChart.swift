import JSON

/// A chart of an experiment's report: named series of (x, y) points over one x quantity,
/// drawn by the workbench's Experiments screen (the truncation gap against k, the width
/// limit's loss against k/N) and carried in the report's JSON as
/// `{"title", "x", "logY", "series": [{"name", "points": [[x, y], …]}]}`.
public struct ExperimentChart: Sendable, Equatable {
  public struct Series: Sendable, Equatable {
    public var name: String
    public var points: [Point]

    public init(name: String, points: [Point]) {
      self.name = name
      self.points = points
    }
  }

  public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) { (self.x, self.y) = (x, y) }
  }

  /// What the chart shows, e.g. `gap ‖h_T − h_T^k‖∞ against log₂ k`.
  public var title: String
  /// The x quantity's name, e.g. `log₂ k`.
  public var xLabel: String
  /// Whether y is drawn on a log scale.
  public var logY: Bool
  public var series: [Series]

  public init(title: String, xLabel: String, logY: Bool, series: [Series]) {
    self.title = title
    self.xLabel = xLabel
    self.logY = logY
    self.series = series
  }

  public var json: JSON {
    .object([
      "title": .string(title), "x": .string(xLabel), "logY": .bool(logY),
      "series": .array(
        series.map { s in
          .object(["name": .string(s.name), "points": .array(s.points.map { .array([.number($0.x), .number($0.y)]) })])
        }),
    ])
  }

  /// The chart of `json` (as `json` writes it); nil when it is not one.
  public init?(json: JSON) {
    guard let title = json["title"]?.stringValue, let x = json["x"]?.stringValue, let logY = json["logY"]?.boolValue,
      let list = json["series"]?.arrayValue
    else { return nil }
    var series: [Series] = []
    for s in list {
      guard let name = s["name"]?.stringValue, let points = s["points"]?.arrayValue else { return nil }
      var parsed: [Point] = []
      for p in points {
        guard let pair = p.arrayValue, pair.count == 2, let px = pair[0].doubleValue, let py = pair[1].doubleValue else { return nil }
        parsed.append(Point(px, py))
      }
      series.append(Series(name: name, points: parsed))
    }
    self.init(title: title, xLabel: x, logY: logY, series: series)
  }
}
