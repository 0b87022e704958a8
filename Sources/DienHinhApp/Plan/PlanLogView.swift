import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// Drawing of the plan's logs: the three tabs with their counts, the rows of the tab in view, the selected row's
/// detail, and the entry form over the lower part of the screen.
enum PlanLogView {
    static func draw(_ state: AppState, _ p: PlanLogState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let inner = area.inset(horizontal: 1, vertical: 0)
        let heading = p.subject.map { s("planlog.heading_for", $0.name, $0.id) } ?? s("planlog.heading", state.year)
        buffer.setString(heading, x: inner.x, y: inner.y, maxWidth: inner.width, style: Theme.heading)
        // The tabs, the one in view in reverse (visible without colour); their short names when the long do not fit.
        func labels(_ prefix: String) -> [String] {
            PlanLogTab.allCases.map { tab in
                let count = switch tab {
                case .registrations: p.registrations.count
                case .proposals: p.proposals.count
                case .promotions: p.promotions.count
                }
                return " " + s("\(prefix).\(tab.rawValue)", count) + " "
            }
        }
        var tabs = labels("planlog.tab")
        if tabs.reduce(0, { $0 + displayWidth(of: $1) + 1 }) > inner.width { tabs = labels("planlog.tab_short") }
        var x = inner.x
        for (tab, label) in zip(PlanLogTab.allCases, tabs) {
            let w = buffer.setString(label, x: x, y: inner.y + 1, maxWidth: max(0, inner.right - x),
                                     style: tab == p.tab ? Style(bold: true, reverse: true) : .plain)
            x += w + 1
        }
        guard p.loaded else {
            buffer.setString(s("app.loading"), x: inner.x, y: inner.y + 3, style: Theme.dim)
            return
        }
        let items = rows(s, p)
        let formHeight = p.entry.map { min(inner.height - 4, $0.fields.count + 5) } ?? 0
        // A row too long for the width is cut in the list; the selected one is then said whole, wrapped, under it.
        var detail: [String] = []
        if p.entry == nil {
            let highlight = 2
            if items.indices.contains(p.selected), displayWidth(of: items[p.selected]) + highlight > inner.width {
                detail = items[p.selected].wrapped(toWidth: max(10, inner.width))
            }
            detail += detailLines(s, p, width: inner.width)
        }
        // The detail follows the rows it belongs to (the bottom rows are where long messages are drawn).
        let room = max(0, inner.height - 3 - formHeight)
        let detailHeight = min(detail.count, room / 3)
        let listArea = Rect(x: inner.x, y: inner.y + 3, width: inner.width,
                            height: min(max(1, items.count), max(0, room - (detailHeight > 0 ? detailHeight + 1 : 0))))
        if items.isEmpty {
            buffer.setString(s("planlog.empty.\(p.tab.rawValue)"), x: listArea.x, y: listArea.y, maxWidth: listArea.width, style: Theme.dim)
        } else {
            buffer.render(ListView(items: items, selected: p.selected, focused: p.entry == nil), in: listArea)
        }
        for (i, line) in detail.prefix(detailHeight).enumerated() {
            buffer.setString(line, x: inner.x, y: listArea.bottom + 1 + i, maxWidth: inner.width, style: Theme.dim)
        }
        if let form = p.entry {
            drawEntry(state, form, in: Rect(x: area.x, y: area.bottom - formHeight, width: area.width, height: formHeight), &buffer)
        }
    }

    /// One line per entry of the tab in view.
    static func rows(_ s: Strings, _ p: PlanLogState) -> [String] {
        switch p.tab {
        case .registrations:
            return p.registrations.map { r in
                let g = r.registration
                return s("planlog.row.registration", FieldParsing.displayDate(g.date), g.name, g.candidateId,
                         s("kind.\(g.kind.rawValue)").lowercased(), r.unitName) + (r.late ? " " + s("registrations.late_flag") : "")
            }
        case .proposals:
            return p.proposals.map { pr in
                s("planlog.row.proposal", pr.year, s("award.\(pr.award.rawValue)"), pr.name, pr.candidateId,
                  s("proposal.outcome.\(pr.outcome.rawValue)")) + (pr.decision.map { " — " + $0 } ?? "")
            }
        case .promotions:
            return p.promotions.map { m in
                s("planlog.row.promotion", FieldParsing.displayDate(m.entry.date), s("channel.\(m.entry.channel.rawValue)"), m.name,
                  m.entry.candidateId, m.entry.title)
            }
        }
    }

