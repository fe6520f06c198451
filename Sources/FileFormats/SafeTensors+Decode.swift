import JSON
import OrderedCollections

extension SafeTensors {
  /// Decodes safetensors bytes, checking: the header length against the file size and
  /// `maximumHeaderLength`; the header is UTF-8 JSON and an object; `__metadata__` maps
  /// strings to strings; every tensor entry has exactly `dtype`, `shape`, `data_offsets`;
  /// dtype is `F32` or `F64` (others are named as unsupported); shape holds non-negative
  /// integers; offsets are integers with begin ≤ end ≤ the data section's size; the span
  /// equals the shape's element count times the element size; tensors neither overlap nor
  /// leave bytes of the data section uncovered. Each error is one line naming the tensor.
  public static func decode(_ bytes: [UInt8]) throws(FileFormatError) -> SafeTensors {
    let result = bytes.withUnsafeBufferPointer { buffer in decode(buffer: buffer) }
    return try result.get()
  }

  private struct Entry {
    let name: String
    let dtype: TensorDType
    let shape: [Int]
    let begin: Int
    let end: Int
  }

  private static func decode(buffer: UnsafeBufferPointer<UInt8>) -> Result<SafeTensors, FileFormatError> {
    do throws(FileFormatError) {
      return .success(try decodeChecked(buffer))
    } catch {
      return .failure(error)
    }
  }

  private static func decodeChecked(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileFormatError) -> SafeTensors {
    guard bytes.count >= 8 else {
      throw FileFormatError("file has \(bytes.count) bytes, too short for the 8-byte header length")
    }
    let declared = ByteOrder.littleUInt64(bytes, at: 0)
    guard declared <= UInt64(bytes.count - 8) else {
      throw FileFormatError("header length \(declared) exceeds the \(bytes.count - 8) bytes after the length field")
    }
    guard declared <= UInt64(maximumHeaderLength) else {
      throw FileFormatError("header length \(declared) exceeds the limit of \(maximumHeaderLength) bytes")
    }
    let headerEnd = 8 + Int(declared)
    let header: JSON
    do throws(JSONError) {
      header = try JSON.parse(UnsafeBufferPointer(rebasing: bytes[8..<headerEnd]))
    } catch {
      throw FileFormatError("header is not valid JSON: \(error)")
    }
    guard case .object(let members) = header else {
      throw FileFormatError("header is not a JSON object, got \(header.kindDescription)")
    }
    let dataSize = bytes.count - headerEnd
    var metadata = OrderedDictionary<String, String>()
    var entries: [Entry] = []
    for (name, value) in members {
      if name == "__metadata__" {
        metadata = try decodeMetadata(value)
      } else {
        entries.append(try decodeEntry(name: name, value: value, dataSize: dataSize))
      }
    }
    try checkCoverage(entries, dataSize: dataSize)
    var tensors = OrderedDictionary<String, Tensor>(minimumCapacity: entries.count)
    for entry in entries {
      let start = headerEnd + entry.begin
      let count = (entry.end - entry.begin) / entry.dtype.byteCount
      switch entry.dtype {
      case .f32:
        tensors[entry.name] = try Tensor(ByteOrder.littleFloats(bytes, at: start, count: count), shape: entry.shape)
      case .f64:
        tensors[entry.name] = try Tensor(ByteOrder.littleDoubles(bytes, at: start, count: count), shape: entry.shape)
      }
    }
    return SafeTensors(tensors: tensors, metadata: metadata)
  }

  private static func decodeMetadata(_ value: JSON) throws(FileFormatError) -> OrderedDictionary<String, String> {
    guard case .object(let members) = value else {
      throw FileFormatError("\"__metadata__\" must be an object of strings, got \(value.kindDescription)")
    }
    var metadata = OrderedDictionary<String, String>(minimumCapacity: members.count)
    for (key, item) in members {
      guard case .string(let text) = item else {
        throw FileFormatError("\"__metadata__\" value for \(quoted(key)) must be a string, got \(item.kindDescription)")
      }
      metadata[key] = text
    }
    return metadata
  }

