import CNCurses
import TerminalGrid

extension NCursesTerminal {
  /// Waits up to `timeoutMilliseconds` (0: poll, negative: block) for a key (`wget_wch`).
  ///
  /// Codes without a ``Key`` (mouse events, unknown sequences) are skipped within the same
  /// time budget. Returns `nil` on timeout, after ``restore()``, and when a signal interrupts
  /// the wait. On ``Key/resize`` ncurses has already resized `stdscr`; the next ``present()``
  /// repaints the whole screen. Call ``present()`` before reading: `wget_wch` would otherwise
  /// refresh `stdscr` itself.
  public func readKey(timeoutMilliseconds: Int) -> Key? {
    guard !isRestored else { return nil }
    let clock = ContinuousClock()
    let deadline =
      timeoutMilliseconds >= 0 ? clock.now.advanced(by: .milliseconds(timeoutMilliseconds)) : nil
    while true {
      var wait: Int32 = -1
      if let deadline {
        let left = clock.now.duration(to: deadline)
        wait = Int32(clamping: max(0, NCursesTerminal.milliseconds(left)))
      }
      if currentTimeout != wait {
        wtimeout(window, wait)
        currentTimeout = wait
      }
      var code: wint_t = 0
      let status = wget_wch(window, &code)
      if status == ERR { return nil }
      let input: RawInput =
        status == KEY_CODE_YES ? .keyCode(Int32(bitPattern: code)) : .character(code)
      if input == .character(27), let report = readMouseReport() {
        if let event = report { return .mouse(event) }
        if let deadline, clock.now >= deadline { return nil }
        continue
      }
      if let key = KeyDecoder.decode(input) {
        if key == .resize { invalidate() }
        return key
      }
      if let deadline, clock.now >= deadline { return nil }
    }
  }

  /// After an Esc: the rest of an SGR mouse report (`[<b;x;yM`), already in the input queue
  /// (a terminal sends it in one write): `.some(event)`, or `.some(nil)` for a report this app
  /// does not use (motion, other buttons), which the caller skips. Anything else read is
  /// pushed back and nil returned, so the Esc is delivered as it was.
  func readMouseReport() -> MouseEvent?? {
    wtimeout(window, 0)
    currentTimeout = 0
    var read: [wint_t] = []
    func next() -> UInt32? {
      var code: wint_t = 0
      guard wget_wch(window, &code) == OK else { return nil }
      read.append(code)
      return UInt32(code)
    }
    func pushBack() -> MouseEvent?? {
      for code in read.reversed() { _ = unget_wch(wchar_t(code)) }
      return nil
    }
    guard next() == 0x5B, next() == 0x3C else { return pushBack() }
    var parameters = ""
    while read.count < 24, let code = next(), let scalar = Unicode.Scalar(code) {
      if scalar == "M" || scalar == "m" {
        return .some(MouseEvent.sgr(parameters: parameters, final: scalar))
      }
      guard scalar == ";" || ("0"..."9").contains(scalar) else { break }
      parameters.unicodeScalars.append(scalar)
    }
    return pushBack()
  }

  /// A duration in whole milliseconds, rounded up so a wait never ends early.
  static func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    let rest = attoseconds % 1_000_000_000_000_000
    return Int(millis) + (rest > 0 ? 1 : 0)
  }
}
