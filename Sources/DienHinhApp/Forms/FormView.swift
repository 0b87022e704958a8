import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// Drawing of the forms (one field per row, the message beside the field), pick lists and the forms' overlays.
enum FormsView {
    static let errorStyle = Style(fg: .red, bold: true)
    static let warningStyle = Style(fg: .yellow, bold: true)
    static let fieldStyle = Style(underline: true)
    static let focusedFieldStyle = Style(fg: .black, bg: .cyan)

    static func title(_ state: AppState, _ f: FormState) -> String {
        let s = state.strings
        switch f.target {
        case .newCandidate: return s("form.title.new_candidate", f.subject)
        case .editCandidate: return s("form.title.edit_candidate", f.subject)
        case .newAchievement: return s("form.title.new_record", f.subject)
        case .editAchievement: return s("form.title.edit_record", f.subject)
        }
    }

    /// A draft's value as the offer lists it: kinds and awards in words.
    static func offered(_ field: String, _ value: String, _ s: Strings) -> String {
        if field == "kind" { return s("kind.\(value)") }
        if ["type", "proposed_award"].contains(field), let code = AwardCode(rawValue: value.uppercased()) { return s("award.\(code.rawValue)") }
        return value
    }

    /// The value as shown: a pick field's name (a unit's code with its name), a toggle's box, a choice's word.
    static func display(_ state: AppState, _ f: FormState, _ field: FormField) -> String {
        let s = state.strings
        switch field.input {
        case .toggle: return field.on ? "[x] " + s("yes") : "[ ] " + s("no")
        case .choice: return "‹ " + s("kind.\(field.value)") + " ›"
        case .pick:
            let v = field.value
            guard !v.isEmpty else { return "" }
            if field.name == "unit_code" { return v + (f.units.first { $0.code == v }.map { " — " + $0.name } ?? "") }
            // The award by its name; its code stays in files and JSON (issue 20).
            if let code = AwardCode(rawValue: v.uppercased()) { return s("award.\(code.rawValue)") }
            return v
        default: return field.value
        }
    }

