/// Colour ramps for value-to-colour maps.
public enum ColorRamp {
  /// A viridis-like perceptual ramp in the 256-colour cube, dark purple to yellow, with
  /// strictly increasing luminance (indices 53, 54, 24, 30, 36, 72, 77, 113, 149, 184,
  /// 220, 226).
  public static let viridis256: [Color] = [53, 54, 24, 30, 36, 72, 77, 113, 149, 184, 220, 226]
    .map { Color.indexed($0) }

  /// A four-step ramp of named colours for 16-colour terminals.
  public static let ansi16: [Color] = [.blue, .cyan, .green, .yellow]

  /// The colour that marks missing (non-finite) values; red is absent from both ramps.
  public static let missing: Color = .brightRed

  /// The ramp entry for a fraction t in [0, 1] (clamped): `count` equal bins.
  public static func index(_ t: Double, count: Int) -> Int {
    guard count > 0 else { return 0 }
    guard t.isFinite else { return 0 }
    return min(count - 1, Int(min(max(t, 0), 1) * Double(count)))
  }
}
