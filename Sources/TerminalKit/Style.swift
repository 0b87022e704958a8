// A deliberately small palette: eight ANSI colours plus the terminal's own default, so that
// every style degrades cleanly to monochrome (NO_COLOR, or terminals without colour).

/// A terminal colour; `.default` keeps the user's own foreground or background.
public enum Color: Hashable, Sendable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks. Attributes survive monochrome; colours are a bonus.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false,
                underline: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.fg = fg; self.bg = bg; self.bold = bold
        self.underline = underline; self.reverse = reverse; self.dim = dim
    }

    /// The terminal's own look.
    public static let plain = Style()
    /// Selection highlight that stays visible without colour.
    public static let highlight = Style(reverse: true)
    public static let boldText = Style(bold: true)
    public static let dimText = Style(dim: true)

    /// Layers `other` on top: its non-default colours win and attributes accumulate.
    public func patched(with other: Style) -> Style {
        Style(fg: other.fg == .default ? fg : other.fg,
              bg: other.bg == .default ? bg : other.bg,
              bold: bold || other.bold, underline: underline || other.underline,
              reverse: reverse || other.reverse, dim: dim || other.dim)
    }
}
