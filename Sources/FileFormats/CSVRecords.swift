/// One CSV record: its fields and the 1-based line on which it starts.
struct CSVRecord {
  /// The line of the record's first byte.
  let line: Int
  /// The fields, unquoted (quotes removed, `""` turned into `"`); unquoted fields are trimmed
  /// of surrounding spaces and tabs.
  let fields: [String]
  /// True for a line with nothing on it (no fields, no commas).
  let isEmptyLine: Bool
}

/// An RFC 4180 record splitter: comma-separated fields, `"`-quoted fields that may contain
/// commas, quotes (doubled) and line breaks; records end at LF or CRLF; a UTF-8 byte order
/// mark at the start is skipped. Errors name the line: `line 5: unterminated quoted field`.
enum CSVRecords {
  static func split(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileFormatError) -> [CSVRecord] {
    var records: [CSVRecord] = []
    var position = 0
    var line = 1
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    while position < bytes.count {
      let recordLine = line
      var fields: [String] = []
      var sawComma = false
      var sawQuote = false
      while true {
        var field: [UInt8] = []
        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
          sawQuote = true
          position += 1
          var closed = false
          while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") {
              if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                field.append(byte)
                position += 1
              } else {
                closed = true
                break
              }
            } else {
              if byte == 0x0A { line += 1 }
              field.append(byte)
            }
          }
          guard closed else {
            throw FileFormatError("unterminated quoted field", location: "line \(recordLine)")
          }
          while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
          guard position >= bytes.count || isDelimiter(bytes, position) else {
            throw FileFormatError("unexpected character after a closing quote", location: "line \(line)")
          }
          fields.append(try text(field, line: line))
        } else {
          while position < bytes.count, !isDelimiter(bytes, position) {
            if bytes[position] == UInt8(ascii: "\"") {
              throw FileFormatError("quote inside an unquoted field", location: "line \(line)")
            }
            field.append(bytes[position])
            position += 1
          }
          fields.append(try text(trimmed(field), line: line))
        }
        // Here position is at a delimiter or the end.
        if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
          sawComma = true
          position += 1
          continue
        }
        if position < bytes.count, bytes[position] == 0x0D { position += 1 }
        if position < bytes.count, bytes[position] == 0x0A { position += 1 }
        line += 1
        break
      }
      let empty = !sawComma && !sawQuote && fields.count == 1 && fields[0].isEmpty
      records.append(CSVRecord(line: recordLine, fields: fields, isEmptyLine: empty))
    }
    return records
  }

  /// A comma, a LF, or a CR that starts a CRLF.
  private static func isDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
    let byte = bytes[position]
    if byte == UInt8(ascii: ",") || byte == 0x0A { return true }
    return byte == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A
  }

  private static func trimmed(_ field: [UInt8]) -> ArraySlice<UInt8> {
    var slice = field[...]
    while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
    while let last = slice.last, last == 0x20 || last == 0x09 { slice.removeLast() }
    return slice
  }

  private static func text(_ bytes: some Collection<UInt8>, line: Int) throws(FileFormatError) -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw FileFormatError("invalid UTF-8", location: "line \(line)")
    }
    return text
  }
}
