import DienHinhCore
import Foundation
import TerminalKit

/// The profile: identity and unit path, the year-by-year history, and the clause 1.2 verdict explained.
enum ProfileView {
    typealias Line = (text: String, style: Style)

    static func draw(_ state: AppState, _ p: ProfileState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let inner = area.inset(horizontal: 1, vertical: 0)
        guard let d = p.data else {
            buffer.setString(s("app.loading"), x: inner.x, y: inner.y, style: Theme.dim)
            return
        }
        let c = d.candidate
        var who = [s("kind.\(c.kind.rawValue)")]
        if let pos = c.position { who.append(pos) }
        if c.isLeader { who.append(s("profile.leader")) }
        buffer.setString("\(c.name)  [\(c.id)]".truncated(toWidth: inner.width), x: inner.x, y: inner.y, style: Style(bold: true))
        buffer.setString(who.joined(separator: " · ").truncated(toWidth: inner.width), x: inner.x, y: inner.y + 1)
        let path = d.unitPath.map(\.name).joined(separator: " › ")
        buffer.setString((s("profile.unit") + ": " + path).truncated(toWidth: inner.width), x: inner.x, y: inner.y + 2, style: Theme.crumb)
        if let pv = d.provenance, pv.user != nil {
            buffer.setString(s("profile.entered", pv.unitCode ?? "?", pv.user ?? "?", pv.at ?? "?").truncated(toWidth: inner.width),
                             x: inner.x, y: inner.y + 3, style: Theme.dim)
        }
        let body = Rect(x: inner.x, y: inner.y + 4, width: inner.width, height: inner.height - 4)
        let panes = inner.width >= 110
            ? body.split(.horizontal, [.percentage(42), .fill(1)])
            : body.split(.vertical, [.percentage(40), .fill(1)])
        let history = historyLines(state, d, width: panes[0].width - 2, cursor: p.record, focused: p.focus == .history)
        var scroll = p.historyScroll
        if let span = history.cursor {
            // The highlighted record stays in view: the least scroll that shows all its lines.
            let rows = max(1, panes[0].height - 2)
            scroll = max(0, span.upperBound - rows)
            if span.lowerBound < scroll { scroll = span.lowerBound }
            scroll += p.historyScroll
        }
        pane(s("profile.history", d.records.count), history.lines, scroll: scroll,
             focused: p.focus == .history, in: panes[0], &buffer)
        if p.right == .path {
            pane(s("profile.path", d.verdict.year, d.awardPath.set?.period ?? "—"), pathLines(state, d, width: panes[1].width - 2),
                 scroll: p.pathScroll, focused: p.focus == .path, in: panes[1], &buffer)
        } else {
            pane(s("profile.verdict", d.verdict.year), verdictLines(state, d, width: panes[1].width - 2), scroll: p.verdictScroll,
                 focused: p.focus == .verdict, in: panes[1], &buffer)
        }
    }

    /// The award path (issue 17): each award of the review year's rule set, met or what is missing, wrapped.
    static func pathLines(_ state: AppState, _ d: ProfileData, width: Int) -> [Line] {
        let text = AwardPathText(strings: state.strings)
        let w = max(10, width)
        guard let set = d.awardPath.set else {
            return state.strings("path.no_rule_set", d.verdict.year).wrapped(toWidth: w).map { ($0, Theme.message) }
        }
        var out: [Line] = state.strings("profile.path_hint").wrapped(toWidth: w).map { ($0, Theme.dim) }
        for step in d.awardPath.steps {
            out.append(("", .plain))
            for (i, line) in text.lines(step, in: set).enumerated() {
                let style: Style = i > 0 ? (line.hasPrefix("   ✗") ? Theme.notEligible : line.hasPrefix("   ✓") ? .plain : Theme.dim)
                    : step.met ? (step.toAttest.isEmpty ? Theme.eligible : Theme.message) : Theme.notEligible
                let indent = String(line.prefix { $0 == " " })
                for (j, piece) in line.dropFirst(indent.count).description.wrapped(toWidth: max(10, w - indent.count - 2)).enumerated() {
                    out.append(((j == 0 ? indent : indent + "  ") + piece, i == 0 ? style.patched(with: .boldText) : style))
                }
            }
        }
        return out
    }

    /// A bordered, scrollable column of lines; the focused one is outlined and holds the cursor.
    static func pane(_ title: String, _ lines: [Line], scroll: Int, focused: Bool, in rect: Rect, _ buffer: inout Buffer) {
        let block = Block(title: title, borderStyle: focused ? Theme.focusBorder : Theme.dim, titleStyle: focused ? Theme.focusBorder : .boldText)
        buffer.render(block, in: rect)
        let inner = block.inner(rect)
        guard !inner.isEmpty else { return }
        let top = min(max(0, scroll), max(0, lines.count - inner.height))
        for (i, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            buffer.setString(line.text, x: inner.x, y: inner.y + i, maxWidth: inner.width, style: line.style)
        }
        if focused { buffer.cursor = Position(x: inner.x, y: inner.y) }
        if lines.count > inner.height {
            let mark = "\(top + 1)–\(min(lines.count, top + inner.height))/\(lines.count)"
            buffer.setString(mark, x: rect.right - displayWidth(of: mark) - 2, y: rect.bottom - 1, style: Theme.dim)
        }
    }

