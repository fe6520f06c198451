import Glibc
import Testing

@testable import TerminalNCurses

@Suite struct TerminalSupportTests {
  @Test func paddingIsStrippedFromTerminfoStrings() {
    let bytes = Array("\u{1B}[?5h$<100/>\u{1B}[?5l$<2*>x".utf8)
    #expect(NCursesTerminal.stripPadding(bytes) == Array("\u{1B}[?5h\u{1B}[?5lx".utf8))
    let plain = Array("\u{1B}[?1049l\u{1B}[23;0;0t".utf8)
    #expect(NCursesTerminal.stripPadding(plain) == plain)
    let dangling = Array("a$<5".utf8)
    #expect(NCursesTerminal.stripPadding(dangling) == dangling)
    #expect(NCursesTerminal.stripPadding(Array("$$<1>".utf8)) == Array("$".utf8))
  }

  @Test func errorsAreSingleLinesNamingTheHeadlessCommand() {
    let errors: [NCursesTerminalError] = [
      .notATerminal(stream: "stdout"), .notATerminal(stream: "stdin"),
      .cannotInitialize(term: "dumb"), .cannotInitialize(term: ""), .alreadyActive,
    ]
    for error in errors {
      #expect(error.description.hasPrefix("odernn: "))
      #expect(!error.description.contains("\n"))
    }
    #expect(
      NCursesTerminalError.notATerminal(stream: "stdout").description
        == "odernn: stdout is not a terminal; use `odernn train` for headless training")
    #expect(NCursesTerminalError.cannotInitialize(term: "dumb").description.contains("TERM=dumb"))
  }

  @Test func wholeMillisecondsRoundUp() {
    #expect(NCursesTerminal.milliseconds(.zero) == 0)
    #expect(NCursesTerminal.milliseconds(.milliseconds(25)) == 25)
    #expect(NCursesTerminal.milliseconds(.microseconds(1)) == 1)
    #expect(NCursesTerminal.milliseconds(.microseconds(2_500)) == 3)
    #expect(NCursesTerminal.milliseconds(.seconds(2)) == 2000)
  }

  @Test func onlyOneTerminalAtATime() {
    #expect(TerminalRestoration.claim())
    #expect(!TerminalRestoration.claim())
    TerminalRestoration.release()
    #expect(TerminalRestoration.claim())
    TerminalRestoration.release()
  }

  @Test(.enabled(if: isatty(STDOUT_FILENO) == 0, "needs stdout that is not a terminal"))
  func refusesToStartWithoutATerminal() {
    #expect(throws: NCursesTerminalError.notATerminal(stream: "stdout")) {
      _ = try NCursesTerminal()
    }
  }

  @Test func interruptFlagCountsSigint() {
    var previous = sigaction()
    _ = sigaction(SIGINT, nil, &previous)
    defer { _ = sigaction(SIGINT, &previous, nil) }
    // Test runner threads may block SIGINT; raise() must run the handler on this thread.
    var unblock = sigset_t()
    var oldMask = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGINT)
    _ = pthread_sigmask(SIG_UNBLOCK, &unblock, &oldMask)
    defer { _ = pthread_sigmask(SIG_SETMASK, &oldMask, nil) }
    InterruptFlag.install()
    InterruptFlag.reset()
    #expect(!InterruptFlag.isRaised)
    _ = raise(SIGINT)
    _ = raise(SIGINT)
    #expect(InterruptFlag.isRaised)
    #expect(InterruptFlag.pressCount == 2)
    InterruptFlag.reset()
    #expect(!InterruptFlag.isRaised)
  }
}

@Suite struct SignalMaskTests {
  /// Whether `signal` is blocked on the current thread.
  func isBlocked(_ signal: Int32) -> Bool {
    var mask = sigset_t()
    _ = pthread_sigmask(SIG_BLOCK, nil, &mask)
    return sigismember(&mask, signal) == 1
  }

  @Test func terminalSignalsAreBlockedOnlyInsideTheBody() {
    // Start from a mask with none of them blocked (runner threads may block some).
    var unblock = sigset_t()
    var original = sigset_t()
    sigemptyset(&unblock)
    for signal in NCursesTerminal.mainThreadSignals { sigaddset(&unblock, signal) }
    _ = pthread_sigmask(SIG_UNBLOCK, &unblock, &original)
    defer { _ = pthread_sigmask(SIG_SETMASK, &original, nil) }
    let before = NCursesTerminal.mainThreadSignals.map(isBlocked)
    #expect(before.allSatisfy { !$0 })
    let inside = NCursesTerminal.withMainThreadSignalsBlocked {
      NCursesTerminal.mainThreadSignals.map(isBlocked)
    }
    #expect(inside.allSatisfy { $0 })
    #expect(NCursesTerminal.mainThreadSignals.map(isBlocked) == before)
    #expect(!NCursesTerminal.mainThreadSignals.contains(SIGSEGV))
  }
}
