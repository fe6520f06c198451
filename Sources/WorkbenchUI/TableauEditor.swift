import Tableaux

/// The tableau grid editor: A, b and c as text cells, validated live into a tableau.
///
/// Rows `0 ..< s` hold `c_i | a_i1 … a_is`; row `s` holds `b`. Column 0 is `c` (blank in the
/// `b` row), columns `1 … s` are A's and b's entries. Entries are numbers or exact fractions.
public struct TableauEditor: Sendable, Equatable {
  /// The tableau's name.
  public private(set) var name: String
  /// A's entries as typed.
  public private(set) var a: [[String]]
  /// b's entries as typed.
  public private(set) var b: [String]
  /// c's entries as typed.
  public private(set) var c: [String]
  /// The validated tableau, or the validation error naming the entry; recomputed after every
  /// edit (validation includes the stability scan, too slow to repeat for every frame).
  public private(set) var result: Result<ButcherTableau, TableauError>
  /// The selected row (0…s).
  public var row = 0
  /// The selected column (0…s).
  public var column = 1

  /// An editor of `tableau`'s exact entry texts.
  public init(_ tableau: ButcherTableau) {
    name = tableau.name.hasSuffix("*") ? tableau.name : tableau.name + "*"
    a = tableau.entryText.a
    b = tableau.entryText.b
    c = tableau.entryText.c
    result = .success(tableau)
    revalidate()  // the starred name makes it a new tableau
  }

  /// Stages `s`.
  public var stages: Int { b.count }

  /// Validates the entries as they stand into `result`.
  private mutating func revalidate() {
    do {
      result = .success(
        try ButcherTableau(
          name: name, a: a.map { $0.map { TableauEntry.text($0) } }, b: b.map { TableauEntry.text($0) },
          c: c.map { TableauEntry.text($0) }, caption: "edited in the workbench"))
    } catch {
      result = .failure(error)
    }
  }

  /// The text of the selected cell.
  public var selected: String {
    get {
      if row == stages { return column == 0 ? "" : b[column - 1] }
      return column == 0 ? c[row] : a[row][column - 1]
    }
    set {
      if row == stages {
        if column > 0 { b[column - 1] = newValue }
      } else if column == 0 {
        c[row] = newValue
      } else {
        a[row][column - 1] = newValue
      }
      revalidate()
    }
  }

  /// Moves the cursor, staying on the grid (the b row has no c cell).
  public mutating func move(rows dr: Int, columns dc: Int) {
    row = min(stages, max(0, row + dr))
    column = min(stages, max(row == stages ? 1 : 0, column + dc))
  }

  /// Types a character into the selected cell (digits, `.`, `/`, `-`, `e`; `+` adds a stage).
  public mutating func type(_ ch: Unicode.Scalar) {
    guard "0123456789./-e".unicodeScalars.contains(ch) else { return }
    if row == stages && column == 0 { return }
    selected += String(ch)
  }

  /// Deletes the last character of the selected cell.
  public mutating func backspace() {
    if !selected.isEmpty { selected.removeLast() }
  }

  /// Adds a stage of zeros (and c = 0).
  public mutating func addStage() {
    guard stages < 12 else { return }
    for i in a.indices { a[i].append("0") }
    a.append(Array(repeating: "0", count: stages + 1))
    b.append("0")
    c.append("0")
    revalidate()
  }

  /// Removes the last stage.
  public mutating func removeStage() {
    guard stages > 1 else { return }
    a.removeLast()
    for i in a.indices { a[i].removeLast() }
    b.removeLast()
    c.removeLast()
    move(rows: 0, columns: 0)
    revalidate()
  }
}
