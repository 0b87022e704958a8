// Display width in terminal columns, computed in pure Swift so that layout does not
// depend on the C library's wcwidth (unreliable, and absent from TerminalKit by design).

/// Columns one Unicode scalar occupies, before grapheme clustering is considered.
/// Controls and bidi controls count 1 because `sanitize` turns them into one-column pictures.
func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x20 || v == 0x7F { return 1 }             // drawn as a Control Picture
    if v < 0x7F { return 1 }                          // fast path: printable ASCII
    if v <= 0x9F { return 1 }                         // C1, drawn as U+FFFD
    // Fast paths, no Unicode property lookups: the precomposed Vietnamese of every name on screen
    // (Latin-1, Extended-A/B, spacing modifiers; Extended Additional) and the box drawing of every frame.
    if v < 0x300 || (0x1E00...0x1EFF).contains(v) || (0x2500...0x259F).contains(v) { return 1 }
    if isSanitizedFormat(v) { return 1 }              // bidi controls, drawn as U+FFFD
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return 0    // tone marks of decomposed Vietnamese
    case .format: return v == 0xAD ? 1 : 0           // ZWJ, ZWSP, BOM; soft hyphen shows as 1
    default: break
    }
    if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 } // Hangul medial/final jamo
    if isWide(v) { return 2 }
    if (0x1F1E6...0x1F1FF).contains(v) { return 1 }  // regional indicators: a flag is two of them
    if scalar.properties.isEmojiPresentation { return 2 }
    return 1
}

/// East Asian Wide and Fullwidth ranges (the parts not covered by emoji presentation).
private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
    0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
    0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
    0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FF1, 0x17000...0x18CFF,
    0x18D00...0x18D08, 0x1AFF0...0x1B2FF, 0x1F200...0x1F2FF,
    0x20000...0x2FFFD, 0x30000...0x3FFFD,
]

/// Binary search keeps the lookup cheap for long CJK texts.
private func isWide(_ v: UInt32) -> Bool {
    if v < 0x1100 { return false }
    var lo = 0, hi = wideRanges.count - 1
    while lo <= hi {
        let mid = (lo + hi) / 2
        let r = wideRanges[mid]
        if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
    }
    return false
}

extension Character {
    /// Columns this grapheme occupies: 0 for a lone combining mark, 2 for wide CJK and emoji, else 1.
    /// NFD Vietnamese ("e" + U+0302 + U+0303) measures like its NFC form because marks count 0.
    public var displayWidth: Int {
        let scalars = unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return scalarWidth(first) }
        // Emoji ZWJ sequences and skin-tone modifiers show as one glyph: measure the base only.
        if scalars.contains(where: { $0.value == 0x200D || (0x1F3FB...0x1F3FF).contains($0.value) }) {
            return scalarWidth(first)
        }
        return min(2, scalars.reduce(0) { $0 + scalarWidth($1) })
    }
}

extension String {
    /// Columns this text occupies once sanitised and drawn.
    ///
    /// Latin (Vietnamese included), Greek, Cyrillic, their combining marks, punctuation, symbols and box
    /// drawing are summed scalar by scalar: there a grapheme is one spacing scalar and marks of width 0, so
    /// the sum is what the grapheme rule gives. Any other script, emoji sequences (ZWJ) and conjoining
    /// scripts are measured grapheme by grapheme. Breaking text into graphemes was most of measuring a name.
    public var displayWidth: Int {
        var total = 0
        for scalar in unicodeScalars {
            let v = scalar.value
            guard v < 0x0590 || (0x1E00...0x1EFF).contains(v) || ((0x2000...0x2BFF).contains(v) && v != 0x200D) else {
                return graphemeWidth
            }
            total += scalarWidth(scalar)
        }
        return total
    }

    private var graphemeWidth: Int {
        var total = 0
        for c in self { total += c.displayWidth }
        return total
    }
}

/// Columns `text` occupies in the terminal; never the `count` of characters or scalars.
public func displayWidth(of text: String) -> Int { text.displayWidth }