    /// What the row under the cursor holds beyond its line: a registration's fostering plan and its steps, a
    /// promotion's reference.
    static func detailLines(_ s: Strings, _ p: PlanLogState, width: Int) -> [String] {
        switch p.tab {
        case .registrations:
            guard p.registrations.indices.contains(p.selected) else { return [] }
            let g = p.registrations[p.selected].registration
            var lines = g.planText.map { s("registrations.plan", $0).wrapped(toWidth: max(10, width)) } ?? []
            lines += g.milestones.map { "• \(FieldParsing.displayDate($0.date)): \($0.text)" }
            return lines
        case .proposals:
            return []
        case .promotions:
            guard p.promotions.indices.contains(p.selected), let ref = p.promotions[p.selected].entry.reference else { return [] }
            return [s("planlog.reference", ref)]
        }
    }

    /// A choice's value in words: an award, an outcome, a channel.
    static func choiceText(_ s: Strings, _ field: FormField) -> String {
        switch field.name {
        case "award": s("award.\(field.value)")
        case "outcome": s("proposal.outcome.\(field.value)")
        case "channel": s("channel.\(field.value)")
        default: field.value
        }
    }

    static func drawEntry(_ state: AppState, _ form: PlanEntryForm, in box: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        buffer.render(Clear(), in: box)
        let block = Block(title: " " + s("planlog.form.\(form.log.rawValue)") + " ", borderStyle: Theme.focusBorder, titleStyle: Theme.focusBorder)
        buffer.render(block, in: box)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        guard inner.height > 0 else { return }
        let labels = form.fields.map { s("planlog.field.\($0.name)") + ($0.required ? " *" : "") }
        let labelW = min((labels.map { displayWidth(of: $0) }.max() ?? 0) + 2, inner.width / 3)
        let valueW = max(1, inner.width - labelW - 1)
        var cursor: Position?
        for (i, field) in form.fields.enumerated() where i < inner.height - 2 {
            let y = inner.y + i
            let focused = i == form.focus
            buffer.setString((focused ? "› " : "  ") + labels[i], x: inner.x, y: y, maxWidth: labelW, style: focused ? Style(bold: true) : .plain)
            let rect = Rect(x: inner.x + labelW + 1, y: y, width: valueW, height: 1)
            let style = focused ? FormsView.focusedFieldStyle : FormsView.fieldStyle
            if case .choice = field.input {
                buffer.fill(rect, style: style)
                buffer.setString("‹ " + choiceText(s, field) + " ›", x: rect.x, y: y, maxWidth: valueW, style: style)
                if focused { cursor = Position(x: rect.x, y: y) }
            } else {
                var tf = focused ? field.text : TextField(value: field.text.value, cursor: 0)
                tf.focused = focused
                tf.style = style
                tf.placeholder = focused && s.has("planlog.hint.\(field.name)") ? s("planlog.hint.\(field.name)") : ""
                tf.placeholderStyle = Style(fg: .black, bg: .cyan, dim: true)
                buffer.cursor = nil
                buffer.render(tf, in: rect)
                if focused, let c = buffer.cursor { cursor = c }
            }
        }
        let said: (String, Style)?
        if let problem = form.problem {
            let args = problem.key == "planlog.required" ? [s("planlog.field.\(problem.field)")] : problem.args
            said = ("✗ " + s.format(problem.key, args), FormsView.errorStyle)
        } else if let refusal = form.refusal {
            said = ("✗ " + refusal.text(s), FormsView.errorStyle)
        } else if form.submitting {
            said = (s("app.loading"), Theme.dim)
        } else {
            said = nil
        }
        if let said { buffer.setString(said.0, x: inner.x, y: inner.bottom - 2, maxWidth: inner.width, style: said.1) }
        buffer.setString(s("planlog.form.footer"), x: inner.x, y: inner.bottom - 1, maxWidth: inner.width, style: Theme.dim)
        buffer.cursor = cursor
    }

    static func keys(_ p: PlanLogState) -> [(String, String, Bool)] {
        if let form = p.entry {
            var keys: [(String, String, Bool)] = [("Enter", "key.save", true), ("Tab ↑↓", "key.next_field", true)]
            if case .choice = form.fields[form.focus].input { keys.append(("Space ← →", "key.change_choice", true)) }
            return keys + [("Esc", "key.cancel", true), ("F10", "key.quit", false)]
        }
        var keys: [(String, String, Bool)] = [("Tab ← →", "key.planlog_tab", true), ("a", "key.planlog_add", true)]
        if p.tab == .proposals { keys.append(("e", "key.planlog_outcome", true)) }
        return keys + [("Enter", "key.profile", true), ("r", "key.reload", true)]
    }
}
