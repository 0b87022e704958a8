/// A one-line editor. The cursor counts graphemes, so editing inside "Nguyễn" (NFC or NFD)
/// never splits a letter from its tone mark.
public struct TextField: Widget, Hashable, Sendable {
    public private(set) var value: String
    /// Grapheme index, 0...value.count.
    public private(set) var cursor: Int
    /// Shown dimmed while the value is empty.
    public var placeholder: String
    public var style: Style
    public var placeholderStyle: Style
    /// When true the terminal cursor is placed in the field.
    public var focused: Bool

    public init(value: String = "", cursor: Int? = nil, placeholder: String = "", style: Style = .plain,
                placeholderStyle: Style = .dimText, focused: Bool = true) {
        let clean = TextField.singleLine(value)
        self.value = clean
        self.cursor = min(max(0, cursor ?? clean.count), clean.count)
        self.placeholder = placeholder; self.style = style
        self.placeholderStyle = placeholderStyle; self.focused = focused
    }

    /// Control characters (pasted newlines, escapes) never enter a one-line value.
    private static func singleLine(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !needsSanitizing($0.value) }))
    }

    private func index(_ n: Int) -> String.Index { value.index(value.startIndex, offsetBy: n) }

    /// Inserts at the cursor; a combining mark typed after "e" joins it ("ê") and the cursor stays after it.
    public mutating func insert(_ text: String) {
        let clean = TextField.singleLine(text)
        guard !clean.isEmpty else { return }
        let head = String(value[..<index(cursor)]) + clean
        let tail = value[index(cursor)...]
        value = head + tail
        cursor = min(head.count, value.count)
    }

    /// Deletes the grapheme before the cursor.
    public mutating func backspace() {
        guard cursor > 0 else { return }
        value.remove(at: index(cursor - 1))
        cursor -= 1
    }

    /// Deletes the grapheme under the cursor.
    public mutating func delete() {
        guard cursor < value.count else { return }
        value.remove(at: index(cursor))
    }

    /// One grapheme left: a whole "ễ", however many scalars it has.
    public mutating func left() { cursor = max(0, cursor - 1) }
    /// One grapheme right.
    public mutating func right() { cursor = min(value.count, cursor + 1) }
    /// To the start of the value.
    public mutating func home() { cursor = 0 }
    /// To the end of the value, where typing usually continues.
    public mutating func end() { cursor = value.count }

    /// Moves to the start of the previous word (spaces separate words).
    public mutating func wordLeft() {
        let chars = Array(value)
        var i = cursor
        while i > 0 && chars[i - 1].isWhitespace { i -= 1 }
        while i > 0 && !chars[i - 1].isWhitespace { i -= 1 }
        cursor = i
    }

    /// Moves past the end of the next word.
    public mutating func wordRight() {
        let chars = Array(value)
        var i = cursor
        while i < chars.count && chars[i].isWhitespace { i += 1 }
        while i < chars.count && !chars[i].isWhitespace { i += 1 }
        cursor = i
    }

    /// Deletes back to the start of the word (Ctrl-W).
    public mutating func deleteWordBackward() {
        let end = cursor
        wordLeft()
        value.removeSubrange(index(cursor)..<index(end))
    }

    /// Empties the field.
    public mutating func clear() { value = ""; cursor = 0 }

    /// Applies an editing key; returns false for keys the field does not use (Enter, Esc, Tab…).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .backspace, .ctrl("h"): backspace()
        case .delete, .ctrl("d"): delete()
        case .left, .ctrl("b"): left()
        case .right, .ctrl("f"): right()
        case .home, .ctrl("a"): home()
        case .end, .ctrl("e"): end()
        case .ctrl("w"): deleteWordBackward()
        case .ctrl("u"): value.removeSubrange(value.startIndex..<index(cursor)); cursor = 0
        case .ctrl("k"): value.removeSubrange(index(cursor)...)
        default: return false
        }
        return true
    }

    /// The first visible grapheme so that the cursor fits in `width` columns (horizontal scroll).
    public func scrollStart(width: Int) -> Int {
        let chars = Array(value)
        var start = 0
        var w = chars[0..<cursor].reduce(0) { $0 + $1.displayWidth }
        while start < cursor && w + 1 > width {
            w -= chars[start].displayWidth
            start += 1
        }
        return start
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, style: style)
        if value.isEmpty {
            buffer.setString(placeholder, x: row.x, y: row.y, maxWidth: row.width, style: placeholderStyle)
            if focused { buffer.cursor = Position(x: row.x, y: row.y) }
            return
        }
        let start = scrollStart(width: row.width)
        let visible = String(value.dropFirst(start))
        buffer.setString(visible, x: row.x, y: row.y, maxWidth: row.width, style: style)
        if focused {
            let before = value.dropFirst(start).prefix(cursor - start)
            let x = row.x + String(before).displayWidth
            buffer.cursor = Position(x: min(x, row.right - 1), y: row.y)
        }
    }
}
