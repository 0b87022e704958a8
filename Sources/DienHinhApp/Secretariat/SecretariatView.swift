import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// Drawing of the members list and the roll. A PIN is never drawn: one • per typed digit.
enum SecretariatView {
    static func dots(_ ask: PinAsk) -> String { String(repeating: "•", count: ask.field.value.count) + "▏" }

    /// A PIN question on one line at `y`: "Mã PIN của Chủ tịch Hội đồng: •••▏".
    static func pinLine(_ s: Strings, _ ask: PinAsk, x: Int, y: Int, width: Int, _ buffer: inout Buffer) {
        buffer.fill(Rect(x: x, y: y, width: width, height: 1), style: .plain)
        let prompt = s("secretariat.pin_of", ask.signer.name, s("role.\(ask.role.rawValue)")) + " "
        let used = buffer.setString(prompt, x: x, y: y, maxWidth: width, style: Theme.message)
        buffer.setString(dots(ask), x: x + used, y: y, maxWidth: max(0, width - used))
        buffer.cursor = Position(x: x + used + ask.field.value.count, y: y)
    }

    /// The council home's question, drawn on its last line.
    static func drawHomeAsk(_ state: AppState, _ c: CouncilHomeState, in area: Rect, _ buffer: inout Buffer) {
        guard let ask = c.ask else { return }
        let s = state.strings
        let what = switch ask {
        case .open: s("session.tui.open_question", state.year)
        case .close(let id, _): s("session.tui.close_question", id)
        }
        buffer.fill(Rect(x: area.x, y: area.bottom - 2, width: area.width, height: 1), style: .plain)
        buffer.setString(what, x: area.x, y: area.bottom - 2, maxWidth: area.width, style: Theme.heading)
        pinLine(s, ask.pin, x: area.x, y: area.bottom - 1, width: area.width, &buffer)
    }

