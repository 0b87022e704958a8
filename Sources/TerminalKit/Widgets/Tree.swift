/// One visible row of a tree, already flattened: the app decides what is expanded.
public struct TreeRow: Hashable, Sendable {
    public var id: String
    public var title: String
    public var depth: Int
    public var hasChildren: Bool
    public var isExpanded: Bool
    public init(id: String, title: String, depth: Int, hasChildren: Bool = false, isExpanded: Bool = false) {
        self.id = id; self.title = title; self.depth = depth
        self.hasChildren = hasChildren; self.isExpanded = isExpanded
    }
}

/// A nested node (e.g. procuracy units by level), flattened into rows for `Tree`.
public struct TreeNode: Hashable, Sendable {
    public var id: String
    public var title: String
    public var children: [TreeNode]
    public init(id: String, title: String, children: [TreeNode] = []) {
        self.id = id; self.title = title; self.children = children
    }

    /// Rows in display order, descending only into nodes whose id is in `expanded`.
    public static func flatten(_ nodes: [TreeNode], expanded: Set<String>, depth: Int = 0) -> [TreeRow] {
        nodes.flatMap { node -> [TreeRow] in
            let open = expanded.contains(node.id) && !node.children.isEmpty
            let row = TreeRow(id: node.id, title: node.title, depth: depth,
                              hasChildren: !node.children.isEmpty, isExpanded: open)
            return [row] + (open ? flatten(node.children, expanded: expanded, depth: depth + 1) : [])
        }
    }
}

/// An indented list with ▸ (collapsed) and ▾ (expanded) markers and a selected row.
public struct Tree: Widget, Hashable, Sendable {
    public var rows: [TreeRow]
    public var selected: Int?
    public var offset: Int
    public var style: Style
    public var highlightStyle: Style
    /// Columns of indentation per level.
    public var indent: Int
    /// When true the terminal cursor goes to the selected row, for screen readers.
    public var focused: Bool

    public init(rows: [TreeRow], selected: Int? = nil, offset: Int = 0, style: Style = .plain,
                highlightStyle: Style = .highlight, indent: Int = 2, focused: Bool = true) {
        self.rows = rows; self.selected = selected; self.offset = offset; self.style = style
        self.highlightStyle = highlightStyle; self.indent = indent; self.focused = focused
    }

    public func visibleOffset(rows visible: Int) -> Int {
        Scrolling.offset(selected: selected, offset: offset, visibleRows: visible, count: rows.count)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let first = visibleOffset(rows: area.height)
        for line in 0..<area.height {
            let index = first + line
            guard index < rows.count else { break }
            let row = rows[index], y = area.y + line
            let isSelected = index == selected
            let rowStyle = isSelected ? highlightStyle : style
            if focused, let selected { buffer.rowTargets.append(RowTarget(rect: area.row(line), index: index, selected: selected)) }
            if isSelected {
                buffer.fill(area.row(line), style: rowStyle)
                if focused { buffer.cursor = Position(x: area.x + min(area.width - 1, row.depth * indent), y: y) }
            }
            let marker = row.hasChildren ? (row.isExpanded ? "▾ " : "▸ ") : "  "
            let text = String(repeating: " ", count: row.depth * indent) + marker + row.title
            buffer.setString(text.truncated(toWidth: area.width), x: area.x, y: y, maxWidth: area.width, style: rowStyle)
        }
    }
}
