import DienHinhCore
import Foundation
import TerminalKit

/// The plan's logs at the terminal (`t` on the levels, the dashboard or a profile): the keys, and the checks an entry
/// passes before the store is asked. The checks are the command line's own parsers (`FieldParsing.date`,
/// `Milestone(argument:)`, the award and channel codes); what needs the database (does the candidate exist, may its
/// kind receive the award) is the store's, as for `dienhinh register|propose|promote`.
enum PlanLogScreen {
    static let openKey = Key.char("t")

    /// Whether the entry form takes every key (typing must not quit or search).
    static func capturesKeys(_ state: AppState) -> Bool {
        if case .planLog(let p) = state.screen, p.entry != nil { return true }
        return false
    }

    /// `t` where a log can be opened, and the keys of the log; nil lets the app's global keys act.
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect]? {
        if case .planLog(var p) = state.screen {
            if var form = p.entry {
                let effects = entry(&state, &p, &form, key)
                state.screen = .planLog(p)
                return effects
            }
            return list(&state, &p, key)
        }
        // Not from a voting terminal: a member's ballot may open a profile, and a kiosk keeps no logs.
        guard key == openKey, !state.isKiosk, !state.stack.contains(where: VotingScreens.isBallot) else { return nil }
        switch state.screen {
        case .levels, .dashboard: return open(&state, subject: nil)
        case .profile(let s):
            guard let d = s.data else { return [] }
            return open(&state, subject: PlanLogSubject(id: d.candidate.id, name: d.candidate.name))
        default: return nil
        }
    }

    static func open(_ state: inout AppState, subject: PlanLogSubject?) -> [Effect] {
        state.message = nil
        state.stack.append(.planLog(PlanLogState(subject: subject)))
        return [load(state)]
    }

    static func load(_ state: AppState) -> Effect {
        guard case .planLog(let p) = state.screen else { return .planLog(.load(candidate: nil, year: state.year)) }
        return .planLog(.load(candidate: p.subject?.id, year: state.year))
    }

    static func list(_ state: inout AppState, _ p: inout PlanLogState, _ key: Key) -> [Effect]? {
        if ListMove.move(key, &p.selected, count: p.count, page: App.page(state)) { state.screen = .planLog(p); return [] }
        switch key {
        case .tab, .right: p.tab = p.tab.next; p.selected = 0
        case .backTab, .left: p.tab = p.tab.previous; p.selected = 0
        case .char("a"):
            state.message = nil
            p.entry = newEntry(p.tab, candidate: p.subject?.id ?? "", year: state.year)
        case .char("e"):
            // A proposal's outcome is recorded on the proposal itself (the store updates it in place).
            guard p.tab == .proposals, p.proposals.indices.contains(p.selected) else {
                state.message = state.strings("planlog.edit_proposals_only")
                return []
            }
            let pr = p.proposals[p.selected]
            var form = newEntry(.proposals, candidate: pr.candidateId, year: pr.year)
            form.set("award", pr.award.rawValue)
            form.set("outcome", pr.outcome.rawValue)
            form.set("decision", pr.decision ?? "")
            form.focus = form.index("outcome") ?? 0
            p.entry = form
        case .enter:
            guard let id = p.selectedCandidate else { return [] }
            state.screen = .planLog(p)
            return App.openProfile(&state, id: id)
        case .char("r"):
            state.screen = .planLog(p)
            return [load(state)]
        default:
            return nil
        }
        state.screen = .planLog(p)
        return []
    }

    /// An empty entry for a log, with the candidate and (for a proposal) the review year filled in.
    static func newEntry(_ log: PlanLogTab, candidate: String, year: Int) -> PlanEntryForm {
        let id = FormField("candidate", value: candidate, required: true)
        switch log {
        case .registrations:
            return PlanEntryForm(log: log, fields: [id, FormField("received", required: true), FormField("plan"), FormField("milestones")])
        case .proposals:
            return PlanEntryForm(log: log, fields: [
                id, FormField("award", .choice(Proposal.stateAwards.map(\.rawValue)), value: Proposal.stateAwards[0].rawValue),
                FormField("year", value: String(year), required: true),
                FormField("outcome", .choice(ProposalOutcome.allCases.map(\.rawValue)), value: ProposalOutcome.pending.rawValue),
                FormField("decision"),
            ])
        case .promotions:
            return PlanEntryForm(log: log, fields: [
                id, FormField("channel", .choice(PromotionChannel.allCases.map(\.rawValue)), value: PromotionChannel.bvpl.rawValue),
                FormField("published", required: true), FormField("title", required: true), FormField("reference"),
            ])
        }
    }

    static func entry(_ state: inout AppState, _ p: inout PlanLogState, _ form: inout PlanEntryForm, _ key: Key) -> [Effect] {
        if form.submitting { return [] }
        let count = form.fields.count
        switch key {
        case .escape:
            p.entry = nil
            return []
        case .enter, .ctrl("s"):
            switch check(form) {
            case .failure(let problem):
                form.problem = problem
                form.focus = form.index(problem.field) ?? form.focus
            case .success(let effect):
                form.problem = nil
                form.refusal = nil
                form.submitting = true
                p.entry = form
                return [.planLog(effect)]
            }
        case .tab, .down: form.focus = (form.focus + 1) % count
        case .backTab, .up: form.focus = (form.focus + count - 1) % count
        default:
            var field = form.fields[form.focus]
            if case .choice(let values) = field.input {
                guard !values.isEmpty, [.char(" "), .right, .left].contains(key) else { return [] }
                let i = values.firstIndex(of: field.value) ?? 0
                field.set(values[(i + (key == .left ? values.count - 1 : 1)) % values.count])
            } else {
                _ = field.text.handle(key)
            }
            form.fields[form.focus] = field
            form.refusal = nil
            if form.problem?.field == field.name { form.problem = nil }
        }
        p.entry = form
        return []
    }

    /// The entry as the store call it makes, or the first field that is wrong.
    static func check(_ form: PlanEntryForm) -> Result<PlanLogEffect, PlanEntryProblem> {
        typealias Made = Result<PlanLogEffect, PlanEntryProblem>
        for f in form.fields where f.required && f.value.isEmpty {
            return .failure(PlanEntryProblem(field: f.name, key: "planlog.required"))
        }
        let candidate = form.value("candidate")
        func date(_ name: String) -> Result<String, PlanEntryProblem> {
            guard let d = FieldParsing.date(form.value(name)) else {
                return .failure(PlanEntryProblem(field: name, key: "plan.bad_date", args: [form.value(name)]))
            }
            return .success(d)
        }
        func optional(_ name: String) -> String? { form.value(name).isEmpty ? nil : form.value(name) }
        switch form.log {
        case .registrations:
            let d: String
            switch date("received") { case .success(let v): d = v; case .failure(let e): return .failure(e) }
            var steps: [Milestone] = []
            // Steps are "DATE:TEXT" as `register --milestone` takes them, separated by semicolons.
            for part in form.value("milestones").split(separator: ";") {
                let text = part.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                guard let step = Milestone(argument: text) else {
                    return .failure(PlanEntryProblem(field: "milestones", key: "plan.bad_milestone", args: [text]))
                }
                steps.append(step)
            }
            return Made.success(.register(candidate: candidate, date: d, plan: optional("plan"), milestones: steps))
        case .proposals:
            guard let award = AwardCode(rawValue: form.value("award")), !award.isNegative else {
                return .failure(PlanEntryProblem(field: "award", key: "propose.bad_award", args: [form.value("award")]))
            }
            guard let year = Int(form.value("year")), AppState.years.contains(year) else {
                return .failure(PlanEntryProblem(field: "year", key: "planlog.bad_year",
                                                 args: [form.value("year"), String(AppState.years.lowerBound), String(AppState.years.upperBound)]))
            }
            let outcome = ProposalOutcome(rawValue: form.value("outcome")) ?? .pending
            return Made.success(.propose(candidate: candidate, award: award, year: year, outcome: outcome, decision: optional("decision")))
        case .promotions:
            let d: String
            switch date("published") { case .success(let v): d = v; case .failure(let e): return .failure(e) }
            let channel = PromotionChannel(rawValue: form.value("channel")) ?? .bvpl
            return Made.success(.promote(PromotionEntry(candidateId: candidate, channel: channel, date: d, title: form.value("title"),
                                                    reference: optional("reference"))))
        }
    }

    /// The store's answers.
    static func receive(_ state: inout AppState, _ m: PlanLogMsg) -> [Effect] {
        let s = state.strings
        switch m {
        case let .loaded(registrations, proposals, promotions):
            for i in state.stack.indices {
                guard case .planLog(var p) = state.stack[i] else { continue }
                p.registrations = registrations
                p.proposals = proposals
                p.promotions = promotions
                p.loaded = true
                p.selected = min(p.selected, max(0, p.count - 1))
                state.stack[i] = .planLog(p)
            }
            return []
        case .saved(let saved):
            guard case .planLog(var p) = state.screen else { return [] }
            p.entry = nil
            switch saved {
            case let .registered(name, id, unit, date, lateAfter):
                state.message = s("register.done", name, id, unit, FieldParsing.displayDate(date))
                    + (lateAfter.map { " " + s("register.late", FieldParsing.displayDate($0)) } ?? "")
            case .proposed(let pr):
                state.message = s("propose.done", pr.name, pr.candidateId, s("award.\(pr.award.rawValue)"), pr.year,
                                  s("proposal.outcome.\(pr.outcome.rawValue)"))
            case let .promoted(id, channel, date):
                state.message = s("promote.done", id, s("channel.\(channel.rawValue)"), FieldParsing.displayDate(date))
            }
            state.screen = .planLog(p)
            return [load(state)]
        case .refused(let failure):
            guard case .planLog(var p) = state.screen else { state.message = failure.text(s); return [] }
            if var form = p.entry {
                form.submitting = false
                form.refusal = failure
                p.entry = form
                state.screen = .planLog(p)
            } else {
                state.message = failure.text(s)
            }
            return []
        }
    }
}
