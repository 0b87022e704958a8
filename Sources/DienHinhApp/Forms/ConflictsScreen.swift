import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// The secretariat's bundle conflicts: a list, then one record side by side; `o` keeps ours, `t` takes theirs.
enum ConflictsScreen {
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard case .conflicts(var s) = state.screen else { return nil }
        if !s.detail, ListMove.move(key, &s.selected, count: s.rows.count, page: App.page(state)) {
            state.screen = .conflicts(s)
            return []
        }
        let current = s.rows.indices.contains(s.selected) ? s.rows[s.selected] : nil
        switch key {
        case .enter, .right, .char("l"):
            guard current != nil else { return [] }
            s.detail = true
        case .up, .char("k"), .left:
            guard s.detail else { return nil }
            s.selected = max(0, s.selected - 1)
        case .down, .char("j"):
            guard s.detail else { return nil }
            s.selected = min(max(0, s.rows.count - 1), s.selected + 1)
        case .char("o"), .char("t"):
            guard let c = current else { return [] }
            state.message = nil
            return [.forms(.resolveConflict(c.id, keepTheirs: key == .char("t")))]
        case .escape, .backspace, .char("h"):
            guard s.detail else { return nil }
            s.detail = false
        default:
            return nil
        }
        state.message = nil
        state.screen = .conflicts(s)
        return []
    }

    static func answer(_ state: inout AppState, _ msg: FormMsg) -> [Effect] {
        for i in state.stack.indices {
            guard case .conflicts(var s) = state.stack[i] else { continue }
            switch msg {
            case .conflictsLoaded(let rows):
                s.rows = rows
                s.loaded = true
                s.selected = min(s.selected, max(0, rows.count - 1))
                if rows.isEmpty { s.detail = false }
            case let .conflictResolved(id, theirs):
                if let at = s.rows.firstIndex(where: { $0.id == id }) {
                    let c = s.rows.remove(at: at)
                    state.message = state.strings(theirs ? "conflict.took_theirs" : "conflict.kept_ours",
                                                  c.candidateName ?? c.candidateId, s.rows.count)
                }
                // Then the next one: same position, or the list when none is left.
                s.selected = min(s.selected, max(0, s.rows.count - 1))
                if s.rows.isEmpty { s.detail = false }
            default:
                break
            }
            state.stack[i] = .conflicts(s)
        }
        return []
    }

    /// A field as the forms name it ("Đơn vị", not `unit_code`); a field no form shows keeps its contract name.
    static func fieldLabel(_ name: String, _ strings: Strings) -> String {
        strings.has("form.field.\(name)") ? strings("form.field.\(name)") : name
    }

    /// A value as a person reads it: an award by its name, a date as DD/MM/YYYY, a kind or a yes/no in words.
    static func fieldValue(_ name: String, _ value: String?, _ strings: Strings) -> String {
        guard let value, !value.isEmpty else { return "—" }
        switch name {
        case "type", "proposed_award": return AwardCode(rawValue: value).map { strings("award.\($0.rawValue)") } ?? value
        case "decision_date": return FieldParsing.displayDate(value)
        case "kind": return strings.has("kind.\(value)") ? strings("kind.\(value)") : value
        default: return value == "true" ? strings("yes") : value == "false" ? strings("no") : value
        }
    }

    static func draw(_ state: AppState, _ s: ConflictsState, in area: Rect, _ buffer: inout Buffer) {
        let str = state.strings
        let inner = area.inset(horizontal: 1, vertical: 0)
        guard s.loaded else {
            buffer.setString(str("app.loading"), x: inner.x, y: inner.y, style: Theme.dim)
            return
        }
        if s.rows.isEmpty {
            buffer.setString(str("conflict.none"), x: inner.x, y: inner.y, maxWidth: inner.width, style: Theme.eligible)
            return
        }
        if s.detail, s.rows.indices.contains(s.selected) {
            detail(state, s.rows[s.selected], index: s.selected, total: s.rows.count, in: inner, &buffer)
            return
        }
        buffer.setString(str("conflict.count", s.rows.count), x: inner.x, y: inner.y, maxWidth: inner.width, style: Theme.heading)
        let wName = max(14, inner.width * 30 / 100), wKind = 9, wUnit = 10
        let wFile = max(10, inner.width - wName - wKind - wUnit - 6 - 2)
        func row(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
            "  " + a.fitted(toWidth: wName) + " " + b.fitted(toWidth: wKind) + " " + c.fitted(toWidth: wUnit) + " " + d.truncated(toWidth: wFile)
        }
        buffer.setString(row(str("conflict.col.candidate"), str("conflict.col.record"), str("conflict.col.unit"), str("conflict.col.bundle")),
                         x: inner.x, y: inner.y + 2, maxWidth: inner.width, style: Theme.dim)
        let items = s.rows.map { c in
            String(row((c.candidateName ?? c.candidateId).truncated(toWidth: wName), str("bundle.conflict_kind.\(c.kind)").truncated(toWidth: wKind),
                       c.sourceUnit.truncated(toWidth: wUnit), c.bundleFile).dropFirst(2))
        }
        let list = ListView(items: items, selected: s.selected)
        buffer.render(list, in: Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: max(0, inner.height - 3)))
    }

    static func detail(_ state: AppState, _ c: ConflictRow, index: Int, total: Int, in area: Rect, _ buffer: inout Buffer) {
        let str = state.strings
        let title = str("conflict.detail_title", index + 1, total, c.candidateName ?? c.candidateId, str("bundle.conflict_kind.\(c.kind)"))
        buffer.setString(title, x: area.x, y: area.y, maxWidth: area.width, style: Theme.heading)
        buffer.setString(str("conflict.source", c.sourceUnit, c.bundleFile, c.recordKey), x: area.x, y: area.y + 1, maxWidth: area.width, style: Theme.dim)
        let wField = 22
        let wSide = max(10, (area.width - wField - 4) / 2)
        let header = "  " + str("conflict.col.field").fitted(toWidth: wField) + " " + str("conflict.ours").fitted(toWidth: wSide) + " "
            + str("conflict.theirs").truncated(toWidth: wSide)
        buffer.setString(header, x: area.x, y: area.y + 3, maxWidth: area.width, style: Style(bold: true, underline: true))
        let changed = Style(fg: .yellow, bold: true)
        for (i, f) in c.fields.enumerated() where area.y + 4 + i < area.bottom {
            let y = area.y + 4 + i
            let mark = f.differs ? "≠ " : "  "
            let style = f.differs ? changed : Style.plain
            buffer.setString(mark + fieldLabel(f.name, state.strings).fitted(toWidth: wField), x: area.x, y: y, maxWidth: area.width, style: f.differs ? changed : Theme.dim)
            buffer.setString(fieldValue(f.name, f.ours, state.strings).truncated(toWidth: wSide), x: area.x + 2 + wField + 1, y: y, maxWidth: wSide, style: style)
            buffer.setString(fieldValue(f.name, f.theirs, state.strings).truncated(toWidth: wSide), x: area.x + 2 + wField + 1 + wSide + 1, y: y, maxWidth: wSide,
                             style: f.differs ? Style(fg: .cyan, bold: true) : .plain)
        }
        let n = c.fields.filter(\.differs).count
        let y = min(area.bottom - 1, area.y + 5 + c.fields.count)
        buffer.setString(str("conflict.choose", n), x: area.x, y: y, maxWidth: area.width, style: Theme.message)
        buffer.cursor = Position(x: area.x, y: area.y)
    }
}
