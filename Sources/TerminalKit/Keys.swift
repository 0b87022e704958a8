// Keys as values: the app's update function sees these, never curses codes.

/// A key press, after decoding. Typed text arrives as `.char` of a whole grapheme.
public enum Key: Hashable, Sendable {
    /// Typed text, one grapheme (a base letter with its combining marks stays whole).
    case char(Character)
    /// Navigation and editing keys, decoded from the terminal's escape sequences.
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, backspace, delete, tab, backTab
    /// F1…F63.
    case function(Int)
    /// Control plus a letter or symbol, lowercase: Ctrl-C is `.ctrl("c")` (raw mode delivers it as a key).
    case ctrl(Character)
    /// The terminal changed size: redraw everything now.
    case resize
    /// A click or a wheel turn, where the terminal reports the mouse (issue 20); cells from the top left, 0-based.
    case mouse(MouseEvent)
}

/// What the mouse did and where: the app finds the list row under it in the frame it last drew.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case click, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(_ kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
}

/// A key with room for later detail (modifiers, timing) without changing `Key`'s cases.
public struct KeyEvent: Hashable, Sendable {
    public var key: Key
    public init(_ key: Key) { self.key = key }
}

/// Errors from `KeyScript.parse`, with the offending text to show the user.
public enum KeyScriptError: Error, Hashable, Sendable, CustomStringConvertible {
    case unterminated(String)
    case unknownName(String)
    public var description: String {
        switch self {
        case .unterminated(let s): return "key script: '<' without '>' in \"\(s)\" (write << for a literal <)"
        case .unknownName(let s): return "key script: unknown key name <\(s)>"
        }
    }
}

/// Key scripts drive the app without a terminal (`dienhinh render --keys`, tests).
///
/// Syntax:
/// - Any character other than `<` is typed as itself: `j`, `/nguyen`, `Đ`, a space.
/// - `<<` types a literal `<`; `<Lt>` and `<Gt>` also name `<` and `>`.
/// - `<Name>` is a special key; names are case-insensitive:
///   `Up Down Left Right Home End PageUp (PgUp) PageDown (PgDn) Enter (Return, CR)
///   Esc (Escape) Backspace (BS) Delete (Del) Tab BackTab (S-Tab) Space Resize`,
///   `F1`…`F63`, and `C-x` / `Ctrl-x` for Control plus one character (`<C-c>` quits);
///   `<Click:x,y>`, `<WheelUp:x,y>`, `<WheelDown:x,y>` for the mouse at column x, row y (0-based; a wheel's
///   place may be left out).
/// - Raw control characters in the string map too: newline/CR → Enter, tab → Tab,
///   ESC → Escape, DEL → Backspace, other C0 → Ctrl.
///
/// Example: `j<Down><Enter>/nguyen<Esc><F1><C-c><Space>`.
public enum KeyScript {
    /// Turns a key script into keys, or throws on an unknown name or an unclosed `<`.
    public static func parse(_ script: String) throws -> [Key] {
        var keys: [Key] = []
        let scalars = script.unicodeScalars
        // `<` is found among scalars, and the typed text between two `<…>` names is cut into characters on
        // its own: otherwise a combining mark after `>` or a prepended mark before `<` would fuse with it
        // into one character and hide the name.
        var text = String.UnicodeScalarView()
        func typeText() {
            for ch in String(text) { keys.append(KeyDecoder.key(forTyped: ch)) }
            text = String.UnicodeScalarView()
        }
        var i = scalars.startIndex
        while i < scalars.endIndex {
            guard scalars[i] == "<" else { text.append(scalars[i]); i = scalars.index(after: i); continue }
            typeText()
            let open = scalars.index(after: i)
            if open < scalars.endIndex && scalars[open] == "<" { keys.append(.char("<")); i = scalars.index(after: open); continue }
            guard let close = scalars[open...].firstIndex(of: ">") else { throw KeyScriptError.unterminated(script) }
            let name = String(String.UnicodeScalarView(scalars[open..<close]))
            guard let key = key(named: name) else { throw KeyScriptError.unknownName(name) }
            keys.append(key)
            i = scalars.index(after: close)
        }
        typeText()
        return keys
    }

    /// The key for a `<Name>`, or nil when the name is unknown.
    public static func key(named raw: String) -> Key? {
        let name = raw.lowercased()
        switch name {
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "home": return .home
        case "end": return .end
        case "pageup", "pgup": return .pageUp
        case "pagedown", "pgdn": return .pageDown
        case "enter", "return", "cr": return .enter
        case "esc", "escape": return .escape
        case "backspace", "bs": return .backspace
        case "delete", "del": return .delete
        case "tab": return .tab
        case "backtab", "s-tab": return .backTab
        case "space": return .char(" ")
        case "resize": return .resize
        case "lt": return .char("<")
        case "gt": return .char(">")
        default: break
        }
        if name.hasPrefix("f"), let n = Int(name.dropFirst()), (1...63).contains(n) { return .function(n) }
        if let mouse = mouse(named: name) { return .mouse(mouse) }
        for prefix in ["c-", "ctrl-"] where name.hasPrefix(prefix) {
            let body = raw.dropFirst(prefix.count)
            if body.count == 1, let c = body.first { return .ctrl(Character(c.lowercased())) }
        }
        return nil
    }

