import DienHinhCore
import Foundation
import TerminalKit

/// Keys and answers of the entry forms, the draft offer, delete confirmations, undo and the conflicts screen.
///
/// `App.handleKey` asks `intercept` first; nil means "not mine", and the usual keys apply.
public enum FormsScreens {
    /// Effects to run when the program starts: drafts left by a crash are offered back.
    public static let startEffects: [Effect] = [.forms(.loadDrafts)]

    static func isForm(_ state: AppState) -> Bool {
        if case .form = state.screen { return true }
        return false
    }

    static func intercept(_ state: inout AppState, _ key: Key) -> [Effect]? {
        if !state.forms.offers.isEmpty && !isForm(state) { return offerKey(&state, key) }
        if state.forms.confirm != nil { return confirmKey(&state, key) }
        switch state.screen {
        case .form: return formKey(&state, key)
        case .conflicts: return ConflictsScreen.handle(&state, key)
        case .candidates: return candidatesKey(&state, key)
        case .profile: return profileKey(&state, key)
        case .levels:
            guard key == .char("x") else { return nil }
            state.message = nil
            state.stack.append(.conflicts(ConflictsState()))
            return [.forms(.loadConflicts)]
        default: return nil
        }
    }

    // MARK: Opening forms

    static func open(_ state: inout AppState, _ form: FormState) -> [Effect] {
        state.message = nil
        state.stack.append(.form(form))
        return form.target.isCandidate ? [.forms(.loadUnits)] : []
    }

