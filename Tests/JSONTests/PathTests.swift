import JSON
import Testing

/// Dotted-path access (`member(at:)`, `setMember(_:at:)`) and the unknown-key message helper.
@Suite("Paths into nested objects")
struct PathTests {
  @Test func memberFollowsObjectsOnly() throws {
    let doc = try JSON.parse(#"{"cell": {"hiddenSize": 8, "decay": [1]}, "steps": null}"#)
    #expect(doc.member(at: ["cell", "hiddenSize"]) == 8)
    #expect(doc.member(at: ["steps"]) == nil as JSON)
    #expect(doc.member(at: ["cell", "missing"]) == nil)
    #expect(doc.member(at: ["cell", "decay", "0"]) == nil)
    #expect(doc.member(at: []) == doc)
  }

  @Test func setMemberCreatesObjectsInOrderAndKeepsTheRest() throws {
    var doc = try JSON.parse(#"{"cell": {"hiddenSize": 8}, "task": {"name": "adding"}}"#)
    try doc.setMember(16, at: ["cell", "hiddenSize"])
    try doc.setMember("sgd", at: ["optimizer", "name"])
    try doc.setMember(["a": 1], at: ["constraint"])
    #expect(doc.serialized() == #"{"cell":{"hiddenSize":16},"task":{"name":"adding"},"optimizer":{"name":"sgd"},"constraint":{"a":1}}"#)
    try doc.setMember(3, at: [])
    #expect(doc == 3)
  }

  @Test func setMemberThroughAValueIsAnErrorNamingIt() throws {
    var doc = try JSON.parse(#"{"cell": {"tableau": "rk4"}}"#)
    #expect(throws: JSONError(.key(path: "cell.tableau"), "expected an object, got a string")) {
      try doc.setMember("x", at: ["cell", "tableau", "name"])
    }
    var top: JSON = [1]
    #expect(throws: JSONError(.key(path: ""), "expected an object, got an array")) { try top.setMember(1, at: ["a"]) }
  }

  @Test func unknownKeySuggestsTheClosestCandidate() {
    #expect(JSONError.unknownKey("hidenSize", in: "cell", candidates: ["kind", "hiddenSize"]).description
      == #"unknown key "cell.hidenSize"; did you mean "hiddenSize"?"#)
    #expect(JSONError.unknownKey("zzz", in: "", candidates: ["cell"]).description == #"unknown key "zzz""#)
  }
}
