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

    /// Text typed or imported, as it is kept and compared: without surrounding spaces and newlines, in NFC.
    public static func cleaned(_ text: String) -> String {
        nfc(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether `nfc` would return the text as it is without asking Foundation: every scalar is NFC by itself.
    /// Decided on the UTF-8 bytes, which is what the ranges below look like encoded; decoding scalars one by one
    /// was most of checking a record during a large import.
    public static func isStableNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var i = 0
            let n = b.count
            while i < n {
                let x = b[i]
                if x < 0x80 { i += 1; continue }
                if x >= 0xC2 && x <= 0xCB { i += 2; continue }                                   // U+0080 – U+02FF
                guard x == 0xE1 || x == 0xE2, i + 2 < n else { return false }
                let y = b[i + 1]
                if x == 0xE1 { guard y >= 0xB8 && y <= 0xBB else { return false } }               // U+1E00 – U+1EFF
                else if y == 0x80 {                                                                 // U+2010 – U+2027, U+2030 – U+203F
                    let z = b[i + 2]
                    guard (0x90...0xA7).contains(z) || z >= 0xB0 else { return false }
                }
                else if y == 0x81 { guard b[i + 2] <= 0x9E else { return false } }                 // U+2040 – U+205E
                else { return false }
                i += 3
            }
            return true
        }
    }

    /// The same decision scalar by scalar: the definition the byte test is held to.
    static func isStableNFCByScalars(_ text: String) -> Bool {
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
