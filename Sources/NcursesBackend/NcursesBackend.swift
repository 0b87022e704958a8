// The only file that talks to ncurses. Everything it decides is small: locale, colours,
// how a cell becomes a cchar_t, and how get_wch's answers become Keys.
import CNcurses
import Foundation
import TerminalKit

/// Why the terminal could not be opened, with text fit for the user.
public enum NcursesError: Error, CustomStringConvertible {
    case notATerminal
    case cannotOpen(tried: [String])
    public var description: String {
        switch self {
        case .notATerminal: return "standard input/output is not a terminal; use `dienhinh render` for scripted output"
        case .cannotOpen(let tried): return "cannot open the terminal (tried TERM=\(tried.joined(separator: ", ")))"
        }
    }
}

/// A `Backend` on ncursesw: raw mode, wide characters, colours when allowed.
public final class NcursesBackend: Backend {
    /// True between `start()` and `stop()`.
    public private(set) var isRunning = false
    /// False under NO_COLOR or on terminals without colour; styles then use attributes only.
    public private(set) var usesColor = false
    /// Whether the locale's code set is UTF-8 (after the C.UTF-8 fallback); if not, Vietnamese will not show.
    public private(set) var localeIsUTF8 = false
    /// The terminal type actually opened (may be a fallback when TERM is unset or unknown).
    public private(set) var terminalType = ""

    private var screen: OpaquePointer?
    private var defaultColors = false
    private var pairs: [PairKey: Int16] = [:]
    private var cursorVisible: Bool?
    private var cursor: Position?

    private struct PairKey: Hashable { var fg: Color; var bg: Color }

    /// ncurses' own key codes, read from its header so nothing is hand-copied.
    public static let keyCodes = CursesKeyCodes(
        up: KEY_UP, down: KEY_DOWN, left: KEY_LEFT, right: KEY_RIGHT, home: KEY_HOME, end: KEY_END,
        pageUp: KEY_PPAGE, pageDown: KEY_NPAGE, enter: KEY_ENTER, backspace: KEY_BACKSPACE,
        delete: KEY_DC, backTab: KEY_BTAB, resize: KEY_RESIZE, f0: dh_key_f(0))

    public init() {}

    deinit { stop() }

    /// Runs `body` with the terminal in curses mode and always restores it, also on a thrown error.
    public static func run<T>(_ body: (NcursesBackend) throws -> T) throws -> T {
        let backend = NcursesBackend()
        try backend.start()
        defer { backend.stop() }
        return try body(backend)
    }

    /// Enters curses mode: locale first (PITFALLS.md), then the screen, raw keys and colours.
    public func start() throws {
        guard !isRunning else { return }
        guard isatty(0) == 1, isatty(1) == 1 else { throw NcursesError.notATerminal }
        setlocale(LC_ALL, "")
        localeIsUTF8 = Self.codesetIsUTF8()
        if !localeIsUTF8 {
            // Without a UTF-8 code set get_wch stalls after the first Vietnamese byte.
            setlocale(LC_CTYPE, "C.UTF-8")
            localeIsUTF8 = Self.codesetIsUTF8()
        }
        if screen == nil {
            var tried: [String] = []
            let env = ProcessInfo.processInfo.environment["TERM"] ?? ""
            for type in [env, "xterm-256color", "xterm", "vt100", "dumb"] where !type.isEmpty && !tried.contains(type) {
                tried.append(type)
                if let s = dh_newterm(type) { screen = s; terminalType = type; break }
            }
            guard let screen else { throw NcursesError.cannotOpen(tried: tried) }
            set_term(screen)
        } else {
            wrefresh(dh_stdscr())  // resuming after stop(): curses mode comes back on refresh
        }
        set_escdelay(25)
        raw()          // Ctrl-C arrives as a key (U+0003); the app quits on it
        noecho()
        nonl()
        keypad(dh_stdscr(), true)
        meta(dh_stdscr(), true)  // all eight bits of each byte: KeyByteDecoder decodes UTF-8 itself
        intrflush(dh_stdscr(), false)
        enableMouse(mouseWanted)
        setupColors()
        dh_install_exit_handlers()
        isRunning = true
        cursorVisible = nil
        wclear(dh_stdscr())
    }

