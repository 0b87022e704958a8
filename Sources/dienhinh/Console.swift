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

    /// A byte scan for the UTF-8 forms of the unsafe scalars from U+007F up (DEL 7F, C1 controls C2 80–9F,
    /// U+061C D8 9C, U+200E/F, U+2028–U+202E E2 80 xx, U+2066–U+2069 E2 81 A6–A9): a listing of thousands of
    /// names is checked without decoding it. True exactly where `TextSafety.isUnsafe` holds for one of them.
    static func mayHoldUnsafe(_ s: String) -> Bool {
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

    static func error(_ s: String) {
        FileHandle.standardError.write(Data((inert(s) + "\n").utf8))
    }

    /// Control and bidi-override characters made visible, keeping newlines and tabs of our own layout.
    static func inert(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { TextSafety.inert(String($0)) }.joined(separator: "\n")
    }
}
