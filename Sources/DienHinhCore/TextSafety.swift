import Foundation

/// Makes data safe to print: no control character, escape sequence or bidi override reaches a terminal raw.
public enum TextSafety {
    /// C0/C1 controls become caret or `<U+XXXX>` forms; ESC shows as `^[`; bidi overrides and isolates as `<U+202E>`.
    public static func inert(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isUnsafe) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            if !isUnsafe(scalar) { out.unicodeScalars.append(scalar); continue }
            switch scalar.value {
            case 0x00...0x1F: out += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            case 0x7F: out += "^?"
            default: out += String(format: "<U+%04X>", scalar.value)
            }
        }
        return out
    }

    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: true
        default: false
        }
    }
}

extension TextSafety {
    /// JSON text with the unsafe scalars from U+007F up (C1 controls, bidi overrides, line separators) written as
    /// `\u` escapes: the same value to any JSON reader, nothing a terminal or an editor acts on. They can only sit
    /// inside JSON strings (the syntax is ASCII), so escaping them keeps the document valid; C0 controls are left
    /// alone, being the encoder's own escapes (or a pretty-printer's layout).
    public static func jsonInert(_ s: String) -> String {
        guard mayHoldUnsafe(s) else { return s }
        guard s.unicodeScalars.contains(where: { $0.value >= 0x7F && isUnsafe($0) }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value >= 0x7F && isUnsafe(scalar) {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A byte scan for the UTF-8 forms of the unsafe scalars from U+007F up (DEL 7F, C1 controls C2 80–9F,
    /// U+061C D8 9C, U+200E/F, U+2028–U+202E E2 80 xx, U+2066–U+2069 E2 81 A6–A9): a listing of thousands of
    /// names is checked without decoding it. True exactly where `isUnsafe` holds for one of them.
    public static func mayHoldUnsafe(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            var i = 0
            while i < u.count {
                let b = u[i]
                if b < 0x7F { i += 1; continue }
                let b1: UInt8 = i + 1 < u.count ? u[i + 1] : 0
                let b2: UInt8 = i + 2 < u.count ? u[i + 2] : 0
                switch b {
                case 0x7F: return true
                case 0xC2 where (0x80...0x9F).contains(b1): return true
                case 0xD8 where b1 == 0x9C: return true
                case 0xE2 where b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (0xA8...0xAE).contains(b2)): return true
                case 0xE2 where b1 == 0x81 && (0xA6...0xA9).contains(b2): return true
                default: i += 1
                }
            }
            return false
        }
    }
}

/// What keeps a spreadsheet from running a cell as a formula: a value that starts with `=`, `+`, `-`, `@`, tab or
/// CR is written with a `'` before it, the prefix Excel and LibreOffice read as "text". A value that already
/// starts with `'` and then one of those (or another `'`) gets one too, so `unprotect`, which our import applies,
/// removes exactly what `protect` added: every value round-trips.
public enum SpreadsheetGuard {
    static func triggers(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@") || b == 0x09 || b == 0x0D
    }

    static func needsMark(_ s: String) -> Bool {
        var it = s.utf8.makeIterator()
        guard let first = it.next() else { return false }
        if triggers(first) { return true }
        guard first == UInt8(ascii: "'"), let second = it.next() else { return false }
        return triggers(second) || second == UInt8(ascii: "'")
    }

    public static func protect(_ s: String) -> String { needsMark(s) ? "'" + s : s }

    /// The value `protect` was given: one leading `'` removed where `protect` would have put it.
    public static func unprotect(_ s: String) -> String {
        guard s.utf8.first == UInt8(ascii: "'") else { return s }
        let rest = String(s.utf8.dropFirst())!
        return needsMark(rest) ? rest : s
    }
}
