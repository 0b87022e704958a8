/// One table column: a header, how wide, and how its cells align (numbers right).
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment
    public init(_ title: String, width: Constraint, alignment: Alignment = .left) {
        self.title = title; self.width = width; self.alignment = alignment
    }
}

/// Rows of text under a header, with a selected row; widths come from constraints.
public struct Table: Widget, Hashable, Sendable {
    public var columns: [TableColumn]
    public var rows: [[String]]
    public var selected: Int?
    public var offset: Int
    public var headerStyle: Style
    public var style: Style
    public var highlightStyle: Style
    /// Blank columns between cells.
    public var columnSpacing: Int
    /// When true the terminal cursor goes to the selected row, for screen readers.
    public var focused: Bool

    public init(columns: [TableColumn], rows: [[String]], selected: Int? = nil, offset: Int = 0,
                headerStyle: Style = Style(bold: true, underline: true), style: Style = .plain,
                highlightStyle: Style = .highlight, columnSpacing: Int = 1, focused: Bool = true) {
        self.columns = columns; self.rows = rows; self.selected = selected; self.offset = offset
        self.headerStyle = headerStyle; self.style = style; self.highlightStyle = highlightStyle
        self.columnSpacing = columnSpacing; self.focused = focused
    }

    /// Data rows visible in an area of this height (the header takes one).
    public func visibleOffset(height: Int) -> Int {
        Scrolling.offset(selected: selected, offset: offset, visibleRows: height - 1, count: rows.count)
    }

    /// Column rects for an area, spacing taken from the right of every column but the last.
    public func columnRects(in area: Rect) -> [Rect] {
        area.split(.horizontal, columns.map(\.width)).enumerated().map { i, r in
            i == columns.count - 1 ? r : Rect(x: r.x, y: r.y, width: r.width - columnSpacing, height: r.height)
        }
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty, !columns.isEmpty else { return }
        let rects = columnRects(in: area.row(0))
        func drawRow(_ cells: [String], y: Int, style: Style) {
            for (i, r) in rects.enumerated() where r.width > 0 {
                let text = i < cells.count ? cells[i] : ""
                buffer.setString(text.fitted(toWidth: r.width, alignment: columns[i].alignment),
                                 x: r.x, y: y, maxWidth: r.width, style: style)
            }
        }
        drawRow(columns.map(\.title), y: area.y, style: headerStyle)
        let first = visibleOffset(height: area.height)
        for line in 1..<max(1, area.height) {
            let index = first + line - 1
            guard index < rows.count else { break }
            let y = area.y + line
            let isSelected = index == selected
            if focused, let selected { buffer.rowTargets.append(RowTarget(rect: area.row(line), index: index, selected: selected)) }
            if isSelected {
                buffer.fill(area.row(line), style: highlightStyle)
                if focused { buffer.cursor = Position(x: area.x, y: y) }
            }
            drawRow(rows[index], y: y, style: isSelected ? highlightStyle : style)
        }
    }
}
