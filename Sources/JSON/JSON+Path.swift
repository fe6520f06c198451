/// Dotted-path access to nested objects, for config overrides (`--set cell.hiddenSize=8`):
/// a path is the list of member names from the document down, `["cell", "hiddenSize"]`.
extension JSON {
  /// The value at `path` (each step a member of an object), or nil when a step is missing or
  /// is not an object. The empty path is the value itself.
  public func member(at path: [String]) -> JSON? {
    var value = self
    for name in path {
      guard case .object(let members) = value, let next = members[name] else { return nil }
      value = next
    }
    return value
  }

  /// Sets the value at `path`, creating the objects on the way that are missing (appended
  /// after the existing members, so document order is kept). A step that exists and is not an
  /// object is an error naming its dotted path: `"cell.tableau": expected an object, got a
  /// string`. Setting the empty path replaces the value.
  public mutating func setMember(_ newValue: JSON, at path: [String]) throws(JSONError) {
    try setMember(newValue, at: path[...], prefix: "")
  }

  private mutating func setMember(_ newValue: JSON, at path: ArraySlice<String>, prefix: String) throws(JSONError) {
    guard let name = path.first else {
      self = newValue
      return
    }
    guard case .object(var members) = self else {
      throw JSONError(.key(path: prefix), "expected an object, got \(kindDescription)")
    }
    let here = prefix.isEmpty ? name : "\(prefix).\(name)"
    var child = members[name] ?? (path.count > 1 ? .object([:]) : .null)
    // Release the parent's reference first, so the child is changed in place.
    members[name] = .null
    try child.setMember(newValue, at: path.dropFirst(), prefix: here)
    members[name] = child
    self = .object(members)
  }
}
