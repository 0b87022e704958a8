import DienHinhCore
import Foundation
import TerminalKit

/// Keys of the three browse screens: levels, the unit tree, the unit's candidates.
enum BrowseScreens {
    static func levels(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .levels(var s) = state.screen else { return [] }
        let levels = BrowseView.levels(of: state, s)
        // The ceased units, when they still hold people, are the last entry.
        let count = levels.count + (s.ceased > 0 ? 1 : 0)
        if ListMove.move(key, &s.selected, count: count, page: count) { state.screen = .levels(s); return [] }
        switch key {
        case .enter, .right, .char("l"), .char("1"), .char("2"), .char("3"), .char("4"):
            if case .char(let c) = key, let n = c.wholeNumberValue {
                guard n <= count else { return [] }
                s.selected = n - 1; state.screen = .levels(s)
            }
            if s.ceased > 0, s.selected == levels.count {
                state.stack.append(.units(UnitsState(level: .high, ceased: true)))
                return [.loadCeasedUnits(year: state.year)]
            }
            guard levels.indices.contains(s.selected) else { return [] }
            let level = levels[s.selected]
            state.stack.append(.units(UnitsState(level: level)))
            return [.loadUnits(level, year: state.year)]
        default:
            return []
        }
    }

    static func units(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .units(var s) = state.screen else { return [] }
        let rows = s.rows
        if ListMove.move(key, &s.selected, count: rows.count, page: App.page(state)) { state.screen = .units(s); return [] }
        guard rows.indices.contains(s.selected) else { return [] }
        let node = rows[s.selected].node
        let code = node.unit.code
        switch key {
        case .right, .char("l"), .char(" "):
            if !node.children.isEmpty {
                if key == .char(" "), s.expanded.contains(code) { s.expanded.remove(code) } else { s.expanded.insert(code) }
            }
        case .left:
            if s.expanded.contains(code) {
                s.expanded.remove(code)
            } else if rows[s.selected].depth > 0 {
                // Jump to the parent row.
                let depth = rows[s.selected].depth
                if let p = rows[..<s.selected].lastIndex(where: { $0.depth < depth }) { s.selected = p }
            }
        case .enter:
            if s.isGroup(node) {
                if s.expanded.contains(code) { s.expanded.remove(code) } else { s.expanded.insert(code) }
            } else {
                state.screen = .units(s)
                return App.openCandidates(&state, unit: node.unit)
            }
        default:
            return []
        }
        state.screen = .units(s)
        return []
    }

    static func candidates(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .candidates(var s) = state.screen else { return [] }
        let visible = s.visible
        if ListMove.move(key, &s.selected, count: visible.count, page: App.page(state)) { state.screen = .candidates(s); return [] }
        let keepId = visible.indices.contains(s.selected) ? visible[s.selected].candidate.id : nil
        switch key {
        case .enter, .right, .char("l"):
            guard let id = keepId else { return [] }
            return App.openProfile(&state, id: id)
        case .char("s"):
            s.sort = s.sort.next
        case .char("f"):
            s.kindFilter = switch s.kindFilter {
            case nil: .collective
            case .collective: .individual
            case .individual: nil
            }
        case .char("e"):
            s.eligibleOnly.toggle()
        default:
            return []
        }
        // Keep the same candidate selected when the order or filter changes.
        let now = s.visible
        s.selected = keepId.flatMap { id in now.firstIndex { $0.candidate.id == id } } ?? 0
        state.screen = .candidates(s)
        return []
    }
}
