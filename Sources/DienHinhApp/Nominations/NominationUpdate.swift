import DienHinhCore
import Foundation
import TerminalKit

/// Nominating from the candidates list or a profile (`N`, then Enter) and the year's roll-up (`n`): the keys only;
/// the quota, eligibility and override rules are the store's (`AppDatabase.nominate`), as for `dienhinh nominate`.
enum NominationScreens {
    static let nominateKey = Key.char("N")
    static let rollupKey = Key.char("n")

    /// The candidate `N` would nominate on the current screen.
    static func candidate(_ state: AppState) -> NominatePrompt? {
        switch state.screen {
        case .candidates(let c):
            let v = c.visible
            guard v.indices.contains(c.selected) else { return nil }
            let r = v[c.selected]
            return NominatePrompt(candidateId: r.candidate.id, name: r.candidate.name, kind: r.candidate.kind, eligible: r.judged && r.eligible)
        case .profile(let p):
            guard let d = p.data else { return nil }
            return NominatePrompt(candidateId: d.candidate.id, name: d.candidate.name, kind: d.candidate.kind,
                                  eligible: d.noPlan == nil && d.verdict.eligible)
        default:
            return nil
        }
    }

    /// Whether the prompt or the roll-up's reason field takes every key (typing must not quit or search).
    static func capturesKeys(_ state: AppState) -> Bool {
        if state.nominate != nil { return true }
        if case .rollup(let r) = state.screen, r.withdraw != nil { return true }
        return false
    }

    /// Keys of the prompt, the roll-up's reason field, `N` where there is a candidate and `n` to the roll-up.
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect]? {
        if var p = state.nominate { return prompt(&state, &p, key) }
        if case .rollup(var r) = state.screen { return rollup(&state, &r, key) }
        if key == rollupKey, isLevels(state) { return open(&state) }
        if key == nominateKey, let p = candidate(state) {
            state.message = nil
            state.nominate = p
            return []
        }
        return nil
    }

    /// The levels screen and the council's: where `n` opens the roll-up (`n` is a new candidate on a unit's list).
    static func isLevels(_ state: AppState) -> Bool {
        if case .levels = state.screen { return true }
        if case .council = state.screen { return true }
        return false
    }

    static func open(_ state: inout AppState) -> [Effect] {
        state.message = nil
        state.stack.append(.rollup(RollupState(year: state.year)))
        return [.nominations(.loadRollup(year: state.year))]
    }

    static func prompt(_ state: inout AppState, _ p: inout NominatePrompt, _ key: Key) -> [Effect] {
        if p.submitting { return [] }
        if key == .escape || (p.refusal != nil && key == .enter) { state.nominate = nil; return [] }
        if p.refusal != nil { return [] }
        if var field = p.reason {
            if key == .enter {
                let reason = field.value.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty else { state.message = state.strings("nominate.tui.reason_needed"); return [] }
                p.submitting = true
                state.nominate = p
                return [.nominations(.nominate(id: p.candidateId, year: state.year, overrideReason: reason))]
            }
            field.handle(key)
            p.reason = field
            state.nominate = p
            return []
        }
        guard key == .enter else { return [] }
        if !p.eligible {
            p.reason = TextField(placeholder: state.strings("nominate.tui.reason_placeholder"), focused: true)
            state.nominate = p
            return []
        }
        p.submitting = true
        state.nominate = p
        return [.nominations(.nominate(id: p.candidateId, year: state.year, overrideReason: nil))]
    }

    static func rollup(_ state: inout AppState, _ r: inout RollupState, _ key: Key) -> [Effect]? {
        if var field = r.withdraw {
            switch key {
            case .escape:
                r.withdraw = nil
            case .enter:
                let reason = field.value.trimmingCharacters(in: .whitespacesAndNewlines)
                guard let n = r.selectedNominee else { r.withdraw = nil; break }
                guard !reason.isEmpty else { state.message = state.strings("withdraw.empty_reason"); return [] }
                r.withdraw = nil
                state.screen = .rollup(r)
                return [.nominations(.withdraw(id: n.id, name: n.name, year: r.year, reason: reason))]
            default:
                field.handle(key)
                r.withdraw = field
            }
            state.screen = .rollup(r)
            return []
        }
        let levels = r.levels
        if ListMove.move(key, &r.selected, count: r.rows.count, page: App.page(state)) { state.screen = .rollup(r); return [] }
        switch key {
        case .tab, .backTab, .right, .left:
            guard let l = r.level, let i = levels.firstIndex(of: l), levels.count > 1 else { return [] }
            let step = (key == .tab || key == .right) ? 1 : levels.count - 1
            r.level = levels[(i + step) % levels.count]
            r.selected = 0
        case .char("d"), .delete:
            guard r.selectedNominee != nil else { state.message = state.strings("rollup.pick_nominee"); return [] }
            r.withdraw = TextField(placeholder: state.strings("withdraw.placeholder"), focused: true)
        case .enter:
            guard let n = r.selectedNominee else { return [] }
            return App.openProfile(&state, id: n.id)
        case .char("r"):
            return [.nominations(.loadRollup(year: r.year))]
        default:
            return nil
        }
        state.screen = .rollup(r)
        return []
    }

    /// The store's answers.
    static func receive(_ state: inout AppState, _ m: NominationMsg) -> [Effect] {
        let s = state.strings
        switch m {
        case let .nominated(_, name, override):
            state.nominate = nil
            state.message = override == nil ? s("nominate.tui.done", name, state.year) : s("nominate.tui.done_override", name, state.year)
            return reloadAfterChange(state)
        case let .refused(failure, notEligible):
            guard var p = state.nominate else { state.message = failure.text(s); return [] }
            p.submitting = false
            if notEligible && p.reason == nil {
                // Judged eligible on screen, not by the store (the plan changed meanwhile): ask for the reason.
                p.eligible = false
                p.reason = TextField(placeholder: s("nominate.tui.reason_placeholder"), focused: true)
                state.nominate = p
                state.message = failure.text(s)
            } else {
                p.refusal = failure
                state.nominate = p
            }
            return []
        case let .rollupLoaded(year, units):
            for i in state.stack.indices {
                guard case .rollup(var r) = state.stack[i], year == state.year else { continue }
                if r.year != year { r = RollupState(year: year) }
                r.units = units
                r.loaded = true
                if r.level == nil || !r.levels.contains(r.level!) { r.level = r.levels.first }
                r.selected = min(r.selected, max(0, r.rows.count - 1))
                state.stack[i] = .rollup(r)
            }
            return []
        case let .withdrawn(_, name):
            state.message = s("withdraw.done", name, state.year)
            return reloadAfterChange(state)
        }
    }

    /// After a nomination or a withdrawal: the roll-up (if open) reads the year again.
    static func reloadAfterChange(_ state: AppState) -> [Effect] {
        state.stack.contains { if case .rollup = $0 { true } else { false } } ? [.nominations(.loadRollup(year: state.year))] : []
    }
}