    /// `click:3,5`, `wheelup`, `wheeldown:0,7` (already lowercased).
    private static func mouse(named name: String) -> MouseEvent? {
        let parts = name.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let kinds: [String: MouseEvent.Kind] = ["click": .click, "wheelup": .wheelUp, "wheeldown": .wheelDown]
        guard let kind = kinds[String(parts[0])] else { return nil }
        guard parts.count == 2 else { return kind == .click ? nil : MouseEvent(kind, x: 0, y: 0) }
        let place = parts[1].split(separator: ",", omittingEmptySubsequences: false).map { Int(String($0.filter { $0 != " " })) }
        guard place.count == 2, let x = place[0], let y = place[1], x >= 0, y >= 0, x < 10_000, y < 10_000 else { return nil }
        return MouseEvent(kind, x: x, y: y)
    }

    /// The script text for keys, the inverse of `parse`; also readable in help and logs.
    public static func format(_ keys: [Key]) -> String {
        keys.map(name(of:)).joined()
    }

    /// One key in script form: `j`, `<<`, `<Gt>`, `<Down>`, `<F2>`, `<C-c>`.
    public static func name(of key: Key) -> String {
        switch key {
        case .char("<"): return "<<"
        // Named, not typed: a mark that follows must not fuse with it when the script is read back.
        case .char(">"): return "<Gt>"
        case .char(" "): return "<Space>"
        case .char(let c): return String(c)
        case .up: return "<Up>"
        case .down: return "<Down>"
        case .left: return "<Left>"
        case .right: return "<Right>"
        case .home: return "<Home>"
        case .end: return "<End>"
        case .pageUp: return "<PageUp>"
        case .pageDown: return "<PageDown>"
        case .enter: return "<Enter>"
        case .escape: return "<Esc>"
        case .backspace: return "<Backspace>"
        case .delete: return "<Delete>"
        case .tab: return "<Tab>"
        case .backTab: return "<BackTab>"
        case .function(let n): return "<F\(n)>"
        case .ctrl(let c): return "<C-\(c)>"
        case .resize: return "<Resize>"
        case .mouse(let m):
            let kind = ["click": "Click", "wheelUp": "WheelUp", "wheelDown": "WheelDown"][m.kind.rawValue]!
            return "<\(kind):\(m.x),\(m.y)>"
        }
    }
}

/// The numeric key codes of a curses library, filled in by the backend from its headers,
/// so the mapping below stays pure and testable without hand-copied constants.
public struct CursesKeyCodes: Hashable, Sendable {
    public var up, down, left, right, home, end, pageUp, pageDown: Int32
    public var enter, backspace, delete, backTab, resize: Int32
    /// KEY_F(0); F(n) is `f0 + n`.
    public var f0: Int32
    public init(up: Int32, down: Int32, left: Int32, right: Int32, home: Int32, end: Int32,
                pageUp: Int32, pageDown: Int32, enter: Int32, backspace: Int32, delete: Int32,
                backTab: Int32, resize: Int32, f0: Int32) {
        self.up = up; self.down = down; self.left = left; self.right = right
        self.home = home; self.end = end; self.pageUp = pageUp; self.pageDown = pageDown
        self.enter = enter; self.backspace = backspace; self.delete = delete
        self.backTab = backTab; self.resize = resize; self.f0 = f0
    }
}

/// Pure decoding of what `get_wch` returns into `Key`s.
public enum KeyDecoder {
    /// A function-key code (get_wch returned KEY_CODE_YES); nil for codes the app ignores.
    public static func key(forKeyCode code: Int32, codes: CursesKeyCodes) -> Key? {
        switch code {
        case codes.up: return .up
        case codes.down: return .down
        case codes.left: return .left
        case codes.right: return .right
        case codes.home: return .home
        case codes.end: return .end
        case codes.pageUp: return .pageUp
        case codes.pageDown: return .pageDown
        case codes.enter: return .enter
        case codes.backspace: return .backspace
        case codes.delete: return .delete
        case codes.backTab: return .backTab
        case codes.resize: return .resize
        default:
            // In Int, not Int32: a table whose F0 lies near Int32.max must not overflow the arithmetic.
            let n = Int(code) - Int(codes.f0)
            return (1...63).contains(n) ? .function(n) : nil
        }
    }

    /// A character code (get_wch returned OK): controls become named keys or `.ctrl`,
    /// C1 controls and invalid scalars are dropped (nil).
    public static func key(forCharacterCode value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl("@")
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 0x60)!))
        case 28...31: return .ctrl(Character(Unicode.Scalar(value + 0x40)!))
        case 0x80...0x9F: return nil
        default:
            guard let s = Unicode.Scalar(value) else { return nil }
            return .char(Character(s))
        }
    }

    /// A typed grapheme: plain characters stay `.char`, control characters decode as above.
    public static func key(forTyped ch: Character) -> Key {
        if ch == "\r\n" { return .enter }
        if ch.unicodeScalars.count == 1, let v = ch.unicodeScalars.first?.value, v < 0x20 || v == 0x7F {
            return key(forCharacterCode: v) ?? .char(ch)
        }
        return .char(ch)
    }
}
