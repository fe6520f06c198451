import Testing

@testable import TerminalNCurses

@Suite struct ColorPairCacheTests {
  let defaults = ColorPair(foreground: -1, background: -1)

  @Test func allocatesNumbersInOrderAndReusesThem() {
    var cache = ColorPairCache(capacity: 10, basePair: defaults)
    let red = ColorPair(foreground: 1, background: -1)
    let blueOnWhite = ColorPair(foreground: 4, background: 7)
    #expect(cache.resolve(red) == .allocated(1))
    #expect(cache.resolve(blueOnWhite) == .allocated(2))
    #expect(cache.resolve(red) == .existing(1))
    #expect(cache.resolve(blueOnWhite) == .existing(2))
    #expect(cache.allocated == [red, blueOnWhite])
  }

  @Test func theBasePairIsPairZeroAndNeverAllocated() {
    var cache = ColorPairCache(capacity: 2, basePair: defaults)
    #expect(cache.resolve(defaults) == .existing(0))
    #expect(cache.allocated.isEmpty)
    var plain = ColorPairCache(capacity: 2, basePair: ColorPair(foreground: 7, background: 0))
    #expect(plain.resolve(ColorPair(foreground: 7, background: 0)) == .existing(0))
    #expect(plain.resolve(defaults) == .allocated(1))
  }

  @Test func exhaustionFallsBackToTheNearestExistingPair() {
    var cache = ColorPairCache(capacity: 2, basePair: defaults)
    let red = ColorPair(foreground: 9, background: -1)
    let blue = ColorPair(foreground: 12, background: -1)
    #expect(cache.resolve(red) == .allocated(1))
    #expect(cache.resolve(blue) == .allocated(2))
    // Orange (214) is nearer bright red than bright blue; navy (18) nearer bright blue.
    #expect(cache.resolve(ColorPair(foreground: 214, background: -1)) == .approximated(1))
    #expect(cache.resolve(ColorPair(foreground: 18, background: -1)) == .approximated(2))
    #expect(cache.allocated.count == 2)
    // A default-on-default style stays pair 0; the answer is remembered.
    #expect(cache.resolve(defaults) == .existing(0))
    #expect(cache.resolve(ColorPair(foreground: 214, background: -1)) == .approximated(1))
  }

  @Test func aFullPoolPrefersMatchingDefaultColours() {
    var cache = ColorPairCache(capacity: 1, basePair: defaults)
    #expect(cache.resolve(ColorPair(foreground: 1, background: 4)) == .allocated(1))
    // Default background: pair 0 (default/default) beats red-on-blue.
    #expect(cache.resolve(ColorPair(foreground: 7, background: -1)) == .approximated(0))
  }

  @Test func withoutAPoolEverythingIsAttributesOnly() {
    var cache = ColorPairCache(capacity: 0, basePair: defaults)
    let resolution = cache.resolve(ColorPair(foreground: 2, background: -1))
    #expect(resolution == .attributesOnly)
    #expect(resolution.pairNumber == 0)
    #expect(cache.resolve(defaults) == .existing(0))
  }

  @Test func capacityIsClampedToWhatSetccharAccepts() {
    #expect(ColorPairCache(capacity: 65535, basePair: defaults).capacity == Int(Int16.max))
    #expect(ColorPairCache(capacity: -5, basePair: defaults).capacity == 0)
  }

  @Test func neverFailsUnderManyDistinctPairs() {
    var cache = ColorPairCache(capacity: 50, basePair: defaults)
    var seen = Set<Int16>()
    for fg in Int16(-1)..<256 {
      for bg in [Int16(-1), 0, 17, 231] {
        let number = cache.resolve(ColorPair(foreground: fg, background: bg)).pairNumber
        #expect(number >= 0 && number <= 50)
        seen.insert(number)
      }
    }
    #expect(cache.allocated.count == 50)
    #expect(seen.count == 51)
  }

  @Test func distanceIsZeroOnlyForEqualColours() {
    #expect(ColorPairCache.colorDistance(3, 3) == 0)
    #expect(ColorPairCache.colorDistance(-1, -1) == 0)
    #expect(ColorPairCache.colorDistance(-1, 15) > ColorPairCache.colorDistance(0, 15))
    #expect(ColorPairCache.colorDistance(196, 9) < ColorPairCache.colorDistance(196, 12))
  }
}