    static func draw(_ state: AppState, _ f: FormState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let block = Block(title: title(state, f), borderStyle: Theme.focusBorder, titleStyle: Theme.focusBorder)
        buffer.render(block, in: area)
        let inner = block.inner(area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let labelW = 26
        let wide = inner.width >= 100
        let valueW = wide ? 36 : inner.width - labelW - 1
        var y = inner.y
        var cursor: Position?
        // Keep the focused field in view on short screens.
        let beside = inner.right - (inner.x + labelW + 1 + valueW + 2)
        func message(_ p: FormProblem) -> String {
            (p.warning ? "! " : "✗ ") + s.message(p.problem, label: s("form.field.\(p.field)"), beside: true)
        }
        func below(_ p: FormProblem?) -> Bool { p.map { !wide || displayWidth(of: message($0)) > beside } ?? false }
        let rowsNeeded = f.fields.map { 1 + (below(f.problems[$0.name]) ? 1 : 0) }
        var first = 0
        while first < f.focus && rowsNeeded[first...f.focus].reduce(0, +) > inner.height - 1 { first += 1 }
        for (i, field) in f.fields.enumerated().dropFirst(first) {
            guard y < inner.bottom - 1 else { break }
            let focused = i == f.focus
            let label = (focused ? "› " : "  ") + s("form.field.\(field.name)") + (field.required ? " *" : "")
            buffer.setString(label.truncated(toWidth: labelW), x: inner.x, y: y, maxWidth: labelW, style: focused ? Style(bold: true) : .plain)
            let vx = inner.x + labelW + 1
            let rect = Rect(x: vx, y: y, width: valueW, height: 1)
            switch field.input {
            case .text:
                // Away from the field its start shows; in it, the part around the cursor.
                var tf = focused ? field.text : TextField(value: field.text.value, cursor: 0)
                tf.focused = focused && f.pick == nil
                tf.style = focused ? focusedFieldStyle : fieldStyle
                tf.placeholder = focused ? s("form.hint.\(field.name)") : ""
                if s.has("form.hint.\(field.name)") == false { tf.placeholder = "" }
                tf.placeholderStyle = Style(fg: .black, bg: .cyan, dim: true)
                buffer.cursor = nil
                buffer.render(tf, in: rect)
                if focused, let c = buffer.cursor { cursor = c }
            default:
                var text = display(state, f, field)
                if field.input == .pick { text = text.fitted(toWidth: max(1, valueW - 2)) + " ▾" }
                let style = field.input == .readonly ? Theme.dim : (focused ? focusedFieldStyle : fieldStyle)
                buffer.fill(rect, style: style)
                buffer.setString(text, x: vx, y: y, maxWidth: valueW, style: style)
                if focused { cursor = Position(x: vx, y: y) }
            }
            if let p = f.problems[field.name] {
                let msg = message(p)
                let style = p.warning ? warningStyle : errorStyle
                if !below(p) {
                    let mx = vx + valueW + 2
                    buffer.setString(msg, x: mx, y: y, maxWidth: inner.right - mx, style: style)
                } else {
                    y += 1
                    let mx = inner.x + 4
                    buffer.setString(msg, x: mx, y: y, maxWidth: inner.right - mx, style: style)
                }
            }
            y += 1
        }
        let foot = f.confirmCancel ? s("form.confirm_cancel") : s("form.footer")
        buffer.setString(foot, x: inner.x, y: inner.bottom - 1, maxWidth: inner.width, style: f.confirmCancel ? Theme.message : Theme.dim)
        buffer.cursor = cursor
        if let p = f.pick { drawPick(state, f, p, in: area, &buffer) }
    }

    static func drawPick(_ state: AppState, _ f: FormState, _ p: PickState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let width = min(area.width - 30, 70)
        let height = min(area.height - 2, 16)
        let box = Rect(x: area.right - width - 2, y: area.y + 1, width: width, height: height)
        buffer.render(Clear(), in: box)
        let block = Block(title: s("form.pick.title", s("form.field.\(p.field)")), borderStyle: Theme.focusBorder, titleStyle: Theme.focusBorder)
        buffer.render(block, in: box)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        let visible = p.visible
        let prompt = s("form.pick.filter") + " "
        let used = buffer.setString(prompt, x: inner.x, y: inner.y, style: Theme.dim)
        var q = p.query
        q.focused = true
        buffer.render(q, in: Rect(x: inner.x + used, y: inner.y, width: inner.width - used, height: 1))
        let qc = buffer.cursor
        buffer.setString(s("form.pick.count", visible.count, p.options.count), x: inner.x, y: inner.y + 1, maxWidth: inner.width, style: Theme.dim)
        if visible.isEmpty {
            buffer.setString(s("form.pick.none"), x: inner.x, y: inner.y + 2, maxWidth: inner.width, style: Theme.dim)
        } else {
            let items = visible.map { $0.label + "  (" + $0.code + ")" }
            buffer.render(ListView(items: items, selected: p.selected, focused: false),
                          in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2)))
        }
        buffer.cursor = qc
    }

    /// Overlays above any screen: the draft offer, a confirmation.
    static func drawOverlays(_ state: AppState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        if let c = state.forms.confirm {
            let message: String
            switch c {
            case let .deleteCandidate(id, name, records): message = s("form.confirm.delete_candidate", name, id, records)
            case let .deleteAchievement(_, label): message = s("form.confirm.delete_record", label)
            }
            let d = Dialog(title: s("form.confirm.title"), message: message, buttons: [s("form.confirm.yes"), s("form.confirm.no")],
                           width: min(area.width - 4, 64), borderStyle: Style(fg: .red, bold: true))
            buffer.render(Clear(), in: d.frame(in: area))
            buffer.render(d, in: area)
        }
        if let o = state.forms.offers.first, !FormsScreens.isForm(state) {
            let draft = o.draft
            let form = FormRules.form(from: draft)
            let filled = draft.values.filter { !$0.value.isEmpty && $0.value != "false" }
                .sorted { (form.index($0.key) ?? 0) < (form.index($1.key) ?? 0) }
                .prefix(4).map { s("form.field.\($0.key)") + ": " + offered($0.key, $0.value, s) }.joined(separator: "; ")
            let more = state.forms.offers.count > 1 ? " " + s("form.draft.more", state.forms.offers.count - 1) : ""
            let message = s("form.draft.offer", title(state, form), o.updatedAt.prefix(16).replacingOccurrences(of: "T", with: " "))
                + "\n" + filled + more + "\n\n" + s("form.draft.keys")
            let d = Dialog(title: s("form.draft.title"), message: message, width: min(area.width - 4, 72),
                           borderStyle: Theme.focusBorder)
            buffer.render(Clear(), in: d.frame(in: area))
            buffer.render(d, in: area)
            buffer.cursor = Position(x: d.frame(in: area).x + 2, y: d.frame(in: area).y + 1)
        }
    }

    /// The key list of the forms' screens and overlays (status bar and help); nil when another screen's keys apply.
    static func keys(_ state: AppState) -> [(key: String, label: String, inBar: Bool)]? {
        if !state.forms.offers.isEmpty && !FormsScreens.isForm(state) {
            return [("Enter", "key.draft_resume", true), ("Del", "key.draft_discard", true), ("Esc", "key.draft_later", true)]
        }
        if state.forms.confirm != nil { return [("Enter/y", "key.confirm", true), ("Esc/n", "key.cancel", true)] }
        switch state.screen {
        case .form(let f):
            if f.pick != nil {
                return [("abc", "key.pick_filter", true), ("↑↓", "key.select", true), ("Enter", "key.choose", true), ("Esc", "key.close", true)]
            }
            return [("Tab ↑↓", "key.next_field", true), ("Space", "key.toggle", true), ("Ctrl-S F2", "key.save", true),
                    ("Esc", "key.cancel", true), ("F1", "key.help", true), ("F10 Ctrl-C", "key.quit", false)]
        case .conflicts(let c):
            var list: [(String, String, Bool)] = [("↑↓ j/k", "key.move", true)]
            if !c.detail { list.append(("Enter", "key.conflict_open", true)) }
            list += [("o", "key.keep_ours", true), ("t", "key.take_theirs", true), ("Esc", "key.back", true),
                     ("?", "key.help", true), ("q", "key.quit", true)]
            return list
        default:
            return nil
        }
    }

    /// Keys the forms add to the existing screens.
    static func extraKeys(_ state: AppState) -> [(String, String, Bool)] {
        switch state.screen {
        case .levels: return [("x", "key.conflicts", true)]
        case .candidates:
            // With a filter kept, `n` steps through its hits and only `a` adds.
            let n = ListFilters.filter(state.screen) != nil ? "a" : "n/a"
            return [(n, "key.new_candidate", true), ("E", "key.edit_candidate", false), ("r", "key.new_record", false),
                    ("D", "key.delete_candidate", false), ("u", "key.undo", false), ("U Ctrl-R", "key.redo", false)]
        case .profile:
            return [("r", "key.new_record", true), ("E", "key.edit_record", false), ("D", "key.delete_record", false),
                    ("C", "key.edit_candidate", false), ("u", "key.undo", false), ("U Ctrl-R", "key.redo", false)]
        default: return []
        }
    }
}
