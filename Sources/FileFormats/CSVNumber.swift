/// The decimal number syntax accepted in CSV cells.
enum CSVNumber {
  /// The value of `text` when it is `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
  /// (spaces and tabs around it are ignored), correctly rounded; nil otherwise. `nan`, `inf`,
  /// hexadecimal and empty text are not numbers. The result may be infinite (`1e999`).
  static func parse(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    var index = start
    if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
    var digits = 0
    while index < end, isDigit(bytes[index]) {
      index += 1
      digits += 1
    }
    if index < end, bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < end, isDigit(bytes[index]) {
        index += 1
        digits += 1
      }
    }
    guard digits > 0 else { return nil }
    if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      var exponentDigits = 0
      while index < end, isDigit(bytes[index]) {
        index += 1
        exponentDigits += 1
      }
      guard exponentDigits > 0 else { return nil }
    }
    guard index == end else { return nil }
    return Double(String(decoding: bytes[start..<end], as: UTF8.self))
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}