    static func candidatesKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard case .candidates(let s) = state.screen else { return nil }
        let visible = s.visible
        let current = visible.indices.contains(s.selected) ? visible[s.selected].candidate : nil
        switch key {
        case .char("n"), .char("a"):
            return open(&state, FormRules.newCandidate(unit: s.unit, existingIds: s.rows.map(\.candidate.id)))
        case .char("E"):
            guard let c = current else { return [] }
            return open(&state, FormRules.editCandidate(c))
        case .char("r"):
            guard let c = current else { return [] }
            return open(&state, FormRules.newAchievement(candidate: c, year: state.year))
        case .char("D"), .delete:
            guard let row = visible.indices.contains(s.selected) ? visible[s.selected] : nil else { return [] }
            state.forms.confirm = .deleteCandidate(id: row.candidate.id, name: row.candidate.name, records: row.recordCount)
            return []
        default:
            return historyKey(key)
        }
    }

    /// Undo (`u`) and redo (`U`, Ctrl-R) where records are listed: the unit's candidates and a profile.
    static func historyKey(_ key: Key) -> [Effect]? {
        switch key {
        case .char("u"): [.forms(.undo)]
        case .char("U"), .ctrl("r"): [.forms(.redo)]
        default: nil
        }
    }

    static func profileKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard case .profile(let p) = state.screen, let d = p.data else { return nil }
        switch key {
        case .char("r"):
            return open(&state, FormRules.newAchievement(candidate: d.candidate, year: state.year))
        case .char("E"), .char("D"), .delete:
            // The highlighted record of the history (↑↓ there move it), never a list in another order.
            guard let record = ProfileScreen.currentRecord(p) else {
                state.message = state.strings("form.no_records")
                return []
            }
            if key == .char("E") { return open(&state, FormRules.editAchievement(record, candidate: d.candidate)) }
            state.forms.confirm = .deleteAchievement(rowId: record.id ?? -1, label: recordLabel(state, record))
            return []
        case .char("C"):
            return open(&state, FormRules.editCandidate(d.candidate))
        default:
            return historyKey(key)
        }
    }

    // MARK: Overlays

    static func offerKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let first = state.forms.offers[0]
        switch key {
        case .enter:
            state.forms.offers.removeFirst()
            return open(&state, FormRules.form(from: first.draft))
        case .delete, .backspace, .char("d"):
            state.forms.offers.removeFirst()
            state.message = state.strings("form.draft_discarded")
            return [.forms(.discardDraft(kind: first.draft.target.draftKind, key: first.draft.target.draftKey))]
        case .escape:
            // Kept for the next start.
            state.forms.offers = []
            return []
        default:
            return []
        }
    }

    static func confirmKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let c = state.forms.confirm else { return [] }
        switch key {
        case .enter, .char("y"), .char("c"):
            state.forms.confirm = nil
            switch c {
            case .deleteCandidate(let id, _, _): return [.forms(.deleteCandidate(id))]
            case let .deleteAchievement(rowId, label): return [.forms(.deleteAchievement(rowId, label: label))]
            }
        case .escape, .char("n"), .char("k"), .backspace:
            state.forms.confirm = nil
            return []
        default:
            return []
        }
    }

    static func recordLabel(_ state: AppState, _ a: Achievement) -> String {
        VerdictText(strings: state.strings).evidence(Evidence(a))
    }

    // MARK: The form

    static func awardName(_ state: AppState) -> (AwardCode) -> String {
        let s = state.strings
        return { s("award.\($0.rawValue)") }
    }

    static func formKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard case .form(var f) = state.screen else { return nil }
        if key == .function(1) { return nil }
        state.message = nil
        var effects: [Effect] = []
        if f.confirmCancel {
            switch key {
            case .enter, .char("y"), .char("c"):
                state.stack.removeLast()
                state.message = state.strings("form.discarded")
                return [.forms(.discardDraft(kind: f.target.draftKind, key: f.target.draftKey))]
            case .escape, .char("n"), .char("k"):
                f.confirmCancel = false
            default:
                break
            }
            state.screen = .form(f)
            return []
        }
        if f.pick != nil {
            effects = pickKey(&f, key, state)
            state.screen = .form(f)
            return effects
        }
        let i = f.focus
        let field = f.fields[i]
        switch key {
        case .tab, .down:
            effects = move(&f, to: min(f.fields.count - 1, i + 1), state)
        case .backTab, .up:
            effects = move(&f, to: max(0, i - 1), state)
        case .ctrl("s"), .function(2):
            effects = save(&f, state)
            if f.problems.values.contains(where: { !$0.warning }) {
                state.message = state.strings("form.fix_errors", f.problems.values.filter { !$0.warning }.count)
            }
        case .escape:
            if f.dirty {
                f.confirmCancel = true
            } else {
                state.stack.removeLast()
                return []
            }
        default:
            switch field.input {
            case .readonly:
                if key == .enter { effects = move(&f, to: min(f.fields.count - 1, i + 1), state) }
            case .toggle:
                if key == .char(" ") || key == .left || key == .right {
                    f.fields[i].on.toggle()
                    effects = changed(&f)
                } else if key == .enter {
                    effects = move(&f, to: min(f.fields.count - 1, i + 1), state)
                }
            case .choice(let values):
                if key == .char(" ") || key == .left || key == .right {
                    let at = values.firstIndex(of: field.value) ?? 0
                    let next = (at + (key == .left ? values.count - 1 : 1)) % values.count
                    f.fields[i].set(values[next])
                    effects = changed(&f)
                } else if key == .enter {
                    effects = move(&f, to: min(f.fields.count - 1, i + 1), state)
                }
            case .pick:
                switch key {
                case .enter, .char(" "):
                    f.pick = PickState(field: field.name, options: FormRules.options(for: field.name, f, awardName: awardName(state)))
                case .char(let c):
                    f.pick = PickState(field: field.name, options: FormRules.options(for: field.name, f, awardName: awardName(state)),
                                       query: String(c))
                case .backspace, .delete, .ctrl("u"):
                    f.fields[i].set("")
                    effects = changed(&f)
                default:
                    break
                }
            case .text:
                if key == .enter {
                    effects = move(&f, to: min(f.fields.count - 1, i + 1), state)
                } else {
                    let before = f.fields[i].text.value
                    f.fields[i].text.handle(key)
                    if f.fields[i].text.value != before { effects = changed(&f) }
                }
            }
        }
        state.screen = .form(f)
        return effects
    }

    /// Keys of an open pick list: type to filter, ↑↓ to move, Enter to choose, Esc to close.
    static func pickKey(_ f: inout FormState, _ key: Key, _ state: AppState) -> [Effect] {
        guard var p = f.pick else { return [] }
        let visible = p.visible
        switch key {
        case .up, .down, .pageUp, .pageDown:
            p.selected = ListMove.apply(key, selected: p.selected, count: visible.count, page: 10) ?? p.selected
        case .escape:
            f.pick = nil
            return []
        case .enter, .tab:
            // Nothing matches: the typed text is taken as it is (a code the clerk knows), and checked on leaving.
            let chosen = visible.indices.contains(p.selected) ? visible[p.selected].code : p.query.value.trimmingCharacters(in: .whitespaces)
            f.pick = nil
            guard let i = f.index(p.field) else { return [] }
            f.fields[i].set(chosen)
            var effects = changed(&f)
            effects += move(&f, to: min(f.fields.count - 1, i + 1), state)
            return effects
        default:
            let before = p.query.value
            p.query.handle(key)
            if p.query.value != before { p.selected = 0 }
        }
        f.pick = p
        return []
    }

    /// A field changed: the draft is written at once, so nothing typed is lost.
    static func changed(_ f: inout FormState) -> [Effect] {
        f.dirty = true
        f.duplicateAcknowledged = false
        return [.forms(.saveDraft(kind: f.target.draftKind, key: f.target.draftKey, json: FormRules.json(FormRules.draft(of: f))))]
    }

    /// Leaves the focused field for another: the field is checked (and the ones its value governs), and a record
    /// complete enough is looked up for likely duplicates.
    static func move(_ f: inout FormState, to next: Int, _ state: AppState) -> [Effect] {
        let name = f.fields[f.focus].name
        var effects: [Effect] = []
        validate(&f, name, state)
        switch name {
        case "type":
            for dep in ["class", "proposed_award"] where !f.value(dep).isEmpty || f.problems[dep] != nil { validate(&f, dep, state) }
        case "kind":
            for dep in ["is_leader"] { validate(&f, dep, state) }
        default: break
        }
        if !f.target.isCandidate, ["year", "type", "decision_no"].contains(name),
           f.problems["year"] == nil, f.problems["type"] == nil, let a = FormRules.achievement(f, years: f.years) {
            effects.append(.forms(.checkDuplicates(a)))
        }
        let moved = next != f.focus
        f.focus = next
        if moved { f.confirmCancel = false }
        return effects
    }

    static func validate(_ f: inout FormState, _ name: String, _ state: AppState) {
        let p = FormRules.check(name, f, years: f.years)
        if name == "decision_no", p == nil, f.problems[name]?.warning == true { return }
        f.problems[name] = p
    }

    /// Ctrl-S / F2: every field checked; a clean form goes to the store in one transaction.
    static func save(_ f: inout FormState, _ state: AppState) -> [Effect] {
        let problems = FormRules.checkAll(f, years: f.years)
        let warning = f.problems["decision_no"].flatMap { $0.warning ? $0 : nil }
        f.problems = Dictionary(problems.map { ($0.field, $0) }, uniquingKeysWith: { a, _ in a })
        if f.problems["decision_no"] == nil, let warning { f.problems["decision_no"] = warning }
        if let first = problems.first, let i = f.index(first.field) {
            f.focus = i
            return []
        }
        let kind = f.target.draftKind, key = f.target.draftKey
        if f.target.isCandidate {
            guard let c = FormRules.candidate(f) else { return [] }
            if case .newCandidate = f.target { return [.forms(.saveCandidate(c, isNew: true, draftKind: kind, draftKey: key))] }
            return [.forms(.saveCandidate(c, isNew: false, draftKind: kind, draftKey: key))]
        }
        guard let a = FormRules.achievement(f, years: f.years) else { return [] }
        return [.forms(.saveAchievement(a, draftKind: kind, draftKey: key, force: f.duplicateAcknowledged))]
    }

    // MARK: Answers

    static func answer(_ state: inout AppState, _ msg: FormMsg) -> [Effect] {
        switch msg {
        case .draftsLoaded(let records):
            state.forms.offers = records.compactMap { r in FormRules.decode(r.json).map { DraftOffer(draft: $0, updatedAt: r.updatedAt) } }
            return []
        case .unitsLoaded(let units):
            for i in state.stack.indices {
                if case .form(var f) = state.stack[i] {
                    f.units = units
                    if var p = f.pick, p.field == "unit_code" {
                        p.options = FormRules.options(for: "unit_code", f, awardName: awardName(state))
                        f.pick = p
                    }
                    state.stack[i] = .form(f)
                }
            }
            return []
        case .saved(let label):
            if isForm(state) { state.stack.removeLast() }
            state.message = state.strings("form.saved", VerdictText(strings: state.strings).changeLabel(label))
            return App.reloadForYear(state)
        case .rejected(let problems):
            guard case .form(var f) = state.screen else {
                state.message = problems.map { state.strings.message($0.problem, label: state.strings("form.field.\($0.field)")) }
                    .joined(separator: "; ")
                return []
            }
            for var p in problems {
                // A record form has no candidate field: a missing candidate is shown against the first field.
                if p.field == "candidate_id" { p.problem.field = "year" }
                f.problems[p.field] = p
            }
            if let first = f.fields.firstIndex(where: { f.problems[$0.name] != nil }) { f.focus = first }
            state.message = state.strings("form.fix_errors", f.problems.values.filter { !$0.warning }.count)
            state.screen = .form(f)
            return []
        case let .duplicates(count, blocked):
            guard case .form(var f) = state.screen, !f.target.isCandidate else { return [] }
            f.duplicates = count
            if count > 0 {
                f.problems["decision_no"] = FormProblem(field: "decision_no", key: "form.duplicate_count", args: [String(count)], warning: true)
                if blocked {
                    f.duplicateAcknowledged = true
                    state.message = state.strings("form.duplicate_confirm")
                }
            } else if f.problems["decision_no"]?.warning == true {
                f.problems["decision_no"] = nil
            }
            state.screen = .form(f)
            return []
        case .deleted(let label):
            state.message = state.strings("form.deleted", VerdictText(strings: state.strings).changeLabel(label))
            return App.reloadForYear(state)
        case .undone(let label):
            state.message = label.map { state.strings("form.undone", VerdictText(strings: state.strings).changeLabel($0)) } ?? state.strings("form.nothing_to_undo")
            return App.reloadForYear(state)
        case .redone(let label):
            state.message = label.map { state.strings("form.redone", VerdictText(strings: state.strings).changeLabel($0)) } ?? state.strings("form.nothing_to_redo")
            return App.reloadForYear(state)
        case .conflictsLoaded, .conflictResolved:
            return ConflictsScreen.answer(&state, msg)
        }
    }
}
