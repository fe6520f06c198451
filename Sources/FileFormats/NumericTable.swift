import JSON

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A table of numbers read from a CSV file with a header row (RFC 4180 quoting, LF or CRLF,
/// optional trailing newline and empty lines at the end).
///
/// Invariant: every row has `columns.count` values, all finite.
public struct NumericTable: Sendable, Equatable {
  /// The selected column names, in selection (or file) order.
  public let columns: [String]
  /// The rows, each with one value per column.
  public let rows: [[Double]]

  /// A table; throws when a row's length differs from `columns.count` or a value is not finite.
  public init(columns: [String], rows: [[Double]]) throws(FileFormatError) {
    for (index, row) in rows.enumerated() {
      guard row.count == columns.count else {
        throw FileFormatError("row \(index) has \(row.count) values for \(columns.count) columns")
      }
      guard row.allSatisfy(\.isFinite) else {
        throw FileFormatError("row \(index) has a non-finite value")
      }
    }
    self.columns = columns
    self.rows = rows
  }

  /// The values of the column named `name`, or nil when there is none.
  public func column(_ name: String) -> [Double]? {
    guard let index = columns.firstIndex(of: name) else { return nil }
    return rows.map { $0[index] }
  }

  /// Reads the CSV file at `url`; errors start with the path:
  /// `data.csv line 7, column "price": "abc" is not a number`.
  public static func read(contentsOf url: URL, columns: [String]? = nil) throws(FileFormatError)
    -> NumericTable
  {
    try FileIO.read(url) { (bytes) throws(FileFormatError) in try parse(bytes, columns: columns) }
  }

  /// Parses CSV text; see `parse(_:columns:)` for bytes.
  public static func parse(_ text: String, columns: [String]? = nil) throws(FileFormatError) -> NumericTable {
    try parse(Array(text.utf8), columns: columns)
  }

  /// Parses CSV bytes. The first non-skipped record is the header (names trimmed; none empty
  /// or repeated). `columns` selects columns by name, in that order; when nil, the selected
  /// columns are those whose value in the first data row is a number. Every selected value
  /// must then be a finite decimal number (`-1.5`, `+2`, `.5`, `3e-4`; surrounding spaces
  /// allowed); every row must have as many fields as the header. Empty lines are allowed only
  /// at the end.
  public static func parse(_ bytes: [UInt8], columns selection: [String]? = nil) throws(FileFormatError)
    -> NumericTable
  {
    var records = try bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(FileFormatError) in try CSVRecords.split(buffer) }
    }.get()
    while records.last?.isEmptyLine == true { records.removeLast() }
    guard let header = records.first else {
      throw FileFormatError("file is empty; expected a header row")
    }
    let names = header.fields
    for (index, name) in names.enumerated() {
      guard !name.isEmpty else {
        throw FileFormatError("column \(index + 1) has an empty name", location: "line \(header.line)")
      }
      guard names.firstIndex(of: name) == index else {
        throw FileFormatError("duplicate column name \"\(name)\"", location: "line \(header.line)")
      }
    }
    let data = records.dropFirst()
    if let empty = data.first(where: \.isEmptyLine) {
      throw FileFormatError("empty line inside the table", location: "line \(empty.line)")
    }
    for record in data where record.fields.count != names.count {
      throw FileFormatError(
        "expected \(names.count) fields, got \(record.fields.count)", location: "line \(record.line)")
    }
    let selected = try selectColumns(selection, names: names, firstRow: data.first)
    var rows: [[Double]] = []
    rows.reserveCapacity(data.count)
    for record in data {
      var row: [Double] = []
      row.reserveCapacity(selected.count)
      for index in selected {
        let field = record.fields[index]
        guard let value = CSVNumber.parse(field) else {
          throw FileFormatError(
            "\(quoted(field)) is not a number", location: "line \(record.line), column \(quoted(names[index]))")
        }
        guard value.isFinite else {
          throw FileFormatError(
            "\(quoted(field)) is out of range", location: "line \(record.line), column \(quoted(names[index]))")
        }
        row.append(value)
      }
      rows.append(row)
    }
    return try NumericTable(columns: selected.map { names[$0] }, rows: rows)
  }

  private static func selectColumns(_ selection: [String]?, names: [String], firstRow: CSVRecord?)
    throws(FileFormatError) -> [Int]
  {
    if let selection {
      var indices: [Int] = []
      for name in selection {
        guard let index = names.firstIndex(of: name) else {
          throw FileFormatError(
            "no column named \(quoted(name)); columns are \(names.map(quoted).joined(separator: ", "))")
        }
        indices.append(index)
      }
      return indices
    }
    guard let firstRow else { return Array(names.indices) }
    let numeric = names.indices.filter { CSVNumber.parse(firstRow.fields[$0]) != nil }
    guard !numeric.isEmpty else {
      throw FileFormatError(
        "no numeric column: no value in the first data row is a number", location: "line \(firstRow.line)")
    }
    return numeric
  }

  /// The CSV text of the table: a header row, then one line per row (values in shortest
  /// round-trip form), each line ending in LF; names are quoted when they need it.
  public func csvText() -> String {
    var text = columns.map(NumericTable.csvField).joined(separator: ",") + "\n"
    for row in rows {
      text += row.map { JSON.format($0) }.joined(separator: ",") + "\n"
    }
    return text
  }

  private static func csvField(_ name: String) -> String {
    guard name.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == " " }) else {
      return name
    }
    return "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
  }

  private static func quoted(_ text: String) -> String {
    JSON.string(text).serialized()
  }
}
