// Width-aware text shaping: every measure is in display columns, never in characters.

/// Horizontal placement of text inside a column.
public enum Alignment: Hashable, Sendable { case left, center, right }

extension String {
    /// Cuts to at most `width` columns, ending in `ellipsis` when something was cut.
    public func truncated(toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth <= width { return self }
        let ew = ellipsis.displayWidth
        let budget = ew <= width ? width - ew : width
        var out = "", used = 0
        for ch in self {
            let w = ch.displayWidth
            if used + w > budget { break }
            out.append(ch); used += w
        }
        return ew <= width ? out + ellipsis : out
    }

    /// Pads with spaces to `width` columns; text already as wide or wider is left as is.
    public func padded(toWidth width: Int, alignment: Alignment = .left) -> String {
        let gap = width - displayWidth
        guard gap > 0 else { return self }
        switch alignment {
        case .left: return self + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + self
        case .center:
            let l = gap / 2
            return String(repeating: " ", count: l) + self + String(repeating: " ", count: gap - l)
        }
    }

    /// Exactly `width` columns: truncated with "…" or padded, for table cells.
    public func fitted(toWidth width: Int, alignment: Alignment = .left) -> String {
        truncated(toWidth: width).padded(toWidth: width, alignment: alignment)
    }

    /// Word-wraps to lines of at most `width` columns; newlines start new lines, words longer
    /// than a line are broken between graphemes. Runs of spaces collapse to one.
    public func wrapped(toWidth width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = "", lineWidth = 0
            for wordSub in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(wordSub)
                var ww = word.displayWidth
                if lineWidth > 0 && lineWidth + 1 + ww <= width {
                    line += " " + word; lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                while ww > width {
                    // Hard break a word wider than the whole line.
                    var head = "", hw = 0
                    var rest = Substring(word)
                    while let ch = rest.first, hw + ch.displayWidth <= width {
                        head.append(ch); hw += ch.displayWidth; rest = rest.dropFirst()
                    }
                    if head.isEmpty { head = String(rest.removeFirst()) } // a wide char in width 1
                    lines.append(head)
                    word = String(rest); ww = word.displayWidth
                }
                line = word; lineWidth = ww
            }
            lines.append(line)
        }
        return lines
    }
}

extension String {
    /// `truncated(toWidth:)`, but never through a number: a cut that would leave "2011…" of "2011–2012" is moved
    /// back to before the number (issue 20: no figure is shown cut).
    public func truncatedKeepingNumbers(toWidth width: Int) -> String {
        let cut = truncated(toWidth: width)
        guard cut != self, cut.hasSuffix("…") else { return cut }
        var kept = cut.dropLast()
        guard let last = kept.last, last.isNumber else { return cut }
        while let c = kept.last, c.isNumber || c == "." || c == "," { kept = kept.dropLast() }
        return String(kept) + "…"
    }
}
