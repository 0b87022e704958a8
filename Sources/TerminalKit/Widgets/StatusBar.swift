/// A key and what it does, e.g. ("Enter", "mở").
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String
    public init(_ key: String, _ label: String) { self.key = key; self.label = label }
}

/// The bottom line: key hints ("↑↓ chọn  Enter mở  q thoát") and a message on the right.
public struct StatusBar: Widget, Hashable, Sendable {
    public var hints: [KeyHint]
    /// Right-aligned text (last action, current unit); truncated to the room the hints leave.
    public var message: String
    public var style: Style
    public var keyStyle: Style

    public init(hints: [KeyHint], message: String = "", style: Style = .plain, keyStyle: Style = .boldText) {
        self.hints = hints; self.message = message; self.style = style; self.keyStyle = keyStyle
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, style: style)
        var x = row.x
        for (i, hint) in hints.enumerated() {
            let gap = i == 0 ? 0 : 2
            let need = gap + hint.key.displayWidth + 1 + hint.label.displayWidth
            // A hint is shown whole or not at all: half a hint misleads.
            guard x + need <= row.right else { break }
            x += gap
            x += buffer.setString(hint.key, x: x, y: row.y, style: style.patched(with: keyStyle))
            x += buffer.setString(" " + hint.label, x: x, y: row.y, style: style)
        }
        let room = row.right - x - 2
        guard !message.isEmpty, room > 0 else { return }
        let shown = message.truncated(toWidth: room)
        buffer.setString(shown, x: row.right - shown.displayWidth, y: row.y, style: style)
    }
}
