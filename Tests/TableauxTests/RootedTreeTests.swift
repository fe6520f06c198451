import Testing

import Tableaux

@Suite struct RootedTreeTests {
  @Test func countsTreesOfEachOrder() {
    #expect((1...6).map { RootedTree.trees(ofOrder: $0).count } == [1, 1, 2, 4, 9, 20])
    #expect(RootedTree.trees(upToOrder: 6).count == 37)
    #expect(RootedTree.trees(ofOrder: 7).count == 48)
    #expect(RootedTree.trees(ofOrder: 0).isEmpty)
  }

  @Test func treesAreDistinctAndHaveTheirOrder() {
    for n in 1...6 {
      let trees = RootedTree.trees(ofOrder: n)
      #expect(Set(trees).count == trees.count)
      #expect(trees.allSatisfy { $0.order == n })
      #expect(trees == trees.sorted())
    }
  }

  @Test func childOrderDoesNotMatter() {
    let chain = RootedTree(children: [.leaf])
    #expect(RootedTree(children: [chain, .leaf]) == RootedTree(children: [.leaf, chain]))
    #expect(RootedTree(children: [chain, .leaf]).description == "[τ,[τ]]")
  }

  @Test func densitiesMatchKnownValues() {
    #expect(RootedTree.trees(ofOrder: 4).map(\.density).sorted() == [4, 8, 12, 24])
    var tall = RootedTree.leaf
    var bushy = RootedTree.leaf
    var factorial = 1
    for n in 2...6 {
      tall = RootedTree(children: [tall])
      bushy = RootedTree(children: bushy.children + [.leaf])
      factorial *= n
      #expect(tall.density == factorial)
      #expect(bushy.density == n)
    }
  }

  @Test func orderConditionsOfOrderThreeAreTheClassicalOnes() {
    // Σb = 1, b·c = 1/2, b·c² = 1/3, b·Ac = 1/6 are the conditions of the 4 trees ≤ 3.
    let densities = RootedTree.trees(upToOrder: 3).map(\.density)
    #expect(densities.sorted() == [1, 2, 3, 6])
  }
}
