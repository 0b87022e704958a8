import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// A long list's filter-as-you-type (`/` on the unit tree and a unit's candidates): the folded query narrows the
/// rows to the names holding every word of it, diacritics and case aside (Core's `TextFolding`).
public struct ListFilter: Equatable, Sendable {
    public var field = TextField()
    /// Typing goes into the field; after Enter the list is navigated with the filter kept.
    public var editing = true

    public var isEmpty: Bool { TextFolding.fold(field.value).isEmpty }

    func matches(_ name: String) -> Bool { TextFolding.matches(query: field.value, in: TextFolding.fold(name)) }
}

/// Keys of a list's filter. `handle` answers nil for a key that is not the filter's.
enum ListFilters {
    static func filter(_ screen: Screen) -> ListFilter? {
        switch screen {
        case .units(let u): u.filter
        case .candidates(let c): c.filter
        default: nil
        }
    }

    /// Sets the current list's filter and puts the cursor on the first row (nil removes the filter).
    static func set(_ state: inout AppState, _ filter: ListFilter?, keepSelection: Bool = false) {
        switch state.screen {
        case .units(var u):
            let code = u.rows.indices.contains(u.selected) ? u.rows[u.selected].node.unit.code : nil
            u.filter = filter.flatMap { $0.isEmpty && !$0.editing ? nil : $0 }
            let rows = u.rows
            u.selected = keepSelection ? (code.flatMap { c in rows.firstIndex { $0.node.unit.code == c } } ?? 0) : 0
            state.screen = .units(u)
        case .candidates(var c):
            let id = c.visible.indices.contains(c.selected) ? c.visible[c.selected].candidate.id : nil
            c.filter = filter.flatMap { $0.isEmpty && !$0.editing ? nil : $0 }
            let visible = c.visible
            c.selected = keepSelection ? (id.flatMap { i in visible.firstIndex { $0.candidate.id == i } } ?? 0) : 0
            state.screen = .candidates(c)
        default:
            break
        }
    }

    /// `/` on a list: open its filter (again, to refine a kept one). False when the screen has no list to filter.
    static func begin(_ state: inout AppState) -> Bool {
        switch state.screen {
        case .units(let u) where u.loaded:
            var f = u.filter ?? ListFilter()
            f.editing = true
            set(&state, f, keepSelection: true)
            return true
        case .candidates(let c) where c.loaded:
            var f = c.filter ?? ListFilter()
            f.editing = true
            set(&state, f, keepSelection: true)
            return true
        default:
            return false
        }
    }

    static func handle(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard var f = filter(state.screen) else { return nil }
        if !f.editing {
            switch key {
            case .escape:
                // The first Esc clears the kept filter; the next goes back.
                set(&state, nil, keepSelection: true)
                state.message = nil
                return []
            case .char("n"), .char("N"):
                step(&state, forward: key == .char("n"))
                return []
            default:
                return nil
            }
        }
        switch key {
        case .escape:
            set(&state, nil, keepSelection: true)
        case .enter:
            f.editing = false
            set(&state, f, keepSelection: true)
        case .up, .down, .pageUp, .pageDown:
            // Moving while typing: the arrows reach the rows, the letters stay in the field.
            return move(&state, key)
        default:
            let before = f.field.value
            f.field.handle(key)
            if f.field.value != before { set(&state, f) }
        }
        return []
    }

    static func move(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch state.screen {
        case .units: return BrowseScreens.units(&state, key)
        case .candidates: return BrowseScreens.candidates(&state, key)
        default: return []
        }
    }

    /// `n`/`N` with a kept filter: the next or previous matching row, wrapping round with a word in the status line.
    static func step(_ state: inout AppState, forward: Bool) {
        let count: Int, selected: Int
        switch state.screen {
        case .units(let u): count = u.rows.count; selected = u.selected
        case .candidates(let c): count = c.visible.count; selected = c.selected
        default: return
        }
        guard count > 0 else { state.message = state.strings("filter.no_match"); return }
        let (next, message) = Hits.step(from: selected, count: count, forward: forward, strings: state.strings)
        switch state.screen {
        case .units(var u): u.selected = next; state.screen = .units(u)
        case .candidates(var c): c.selected = next; state.screen = .candidates(c)
        default: break
        }
        state.message = message
    }

    /// The filter's line: the query (with the cursor while typing) and how many rows of how many match.
    static func draw(_ state: AppState, _ f: ListFilter, shown: Int, total: Int, x: Int, y: Int, width: Int, _ buffer: inout Buffer) {
        let s = state.strings
        let label = s("filter.prompt") + " "
        let count = " " + s("filter.count", shown, total)
        buffer.setString(label, x: x, y: y, maxWidth: width, style: Style(bold: true))
        let lw = displayWidth(of: label), cw = displayWidth(of: count)
        var field = f.field
        field.focused = f.editing
        field.placeholder = s("filter.placeholder")
        let fieldWidth = max(1, min(width - lw - cw, max(12, displayWidth(of: f.field.value) + 1)))
        let cursor = buffer.cursor
        buffer.render(field, in: Rect(x: x + lw, y: y, width: fieldWidth, height: 1))
        if !f.editing { buffer.cursor = cursor }
        buffer.setString(count, x: x + lw + fieldWidth, y: y, maxWidth: max(0, width - lw - fieldWidth), style: Theme.dim)
    }
}

/// Stepping through hits with `n`/`N`: one past either end wraps round and says so.
enum Hits {
    static func step(from selected: Int, count: Int, forward: Bool, strings s: Strings) -> (index: Int, message: String) {
        let next = selected + (forward ? 1 : -1)
        if next >= count { return (0, s("hits.wrapped_top")) }
        if next < 0 { return (count - 1, s("hits.wrapped_bottom")) }
        return (next, s("hits.position", next + 1, count))
    }
}
