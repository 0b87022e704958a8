import DienHinhCore
import Foundation
import TerminalKit

/// The search overlay: every keystroke edits the query and asks for results; Enter opens, Esc closes.
enum SearchScreen {
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var s = state.search else { return [] }
        let before = s.field.value
        switch key {
        case .escape:
            state.search = nil
            return []
        case .enter:
            guard s.hits.indices.contains(s.selected) else { return [] }
            let hit = s.hits[s.selected]
            state.search = nil
            switch hit {
            case .candidate(let id, _, _, _, _): return App.openProfile(&state, id: id)
            case .unit(let unit): return App.openCandidates(&state, unit: unit)
            }
        case .up, .down, .pageUp, .pageDown:
            if let i = ListMove.apply(key, selected: s.selected, count: s.hits.count, page: App.page(state)) { s.selected = i }
        default:
            _ = s.field.handle(key)
        }
        let query = s.field.value
        state.search = s
        guard query != before else { return [] }
        state.search?.selected = 0
        if TextFolding.fold(query).isEmpty {
            state.search?.hits = []
            state.search?.total = 0
            state.search?.answered = query
            return []
        }
        return [.search(query: query)]
    }
}
