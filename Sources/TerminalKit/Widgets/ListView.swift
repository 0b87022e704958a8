/// A scrolling list with one selected row, the main navigation widget.
public struct ListView: Widget, Hashable, Sendable {
    public var items: [String]
    public var selected: Int?
    /// First visible item as the app last saw it; adjusted to keep `selected` visible.
    public var offset: Int
    public var style: Style
    public var highlightStyle: Style
    /// Drawn before the selected item (others get as many spaces), visible without colour.
    public var highlightSymbol: String
    /// When true the terminal cursor goes to the selected row, for screen readers.
    public var focused: Bool
    /// Whether a click may select a row (`Buffer.rowTargets`): the focused list, or one whose keys reach it
    /// while the cursor is elsewhere (a search's results under its field).
    public var answersClicks: Bool

    public init(items: [String], selected: Int? = nil, offset: Int = 0, style: Style = .plain,
                highlightStyle: Style = .highlight, highlightSymbol: String = "> ", focused: Bool = true, answersClicks: Bool? = nil) {
        self.items = items; self.selected = selected; self.offset = offset; self.style = style
        self.highlightStyle = highlightStyle; self.highlightSymbol = highlightSymbol; self.focused = focused
        self.answersClicks = answersClicks ?? focused
    }

    /// The offset this list will draw with in `rows` rows; store it back for stable scrolling.
    public func visibleOffset(rows: Int) -> Int {
        Scrolling.offset(selected: selected, offset: offset, visibleRows: rows, count: items.count)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let first = visibleOffset(rows: area.height)
        let symbolWidth = highlightSymbol.displayWidth
        let blankSymbol = String(repeating: " ", count: symbolWidth)
        for row in 0..<area.height {
            let index = first + row
            guard index < items.count else { break }
            let y = area.y + row
            let isSelected = index == selected
            let rowStyle = isSelected ? highlightStyle : style
            if answersClicks, let selected { buffer.rowTargets.append(RowTarget(rect: area.row(row), index: index, selected: selected)) }
            if isSelected {
                buffer.fill(area.row(row), style: rowStyle)
                if focused { buffer.cursor = Position(x: area.x, y: y) }
            }
            let used = buffer.setString(isSelected ? highlightSymbol : blankSymbol, x: area.x, y: y,
                                        maxWidth: area.width, style: rowStyle)
            buffer.setString(items[index].truncated(toWidth: area.width - used), x: area.x + used, y: y,
                             maxWidth: area.width - used, style: rowStyle)
        }
    }
}
