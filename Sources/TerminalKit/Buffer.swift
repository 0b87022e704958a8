// The frame model: a grid of cells that knows wide characters, so diffs and snapshots
// can be computed without a terminal.

/// One screen cell: a grapheme and its style. A wide grapheme occupies its cell plus a
/// continuation cell (empty symbol) to its right, which backends skip.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    public var style: Style

    public init(_ symbol: String, style: Style = .plain) { self.symbol = symbol; self.style = style }

    /// An untouched cell: every frame starts with these.
    public static let blank = Cell(" ")
    /// The right half of a wide character, drawn by its left neighbour.
    public static func continuation(_ style: Style = .plain) -> Cell { Cell("", style: style) }

    /// True for the right half of a wide character.
    public var isContinuation: Bool { symbol.isEmpty }
    /// Columns the symbol occupies (0 for a continuation).
    public var width: Int { symbol.first?.displayWidth ?? 0 }
}

/// One changed cell, the unit a `Backend` draws.
public struct CellChange: Hashable, Sendable {
    public var position: Position
    public var cell: Cell
    public init(position: Position, cell: Cell) { self.position = position; self.cell = cell }
    public var x: Int { position.x }
    public var y: Int { position.y }
}

/// One row of a list on screen: where it is, its index, and the index selected when it was drawn.
public struct RowTarget: Hashable, Sendable {
    public var rect: Rect
    public var index: Int
    public var selected: Int
    public init(rect: Rect, index: Int, selected: Int) { self.rect = rect; self.index = index; self.selected = selected }
}

/// A full frame. Immediate mode: each frame starts blank, widgets paint into it.
public struct Buffer: Hashable, Sendable {
    public private(set) var size: Size
    /// Row-major cells, `size.width * size.height` of them.
    public internal(set) var cells: [Cell]
    /// Where the real terminal cursor should go (nil hides it); screen readers follow it.
    public var cursor: Position?
    /// The rows of the focused list as drawn, for the mouse: a click is read against the frame on screen.
    public var rowTargets: [RowTarget] = []

    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        self.cells = Array(repeating: fill, count: size.width * size.height)
    }

    /// The list row drawn at a cell, the one drawn last when lists overlap (an overlay is drawn after).
    public func rowTarget(at x: Int, _ y: Int) -> RowTarget? {
        rowTargets.last { $0.rect.contains(Position(x: x, y: y)) }
    }

    /// Rows covered by an overlay no longer answer clicks.
    public mutating func clearRowTargets(in area: Rect) {
        rowTargets.removeAll { !$0.rect.intersection(area).isEmpty }
    }

    /// The whole buffer as a rect, the usual starting point for layout.
    public var area: Rect { Rect(size: size) }

    /// The cell at a coordinate; outside the buffer reads as blank.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank }
        return cells[y * size.width + x]
    }

    /// Writes sanitised text at (x, y), clipped to the buffer and to `maxWidth` columns.
    /// A wide character that would not fit entirely is not drawn. Returns the columns advanced.
    @discardableResult
    public mutating func setString(_ text: String, x: Int, y: Int, maxWidth: Int? = nil,
                                   style: Style = .plain) -> Int {
        guard y >= 0, y < size.height else { return 0 }
        let limit = min(size.width, x + max(0, maxWidth ?? Int.max / 2))
        var col = x
        var lastIndex: Int? = nil
        for ch in sanitize(text) {
            let w = ch.displayWidth
            if w == 0 {
                // A lone combining mark joins the grapheme just written, if any.
                if let i = lastIndex { cells[i].symbol += String(ch) }
                continue
            }
            if col + w > limit { break }
            if col < 0 {
                col += w
                if col > 0 { put(" ", width: 1, x: 0, y: y, style: style) }  // half of a clipped wide char
                continue
            }
            put(String(ch), width: w, x: col, y: y, style: style)
            lastIndex = y * size.width + col
            col += w
        }
        return max(0, col - x)
    }

    /// Places one grapheme, repairing any wide character it cuts in half.
    private mutating func put(_ symbol: String, width: Int, x: Int, y: Int, style: Style) {
        let w = size.width
        let i = y * w + x
        if cells[i].isContinuation, x > 0 { cells[i - 1].symbol = " " }
        if width == 2 {
            if x + 2 < w, cells[i + 2].isContinuation { cells[i + 2].symbol = " " }
            cells[i] = Cell(symbol, style: style)
            cells[i + 1] = .continuation(style)
        } else {
            if x + 1 < w, cells[i + 1].isContinuation { cells[i + 1].symbol = " " }
            cells[i] = Cell(symbol, style: style)
        }
    }

    /// Paints every cell of `rect` (clipped) with a one-column symbol, e.g. to clear behind a dialog.
    public mutating func fill(_ rect: Rect, symbol: String = " ", style: Style = .plain) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        let s = sanitize(symbol)
        let sym = s.first.map { $0.displayWidth == 1 ? String($0) : " " } ?? " "
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { put(sym, width: 1, x: x, y: y, style: style) }
        }
    }

    /// Blanks a rect; what a widget does not draw must not show the previous frame.
    public mutating func clear(_ rect: Rect) { fill(rect) }

    /// Restyles a rect without changing its text, e.g. to highlight a selected row.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { cells[y * size.width + x].style = style }
        }
    }

    /// Layers a style onto a rect, keeping colours and attributes the patch does not set.
    public mutating func patchStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { cells[y * size.width + x].style = cells[y * size.width + x].style.patched(with: style) }
        }
    }

    /// Draws a widget; reads better at call sites than `widget.render(in:buffer:)`.
    public mutating func render(_ widget: some Widget, in rect: Rect) {
        widget.render(in: rect, buffer: &self)
    }

    /// Plain text rows (styles dropped) for snapshot tests and `dienhinh render`.
    public func lines(trimTrailingSpaces: Bool = true) -> [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width { line += cells[y * size.width + x].symbol }
            if trimTrailingSpaces {
                while line.last == " " { line.removeLast() }
            }
            return line
        }
    }

    /// The text grid as one string, one line per row.
    public func text(trimTrailingSpaces: Bool = true) -> String {
        lines(trimTrailingSpaces: trimTrailingSpaces).joined(separator: "\n")
    }
}

/// The cells that differ between two frames: all that a backend needs to send.
/// Frames of different sizes differ everywhere, so every cell of `new` is returned.
public func diff(from old: Buffer, to new: Buffer) -> [CellChange] {
    let w = new.size.width
    if old.size != new.size {
        return new.cells.indices.map { CellChange(position: Position(x: $0 % w, y: $0 / w), cell: new.cells[$0]) }
    }
    var changes: [CellChange] = []
    for i in new.cells.indices where new.cells[i] != old.cells[i] {
        changes.append(CellChange(position: Position(x: i % w, y: i / w), cell: new.cells[i]))
    }
    return changes
}

/// Something that paints itself into a rect of a buffer, ratatui style.
public protocol Widget {
    /// Draws into `area` only; anything outside stays untouched.
    func render(in area: Rect, buffer: inout Buffer)
}
