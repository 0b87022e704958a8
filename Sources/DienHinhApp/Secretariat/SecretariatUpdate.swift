import DienHinhCore
import Foundation
import TerminalKit

/// The secretariat's keys (issue 19): on the council's home `o` opens a session for the review year, `c` closes the
/// selected one, `a` takes its roll, `m` the members; the rules and the PIN checks are the store's.
enum SecretariatScreens {
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect]? {
        switch state.screen {
        case .council(var c): return home(&state, &c, key)
        case .members(var m): return members(&state, &m, key)
        case .roll(var r): return roll(&state, &r, key)
        default: return nil
        }
    }

    /// Whether a field takes every key (typing a name or a PIN must not quit or search).
    static func capturesKeys(_ state: AppState) -> Bool {
        switch state.screen {
        case .council(let c): return c.ask != nil
        case .members(let m): return m.add != nil || m.act != nil
        case .roll(let r): return r.pin != nil
        default: return false
        }
    }

    /// A PIN field's keys: the typed PIN on Enter, nil for Esc (cancelled), or the field as it now is.
    enum PinKey { case submit(String), cancel, edited(PinAsk) }
    static func pinKey(_ ask: PinAsk, _ key: Key) -> PinKey {
        var ask = ask
        switch key {
        case .escape: return .cancel
        case .enter: return .submit(ask.field.value)
        case .tab, .backTab:
            ask.index = (ask.index + 1) % ask.signers.count
            return .edited(ask)
        default:
            // Digits only: a PIN is drawn as six digits or more.
            if case .char(let ch) = key, !ch.isNumber { return .edited(ask) }
            ask.field.handle(key)
            return .edited(ask)
        }
    }

    // MARK: Council home

    static func home(_ state: inout AppState, _ c: inout CouncilHomeState, _ key: Key) -> [Effect]? {
        if let ask = c.ask {
            switch pinKey(ask.pin, key) {
            case .cancel: c.ask = nil
            case .edited(let p): c.ask?.pin = p
            case .submit(let pin):
                guard !pin.isEmpty else { return [] }
                c.ask = nil
                state.screen = .council(c)
                let chair = ask.pin.signer.id
                switch ask {
                case .open: return [.secretariat(.openSession(year: state.year, chair: chair, pin: pin, english: state.language == .en))]
                case .close(let session, _): return [.secretariat(.closeSession(session, chair: chair, pin: pin))]
                }
            }
            state.screen = .council(c)
            return []
        }
        let selected = c.sessions.indices.contains(c.selected) ? c.sessions[c.selected] : nil
        switch key {
        case .char("o"):
            guard let ask = signerAsk(&state, .chair, c.members) else { return [] }
            c.ask = .open(ask)
        case .char("c"):
            guard let s = selected, s.open else { state.message = state.strings("session.tui.pick_open"); return [] }
            guard let ask = signerAsk(&state, .chair, c.members) else { return [] }
            c.ask = .close(session: s.id, ask)
        case .char("a"):
            guard let s = selected, s.open else { state.message = state.strings("session.tui.pick_open"); return [] }
            state.message = nil
            state.stack.append(.roll(RollState(sessionId: s.id)))
            return [.secretariat(.loadRoll(session: s.id))]
        case .char("m"):
            state.message = nil
            state.stack.append(.members(MembersState()))
            return [.secretariat(.loadMembers), .secretariat(.loadMemberUnits)]
        default:
            return nil
        }
        state.screen = .council(c)
        return []
    }

    /// The PIN question for a role, or nil (and why, in the status bar) when nobody holds it.
    static func signerAsk(_ state: inout AppState, _ role: CouncilRole, _ members: [CouncilMember]) -> PinAsk? {
        guard let ask = PinAsk(role: role, among: members) else {
            state.message = state.strings("secretariat.no_role", state.strings("role.\(role.rawValue)"))
            return nil
        }
        state.message = nil
        return ask
    }

    // MARK: Members

    static func members(_ state: inout AppState, _ m: inout MembersState, _ key: Key) -> [Effect]? {
        if m.submitting { return [] }
        if var form = m.add {
            switch key {
            case .escape: m.add = nil
            case .tab, .backTab: form.onRole.toggle(); m.add = form
            case .enter:
                let name = form.name.value.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !name.isEmpty else { state.message = state.strings("council.empty_name"); return [] }
                m.add = nil
                m.submitting = true
                state.screen = .members(m)
                return [.secretariat(.addMember(name: name, role: form.role, folder: state.documentsFolder,
                                                      english: state.language == .en))]
            default:
                if form.onRole {
                    guard [.left, .right, .char(" ")].contains(key) else { return [] }
                    let all = CouncilRole.allCases
                    let i = all.firstIndex(of: form.role) ?? 0
                    form.role = all[(i + (key == .left ? all.count - 1 : 1)) % all.count]
                } else {
                    form.name.handle(key)
                }
                m.add = form
            }
            state.screen = .members(m)
            return []
        }
        if var act = m.act, m.members.indices.contains(m.selected) {
            let target = m.members[m.selected]
            guard let ask = act.pin else {
                if case .unit(var field) = act.kind {
                    // Typing the unit's code: Enter to sign with the chair's PIN (an empty code takes the unit away).
                    switch key {
                    case .escape: m.act = nil
                    case .enter:
                        guard let ask = signerAsk(&state, signerRole(target), m.members) else { return [] }
                        act.pin = ask
                        m.act = act
                    default:
                        _ = field.handle(key)
                        act.kind = .unit(field)
                        m.act = act
                    }
                    state.screen = .members(m)
                    return []
                }
                // Picking the new role: ← → (or Space), Enter to sign.
                guard case .role(let role) = act.kind else { return [] }
                switch key {
                case .escape: m.act = nil
                case .left, .right, .char(" "):
                    let all = CouncilRole.allCases
                    let i = all.firstIndex(of: role) ?? 0
                    act.kind = .role(all[(i + (key == .left ? all.count - 1 : 1)) % all.count])
                    m.act = act
                case .enter:
                    guard role != target.role else { m.act = nil; break }
                    guard let ask = signerAsk(&state, signerRole(target), m.members) else { return [] }
                    act.pin = ask
                    m.act = act
                default: return []
                }
                state.screen = .members(m)
                return []
            }
            switch pinKey(ask, key) {
            case .cancel: m.act = nil
            case .edited(let p): act.pin = p; m.act = act
            case .submit(let pin):
                guard !pin.isEmpty else { return [] }
                m.act = nil
                m.submitting = true
                state.screen = .members(m)
                let signer = ask.signer.id
                switch act.kind {
                case .resetPIN:
                    return [.secretariat(.resetPIN(member: target.id, signer: signer, pin: pin, folder: state.documentsFolder,
                                                   english: state.language == .en))]
                case .role(let role): return [.secretariat(.setRole(member: target.id, role: role, signer: signer, pin: pin))]
                case .leave: return [.secretariat(.deactivate(member: target.id, signer: signer, pin: pin))]
                case .unit(let field):
                    let code = field.value.trimmingCharacters(in: .whitespaces).uppercased()
                    return [.secretariat(.setUnit(member: target.id, unit: code.isEmpty ? nil : code, signer: signer, pin: pin))]
                }
            }
            state.screen = .members(m)
            return []
        }
        if ListMove.move(key, &m.selected, count: m.members.count, page: App.page(state)) { state.screen = .members(m); return [] }
        switch key {
        case .char("a"):
            state.message = nil
            m.add = AddMemberForm()
        case .char("R"), .char("D"), .delete:
            guard m.members.indices.contains(m.selected) else { return [] }
            guard let ask = signerAsk(&state, signerRole(m.members[m.selected]), m.members) else { return [] }
            m.act = MemberAct(kind: key == .char("R") ? .resetPIN : .leave, pin: ask)
        case .char("c"):
            guard m.members.indices.contains(m.selected) else { return [] }
            state.message = nil
            m.act = MemberAct(kind: .role(m.members[m.selected].role), pin: nil)
        case .char("u"):
            guard m.members.indices.contains(m.selected) else { return [] }
            state.message = nil
            m.act = MemberAct(kind: .unit(TextField(value: m.units[m.members[m.selected].id] ?? "", focused: true)), pin: nil)
        default:
            return nil
        }
        state.screen = .members(m)
        return []
    }

    /// Who signs an act on a member: the chair, or for the chair the secretary.
    static func signerRole(_ target: CouncilMember) -> CouncilRole { target.role == .chair ? .secretary : .chair }

    // MARK: Roll

    static func roll(_ state: inout AppState, _ r: inout RollState, _ key: Key) -> [Effect]? {
        if r.submitting { return [] }
        if let ask = r.pin {
            switch pinKey(ask, key) {
            case .cancel: r.pin = nil
            case .edited(let p): r.pin = p
            case .submit(let pin):
                guard !pin.isEmpty else { return [] }
                r.pin = nil
                r.submitting = true
                state.screen = .roll(r)
                let ids = r.members.map(\.id).filter { r.marked.contains($0) }
                return [.secretariat(.attend(session: r.sessionId, members: ids, secretary: ask.signer.id, pin: pin))]
            }
            state.screen = .roll(r)
            return []
        }
        if ListMove.move(key, &r.selected, count: r.members.count, page: App.page(state)) { state.screen = .roll(r); return [] }
        switch key {
        case .char(" "):
            guard r.members.indices.contains(r.selected) else { return [] }
            let m = r.members[r.selected]
            // A member recorded present stays so: the roll only grows (the store keeps no departures).
            if m.present { state.message = state.strings("roll.already_present", m.name); return [] }
            if r.marked.contains(m.id) { r.marked.remove(m.id) } else { r.marked.insert(m.id) }
            r.selected = min(r.selected + 1, r.members.count - 1)
        case .enter:
            guard !r.marked.isEmpty else { state.message = state.strings("roll.nothing_marked"); return [] }
            guard let ask = signerAsk(&state, .secretary, r.councilMembers) else { return [] }
            r.pin = ask
        default:
            return nil
        }
        state.screen = .roll(r)
        return []
    }

    // MARK: Answers

    static func receive(_ state: inout AppState, _ msg: SecretariatMsg) -> [Effect] {
        let s = state.strings
        switch msg {
        case .membersLoaded(let list):
            for i in state.stack.indices { if case .council(var c) = state.stack[i] { c.members = list; state.stack[i] = .council(c) } }
            update(&state) { (m: inout MembersState) in
                m.members = list
                m.loaded = true
                m.submitting = false
                m.selected = min(m.selected, max(0, list.count - 1))
            }
            return []
        case let .slipWritten(name, path, added):
            state.message = s(added ? "members.added" : "members.pin_reset", name)
            update(&state) { (m: inout MembersState) in m.submitting = false; m.slipPath = path }
            return [.secretariat(.loadMembers)]
        case let .memberChanged(name, role, unit):
            if let unit {
                state.message = unit.isEmpty ? s("members.unit_cleared", name) : s("members.unit_set", name, unit)
            } else {
                state.message = role.map { s("members.role_set", name, s("role.\($0.rawValue)")) } ?? s("members.left", name)
            }
            return [.secretariat(.loadMembers), .secretariat(.loadMemberUnits)]
        case let .memberUnitsLoaded(units, names):
            update(&state) { (m: inout MembersState) in m.units = units; m.unitNames = names }
            return []
        case .sessionOpened(let id):
            state.message = s("session.tui.opened", id)
            return [.voting(.loadSessions)]
        case .sessionClosed(let id):
            state.message = s("session.tui.closed", id)
            return [.voting(.loadSessions)]
        case let .rollLoaded(session, members):
            update(&state) { (r: inout RollState) in
                guard r.sessionId == session else { return }
                r.members = members
                r.marked.subtract(members.filter(\.present).map(\.id))
                r.loaded = true
                r.submitting = false
                r.selected = min(r.selected, max(0, members.count - 1))
            }
            return []
        case let .attended(session, count):
            state.message = s("roll.recorded", count)
            update(&state) { (r: inout RollState) in r.marked = [] }
            return [.secretariat(.loadRoll(session: session))]
        case .refused(let f):
            state.message = f.text(s)
            update(&state) { (m: inout MembersState) in m.submitting = false }
            update(&state) { (r: inout RollState) in r.submitting = false }
            return []
        }
    }

    /// Changes every screen of that kind on the stack.
    static func update(_ state: inout AppState, _ change: (inout MembersState) -> Void) {
        for i in state.stack.indices { if case .members(var m) = state.stack[i] { change(&m); state.stack[i] = .members(m) } }
    }

    static func update(_ state: inout AppState, _ change: (inout RollState) -> Void) {
        for i in state.stack.indices { if case .roll(var r) = state.stack[i] { change(&r); state.stack[i] = .roll(r) } }
    }
}
