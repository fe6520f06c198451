import Foundation
import Linalg
import TerminalGrid
import Testing
import Training
import WorkbenchUI

/// Nothing essential is cut at 80×24, and nothing is squeezed at 120×40 and 200×60: Compose's
/// right-hand panes collapse to one (`v` switches) rather than truncate, its long values are
/// shortened in the middle, overlay legends and spectra titles shorten long labels in the
/// middle, and the delete question keeps the file's start and end and its `?`.
@Suite("Compose panes collapse, legends and questions fit")
struct FitAt80Tests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

  func text(_ m: WorkbenchModel) -> String { Workbench.render(m).lines().joined(separator: "\n") }

  /// `12,345`.
  func thousands(_ n: Int) -> String {
    let digits = Array(String(n))
    return String(digits.enumerated().flatMap { i, d in (i > 0 && (digits.count - i) % 3 == 0 ? [","] : []) + [d] })
  }

  @Test(arguments: sizes)
  func composeRightPanesCollapseBelowThirtyRows(size: Size) throws {
    var m = Fixtures.model(size)
    let grid = Workbench.render(m)
    let screen = grid.lines().joined(separator: "\n")
    let low = size.height - 3 < 30
    #expect(screen.contains("─ Tableau euler "))
    #expect(screen.contains("─ R(z) region") == !low, "\(size): the region pane is drawn only where both fit\n\(screen)")
    #expect(screen.contains("+1 pane (region): v") == low, "\(size)\n\(screen)")
    let bar = grid.lines()[size.height - 1]
    #expect(bar.contains("? help") && bar.contains("q quit"), "\(bar)")
    if low {
      // The note is yellow on the border, as Train's collapsed panes' note is.
      let y = try #require(grid.lines().firstIndex { $0.contains("+1 pane (region)") })
      let row = grid.lines()[y]
      let x = row.distance(from: row.startIndex, to: try #require(row.range(of: "+1 pane")).lowerBound)
      #expect(grid[x, y].style.fg == .yellow)
      _ = Workbench.update(&m, .key(.character("v")))
      let swapped = text(m)
      #expect(swapped.contains("─ R(z) region, initial ε·λ ") && !swapped.contains("Tableau euler"), "\(swapped)")
      #expect(swapped.contains("+1 pane (tableau): v"))
      // The region pane is the body's full height: its top border on row 1, bottom on row 21.
      let lines = Workbench.render(m).lines()
      #expect(lines[1].hasSuffix("┐") && lines[1].contains("R(z)") && lines[size.height - 3].hasSuffix("┘"))
      // The tableau editor always takes the pane (it has the keys).
      _ = Workbench.update(&m, .key(.character("e")))
      #expect(text(m).contains("Edit tableau euler"))
    } else {
      #expect(screen.contains("─ R(z) region, ε·λ of the initial weights "), "the long title where it fits\n\(screen)")
      _ = Workbench.update(&m, .key(.character("v")))
      #expect(text(m) == screen, "v changes nothing where both panes are drawn")
    }
  }

  /// An implicit Newton cell has the most facts (its diagram, both solvers' costs): at 80×24
  /// every fact is on the screen whole, in the collapsed pane.
  @Test(arguments: sizes)
  func implicitFactsAreWhole(size: Size) throws {
    var m = Fixtures.model(size)
    var config = m.draft.config
    config.cell.tableau = try TableauLoading.tableau(nameOrFile: "gauss-legendre-2").get()
    config.cell.solver = .newton
    m.draft = ComposeDraft(config: config)
    _ = Workbench.update(&m, .previewComputed(generation: m.previewGeneration, ComposePreview(config: m.draft.config)))
    // The facts pane's inside, its lines joined and runs of spaces closed up: a fact broken
    // over lines reads whole, a clipped or dropped one does not.
    let left = min(44, size.width / 2)  // the field list's width (ComposeScreen.areas)
    let right = Workbench.render(m).lines().map { line in String(Array(line).dropFirst(left + 1).dropLast()) }
    let joined = right.joined(separator: " ").split(separator: " ").joined(separator: " ")
    let pv = m.preview
    var facts = ["(2,1) gauss-legendre-2", "order 4", "params \(thousands(pv.parameterCount))", "integrates with the tableau's own R(z) (newton)"]
    for line in pv.cost?.lines ?? [] { facts += line.components(separatedBy: "   ").map { $0.trimmingCharacters(in: .whitespaces) } }
    #expect(pv.cost?.lines.count == 3, "\(pv.cost?.lines ?? [])")
    for fact in facts { #expect(joined.contains(fact), "\(size): \(fact) cut\n\(text(m))") }
    // The diagram's widest row fits: its last entry is whole.
    #expect(joined.contains(size.width == 80 ? "-0.0386751" : "-0.038675134594812866"), "\(text(m))")
  }

  /// A long file path in a Compose value: its start and its file name stay, the middle goes.
  @Test(arguments: sizes)
  func longPathValuesAreShortenedInTheMiddle(size: Size) {
    var m = Fixtures.model(size)
    let images = "/data/mnist/very/long/folder/name/for/the/images/train-images-idx3-ubyte"
    m.draft.config.task = .idx(IDXTaskSpec(images: images, labels: "labels.idx"))
    m.field = ComposeField("task.images")
    let line = Workbench.render(m).lines().first { $0.contains("images file") } ?? ""
    if line.contains(images) {
      #expect(size.width == 200, "whole only where it fits: \(line)")
    } else {
      #expect(line.contains("  /data/m") && line.contains("…") && line.contains("ubyte "), "\(size): \(line)")
    }
  }

  /// Train's panes at every size: the parameter names whole, the heatmap's title in a form
  /// that fits, the eigen pane's norms and headroom whole (on two lines where narrow).
  @Test(arguments: sizes)
  func trainPanesKeepTheirText(size: Size) {
    var m = Fixtures.training(size)
    // Diagnostics with long numbers: the footer is wider than a pane at 80 columns.
    let field = (0..<8).map { i in Complex(-0.01, 0.02 * Double(i - 4)) }
    let eigen = EigenDiagnostics(
      step: 201, field: field, map: field.map { Complex(1 + $0.real, $0.imaginary) }, spectralNorm: 2.6457, mapNorm: 1.0440, headroom: 0.056321)
    _ = Workbench.update(&m, .trainer(run: m.live?.id ?? 0, .run(.eigen(eigen))))
    let first = text(m)
    #expect(first.contains("readout.weight ") && first.contains("readout.bias "), "\(first)")
    if size.height - 3 < 30 { for _ in 0..<2 { _ = Workbench.update(&m, .key(.tab)) } }
    let screen = text(m)
    let titles = ["‖∂L/∂h_k‖: time step k →, training step ↓", "‖∂L/∂h_k‖: k →, training step ↓", "‖∂L/∂h_k‖: k →, step ↓"]
    #expect(titles.contains { screen.contains("─ \($0) ─") }, "\(size)\n\(screen)")
    #expect(size.width < 120 || screen.contains("─ \(titles[0]) ─"), "the long title where it fits")
    #expect(screen.contains("‖M₀‖₂ 2.646  ‖map‖₂ 1.044") && screen.contains("ε room ×0.05632"), "\(size)\n\(screen)")
  }

  /// Overlaid runs that differ in many settings: each legend label fits the pane (shortened in
  /// the middle when it must), its colour key first.
  @Test(arguments: sizes)
  func legendLabelsFitThePane(size: Size) throws {
    var m = Fixtures.model(size)
    _ = Workbench.update(&m, .key(.character("S")))
    let runs = (1...2).map { k in
      SessionListing(
        file: "run-\(k).session", cell: "rk4 t=2", task: "sine", steps: 50, finalLoss: 0.1, status: "finished",
        settings: [
          SessionSetting(key: "cell.tableau", value: k == 1 ? "gauss-legendre-3" : "radau-iia-3"),
          SessionSetting(key: "cell.derivativeOrder", value: "\(k)"), SessionSetting(key: "cell.stepSize", value: "0.0\(k)"),
          SessionSetting(key: "cell.hiddenSize", value: "\(256 * k)"), SessionSetting(key: "optimizer.learningRate", value: "0.00\(k)"),
          SessionSetting(key: "task.name", value: k == 1 ? "sine" : "adding"), SessionSetting(key: "batchSize", value: "\(32 * k)"),
          SessionSetting(key: "seed", value: "\(1000 + k)"), SessionSetting(key: "cell.activation", value: k == 1 ? "tanh" : "identity"),
        ])
    }
    _ = Workbench.update(&m, .sessionsListed(runs))
    _ = Workbench.update(&m, .curvesLoaded(Dictionary(uniqueKeysWithValues: runs.enumerated().map { ($1.file, SessionsFixtures.curve($0, steps: 50)) })))
    for _ in runs {
      _ = Workbench.update(&m, .key(.character(" ")))
      _ = Workbench.update(&m, .key(.down))
    }
    let grid = Workbench.render(m)
    let lines = grid.lines()
    for (i, tableau) in ["gauss-legendre-3", "radau-iia-3"].enumerated() {
      let last = i == 0 ? "activation=tanh" : "activation=identity"
      let y = try #require(lines.firstIndex { $0.contains("━ \(tableau)") }, "\(size): legend entry \(i)\n\(lines.joined(separator: "\n"))")
      let line = lines[y]
      // The entry ends before the border: its last setting is whole, right of it only spaces.
      #expect(line.contains(last), "\(size): \(line)")
      let after = line.components(separatedBy: last).last ?? ""
      #expect(after.dropLast().allSatisfy { $0 == " " || $0 == "━" } && after.hasSuffix("│") , "\(size): \(line)")
      #expect(size.width > 80 || line.contains("…"), "shortened at \(size): \(line)")
    }
  }

  /// Three runs, two of which differ from each other only in one key (and from the third in
  /// many): the key that tells all three apart leads every label, so the shortened labels
  /// still differ at every size.
  @Test(arguments: sizes)
  func shortenedLabelsStillTellRunsApart(size: Size) throws {
    var m = Fixtures.model(size)
    _ = Workbench.update(&m, .key(.character("S")))
    func settings(steps: String, h: String, lr: String, batch: String, every: String) -> [SessionSetting] {
      [
        SessionSetting(key: "cell.hiddenSize", value: h), SessionSetting(key: "task.length", value: h == "64" ? "100" : "20"),
        SessionSetting(key: "optimizer.learningRate", value: lr), SessionSetting(key: "batchSize", value: batch),
        SessionSetting(key: "steps", value: steps), SessionSetting(key: "diagnosticsEvery", value: every),
        SessionSetting(key: "checkpointEvery", value: every == "25" ? "500" : "20"),
      ]
    }
    let runs = [
      SessionListing(file: "a.session", cell: "euler t=1", task: "adding", steps: 9, finalLoss: 0.1, status: "stopped",
        settings: settings(steps: "null", h: "64", lr: "0.003", batch: "64", every: "25")),
      SessionListing(file: "b.session", cell: "euler t=1", task: "adding", steps: 9, finalLoss: 0.1, status: "finished",
        settings: settings(steps: "35", h: "16", lr: "0.01", batch: "16", every: "10")),
      SessionListing(file: "c.session", cell: "euler t=1", task: "adding", steps: 9, finalLoss: 0.1, status: "finished",
        settings: settings(steps: "40", h: "16", lr: "0.01", batch: "16", every: "10")),
    ]
    _ = Workbench.update(&m, .sessionsListed(runs))
    _ = Workbench.update(&m, .curvesLoaded(Dictionary(uniqueKeysWithValues: runs.enumerated().map { ($1.file, SessionsFixtures.curve($0, steps: 9)) })))
    for _ in runs {
      _ = Workbench.update(&m, .key(.character(" ")))
      _ = Workbench.update(&m, .key(.down))
    }
    let grid = Workbench.render(m)
    // Every legend entry: from its `━` to the next entry's or the border.
    var entries: [String] = []
    for line in grid.lines() where line.contains("━ ") {
      let inside = line.dropFirst().dropLast()
      entries += inside.components(separatedBy: "━ ").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
    }
    #expect(entries.count == 3, "\(size): \(entries)")
    #expect(Set(entries).count == 3, "\(size): the labels must differ: \(entries)")
    #expect(entries.allSatisfy { $0.hasPrefix("steps=") }, "\(size): \(entries)")
  }

  /// The delete question at every width: the file's start and end and the question mark,
  /// the hint after it whole or not at all; a file name longer than the row is shortened in
  /// the middle.
  @Test(arguments: sizes)
  func deleteQuestionFits(size: Size) throws {
    let long = "sweep-digits-width-20261201-071657-gauss-legendre-2-antisymmetric-h1024-lr0.003-seed7-copy.session"
    for file in [SessionsFixtures.listings[0].file, long] {
      var m = SessionsFixtures.model(size, overlaid: 0)
      _ = Workbench.update(&m, .sessionsListed([SessionListing(file: file, cell: "euler t=1", task: "copy", steps: 1, finalLoss: 1, status: "finished")]))
      _ = Workbench.update(&m, .key(.character("D")))
      let line = Workbench.render(m).lines()[size.height - 2]
      let hint = "y deletes, any other key keeps it"
      let mark = try #require(line.firstIndex(of: "?"), "\(size): \(line)")
      let rest = line[line.index(after: mark)...].trimmingCharacters(in: .whitespaces)
      #expect(rest.isEmpty || rest == hint, "\(size): the hint whole or not at all: \(line)")
      #expect(line.hasPrefix(" delete " + file.prefix(12)) && line[..<mark].hasSuffix(file.suffix(12)), "\(size): \(line)")
      if (" delete \(file)? " + hint).count < size.width { #expect(rest == hint, "\(size): \(line)") }
      if (" delete \(file)?").count >= size.width { #expect(line.contains("…"), "\(size): \(line)") }
      let bar = Workbench.render(m).lines()[size.height - 1]
      #expect(bar.contains("y yes") && bar.contains("other no"))
    }
  }
}

/// The same fits in ASCII mode (`--ascii`, `LC_ALL=C`), where glyphs are spelled out and an
/// ellipsis is `...`: titles chosen by their spelled width, shortened labels still ending
/// before the border, every character ASCII.
@Suite("Fits in ASCII mode")
struct FitInASCIITests {
  @Test(arguments: FitAt80Tests.sizes)
  func composeAndSessionsFitInASCII(size: Size) throws {
    var m = Fixtures.model(size, mode: .ascii)
    if size.height - 3 < 30 { _ = Workbench.update(&m, .key(.character("v"))) }
    let compose = Workbench.render(m).lines()
    let allASCII = compose.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }
    #expect(allASCII)
    let titles = ["R(z) region, ε·λ of the initial weights", "R(z) region, initial ε·λ"].map(ASCIISpelling.spell)
    let found = titles.first { t in compose.contains { $0.contains("- \(t) -") } }
    let shown = try #require(found, "\(compose.joined(separator: "\n"))")
    #expect(size.width == 80 ? shown == titles[1] : shown == titles[0])
    // The delete question of a long file name: shortened with `...`, its `?` kept.
    var s = SessionsFixtures.model(size, overlaid: 0, mode: .ascii)
    let long = "sweep-digits-width-20261201-071657-gauss-legendre-2-antisymmetric-h1024-lr0.003-seed7-copy.session"
    _ = Workbench.update(&s, .sessionsListed([SessionListing(file: long, cell: "euler t=1", task: "copy", steps: 1, finalLoss: 1, status: "finished")]))
    _ = Workbench.update(&s, .key(.character("D")))
    let line = Workbench.render(s).lines()[size.height - 2]
    let lineASCII = line.unicodeScalars.allSatisfy(\.isASCII)
    #expect(lineASCII)
    #expect(line.contains("-copy.session?"), "\(size): \(line)")
    #expect(size.width > 100 || line.contains("..."), "\(size): \(line)")
  }

  /// The list's file column shortened with `...` keeps every row within the list: the status
  /// at its end is whole and the border after it stays.
  @Test(arguments: FitAt80Tests.sizes)
  func aShortenedFileNameLeavesTheStatusWhole(size: Size) throws {
    var s = SessionsFixtures.model(size, overlaid: 0, mode: .ascii)
    let long = String(repeating: "sweep-digits-width-20261201-071657-", count: 6) + "copy.session"
    _ = Workbench.update(&s, .sessionsListed([SessionListing(file: long, cell: "euler t=1", task: "copy", steps: 1, finalLoss: 1, status: "interrupted")]))
    let row = try #require(Workbench.render(s).lines().first { $0.contains("sweep-digits") }, "\(size)")
    #expect(row.contains("..."), "\(size): \(row)")
    #expect(row.contains("interrupted |") || row.contains("interrupted|"), "\(size): \(row)")
  }
}
