import Foundation
import TerminalKit

/// The help overlay: every key of the current screen, over the content.
enum HelpView {
    static func draw(_ state: AppState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let keys = App.keys(state)
        var seen = Set<String>()
        let lines = keys.filter { seen.insert($0.key).inserted }.map { k in
            k.key.padded(toWidth: 12) + " " + s(k.label)
        }
        let widest = (lines.map { displayWidth(of: $0) }.max() ?? 0)
        // Too many keys for one column on a small screen: two columns, so none is cut off.
        let columns = lines.count + 4 > area.height && 2 * widest + 7 <= area.width - 4 ? 2 : 1
        let perColumn = (lines.count + columns - 1) / columns
        let width = min(area.width - 4, max(40, columns * (widest + 2) + 2))
        let height = min(area.height, perColumn + 4)
        let box = area.centered(width: width, height: height)
        buffer.render(Clear(), in: box)
        let block = Block(title: " " + s("help.title") + " ", borderStyle: Theme.focusBorder, titleStyle: Theme.focusBorder)
        buffer.render(block, in: box)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        let columnWidth = columns == 1 ? inner.width : widest + 2
        for (i, line) in lines.enumerated() {
            let col = i / max(1, perColumn), row = i % max(1, perColumn)
            guard row < inner.height - 1 else { continue }
            buffer.setString(line, x: inner.x + col * columnWidth, y: inner.y + row, maxWidth: min(columnWidth, inner.right - inner.x - col * columnWidth))
        }
        buffer.setString(s("help.close"), x: inner.x, y: inner.bottom - 1, maxWidth: inner.width, style: Theme.dim)
        buffer.cursor = Position(x: inner.x, y: inner.y)
    }
}
