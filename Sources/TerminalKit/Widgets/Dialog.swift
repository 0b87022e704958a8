/// A centred, bordered popup with a message and buttons, drawn over whatever is beneath.
public struct Dialog: Widget, Hashable, Sendable {
    public var title: String
    public var message: String
    public var buttons: [String]
    public var selectedButton: Int
    /// Preferred outer width; clipped to the area.
    public var width: Int
    public var style: Style
    public var borderStyle: Style
    public var buttonHighlight: Style

    public init(title: String, message: String, buttons: [String] = [], selectedButton: Int = 0, width: Int = 50,
                style: Style = .plain, borderStyle: Style = .plain, buttonHighlight: Style = .highlight) {
        self.title = title; self.message = message; self.buttons = buttons
        self.selectedButton = selectedButton; self.width = width; self.style = style
        self.borderStyle = borderStyle; self.buttonHighlight = buttonHighlight
    }

    /// Where the box goes in `area`: tall enough for the wrapped message and the buttons.
    public func frame(in area: Rect) -> Rect {
        let w = min(width, area.width)
        let lines = message.wrapped(toWidth: max(1, w - 4)).count
        let h = 2 + lines + (buttons.isEmpty ? 0 : 2)
        return area.centered(width: w, height: h)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box, style: style)
        let block = Block(title: title, borderStyle: borderStyle)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        let buttonRows = buttons.isEmpty ? 0 : 2
        let text = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - buttonRows))
        Paragraph(message, style: style).render(in: text, buffer: &buffer)
        guard !buttons.isEmpty, inner.height >= 1 else { return }
        let labels = buttons.map { "[ \($0) ]" }
        let total = labels.reduce(0) { $0 + $1.displayWidth } + 2 * (labels.count - 1)
        var x = inner.x + max(0, (inner.width - total) / 2)
        let y = inner.bottom - 1
        for (i, label) in labels.enumerated() {
            let used = buffer.setString(label, x: x, y: y, maxWidth: inner.right - x,
                                        style: i == selectedButton ? buttonHighlight : style)
            if i == selectedButton { buffer.cursor = Position(x: x, y: y) }
            x += used + 2
            if x >= inner.right { break }
        }
    }
}
