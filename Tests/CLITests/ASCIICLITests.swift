import Foundation
import Testing

/// Every glyph has an ASCII fallback on the command line too: under a C locale the help of
/// every command and the error lines are ASCII (`§` spelled `section `, `ε` `eps`); under
/// UTF-8 they keep their symbols.
@Suite("CLI: ASCII help and messages outside UTF-8")
struct ASCIICLITests {
  static let commands = ["", "train", "tui", "replay", "eval", "export", "sessions", "sweep", "tableau", "bench"]

  @Test(arguments: commands)
  func helpIsASCIIUnderTheCLocale(command: String) throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let c = try CLI.shell("LC_ALL=C \"$ODERNN\" \(command) --help", in: dir.url)
    #expect(c.status == 0, "\(c.stderr)")
    #expect(!c.stdout.isEmpty && c.stdout.unicodeScalars.allSatisfy(\.isASCII), "\(c.stdout)")
  }

  @Test func symbolsAreSpelledNotDropped() throws {
    let dir = try WorkDir()
    defer { dir.cleanUp() }
    let c = try CLI.shell("LC_ALL=C \"$ODERNN\" train --help", in: dir.url)
    #expect(c.stdout.contains("(DESIGN section 1.4)"), "\(c.stdout)")
    let utf8 = try CLI.shell("LC_ALL=C.UTF-8 \"$ODERNN\" train --help", in: dir.url)
    #expect(utf8.stdout.contains("(DESIGN §1.4)"), "\(utf8.stdout)")
    let error = try CLI.shell("LC_ALL=C \"$ODERNN\" train --config 'ε.json'", in: dir.url)
    #expect(error.status == 2 && error.stderr == "odernn: eps.json: cannot read the file\n", "\(error.stderr)")
    let utf8Error = try CLI.shell("LC_ALL=C.UTF-8 \"$ODERNN\" train --config 'ε.json'", in: dir.url)
    #expect(utf8Error.stderr.hasPrefix("odernn: ε.json"), "\(utf8Error.stderr)")
  }
}