    /// The history's lines and where the highlighted record's lines are (the record at `cursor` of `shownRecords`,
    /// marked ▸, reversed when the pane has the focus).
    static func historyLines(_ state: AppState, _ d: ProfileData, width: Int, cursor: Int = 0,
                             focused: Bool = false) -> (lines: [Line], cursor: Range<Int>?) {
        let s = state.strings
        let text = VerdictText(strings: s)
        guard !d.records.isEmpty else { return ([(s("profile.no_records"), Theme.dim)] + changeLines(state, d, width: width), nil) }
        let chosen = min(max(0, cursor), d.records.count - 1)
        var index = 0
        var span: Range<Int>?
        let years = d.records.map(\.year)
        let first = min(years.min()!, 2010), last = max(years.max()!, d.verdict.year)
        let perYear = (first...last).map { y in Double(d.records.filter { $0.year == y }.count) }
        let spark = Sparkline(values: perYear).text(width: perYear.count)
        var out: [Line] = [("\(first) " + spark + " \(last)", Style(fg: .cyan)), ("", .plain)]
        for year in Set(years).sorted(by: >) {
            let after = year > d.verdict.year
            let items = d.records.filter { $0.year == year }.map { text.evidence(Evidence($0)) }
            let head = "\(year)" + (after ? " " + s("profile.after_year") : "")
            out.append((head, after ? Theme.dim : Style(bold: true)))
            for item in items {
                let here = index == chosen
                let start = out.count
                for (i, piece) in item.wrapped(toWidth: max(10, width - 4)).enumerated() {
                    var style = after ? Theme.dim : (item.contains(s("award.KY_LUAT")) ? Theme.notEligible : Style.plain)
                    if here && focused { style.reverse = true }
                    out.append(((i == 0 ? (here ? "  ▸ " : "  · ") : "    ") + piece, style))
                }
                if here { span = start..<out.count }
                index += 1
            }
        }
        return (out + changeLines(state, d, width: width), span)
    }

    /// The edits and deletes of this candidate's row and records, newest first, under the history (issue 14).
    static func changeLines(_ state: AppState, _ d: ProfileData, width: Int) -> [Line] {
        guard !d.changes.isEmpty else { return [] }
        let text = ProfileText(strings: state.strings)
        var out: [Line] = [("", .plain), (state.strings("profile.changes", d.changes.count), Style(bold: true))]
        for change in d.changes {
            for (i, piece) in text.changeLine(change).wrapped(toWidth: max(10, width - 4)).enumerated() {
                out.append(((i == 0 ? "  · " : "    ") + piece, Theme.dim))
            }
        }
        return out
    }

    /// One sentence before the clause list: through which clauses it passes, or what is missing.
    static func summary(_ state: AppState, _ v: Verdict) -> String {
        let s = state.strings
        let base: Clause = v.kind == .individual ? .individualBase : .collectiveBase
        let options = v.kind == .individual ? Array(Clause.individual[1...7]) : Array(Clause.collective[1...4])
        let met = v.clauses.filter(\.met).map(\.clause)
        let wording = ClauseWording.shipped
        let point = wording.point(base)
        if v.eligible {
            return s("verdict.passes", point, ([base] + options.filter(met.contains)).map { wording.part($0, s) }.joined(separator: " + "))
        }
        var missing: [String] = []
        if !met.contains(base) { missing.append(wording.part(base, s)) }
        if !options.contains(where: met.contains) {
            let number = { (c: Clause) in String(c.rawValue.split(separator: ".").last ?? "") }
            missing.append(s("clause.part.dashes", number(options.first!), number(options.last!)))
        }
        if v.kind == .individual, !met.contains(.individualLeader) { missing.append(wording.part(.individualLeader, s)) }
        return s("verdict.missing", point, missing.joined(separator: "; "))
    }

    static func verdictLines(_ state: AppState, _ d: ProfileData, width: Int) -> [Line] {
        let s = state.strings
        let text = VerdictText(strings: s)
        let wording = ClauseWording.shipped
        let v = d.verdict
        if let plans = d.noPlan {
            return s("verdict.no_plan", v.year, plans).wrapped(toWidth: max(10, width)).map { ($0, Theme.message) }
        }
        var out: [Line] = [
            (v.eligible ? s("verdict.eligible_upper") : s("verdict.not_eligible_upper"), v.eligible ? Theme.eligible : Theme.notEligible),
        ]
        out += summary(state, v).wrapped(toWidth: max(10, width)).map { ($0, v.eligible ? Theme.eligible : Theme.notEligible) }
        let notes = [s("verdict.parameters", v.parameters.consecutiveYears, v.parameters.minInitiatives, v.parameters.flagConsecutiveYears,
                       v.parameters.flagWindowStart, v.parameters.flagWindowEnd),
                     s(v.kind == .individual ? "verdict.rule_individual" : "verdict.rule_collective")]
        for note in notes { out += note.wrapped(toWidth: max(10, width)).map { ($0, Theme.dim) } }
        for copy in v.copies { out += ("! " + text.copies(copy)).wrapped(toWidth: max(10, width)).map { ($0, Theme.notEligible) } }
        out.append(("", .plain))
        let w = max(10, width - 4)
        for line in v.clauses {
            let mark = line.met ? "✓" : "✗"
            let style = line.met ? Theme.eligible : Theme.notEligible
            // The plan's wording first, its number under the finding (issue 20: names, never codes).
            for (i, piece) in wording.text(line.clause, state.language, parameters: v.parameters).wrapped(toWidth: w).enumerated() {
                out.append(i == 0 ? ("\(mark) " + piece, style) : ("    " + piece, .plain))
            }
            for piece in ("→ " + text.finding(line.finding, year: v.year)).wrapped(toWidth: w) {
                out.append(("    " + piece, Style(fg: .cyan)))
            }
            out.append(("    " + wording.label(line.clause, s), Theme.dim))
            for e in line.evidence {
                for (i, piece) in text.evidence(e).wrapped(toWidth: max(10, width - 8)).enumerated() {
                    out.append(((i == 0 ? "      · " : "        ") + piece, Theme.dim))
                }
            }
        }
        return out
    }
}