    /// Clicks and the wheel on lists (issue 20); `mouse = false` in keys.toml leaves the mouse to the terminal
    /// (selecting text to copy). Kept across stop()/start().
    private var mouseWanted = true
    public func enableMouse(_ on: Bool) {
        mouseWanted = on
        guard screen != nil else { return }  // before start(): start() applies it
        _ = dh_enable_mouse(on ? 1 : 0)  // a terminal without a mouse simply never reports one
    }

    /// Leaves curses mode and restores the terminal; idempotent.
    public func stop() {
        guard isRunning else { return }
        isRunning = false
        curs_set(1)
        dh_restore_terminal()
    }

    private static func codesetIsUTF8() -> Bool {
        guard let cs = dh_codeset() else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// NO_COLOR (set and non-empty) or a colourless terminal leaves styles to attributes only.
    private func setupColors() {
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        usesColor = has_colors() && !noColor
        pairs = [:]
        guard usesColor else { return }
        start_color()
        defaultColors = use_default_colors() == OK
    }

    private func colorNumber(_ c: Color, isForeground: Bool) -> Int16 {
        switch c {
        case .default: return defaultColors ? -1 : Int16(isForeground ? COLOR_WHITE : COLOR_BLACK)
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        }
    }

    /// Colour pairs are allocated on first use; past the terminal's limit, pair 0 is used.
    private func pair(for style: Style) -> Int16 {
        guard usesColor, style.fg != .default || style.bg != .default else { return 0 }
        let key = PairKey(fg: style.fg, bg: style.bg)
        if let p = pairs[key] { return p }
        let next = pairs.count + 1
        guard next < Int(dh_color_pairs()), next <= Int(Int16.max) else { return 0 }
        init_pair(Int16(next), colorNumber(style.fg, isForeground: true), colorNumber(style.bg, isForeground: false))
        pairs[key] = Int16(next)
        return Int16(next)
    }

    private func attributes(for style: Style) -> attr_t {
        var a = dh_a_normal()
        if style.bold { a |= dh_a_bold() }
        if style.underline { a |= dh_a_underline() }
        if style.dim { a |= dh_a_dim() }
        // In monochrome a background colour (a highlight) would vanish: show it as reverse.
        let reverse = usesColor ? style.reverse : (style.reverse != (style.bg != .default))
        if reverse { a |= dh_a_reverse() }
        return a
    }

    // MARK: Backend

    public var size: Size {
        guard isRunning else { return Size(width: 80, height: 24) }
        return Size(width: Int(dh_getmaxx(dh_stdscr())), height: Int(dh_getmaxy(dh_stdscr())))
    }

    public func draw(_ changes: [CellChange]) {
        guard isRunning else { return }
        let win = dh_stdscr()
        for change in changes where !change.cell.isContinuation {
            draw(change.cell, x: Int32(change.x), y: Int32(change.y), in: win)
        }
    }

    /// One cell. ncurses measures with the C library's wcwidth; where that disagrees with
    /// TerminalKit's width, pad or substitute so columns never drift.
    private func draw(_ cell: Cell, x: Int32, y: Int32, in win: UnsafeMutablePointer<WINDOW>?) {
        let attrs = attributes(for: cell.style)
        let colorPair = pair(for: cell.style)
        let width = cell.width
        var symbol = cell.symbol
        if symbol.unicodeScalars.count > 1 { symbol = symbol.precomposedStringWithCanonicalMapping }
        let scalars = Array(symbol.unicodeScalars)
        let widths = scalars.map { max(0, Int(dh_wcwidth(wchar_t(bitPattern: $0.value)))) }
        var glyph: [wchar_t]
        var drawnWidth: Int
        if widths.dropFirst().allSatisfy({ $0 == 0 }) || scalars.contains(where: { $0.value == 0x200D }) {
            // Base plus combining marks fit one cchar_t; ZWJ sequences keep only the base glyph.
            var kept = [scalars[0]]
            for (s, w) in zip(scalars.dropFirst(), widths.dropFirst()) {
                if w != 0 || s.value == 0x200D || kept.count == Int(CCHARW_MAX) { break }
                kept.append(s)
            }
            glyph = kept.map { wchar_t(bitPattern: $0.value) }
            drawnWidth = widths[0]
        } else {
            glyph = scalars.map { wchar_t(bitPattern: $0.value) }  // e.g. a flag: two 1-column indicators
            drawnWidth = widths.reduce(0, +)
        }
        if drawnWidth == 0 || drawnWidth > width {
            glyph = [0xFFFD]; drawnWidth = 1
        }
        wmove(win, y, x)
        if glyph.count <= Int(CCHARW_MAX) && (drawnWidth == widths[0] || glyph.count == 1) {
            var cch = cchar_t()
            glyph.append(0)
            setcchar(&cch, glyph, attrs, colorPair, nil)
            wadd_wch(win, &cch)
        } else {
            wattr_set(win, attrs, colorPair, nil)
            glyph.append(0)
            waddwstr(win, glyph)
            wattr_set(win, dh_a_normal(), 0, nil)
        }
        if drawnWidth < width {
            var pad = cchar_t()
            setcchar(&pad, [32, 0], attrs, colorPair, nil)
            wadd_wch(win, &pad)
        }
    }

    public func setCursor(_ position: Position?) { cursor = position }

    /// Shows the frame: cursor placement, then wnoutrefresh + doupdate (PITFALLS.md order).
    public func flush() {
        guard isRunning else { return }
        let win = dh_stdscr()
        let visible = cursor != nil
        if let p = cursor { wmove(win, Int32(p.y), Int32(p.x)) }
        if cursorVisible != visible {
            curs_set(visible ? 1 : 0)
            cursorVisible = visible
        }
        leaveok(win, !visible)
        wnoutrefresh(win)
        doupdate()
    }

    public func clear() {
        guard isRunning else { return }
        wclear(dh_stdscr())  // also schedules a full repaint of the physical screen
    }

    /// Keys decoded but not yet returned (one byte can complete a held letter and start another key).
    private var decodedKeys: [Key] = []
    private var keyBytes = KeyByteDecoder()

    /// wgetch with a timeout: ncurses reads escape sequences into function-key codes and hands over every
    /// other byte, which `KeyByteDecoder` turns into keys. Not get_wch: one invalid UTF-8 byte wedges it for
    /// good (issue 15). A typed base letter and the combining marks that follow it come back as one `.char`.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard isRunning else { return nil }
        if !decodedKeys.isEmpty { return decodedKeys.removeFirst() }
        let win = dh_stdscr()
        // Bounded, so a flood of bytes that decode to nothing (invalid UTF-8, C1) cannot hold the loop.
        for _ in 0..<256 {
            // The rest of a character, or its combining marks, is already on its way: wait briefly, not for
            // the caller's whole timeout (which may be forever).
            let wait = keyBytes.isInsideSequence ? 50 : keyBytes.isHoldingCharacter ? 0
                : Int32(clamping: timeoutMilliseconds < 0 ? -1 : timeoutMilliseconds)
            wtimeout(win, wait)
            let code = wgetch(win)
            if code == ERR {
                decodedKeys += keyBytes.drain()
                return decodedKeys.isEmpty ? nil : decodedKeys.removeFirst()
            }
            if code >= 0 && code <= 0xFF {
                decodedKeys += keyBytes.feed(UInt8(code))
            } else if code == dh_key_mouse() {
                var x: Int32 = 0, y: Int32 = 0
                let kinds: [Int32: MouseEvent.Kind] = [1: .click, 2: .wheelUp, 3: .wheelDown]
                if let kind = kinds[dh_mouse_event(&x, &y)] { decodedKeys += keyBytes.feed(key: .mouse(MouseEvent(kind, x: Int(x), y: Int(y)))) }
            } else if let key = KeyDecoder.key(forKeyCode: code, codes: Self.keyCodes) {
                decodedKeys += keyBytes.feed(key: key)
            }
            if !decodedKeys.isEmpty { return decodedKeys.removeFirst() }
        }
        return nil
    }
}