  private static func decodeEntry(name: String, value: JSON, dataSize: Int) throws(FileFormatError) -> Entry {
    let tensor = "tensor \(quoted(name))"
    guard case .object(let fields) = value else {
      throw FileFormatError(
        "\(tensor): expected an object with dtype, shape and data_offsets, got \(value.kindDescription)")
    }
    if let unknown = fields.keys.first(where: { !["dtype", "shape", "data_offsets"].contains($0) }) {
      throw FileFormatError("\(tensor): unknown field \(quoted(unknown))")
    }
    guard let dtypeValue = fields["dtype"] else { throw FileFormatError("\(tensor): missing \"dtype\"") }
    guard let shapeValue = fields["shape"] else { throw FileFormatError("\(tensor): missing \"shape\"") }
    guard let offsetsValue = fields["data_offsets"] else {
      throw FileFormatError("\(tensor): missing \"data_offsets\"")
    }
    guard case .string(let dtypeName) = dtypeValue else {
      throw FileFormatError("\(tensor): dtype must be a string, got \(dtypeValue.kindDescription)")
    }
    guard let dtype = TensorDType(rawValue: dtypeName) else {
      throw FileFormatError("\(tensor): dtype \(quoted(dtypeName)) is not supported (only F32 and F64)")
    }
    guard let shape = integers(shapeValue) else {
      throw FileFormatError(
        "\(tensor): shape must be an array of non-negative integers, got \(shapeValue.serialized(.spaced))")
    }
    guard let offsets = integers(offsetsValue), offsets.count == 2 else {
      throw FileFormatError(
        "\(tensor): data_offsets must be [begin, end] with non-negative integers, got \(offsetsValue.serialized(.spaced))"
      )
    }
    let (begin, end) = (offsets[0], offsets[1])
    let span = "data_offsets [\(begin), \(end)]"
    guard begin <= end else { throw FileFormatError("\(tensor): \(span) end before they begin") }
    guard end <= dataSize else {
      throw FileFormatError("\(tensor): \(span) exceed the data section (\(dataSize) bytes)")
    }
    let shapeText = "[" + shape.map(String.init).joined(separator: ", ") + "]"
    guard let count = Tensor.elementCount(of: shape) else {
      throw FileFormatError("\(tensor): shape \(shapeText) has too many elements")
    }
    let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.byteCount)
    guard !overflow else {
      throw FileFormatError("\(tensor): shape \(shapeText) has too many elements")
    }
    guard needed == end - begin else {
      throw FileFormatError(
        "\(tensor): shape \(shapeText) of \(dtype.rawValue) needs \(needed) bytes, \(span) span \(end - begin)")
    }
    return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
  }

  /// Tensors sorted by offset must tile the data section exactly: no overlap, no gap.
  private static func checkCoverage(_ entries: [Entry], dataSize: Int) throws(FileFormatError) {
    let sorted = entries.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
    var position = 0
    var previous: Entry?
    for entry in sorted {
      if entry.begin < position, let previous {
        throw FileFormatError(
          "tensors \(quoted(previous.name)) and \(quoted(entry.name)) overlap "
            + "(data_offsets [\(previous.begin), \(previous.end)] and [\(entry.begin), \(entry.end)])")
      }
      if entry.begin > position {
        throw FileFormatError("bytes \(position)..<\(entry.begin) of the data section belong to no tensor")
      }
      position = entry.end
      previous = entry
    }
    if position != dataSize {
      throw FileFormatError("bytes \(position)..<\(dataSize) of the data section belong to no tensor")
    }
  }

  /// The elements of an array of non-negative integral numbers, or nil.
  private static func integers(_ value: JSON) -> [Int]? {
    guard case .array(let elements) = value else { return nil }
    var result: [Int] = []
    result.reserveCapacity(elements.count)
    for element in elements {
      guard let integer = element.intValue, integer >= 0 else { return nil }
      result.append(integer)
    }
    return result
  }

  private static func quoted(_ text: String) -> String {
    JSON.string(text).serialized()
  }
}
