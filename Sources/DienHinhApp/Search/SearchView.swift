import DienHinhCore
import Foundation
import TerminalKit

/// The search overlay: the query line, then people and units that match it.
enum SearchView {
    static func draw(_ state: AppState, _ search: SearchState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let inner = area.inset(horizontal: 1, vertical: 0)
        let label = s("search.prompt")
        let lw = displayWidth(of: label)
        buffer.setString(label, x: inner.x, y: inner.y, style: Style(bold: true))
        var field = search.field
        field.placeholder = s("search.placeholder")
        field.focused = true
        buffer.render(field, in: Rect(x: inner.x + lw + 1, y: inner.y, width: inner.width - lw - 1, height: 1))
        let cursor = buffer.cursor
        let query = search.field.value
        let status: String
        if TextFolding.fold(query).isEmpty {
            status = s("search.hint")
        } else if search.answered != query {
            status = s("search.searching")
        } else {
            status = search.hits.count < search.total ? s("search.count_more", search.total, search.hits.count) : s("search.count", search.total)
        }
        buffer.setString(status.truncated(toWidth: inner.width), x: inner.x, y: inner.y + 1, style: Theme.dim)
        guard !search.hits.isEmpty else { buffer.cursor = cursor; return }
        let items = search.hits.map { hit -> String in
            switch hit {
            case let .candidate(_, kind, name, position, unitName):
                return "\(s("kind.\(kind.rawValue)").padded(toWidth: 9)) \(name)" + (position.map { " — \($0)" } ?? "") + " · \(unitName)"
            case .unit(let u):
                return "\(s("search.unit").padded(toWidth: 9)) \(u.name)"
            }
        }
        buffer.render(ListView(items: items, selected: search.selected, highlightSymbol: "", focused: false),
                      in: Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 3))
        // The real cursor stays in the query field, where typing goes.
        buffer.cursor = cursor
    }
}
