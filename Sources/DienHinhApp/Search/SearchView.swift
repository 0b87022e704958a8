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
            status = search.hits.isEmpty && !search.near.isEmpty ? s("search.none_near", search.near.count)
                : (search.hits.count < search.total ? s("search.count_more", search.total, search.hits.count) : s("search.count", search.total))
                + (search.hits.isEmpty || search.near.isEmpty ? "" : "; " + s("search.near", search.near.count))
        }
        buffer.setString(status.truncated(toWidth: inner.width), x: inner.x, y: inner.y + 1, style: Theme.dim)
        let rows = search.rows
        guard !rows.isEmpty else { buffer.cursor = cursor; return }
        // The unit list's mark (✓ eligible, ✗ not, · not judged), then ≈ on a near match.
        let items = rows.enumerated().map { i, hit -> String in
            let near = i >= search.hits.count ? "≈ " : ""
            switch hit {
            case let .candidate(id, kind, name, position, unitName):
                return "\(mark(search, id)) \(near)\(s("kind.\(kind.rawValue)").padded(toWidth: 9)) \(name)"
                    + (position.map { " — \($0)" } ?? "") + " · \(unitName)"
            case .unit(let u):
                return "  \(near)\(s("search.unit").padded(toWidth: 9)) \(u.name)"
            }
        }
        let list = ListView(items: items, selected: search.selected, highlightSymbol: "", focused: false, answersClicks: true)
        let listArea = listArea(inner)
        buffer.render(list, in: listArea)
        // Coloured as in the unit's list; the mark carries it without colour too.
        let first = list.visibleOffset(rows: listArea.height)
        for line in 0..<listArea.height {
            let i = first + line
            guard i < rows.count, i != search.selected, case let .candidate(id, _, _, _, _) = rows[i],
                  let eligible = search.eligible?[id] else { continue }
            buffer.patchStyle(eligible ? Theme.eligible : Theme.notEligible, in: Rect(x: listArea.x, y: listArea.y + line, width: 1, height: 1))
        }
        // The real cursor stays in the query field, where typing goes.
        buffer.cursor = cursor
    }

    /// Where the results go inside the overlay: under the query and its status line.
    static func listArea(_ inner: Rect) -> Rect { Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 3) }

    static func mark(_ search: SearchState, _ id: String) -> String {
        guard let eligible = search.eligible?[id] else { return "·" }
        return eligible ? "✓" : "✗"
    }
}
