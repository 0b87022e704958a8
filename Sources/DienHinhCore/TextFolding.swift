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
    ///
    /// Foundation's normalisation costs microseconds per string on Linux; text made only of characters
    /// that are already NFC and cannot combine (ASCII, Latin, Vietnamese precomposed letters, common
    /// punctuation) is returned as it is, which is what almost every record holds.
    public static func nfc(_ text: String) -> String {
        if isStableNFC(text) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Whether `nfc` would return the text as it is without asking Foundation: every scalar is NFC by itself.
    public static func isStableNFC(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isStableNFC)
    }

    /// Characters that are NFC by themselves and never compose with a neighbour.
    @inline(__always)
    static func isStableNFC(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x02FF: true       // ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers
        case 0x1E00...0x1EFF: true     // Latin Extended Additional: ạ ả ấ ầ ẩ ẫ ậ … ỹ
        case 0x2010...0x2027, 0x2030...0x205E: true  // dashes, quotes, bullets, ellipsis
        default: false
        }
    }
}
