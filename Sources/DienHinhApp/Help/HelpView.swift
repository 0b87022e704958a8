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
        let width = min(area.width - 4, max(40, (lines.map { displayWidth(of: $0) }.max() ?? 0) + 4))
        let height = min(area.height, lines.count + 4)
        let box = area.centered(width: width, height: height)
        buffer.render(Clear(), in: box)
        let block = Block(title: " " + s("help.title") + " ", borderStyle: Theme.focusBorder, titleStyle: Theme.focusBorder)
        buffer.render(block, in: box)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        for (i, line) in lines.prefix(inner.height - 1).enumerated() {
            buffer.setString(line, x: inner.x, y: inner.y + i, maxWidth: inner.width)
        }
        buffer.setString(s("help.close"), x: inner.x, y: inner.bottom - 1, maxWidth: inner.width, style: Theme.dim)
        buffer.cursor = Position(x: inner.x, y: inner.y)
    }
}
