import DienHinhCore
import Foundation
import TerminalKit

/// Keys and answers of the council screens. Casting is never on Enter or a navigation key from the
/// shortlist: `c` or F5 opens the review, and only the PIN step sends anything.
public enum VotingScreens {
    /// The key that opens the council area from the levels screen.
    static let councilKey = Key.char("v")

    /// What a voting screen wants loaded first (kiosk and console start there).
    static func startEffects(_ state: AppState) -> [Effect]? {
        switch state.stack[0] {
        case .memberPick(let p): return [.voting(.loadRound(p.roundId))]
        case .console(let c): return [.voting(.loadConsole(session: c.sessionId))]
        default: return nil
        }
    }

    /// Screens that follow other terminals live, polling on `.tick`.
    public static func wantsTicks(_ state: AppState) -> Bool {
        switch state.screen {
        case .console, .memberPick: return true
        case .ballot(let b): return b.phase == .marking || b.phase == .review
        default: return false
        }
    }

    /// Handles a key on a council screen; nil lets the app's global keys (help, back, quit) act.
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect]? {
        if state.isKiosk, [.char("q"), .char("/"), .char("["), .char("]")].contains(key) { return [] }
        switch state.screen {
        case .levels:
            guard key == councilKey else { return nil }
            state.message = nil
            state.stack.append(.council(CouncilHomeState()))
            return [.voting(.loadSessions), .secretariat(.loadMembers)]
        case .council(var c): return home(&state, &c, key)
        case .console(var c): return console(&state, &c, key)
        case .memberPick(var p): return pick(&state, &p, key)
        case .ballot(var b): return ballot(&state, &b, key)
        case .roundResult(var r): return result(&state, &r, key)
        default: return nil
        }
    }

    // MARK: Sessions

    static func home(_ state: inout AppState, _ c: inout CouncilHomeState, _ key: Key) -> [Effect]? {
        if ListMove.move(key, &c.selected, count: c.sessions.count, page: App.page(state)) { state.screen = .council(c); return [] }
        guard key == .enter || key == .right, c.sessions.indices.contains(c.selected) else { return nil }
        state.message = nil
        let id = c.sessions[c.selected].id
        state.stack.append(.console(ConsoleState(sessionId: id)))
        return [.voting(.loadConsole(session: id))]
    }

    // MARK: Console

    static func console(_ state: inout AppState, _ c: inout ConsoleState, _ key: Key) -> [Effect]? {
        if c.form != nil, key != .ctrl("c"), key != .function(10) { return RoundFormScreen.handle(&state, &c, key) }
        if let confirm = c.confirm, let field = c.pin {
            switch fieldKey(field, key, typed: { c.pin = $0 }) {
            case .typed: break
            case .settled(let effects): return effects
            case .cancelled: (c.confirm, c.pin) = (nil, nil)
            case .entered(let pin):
                guard let chair = c.data?.members.first(where: { $0.role == .chair }) else {
                    state.message = state.strings("casting.no_chair")
                    return []
                }
                // The PIN leaves the state here: only the effect carries it to the store.
                c.confirm = nil
                c.pin = nil
                state.screen = .console(c)
                switch confirm {
                case .openRound:
                    return [.voting(.openRound(session: c.sessionId, chair: chair.id, pin: pin, parameters: c.parameters, conflicts: c.conflicts))]
                case .closeRound(let r): return [.voting(.closeRound(r, chair: chair.id, pin: pin))]
                }
            }
            state.screen = .console(c)
            return []
        }
        if c.confirm != nil {
            guard let yes = yesOrNo(key) else { return [] }
            // Yes: the chair signs with their PIN before anything is written.
            if yes { c.pin = TextField() } else { c.confirm = nil }
            state.screen = .console(c)
            return []
        }
        let round = c.data?.round
        let open = round?.status == .open
        switch key {
        case .char("o"):
            guard c.data != nil else { return [] }
            if open, let r = round {
                state.message = state.strings("round.already_open", r.id)
            } else {
                state.message = nil
                c.confirm = .openRound
            }
        case .char("P"):
            guard let d = c.data else { return [] }
            if open, let r = round { state.message = state.strings("round.already_open", r.id); return [] }
            state.message = nil
            c.form = RoundForm(c.parameters, conflicts: c.conflicts)
            state.screen = .console(c)
            return [.voting(.loadShortlist(year: d.session.year))]
        case .char("x"):
            guard let r = round, open else { state.message = state.strings("console.no_open_round"); return [] }
            state.message = nil
            c.confirm = .closeRound(r.id)
        case .char("b"):
            guard let r = round, open else { state.message = state.strings("console.no_open_round"); return [] }
            state.message = nil
            state.stack.append(.memberPick(MemberPickState(roundId: r.id, kiosk: false)))
            return [.voting(.loadRound(r.id))]
        case .char("w"):
            guard let r = round, open else { state.message = state.strings("console.no_open_round"); return [] }
            state.message = nil
            state.stack.append(.memberPick(MemberPickState(roundId: r.id, kiosk: false, written: true)))
            return [.voting(.loadRound(r.id))]
        case .char("r"):
            guard let r = round, !open else { state.message = state.strings("console.no_result"); return [] }
            state.message = nil
            return [.voting(.loadResult(r.id))]
        case .char("l"), .function(5):
            state.message = nil
            return [.voting(.loadConsole(session: c.sessionId))]
        case .down, .char("j"):
            c.scroll = min(c.scroll + 1, max(0, (c.data?.members.count ?? 0) - 1))
        case .up, .char("k"):
            c.scroll = max(0, c.scroll - 1)
        default:
            return nil
        }
        state.screen = .console(c)
        return []
    }

    // MARK: Member pick

    static func pick(_ state: inout AppState, _ p: inout MemberPickState, _ key: Key) -> [Effect]? {
        let electors = p.round?.electors ?? []
        switch key {
        case .up, .down, .pageUp, .pageDown:
            p.selected = ListMove.apply(key, selected: p.selected, count: electors.count, page: App.page(state)) ?? p.selected
        case .enter:
            return choose(&state, &p)
        case .escape where p.kiosk || !p.field.value.isEmpty:
            p.field.clear()
        case .char(let ch) where ch.isLetter || ch.isNumber || ch == " " || ch == "-" || ch == ".":
            p.field.handle(key)
        case .backspace where !p.field.value.isEmpty || p.kiosk,
             .delete, .left, .right, .home, .end, .ctrl("u"), .ctrl("w"):
            p.field.handle(key)
        default:
            return nil
        }
        state.message = nil
        state.screen = .memberPick(p)
        return []
    }

    /// The typed id ("M03", "3") or name, else the highlighted elector.
    static func elector(typed: String, in electors: [VoteElector]) -> VoteElector? {
        let t = typed.trimmingCharacters(in: .whitespaces)
        if let n = Int(t) { return electors.first { Int($0.id.dropFirst()) == n } }
        if let m = electors.first(where: { $0.id.caseInsensitiveCompare(t) == .orderedSame }) { return m }
        let folded = TextFolding.fold(t)
        let byName = electors.filter { TextFolding.fold($0.name) == folded }
        return byName.count == 1 ? byName[0] : nil
    }

    static func choose(_ state: inout AppState, _ p: inout MemberPickState) -> [Effect] {
        let s = state.strings
        guard let round = p.round else { return [] }
        let typed = p.field.value
        let member: VoteElector?
        if typed.trimmingCharacters(in: .whitespaces).isEmpty {
            member = round.electors.indices.contains(p.selected) ? round.electors[p.selected] : nil
        } else {
            member = elector(typed: typed, in: round.electors)
        }
        p.field.clear()
        state.screen = .memberPick(p)
        guard let m = member else { state.message = s("pick.unknown", typed); return [] }
        guard round.status == .open else { state.message = s("vote.round_closed", round.id); return [] }
        guard !m.voted else { state.message = s("pick.already_voted", m.name); return [] }
        if p.written {
            guard !m.present else { state.message = s("vote.present_written", m.id, round.sessionId); return [] }
            guard let secretary = round.electors.first(where: { $0.role == .secretary }) else {
                state.message = s("pick.no_secretary")
                return []
            }
            state.message = nil
            state.stack.append(.ballot(BallotState(round: round, member: m, kiosk: false, secretary: secretary)))
            return []
        }
        guard m.present else { state.message = s("pick.not_present", m.name); return [] }
        state.message = nil
        state.stack.append(.ballot(BallotState(round: round, member: m, kiosk: p.kiosk)))
        return []
    }

    // MARK: Ballot

    static func ballot(_ state: inout AppState, _ b: inout BallotState, _ key: Key) -> [Effect]? {
        let s = state.strings
        switch b.phase {
        case .marking:
            if let i = ListMove.apply(key, selected: b.selected, count: b.round.candidates.count, page: max(1, App.page(state) / 2)) {
                b.selected = i
                break
            }
            switch key {
            case .char(" "):
                guard b.round.candidates.indices.contains(b.selected) else { return [] }
                let id = b.round.candidates[b.selected].id
                if b.marks.contains(id) {
                    b.marks.remove(id)
                } else if b.barred(id) {
                    // Recused: the ballot stays as it was (the store would refuse it too).
                    state.message = s("ballot.recused", b.round.candidates[b.selected].name)
                    return []
                } else if b.marks.count >= b.maxMarks {
                    // Refused: the ballot stays as it was; only the status line speaks.
                    state.message = s("ballot.limit", b.maxMarks)
                    return []
                } else {
                    b.marks.insert(id)
                }
            case .char("d"):
                guard b.round.candidates.indices.contains(b.selected) else { return [] }
                let c = b.round.candidates[b.selected]
                if b.round.conflicts(of: b.member.id)[c.id] != nil {
                    state.message = s("ballot.conflict_recorded", c.name)
                    return []
                }
                if b.declared.contains(c.id) {
                    b.declared.remove(c.id)
                    state.message = s("ballot.declaration_withdrawn", c.name)
                } else {
                    b.declared.insert(c.id)
                    // Under `recuse` a declaration takes the mark away: the member cannot mark the candidate.
                    let unmarked = b.round.conflictRule == .recuse && b.marks.remove(c.id) != nil
                    state.message = s(unmarked ? "ballot.declared_unmarked" : "ballot.declared", c.name)
                }
                state.screen = .ballot(b)
                return []
            case .enter, .char("p"):
                guard b.round.candidates.indices.contains(b.selected) else { return [] }
                state.message = nil
                state.year = b.round.year
                return App.openProfile(&state, id: b.round.candidates[b.selected].id)
            case .char("c"), .function(5):
                guard b.round.status == .open else { state.message = s("vote.round_closed", b.round.id); return [] }
                b.phase = .review
                b.failure = nil
            default:
                return nil
            }
        case .review:
            switch key {
            case .enter, .char("c"), .function(5):
                b.phase = b.secretary == nil ? .pin(TextField(placeholder: "")) : .code(TextField(placeholder: ""))
            case .escape, .backspace:
                b.phase = .marking
            case .char("?"), .function(1), .ctrl("c"), .function(10):
                return nil
            default:
                return []
            }
        case .code(let field), .pin(let field):
            // A written ballot's code comes first, then the PIN; Esc on either goes back to the review.
            let isCode = if case .code = b.phase { true } else { false }
            switch fieldKey(field, key, typed: { b.phase = isCode ? .code($0) : .pin($0) }) {
            case .typed: break
            case .settled(let effects): return effects
            case .cancelled: b.phase = .review
            case .entered(let code) where isCode:
                b.writtenCode = code
                b.phase = .pin(TextField(placeholder: ""))
            case .entered(let pin):
                // The PIN leaves the state here: only the effect carries it to the store.
                b.phase = .submitting
                b.failure = nil
                state.message = nil
                state.screen = .ballot(b)
                let approvals = b.markedCandidates.map(\.id)
                let declared = b.round.candidates.map(\.id).filter(b.declared.contains)
                if let secretary = b.secretary {
                    // The code stays until the ballot is recorded, so a mistyped PIN can be retyped alone.
                    let code = b.writtenCode ?? ""
                    return [.voting(.castWritten(round: b.round.id, member: b.member.id, secretary: secretary.id, pin: pin, code: code,
                                                 approvals: approvals, declared: declared))]
                }
                return [.voting(.cast(round: b.round.id, member: b.member.id, pin: pin, approvals: approvals, declared: declared))]
            }
        case .submitting:
            return []
        case .receipt:
            guard [.enter, .escape, .char(" ")].contains(key) else {
                return [.ctrl("c"), .function(10), .function(1)].contains(key) ? nil : []
            }
            return finish(&state, b)
        }
        state.message = nil
        state.screen = .ballot(b)
        return []
    }

    /// After the receipt: a kiosk forgets everything and asks for the next member; otherwise back to the console.
    static func finish(_ state: inout AppState, _ b: BallotState) -> [Effect] {
        state.message = nil
        if b.kiosk {
            state.stack = [.memberPick(MemberPickState(roundId: b.round.id, kiosk: true))]
            return [.voting(.loadRound(b.round.id))]
        }
        while state.stack.count > 1, isBallotStep(state.screen) { state.stack.removeLast() }
        if case .console(let c) = state.screen { return [.voting(.loadConsole(session: c.sessionId))] }
        return []
    }

    // MARK: Result

    static func result(_ state: inout AppState, _ r: inout ResultState, _ key: Key) -> [Effect]? {
        if let lines = r.minutes {
            // The minutes on screen: scrolled, closed with Esc; `p` writes them (Word) as on the result, `?` helps.
            let last = max(0, lines.count - 1)
            switch key {
            case .down, .char("j"): r.minutesScroll = min(r.minutesScroll + 1, last)
            case .up, .char("k"): r.minutesScroll = max(0, r.minutesScroll - 1)
            case .pageDown, .char(" "): r.minutesScroll = min(r.minutesScroll + App.page(state), last)
            case .pageUp: r.minutesScroll = max(0, r.minutesScroll - App.page(state))
            case .home, .char("g"): r.minutesScroll = 0
            case .end, .char("G"): r.minutesScroll = last
            case .escape, .char("m"): r.minutes = nil; r.minutesScroll = 0
            default: return key == SignedDocuments.key || [.char("?"), .function(1), .ctrl("c"), .function(10)].contains(key) ? nil : []
            }
            state.message = nil
            state.screen = .roundResult(r)
            return []
        }
        if var c = r.casting, key != .ctrl("c"), key != .function(10) {
            let effects = casting(&state, &c, r.data, key)
            r.casting = effects == nil ? nil : c
            state.screen = .roundResult(r)
            return effects ?? []
        }
        if r.confirmRunoff, let field = r.runoffPin {
            switch fieldKey(field, key, typed: { r.runoffPin = $0 }) {
            case .typed: break
            case .settled(let effects): return effects
            case .cancelled: (r.confirmRunoff, r.runoffPin) = (false, nil)
            case .entered(let pin):
                guard let chair = r.data.chair else { state.message = state.strings("casting.no_chair"); return [] }
                r.confirmRunoff = false
                r.runoffPin = nil
                state.screen = .roundResult(r)
                return [.voting(.openRunoff(session: r.data.sessionId, previous: r.data.result.roundId, chair: chair.id, pin: pin))]
            }
            state.screen = .roundResult(r)
            return []
        }
        if r.confirmRunoff {
            guard let yes = yesOrNo(key) else { return [] }
            if yes { r.runoffPin = TextField() } else { r.confirmRunoff = false }
            state.screen = .roundResult(r)
            return []
        }
        switch key {
        case .down, .char("j"):
            r.fingerprintScroll = min(r.fingerprintScroll + 1, max(0, r.data.result.fingerprints.count - 1))
        case .up, .char("k"):
            r.fingerprintScroll = max(0, r.fingerprintScroll - 1)
        case .pageDown:
            r.fingerprintScroll = min(r.fingerprintScroll + App.page(state), max(0, r.data.result.fingerprints.count - 1))
        case .pageUp:
            r.fingerprintScroll = max(0, r.fingerprintScroll - App.page(state))
        case .char("m"):
            state.message = nil
            return [.voting(.loadMinutes(round: r.data.result.roundId, english: state.language == .en))]
        case .char("c"):
            guard r.data.castingChoiceOpen else { state.message = state.strings("casting.not_open"); return [] }
            guard r.data.chair != nil else { state.message = state.strings("casting.no_chair"); return [] }
            r.casting = CastingState()
        case .char("n"):
            guard r.data.result.next != .done else { state.message = state.strings("result.nothing_next"); return [] }
            if let f = r.data.followedBy { state.message = state.strings("round.runoff_exists", r.data.result.roundId, f); return [] }
            r.confirmRunoff = true
        default:
            return nil
        }
        state.message = nil
        state.screen = .roundResult(r)
        return []
    }

    /// Keys while the chair makes a casting choice; nil when it is given up (Esc), so the result shows again.
    static func casting(_ state: inout AppState, _ c: inout CastingState, _ data: ResultData, _ key: Key) -> [Effect]? {
        let res = data.result
        let tied = res.tiedIds
        let s = state.strings
        if c.submitting { return [] }
        if let field = c.pin {
            switch fieldKey(field, key, typed: { c.pin = $0 }) {
            case .typed: break
            // Ctrl-C and F10 too: the caller keeps them for the global keys.
            case .settled: return []
            case .cancelled: c.pin = nil
            case .entered(let pin):
                guard let chair = data.chair else { return [] }
                // The PIN leaves the state here: only the effect carries it to the store.
                c.pin = TextField()
                c.submitting = true
                c.failure = nil
                state.message = nil
                return [.voting(.resolveTie(round: res.roundId, chair: chair.id, pin: pin, chosen: c.chosen))]
            }
            return []
        }
        switch key {
        case .down, .char("j"):
            c.selected = min(c.selected + 1, max(0, tied.count - 1))
        case .up, .char("k"):
            c.selected = max(0, c.selected - 1)
        case .char(" "):
            guard tied.indices.contains(c.selected) else { return [] }
            let id = tied[c.selected]
            if let i = c.chosen.firstIndex(of: id) {
                c.chosen.remove(at: i)
            } else if c.chosen.count >= res.tieForSeats {
                state.message = s("casting.too_many", res.tieForSeats)
                return []
            } else {
                c.chosen.append(id)
            }
        case .enter:
            guard c.chosen.count == res.tieForSeats else { state.message = s("casting.choose", res.tieForSeats); return [] }
            c.pin = TextField()
        case .escape:
            state.message = nil
            return nil
        default:
            return []
        }
        state.message = nil
        return []
    }

    // MARK: Answers

    static func tick(_ state: inout AppState) -> [Effect] {
        guard wantsTicks(state) else { return [] }
        switch state.screen {
        case .console(let c): return [.voting(.ifChanged(.loadConsole(session: c.sessionId)))]
        case .memberPick(let p): return [.voting(.ifChanged(.loadRound(p.roundId)))]
        case .ballot(let b): return [.voting(.ifChanged(.loadRound(b.round.id)))]
        default: return []
        }
    }

    static func receive(_ state: inout AppState, _ msg: VotingMsg) -> [Effect] {
        let s = state.strings
        switch msg {
        case .sessionsLoaded(let rows):
            if case .council(var c) = state.screen {
                c.sessions = rows
                c.loaded = true
                c.selected = min(c.selected, max(0, rows.count - 1))
                state.screen = .council(c)
            }
        case .consoleLoaded(let data):
            for i in state.stack.indices {
                if case .console(var c) = state.stack[i], c.sessionId == data.session.id {
                    c.data = data
                    c.scroll = min(c.scroll, max(0, data.members.count - 1))
                    state.stack[i] = .console(c)
                    if i == 0 || state.stack.count == i + 1 { state.year = data.session.year }
                }
            }
        case .roundLoaded(let round):
            for i in state.stack.indices {
                switch state.stack[i] {
                case .memberPick(var p) where p.roundId == round.id:
                    p.round = round
                    p.selected = min(p.selected, max(0, round.electors.count - 1))
                    state.stack[i] = .memberPick(p)
                    state.year = round.year
                case .ballot(var b) where b.round.id == round.id:
                    b.round = round
                    state.stack[i] = .ballot(b)
                default:
                    break
                }
            }
        case let .ballotCast(round, member, receipt):
            if case .ballot(var b) = state.screen, b.round.id == round, b.member.id == member {
                b.phase = .receipt(receipt)
                b.marks = []
                b.declared = []
                b.writtenCode = nil
                b.failure = nil
                state.screen = .ballot(b)
            }
        case .refused(let failure):
            state.message = failure.text(s)
            if case .roundResult(var r) = state.screen, var c = r.casting, c.submitting {
                c.submitting = false
                c.failure = failure
                r.casting = c
                state.screen = .roundResult(r)
            }
            if case .ballot(var b) = state.screen, b.phase == .submitting {
                b.failure = failure
                b.phase = failure.kind == .wrongPIN ? .pin(TextField()) : .review
                if failure.kind != .wrongPIN { b.writtenCode = nil }
                if failure.kind == .roundClosed { b.round.status = .closed }
                state.screen = .ballot(b)
            }
        case .roundOpened(let id):
            state.message = s("console.round_opened", id)
            while state.stack.count > 1, !isConsole(state.screen) { state.stack.removeLast() }
            if case .console(let c) = state.screen { return [.voting(.loadConsole(session: c.sessionId))] }
        case .roundClosed(let data):
            state.message = s("console.round_closed", data.result.roundId)
            state.stack.append(.roundResult(ResultState(data: data)))
        case .resultLoaded(let data):
            state.stack.append(.roundResult(ResultState(data: data)))
        case let .minutesLoaded(round, text):
            if case .roundResult(var r) = state.screen, r.data.result.roundId == round {
                r.minutes = text.components(separatedBy: "\n")
                r.minutesScroll = 0
                state.screen = .roundResult(r)
            }
        case let .shortlistLoaded(year, list):
            for i in state.stack.indices {
                if case .console(var c) = state.stack[i], var f = c.form, c.data?.session.year == year {
                    f.shortlist = list
                    c.form = f
                    state.stack[i] = .console(c)
                }
            }
        case .tieResolved(let data):
            if case .roundResult = state.screen { state.screen = .roundResult(ResultState(data: data)) }
            state.message = s("casting.recorded", data.result.roundId)
        }
        return []
    }

    static func isBallotStep(_ screen: Screen) -> Bool {
        switch screen {
        case .ballot, .memberPick, .profile: return true
        default: return false
        }
    }

    static func isBallot(_ screen: Screen) -> Bool {
        if case .ballot = screen { return true }
        return false
    }

    static func isConsole(_ screen: Screen) -> Bool {
        if case .console = screen { return true }
        return false
    }

    /// A key on a one-line field that completes an act: the chair's PIN once an act is confirmed, a voter's PIN
    /// or written-ballot code.
    /// A key on a PIN or code field, for the screen that holds it: only Enter and Esc are its to act on.
    enum FieldKey {
        /// Enter on a field not empty: its value.
        case entered(String)
        /// Esc: the field is given up.
        case cancelled
        /// Any other key, typed into the field: the screen shows it as it now reads.
        case typed
        /// What the screen returns: [] for Enter on an empty field (nothing happens), nil for Ctrl-C or F10 (the
        /// global keys).
        case settled([Effect]?)
    }

    /// Every PIN and code field answers keys alike; `typed` puts the field back into the screen's state.
    static func fieldKey(_ field: TextField, _ key: Key, typed: (TextField) -> Void) -> FieldKey {
        switch key {
        case .enter: return field.value.isEmpty ? .settled([]) : .entered(field.value)
        case .escape: return .cancelled
        case .ctrl("c"), .function(10): return .settled(nil)
        default:
            var f = field
            f.handle(key)
            typed(f)
            return .typed
        }
    }

    /// The answer to a yes/no question: `y` or Enter yes, `n` or Esc no, nil for any other key.
    static func yesOrNo(_ key: Key) -> Bool? {
        switch key {
        case .char("y"), .char("Y"), .enter: true
        case .char("n"), .char("N"), .escape: false
        default: nil
        }
    }
}
