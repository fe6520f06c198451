import FileFormats
import Foundation
import Testing

@Suite("CSV numeric tables")
struct NumericTableTests {
  func table(_ text: String, columns: [String]? = nil) throws -> NumericTable {
    try NumericTable.parse(text, columns: columns)
  }

  func message(_ text: String, columns: [String]? = nil) -> String? {
    errorMessage { () throws(FileFormatError) in try NumericTable.parse(text, columns: columns) }
  }

  @Test(
    "line endings, trailing newline and empty lines at the end",
    arguments: [
      "a,b\n1,2\n3,4", "a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n", "a,b\n1,2\n3,4\n\n\r\n\n", "\u{FEFF}a,b\n1,2\n3,4\n",
      " a , b \n 1 , 2\n3,\t4 \n", "\"a\",\"b\"\n\"1\",2\n3,\"4\"\n",
    ])
  func layouts(text: String) throws {
    let parsed = try table(text)
    #expect(parsed.columns == ["a", "b"])
    #expect(parsed.rows == [[1, 2], [3, 4]])
  }

  @Test("quoted fields hold commas, quotes and line breaks")
  func quoting() throws {
    let parsed = try table("\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,2,3\n")
    #expect(parsed.columns == ["x, y", "say \"hi\"", "two\nlines"])
    #expect(parsed.rows == [[1, 2, 3]])
    #expect(try table(parsed.csvText()) == parsed)
  }

  @Test(
    "number syntax",
    arguments: [
      ("-1.5", -1.5), ("+2", 2), (".5", 0.5), ("5.", 5), ("3e-4", 3e-4), ("1E+3", 1000), ("0.1", 0.1), ("-0", -0.0),
    ])
  func numbers(text: String, value: Double) throws {
    #expect(try table("v\n\(text)\n").rows == [[value]])
  }

  @Test("selection by name keeps the requested order; default skips non-numeric columns")
  func selection() throws {
    let text = "date,price,volume\n2024-01-01,10.5,100\n2024-01-02,11,200\n"
    let chosen = try table(text, columns: ["volume", "price"])
    #expect(chosen.columns == ["volume", "price"])
    #expect(chosen.rows == [[100, 10.5], [200, 11]])
    let automatic = try table(text)
    #expect(automatic.columns == ["price", "volume"])
    #expect(automatic.column("volume") == [100, 200])
    #expect(automatic.column("date") == nil)
    #expect(try table("a,b\n").rows.isEmpty)
  }

  @Test(
    "errors name the line and the column",
    arguments: [
      ("a,price\n1,2\n3,abc\n", nil, "line 3, column \"price\": \"abc\" is not a number"),
      ("a,price\n1,2\n3,\n", nil, "line 3, column \"price\": \"\" is not a number"),
      ("a,b\n1,nan\n", ["a", "b"], "line 2, column \"b\": \"nan\" is not a number"),
      ("a,b\n1,inf\n", ["b"], "line 2, column \"b\": \"inf\" is not a number"),
      ("a,b\n1,1e999\n", nil, "line 2, column \"b\": \"1e999\" is out of range"),
      ("a,b\n1,0x10\n", ["b"], "line 2, column \"b\": \"0x10\" is not a number"),
      ("a,b\n1,2\n3\n", nil, "line 3: expected 2 fields, got 1"),
      ("a,b\n1,2,3\n", nil, "line 2: expected 2 fields, got 3"),
      ("a,b\n1,\"2\n", nil, "line 2: unterminated quoted field"),
      ("a,b\n1,\"2\"x\n", nil, "line 2: unexpected character after a closing quote"),
      ("a,b\n1,2\"\n", nil, "line 2: quote inside an unquoted field"),
      ("a,b\n1,2\n\n3,4\n", nil, "line 3: empty line inside the table"),
      ("", nil, "file is empty; expected a header row"),
      ("\n\n", nil, "file is empty; expected a header row"),
      ("a,a\n1,2\n", nil, "line 1: duplicate column name \"a\""),
      ("a,,c\n1,2,3\n", nil, "line 1: column 2 has an empty name"),
      ("a,b\n1,2\n", ["c"], "no column named \"c\"; columns are \"a\", \"b\""),
      ("a,b\nx,y\n", nil, "line 2: no numeric column: no value in the first data row is a number"),
      ("a,\"b\nc\",d\n1,2,3\n4,5,x\n", nil, "line 4, column \"d\": \"x\" is not a number"),
    ])
  func errors(text: String, columns: [String]?, expected: String) {
    #expect(message(text, columns: columns) == expected)
  }

  @Test("invalid UTF-8 is an error naming the line")
  func invalidUTF8() {
    let bytes: [UInt8] = Array("a,b\n1,".utf8) + [0xFF] + [0x0A]
    #expect(errorMessage { () throws(FileFormatError) in try NumericTable.parse(bytes) } == "line 2: invalid UTF-8")
  }

  @Test("reading a file prefixes its path")
  func file() throws {
    let directory = try ScratchDirectory()
    defer { directory.cleanUp() }
    let url = directory.file("data.csv")
    try Data("t,price\n1,2\n2,3\n3,4\n4,5\n5,6\n6,abc\n".utf8).write(to: url)
    #expect(
      errorMessage { () throws(FileFormatError) in try NumericTable.read(contentsOf: url) }
        == "\(url.path) line 7, column \"price\": \"abc\" is not a number")
    try Data("t,price\n1,2\n".utf8).write(to: url)
    #expect(try NumericTable.read(contentsOf: url, columns: ["price"]).rows == [[2]])
    let relative = URL(fileURLWithPath: "data.csv", relativeTo: directory.url)
    try Data("t,price\n1,x\n".utf8).write(to: relative)
    #expect(
      errorMessage { () throws(FileFormatError) in try NumericTable.read(contentsOf: relative, columns: ["t", "price"])
      } == "data.csv line 2, column \"price\": \"x\" is not a number")
  }

  @Test("the initialiser checks row lengths")
  func initialiser() {
    #expect(
      errorMessage { () throws(FileFormatError) in try NumericTable(columns: ["a"], rows: [[1, 2]]) }
        == "row 0 has 2 values for 1 columns")
  }
}

@Suite("CSV fuzzing")
struct NumericTableFuzzTests {
  @Test("3,000 mutated files either parse or throw a one-line error")
  func fuzz() {
    let seed = Array("t,\"price, usd\",volume\r\n1,2.5,3\r\n2,\"3\",4e2\r\n3,-1,.5\r\n\r\n".utf8)
    let interesting = Array(",\"\r\n .e-0123456789x".utf8) + [0x00, 0xC3, 0xFF]
    var random = SplitMix64(seed: 1234)
    var parsed = 0
    var rejected = 0
    for _ in 0..<3_000 {
      var bytes = seed
      for _ in 0..<(Int(random.next() % 3) + 1) {
        let position = Int(random.next() % UInt64(bytes.count + 1))
        switch random.next() % 3 {
        case 0: bytes.removeSubrange(position...)
        case 1: if position < bytes.count { bytes[position] = UInt8(truncatingIfNeeded: random.next()) }
        default: bytes.insert(interesting[Int(random.next() % UInt64(interesting.count))], at: position)
        }
      }
      do {
        let table = try NumericTable.parse(bytes)
        #expect(table.rows.allSatisfy { $0.count == table.columns.count })
        parsed += 1
      } catch {
        #expect(!error.description.contains("\n"))
        rejected += 1
      }
    }
    #expect(parsed > 100 && rejected > 300)
  }
}
