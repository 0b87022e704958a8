import DienHinhCore
import Foundation
import TerminalKit

/// The application's pure transition: a message changes the state and asks for effects.
public enum App {
    /// What to load when the application starts.
    public static func start(_ state: AppState) -> [Effect] { VotingScreens.startEffects(state) ?? [.loadLevels(year: state.year)] }

    public static func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .key(let key):
            return handleKey(&state, key)
        case .resized(let size):
            state.size = size
            return []
        case let .levelsLoaded(rows, ceased, ceasedUnits, noPlan):
            for i in state.stack.indices {
                if case .levels(var s) = state.stack[i] {
                    s.rows = rows
                    s.ceased = ceased
                    s.ceasedUnits = ceasedUnits
                    s.noPlan = noPlan
                    s.selected = min(s.selected, max(0, rows.count - (ceased > 0 ? 0 : 1)))
                    state.stack[i] = .levels(s)
                }
            }
            return []
        case let .unitsLoaded(level, roots):
            if case .units(var s) = state.screen, s.level == level, !s.ceased {
                if s.loaded { s.expanded = [] }
                s.roots = roots
                s.loaded = true
                // The SPP opens on its affiliated units; other levels start folded.
                if level == .supreme { s.expanded = Set(roots.map(\.unit.code)) }
                state.screen = .units(s)
            }
            return []
        case .ceasedUnitsLoaded(let roots):
            if case .units(var s) = state.screen, s.ceased {
                s.roots = roots
                s.selected = min(s.selected, max(0, roots.count - 1))
                s.loaded = true
                state.screen = .units(s)
            }
            return []
        case let .candidatesLoaded(code, year, rows):
            if case .candidates(var s) = state.screen, s.unit.code == code, year == state.year {
                let keep = s.visible.indices.contains(s.selected) ? s.visible[s.selected].candidate.id : nil
                s.rows = rows
                s.loaded = true
                s.selected = keep.flatMap { id in s.visible.firstIndex { $0.candidate.id == id } } ?? 0
                state.screen = .candidates(s)
            }
            return []
        case .profileLoaded(let data):
            if case .profile(var s) = state.screen, s.id == data.candidate.id {
                s.data = data
                s.record = min(s.record, max(0, data.records.count - 1))
                state.screen = .profile(s)
            }
            return []
        case let .searchResults(query, hits, total, near, eligible):
            guard var s = state.search, query == s.field.value else { return [] }
            s.hits = hits
            s.near = near
            s.eligible = eligible
            s.total = total
            s.answered = query
            s.selected = min(s.selected, max(0, s.rows.count - 1))
            state.search = s
            return []
        case .failed(let text):
            state.message = text
            return []
        case .tick: return VotingScreens.tick(&state)
        case .voting(let m): return VotingScreens.receive(&state, m)
        case .forms(let m):
            return FormsScreens.answer(&state, m)
        case .nominations(let m): return NominationScreens.receive(&state, m)
        case .secretariat(let m): return SecretariatScreens.receive(&state, m)
        case .planLog(let m): return PlanLogScreen.receive(&state, m)
        case .dashboardLoaded(let figures):
            for i in state.stack.indices {
                if case .dashboard(var d) = state.stack[i], figures.year == state.year { d.figures = figures; state.stack[i] = .dashboard(d) }
            }
            return []
        case .reviewExported(let folder):
            state.message = state.strings("dash.exported", folder)
            return []
        case .documentWritten(let path):
            state.message = state.strings("doc.written", path)
            return []
        }
    }

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if key == .resize { return [] }
        if case .mouse(let event) = key { return Pointer.handle(&state, event) }
        guard let key = translate(&state, key) else { return [] }
        // Quitting works everywhere, even inside the search field (q types there).
        if key == .ctrl("c") || key == .function(10) { return quit(&state) }
        if state.showHelp {
            if [.escape, .char("?"), .function(1), .enter, .char("q"), .backspace].contains(key) { state.showHelp = false }
            return []
        }
        if state.search != nil { return SearchScreen.handle(&state, key) }
        if DashboardScreen.capturesKeys(state) { return DashboardScreen.handle(&state, key) }
        if SecretariatScreens.capturesKeys(state) { return SecretariatScreens.handle(&state, key) ?? [] }
        if let effects = SecretariatScreens.handle(&state, key) { return effects }
        if PlanLogScreen.capturesKeys(state) { return PlanLogScreen.handle(&state, key) ?? [] }
        if let effects = VotingScreens.handle(&state, key) { return effects }
        if NominationScreens.capturesKeys(state) { return NominationScreens.handle(&state, key) ?? [] }
        // A list's filter (typing, or `n`/`N`/Esc with one kept) and a search's `n`/`N` come before the lists' own
        // letters (`n` is also a new candidate), but never through an overlay.
        if state.forms.offers.isEmpty, state.forms.confirm == nil {
            if let effects = ListFilters.handle(&state, key) { return effects }
            if let effects = SearchScreen.step(&state, key) { return effects }
        }
        if let effects = FormsScreens.intercept(&state, key) { return effects }
        if let effects = NominationScreens.handle(&state, key) { return effects }
        if let effects = PlanLogScreen.handle(&state, key) { return effects }
        state.message = nil
        switch key {
        case .char("q"): return quit(&state)
        case .char("?"), .function(1): state.showHelp = true; return []
        case .char("/"), .ctrl("f"):
            // `/` filters the list on screen (units, candidates); elsewhere, and Ctrl-F everywhere, searches all.
            if key == .char("/"), ListFilters.begin(&state) { return [] }
            state.search = SearchState()
            return []
        case .char("["), .char("]"):
            let y = state.year + (key == .char("]") ? 1 : -1)
            guard AppState.years.contains(y) else { return [] }
            state.year = y
            return reloadForYear(state)
        case .escape, .backspace, .char("h"):
            guard state.stack.count > 1 else { return [] }
            state.stack.removeLast()
            return refreshAfterBack(state)
        default:
            break
        }
        if key == .char("b"), case .levels = state.screen { return DashboardScreen.open(&state) }
        if key == SignedDocuments.key, let effects = SignedDocuments.write(state) { return effects }
        switch state.screen {
        case .levels: return BrowseScreens.levels(&state, key)
        case .units: return BrowseScreens.units(&state, key)
        case .candidates: return BrowseScreens.candidates(&state, key)
        case .profile: return ProfileScreen.handle(&state, key)
        case .council, .console, .memberPick, .ballot, .roundResult: return []
        case .form, .conflicts, .rollup, .members, .roll, .planLog: return []
        case .dashboard: return DashboardScreen.handle(&state, key)
        }
    }

    public static func quit(_ state: inout AppState) -> [Effect] {
        state.quitting = true
        return [.quit]
    }

    /// A year change re-reads what the current screen shows.
    static func reloadForYear(_ state: AppState) -> [Effect] {
        switch state.screen {
        case .candidates(let s): return [.loadCandidates(unitCode: s.unit.code, year: state.year)]
        case .profile(let s): return [.loadProfile(id: s.id, year: state.year)]
        case .dashboard: return [.loadDashboard(year: state.year)]
        case .rollup: return [.nominations(.loadRollup(year: state.year))]
        case .planLog: return [PlanLogScreen.load(state)]
        // The levels in force change with the year (four until 2025-06-30, three from 2025-07-01).
        case .levels: return [.loadLevels(year: state.year)]
        case .units(let s) where s.ceased: return [.loadCeasedUnits(year: state.year)]
        case .units(let s):
            guard SectorCalendar.levels(year: state.year).contains(s.level) else { return [.loadLevels(year: state.year)] }
            return [.loadUnits(s.level, year: state.year)]
        default: return []
        }
    }

    /// Coming back to a list after the year changed deeper down: reload it for the current year.
    static func refreshAfterBack(_ state: AppState) -> [Effect] {
        if case .candidates(let s) = state.screen { return [.loadCandidates(unitCode: s.unit.code, year: state.year)] }
        if case .dashboard = state.screen { return [.loadDashboard(year: state.year)] }
        return []
    }

    /// Opens a candidate's profile on top of the stack.
    public static func openProfile(_ state: inout AppState, id: String) -> [Effect] {
        state.stack.append(.profile(ProfileState(id: id)))
        return [.loadProfile(id: id, year: state.year)]
    }

    static func openCandidates(_ state: inout AppState, unit: SectorUnit) -> [Effect] {
        state.stack.append(.candidates(CandidatesState(unit: unit)))
        return [.loadCandidates(unitCode: unit.code, year: state.year)]
    }

    /// Rows of content the current screen has, for PgUp/PgDn.
    static func page(_ state: AppState) -> Int { max(1, state.size.height - 6) }
}
