import Foundation

/// Folds Vietnamese text to one search key: case, tone marks, đ/Đ and old/new tone placement all collapse.
///
/// Foundation's diacritic folding leaves đ alone on Linux, and NFC keeps "Hoà" and "Hòa" apart,
/// so we strip combining marks from the canonical decomposition ourselves.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            if (0x0300...0x036F).contains(v) { continue }
            if scalar.properties.isWhitespace || scalar == "-" || scalar == "–" || scalar == "," {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            switch v {
            case 0x0110, 0x0111: out.append("d") // Đ đ
            default:
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
            }
        }
        var s = String(out)
        if s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// Every token of the query appears in the folded text (in any order).
    public static func matches(query: String, in foldedText: String) -> Bool {
        let tokens = fold(query).split(separator: " ")
        return tokens.allSatisfy { foldedText.contains($0) }
    }

    /// NFC, the form every stored name takes.
    public static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }
}