    static func members(_ state: AppState, _ m: MembersState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let inner = area.inset(horizontal: 1, vertical: 0)
        buffer.setString(s("members.title", m.members.count), x: inner.x, y: inner.y, maxWidth: inner.width, style: Theme.heading)
        guard m.loaded else { buffer.setString(s("app.loading"), x: inner.x, y: inner.y + 2, style: Theme.dim); return }
        var top = inner.y + 2
        if let path = m.slipPath {
            for line in s("members.slip_at", path).wrapped(toWidth: inner.width).prefix(2) {
                buffer.setString(line, x: inner.x, y: top - 1, maxWidth: inner.width, style: Theme.message)
                top += 1
            }
        }
        let bottom = m.add != nil ? 4 : (m.act != nil ? 2 : 0)
        let listArea = Rect(x: inner.x, y: top, width: inner.width, height: max(0, inner.bottom - top - bottom))
        if m.members.isEmpty {
            for (i, line) in s("members.empty").wrapped(toWidth: inner.width).enumerated() where i < listArea.height {
                buffer.setString(line, x: inner.x, y: listArea.y + i, style: Theme.dim)
            }
        } else {
            let columns = [TableColumn(s("members.col.name"), width: .fill(2)), TableColumn(s("members.col.role"), width: .length(16)),
                           TableColumn(s("members.col.unit"), width: .fill(2))]
            let rows = m.members.map { member -> [String] in
                let unit = m.units[member.id].map { m.unitNames[$0] ?? $0 } ?? "—"
                return [member.name, s("role.\(member.role.rawValue)"), unit]
            }
            buffer.render(Table(columns: columns, rows: rows, selected: m.selected), in: listArea)
        }
        if let form = m.add {
            let y = inner.bottom - 4
            buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 4), style: .plain)
            buffer.setString(s("members.add_title"), x: inner.x, y: y, maxWidth: inner.width, style: Theme.heading)
            let label = s("members.col.name") + ": "
            let lw = displayWidth(of: label)
            buffer.setString(label, x: inner.x, y: y + 1, style: form.onRole ? .plain : Theme.message)
            var field = form.name
            field.focused = !form.onRole
            buffer.render(field, in: Rect(x: inner.x + lw, y: y + 1, width: inner.width - lw, height: 1))
            let roleLabel = s("members.col.role") + ": "
            buffer.setString(roleLabel + "‹ " + s("role.\(form.role.rawValue)") + " ›", x: inner.x, y: y + 2, maxWidth: inner.width,
                             style: form.onRole ? Theme.message : .plain)
            buffer.setString(s("members.add_hint"), x: inner.x, y: y + 3, maxWidth: inner.width, style: Theme.dim)
            if form.onRole { buffer.cursor = Position(x: inner.x + displayWidth(of: roleLabel), y: y + 2) }
        }
        if let act = m.act, m.members.indices.contains(m.selected) {
            let name = m.members[m.selected].name
            let question = switch act.kind {
            case .resetPIN: s("members.reset_question", name)
            case .role(let r): s("members.role_question", name, s("role.\(r.rawValue)"))
            case .leave: s("members.leave_question", name)
            case .unit: s("members.unit_question", name)
            }
            buffer.fill(Rect(x: inner.x, y: inner.bottom - 2, width: inner.width, height: 2), style: .plain)
            buffer.setString(question, x: inner.x, y: inner.bottom - 2, maxWidth: inner.width, style: Theme.heading)
            if let ask = act.pin {
                pinLine(s, ask, x: inner.x, y: inner.bottom - 1, width: inner.width, &buffer)
            } else if case .unit(var field) = act.kind {
                let label = s("members.unit_field") + " "
                let lw = buffer.setString(label, x: inner.x, y: inner.bottom - 1, maxWidth: inner.width, style: Theme.message)
                field.placeholder = s("members.unit_placeholder")
                field.style = Theme.status
                buffer.render(field, in: Rect(x: inner.x + lw, y: inner.bottom - 1, width: max(0, min(30, inner.width - lw)), height: 1))
            } else {
                buffer.setString(s("members.role_hint"), x: inner.x, y: inner.bottom - 1, maxWidth: inner.width, style: Theme.dim)
            }
        }
    }

    static func roll(_ state: AppState, _ r: RollState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let inner = area.inset(horizontal: 1, vertical: 0)
        buffer.setString(s("roll.title", r.sessionId), x: inner.x, y: inner.y, maxWidth: inner.width, style: Theme.heading)
        guard r.loaded else { buffer.setString(s("app.loading"), x: inner.x, y: inner.y + 2, style: Theme.dim); return }
        let quorum = s("roll.quorum", r.presentCount, r.voting.count, r.required) + " — "
            + s(r.quorumMet ? "roll.quorum_met" : "roll.quorum_not_met")
        buffer.setString(quorum, x: inner.x, y: inner.y + 1, maxWidth: inner.width, style: r.quorumMet ? Theme.eligible : Theme.notEligible)
        if !r.marked.isEmpty {
            buffer.setString(s("roll.pending", r.marked.count), x: inner.x, y: inner.y + 2, maxWidth: inner.width, style: Theme.message)
        }
        let bottom = r.pin == nil ? 0 : 2
        let listArea = Rect(x: inner.x, y: inner.y + 4, width: inner.width, height: max(0, inner.height - 4 - bottom))
        if r.members.isEmpty {
            buffer.setString(s("members.empty"), x: inner.x, y: listArea.y, maxWidth: inner.width, style: Theme.dim)
        } else {
            let columns = [TableColumn("", width: .length(4)), TableColumn(s("members.col.name"), width: .fill(1)),
                           TableColumn(s("members.col.role"), width: .length(16)), TableColumn(s("roll.col.state"), width: .length(22))]
            let rows = r.members.map { m -> [String] in
                let mark = m.present ? "[✓]" : (r.marked.contains(m.id) ? "[•]" : "[ ]")
                let st = m.present ? s("roll.present") : (r.marked.contains(m.id) ? s("roll.marked") : s("roll.absent"))
                return [mark, m.name, s("role.\(m.role.rawValue)"), st]
            }
            buffer.render(Table(columns: columns, rows: rows, selected: r.selected), in: listArea)
        }
        if let ask = r.pin {
            buffer.setString(s("roll.pin_question", r.marked.count), x: inner.x, y: inner.bottom - 2, maxWidth: inner.width,
                             style: Theme.heading)
            pinLine(s, ask, x: inner.x, y: inner.bottom - 1, width: inner.width, &buffer)
        }
    }

    static func keys(_ state: AppState) -> [(key: String, label: String, inBar: Bool)]? {
        let pinKeys: [(key: String, label: String, inBar: Bool)] = [("Enter", "key.sign", true), ("Esc", "key.cancel", true),
                                                                 ("Tab", "key.next_signer", false), ("F10", "key.quit", false)]
        switch state.screen {
        case .council(let c) where c.ask != nil: return pinKeys
        case .members(let m):
            if m.add != nil {
                return [("Enter", "key.add_member_slip", true), ("Tab", "key.name_role", true), ("← →", "key.change_role", true),
                        ("Esc", "key.cancel", true), ("F10", "key.quit", false)]
            }
            if let act = m.act {
                if act.pin != nil { return pinKeys }
                if case .unit = act.kind {
                    return [("Enter", "key.confirm_unit", true), ("Esc", "key.cancel", true), ("F10", "key.quit", false)]
                }
                return [("← →", "key.change_role", true), ("Enter", "key.confirm_role", true), ("Esc", "key.cancel", true), ("F10", "key.quit", false)]
            }
            return nil
        case .roll(let r) where r.pin != nil: return pinKeys
        default: return nil
        }
    }

    /// The screen's own keys, before the general ones.
    static func screenKeys(_ state: AppState) -> [(String, String, Bool)] {
        switch state.screen {
        case .members: return [("a", "key.add_member", true), ("c", "key.change_role", true), ("R", "key.reset_pin", true),
                               ("D", "key.member_leaves", true), ("u", "key.member_unit", true)]
        case .roll: return [("Space", "key.mark_present", true), ("Enter", "key.record_roll", true)]
        default: return []
        }
    }
}
