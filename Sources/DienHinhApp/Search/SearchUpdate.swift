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
            let rows = s.rows
            guard rows.indices.contains(s.selected) else { return [] }
            state.search = nil
            state.trail = SearchTrail(hits: rows, index: s.selected)
            return open(&state, rows[s.selected])
        case .up, .down, .pageUp, .pageDown:
            if let i = ListMove.apply(key, selected: s.selected, count: s.rows.count, page: App.page(state)) { s.selected = i }
        default:
            _ = s.field.handle(key)
        }
        let query = s.field.value
        state.search = s
        guard query != before else { return [] }
        state.search?.selected = 0
        if TextFolding.fold(query).isEmpty {
            state.search?.hits = []
            state.search?.near = []
            state.search?.total = 0
            state.search?.answered = query
            return []
        }
        return [.search(query: query, year: state.year)]
    }

    static func open(_ state: inout AppState, _ hit: SearchHit) -> [Effect] {
        switch hit {
        case .candidate(let id, _, _, _, _): return App.openProfile(&state, id: id)
        case .unit(let unit): return App.openCandidates(&state, unit: unit)
        }
    }

    /// The people among the trail's hits (a unit's list keeps `n` for a new candidate, so `n`/`N` go person to person).
    static func people(_ t: SearchTrail) -> [Int] {
        t.hits.indices.filter { if case .candidate = t.hits[$0] { true } else { false } }
    }

    /// Whether the screen on top is the profile the trail's open hit opened.
    static func onTrail(_ state: AppState) -> Bool {
        guard let t = state.trail, t.hits.indices.contains(t.index),
              case let .candidate(id, _, _, _, _) = t.hits[t.index], case let .profile(p) = state.screen else { return false }
        return p.id == id
    }

    /// `n`/`N` on a profile opened from a search: the next or previous person of the results replaces it, wrapping
    /// round with a word.
    static func step(_ state: inout AppState, _ key: Key) -> [Effect]? {
        // On a profile `N` nominates (issue 19): the search's hits are stepped forward with `n`, wrapping round.
        guard key == .char("n"), onTrail(state), var t = state.trail else { return nil }
        let people = people(t)
        guard let at = people.firstIndex(of: t.index) else { return nil }
        let (next, message) = Hits.step(from: at, count: people.count, forward: key == .char("n"), strings: state.strings)
        t.index = people[next]
        state.trail = t
        state.stack.removeLast()
        let effects = open(&state, t.hits[t.index])
        state.message = message
        return effects
    }
}