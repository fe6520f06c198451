/// One entry of a tableau as a JSON file gives it: a number, or text holding an exact
/// fraction or decimal such as `"1/6"`, `"-1/3"`, `"2"` or `"0.25"`.
public enum TableauEntry: Sendable, Equatable {
  /// A JSON number, used as is (must be finite).
  case number(Double)
  /// Text parsed by `Rational(parsing:)`; a plain decimal too long for an exact `Int64`
  /// fraction is read as the nearest `Double` instead, and so is a fraction of up to 38
  /// digits a side (`WideFraction`, correctly rounded).
  case text(String)
}

/// A validated entry: its value, its exact value when it has one, and the text used to
/// display it.
struct ResolvedEntry: Sendable, Equatable {
  /// The entry's value.
  var value: Double
  /// The exact value: the fraction or decimal the text spells, or the number's own binary
  /// value when that fits an `Int64` fraction (0.5, 0.375, 3); `nil` otherwise.
  var exact: Rational?
  /// Display text: the normalised fraction ("1/6") for text containing `/`, otherwise the
  /// shortest decimal of the value ("0.25", "2").
  var text: String
}

extension TableauEntry {
  /// The entry's value, or `nil` when it is not a finite number in the entry grammar
  /// (the same rule the tableau initialiser applies).
  public var value: Double? {
    try? resolved(at: "").value
  }

  /// The text a diagram shows for the entry ("1/6", "0.25", "2"), or `nil` when invalid.
  public var displayText: String? {
    try? resolved(at: "").text
  }

  /// Resolves the entry, or throws `TableauError.invalidEntry` / `.nonFiniteEntry` naming
  /// `location` (for example `a[2][1]`).
  func resolved(at location: String) throws(TableauError) -> ResolvedEntry {
    switch self {
    case .number(let value):
      guard value.isFinite else {
        throw .nonFiniteEntry(location: location, value: value)
      }
      return ResolvedEntry(
        value: value, exact: Rational(exactly: value), text: NumberText.shortest(value))
    case .text(let raw):
      if let rational = Rational(parsing: raw) {
        let isFraction = raw.contains("/")
        let value = rational.doubleValue
        return ResolvedEntry(
          value: value, exact: rational,
          text: isFraction ? rational.description : NumberText.shortest(value))
      }
      if Rational.isDecimalSyntax(raw), let value = Double(Rational.normalisedSigns(raw)),
        value.isFinite
      {
        return ResolvedEntry(value: value, exact: nil, text: NumberText.shortest(value))
      }
      if let value = WideFraction.value(of: raw), value.isFinite {
        return ResolvedEntry(value: value, text: Rational.normalisedSigns(raw).filter { $0 != " " })
      }
      throw .invalidEntry(location: location, text: raw)
    }
  }
}
