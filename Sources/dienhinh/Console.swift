import DienHinhCore
import Foundation

/// Output for people and scripts; data never reaches a terminal raw (no escape sequences from names).
enum Console {
    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data((inert(s) + "\n").utf8))
    }

    /// JSON for scripts. The encoder escapes only controls below U+0020; C1 controls and bidi overrides would
    /// reach a terminal raw, so they are written as `\u` escapes too: the same value to any JSON reader.
    static func json(_ s: String) {
        FileHandle.standardOutput.write(Data((jsonInert(s) + "\n").utf8))
    }

    /// Unsafe scalars from U+007F up can only sit inside JSON strings (the syntax is ASCII), so escaping them
    /// keeps the document valid; C0 controls are left alone, being the encoder's own (or a pretty-printer's) layout.
    static func jsonInert(_ s: String) -> String {
        guard mayHoldUnsafe(s) else { return s }
        guard s.unicodeScalars.contains(where: { $0.value >= 0x7F && TextSafety.isUnsafe($0) }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value >= 0x7F && TextSafety.isUnsafe(scalar) {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A byte scan for the UTF-8 forms that can start an unsafe scalar from U+007F up (DEL, C1 controls,
    /// U+061C, U+200E–U+202E, U+2066–U+2069): a listing of thousands of names is checked without decoding it.
    /// False only where `TextSafety.isUnsafe` finds nothing from U+007F up.
    static func mayHoldUnsafe(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            for i in u.indices {
                switch u[i] {
                case 0x7F, 0xC2, 0xD8, 0xE2: return true
                default: continue
                }
            }
            return false
        }
    }

    static func error(_ s: String) {
        FileHandle.standardError.write(Data((inert(s) + "\n").utf8))
    }

    /// Control and bidi-override characters made visible, keeping newlines and tabs of our own layout.
    static func inert(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { TextSafety.inert(String($0)) }.joined(separator: "\n")
    }
}
