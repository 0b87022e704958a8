// Frames and plain text: the pieces other widgets are drawn inside.

/// A box-drawn border (─│┌┐└┘) with an optional title, the frame of panels and dialogs.
public struct Block: Widget, Hashable, Sendable {
    public var title: String?
    public var borderStyle: Style
    public var titleStyle: Style

    public init(title: String? = nil, borderStyle: Style = .plain, titleStyle: Style = .boldText) {
        self.title = title; self.borderStyle = borderStyle; self.titleStyle = titleStyle
    }

    /// The area inside the border, where content goes.
    public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard area.width >= 2, area.height >= 2 else { return }
        let horizontal = String(repeating: "─", count: area.width - 2)
        buffer.setString("┌" + horizontal + "┐", x: area.x, y: area.y, style: borderStyle)
        buffer.setString("└" + horizontal + "┘", x: area.x, y: area.bottom - 1, style: borderStyle)
        for y in (area.y + 1)..<(area.bottom - 1) {
            buffer.setString("│", x: area.x, y: y, style: borderStyle)
            buffer.setString("│", x: area.right - 1, y: y, style: borderStyle)
        }
        // The title sits in the top border as "┌ Title ───┐".
        if let title, !title.isEmpty, area.width >= 5 {
            let text = " " + title.truncated(toWidth: area.width - 4) + " "
            buffer.setString(text, x: area.x + 1, y: area.y, maxWidth: area.width - 2, style: titleStyle)
        }
    }
}

/// Blanks its area, so a popup hides what was drawn beneath it.
public struct Clear: Widget, Hashable, Sendable {
    public var style: Style
    public init(style: Style = .plain) { self.style = style }
    public func render(in area: Rect, buffer: inout Buffer) {
        buffer.fill(area, style: style)
        buffer.clearRowTargets(in: area)
    }
}

/// Text that word-wraps inside its area, for help pages and long Vietnamese explanations.
public struct Paragraph: Widget, Hashable, Sendable {
    public var text: String
    public var style: Style
    public var alignment: Alignment
    /// Wrapped lines skipped at the top, for scrolling.
    public var scroll: Int

    public init(_ text: String, style: Style = .plain, alignment: Alignment = .left, scroll: Int = 0) {
        self.text = text; self.style = style; self.alignment = alignment; self.scroll = scroll
    }

    /// How many rows the text needs at this width, so callers can size boxes and scroll.
    public func lineCount(width: Int) -> Int { text.wrapped(toWidth: width).count }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let lines = text.wrapped(toWidth: area.width).dropFirst(max(0, scroll)).prefix(area.height)
        for (i, line) in lines.enumerated() {
            let shown = alignment == .left ? line : line.padded(toWidth: area.width, alignment: alignment)
            buffer.setString(shown, x: area.x, y: area.y + i, maxWidth: area.width, style: style)
        }
    }
}

/// Keeps a selected row in view; lists, tables and trees share it.
public enum Scrolling {
    /// The first visible row: `offset` moved as little as needed to show `selected`.
    public static func offset(selected: Int?, offset: Int, visibleRows: Int, count: Int) -> Int {
        guard visibleRows > 0, count > 0 else { return 0 }
        var o = min(max(0, offset), max(0, count - visibleRows))
        if let s = selected {
            if s < o { o = max(0, s) } else if s >= o + visibleRows { o = s - visibleRows + 1 }
        }
        return o
    }
}

/// Shown instead of the layout when the terminal is smaller than the app needs.
public struct TooSmallNotice: Widget, Hashable, Sendable {
    public var current: Size
    public var required: Size
    /// The message, e.g. from the app's resource strings; `\(current)` style sizes appended by default.
    public var message: String
    public var style: Style

    public init(current: Size, required: Size = .minimumApp, message: String? = nil, style: Style = .boldText) {
        self.current = current; self.required = required; self.style = style
        self.message = message ?? "Cửa sổ quá nhỏ (\(current)). Cần ít nhất \(required). Hãy phóng to cửa sổ; q để thoát."
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let lines = message.wrapped(toWidth: area.width).prefix(area.height)
        let top = area.y + (area.height - lines.count) / 2
        for (i, line) in lines.enumerated() {
            let x = area.x + (area.width - line.displayWidth) / 2
            buffer.setString(line, x: x, y: top + i, maxWidth: area.right - x, style: style)
        }
    }
}
