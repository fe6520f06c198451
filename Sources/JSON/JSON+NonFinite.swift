extension JSON {
  /// The number this value stands for when non-finite numbers are written as strings
  /// (DESIGN §1.5): a `.number` gives its value, the strings `"nan"`, `"inf"` and `"-inf"`
  /// give NaN, +infinity and -infinity; anything else gives nil.
  public var doubleAllowingNonFinite: Double? {
    switch self {
    case .number(let value):
      return value
    case .string(let text):
      switch text {
      case "nan": return .nan
      case "inf": return .infinity
      case "-inf": return -.infinity
      default: return nil
      }
    default:
      return nil
    }
  }
}
