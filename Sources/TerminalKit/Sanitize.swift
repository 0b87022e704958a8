// Data (names, imported CSV, notes) must never reach the terminal as escape sequences.

/// Scalars that reorder or hide text (bidi overrides, isolates, marks, line separators).
func isSanitizedFormat(_ v: UInt32) -> Bool {
    switch v {
    case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
}

/// Whether `sanitize` would change this scalar.
@inline(__always)
func needsSanitizing(_ v: UInt32) -> Bool {
    v < 0x20 || (0x7F...0x9F).contains(v) || isSanitizedFormat(v)
}

/// Replaces control characters with visible inert one-column forms, so data can never emit
/// escape sequences or reorder the screen.
///
/// Convention: C0 controls U+0000–U+001F become the Control Pictures U+2400–U+241F
/// (ESC → "␛", TAB → "␉", LF → "␊"), DEL becomes "␡" (U+2421); C1 controls U+0080–U+009F,
/// bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069), the marks U+200E, U+200F,
/// U+061C and the separators U+2028, U+2029 become "�" (U+FFFD).
/// Every string drawn into a `Buffer` goes through this function.
public func sanitize(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { needsSanitizing($0.value) }) else { return text }
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
        let v = s.value
        if v < 0x20 {
            out.append(Unicode.Scalar(0x2400 + v)!)
        } else if v == 0x7F {
            out.append("\u{2421}")
        } else if needsSanitizing(v) {
            out.append("\u{FFFD}")
        } else {
            out.append(s)
        }
    }
    return String(out)
}
