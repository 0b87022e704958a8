import DienHinhCore
import Foundation
import TerminalKit

/// Drawing of the levels list, the unit tree and the unit's candidates.
enum BrowseView {
    static func levels(_ state: AppState, _ l: LevelsState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let inner = area.inset(horizontal: 1, vertical: 0)
        buffer.setString(s("levels.heading"), x: inner.x, y: inner.y, maxWidth: inner.width, style: Theme.heading)
        let counts = Dictionary(uniqueKeysWithValues: l.rows.map { ($0.level, $0) })
        let columns = [TableColumn("", width: .length(3)), TableColumn(s("levels.col.level"), width: .fill(1)),
                       TableColumn(s("levels.col.units"), width: .length(10), alignment: .right),
                       TableColumn(s("levels.col.candidates"), width: .length(12), alignment: .right)]
        var rows = levels(of: state, l).enumerated().map { i, level in
            ["\(i + 1).", s("level.\(level.rawValue)"), counts[level].map { String($0.units) } ?? "…",
             counts[level].map { String($0.candidates) } ?? "…"]
        }
        if l.ceased > 0 { rows.append(["\(rows.count + 1).", s("levels.ceased_row"), String(l.ceasedUnits), String(l.ceased)]) }
        let table = Table(columns: columns, rows: rows, selected: l.selected)
        buffer.render(table, in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: min(inner.height - 2, rows.count + 1)))
        let messageY = max(inner.y + 7, inner.y + 3 + rows.count)
        if l.ceased > 0, messageY < inner.bottom {
            buffer.setString(s("levels.ceased", l.ceased).truncated(toWidth: inner.width), x: inner.x, y: messageY,
                             maxWidth: inner.width, style: Theme.message)
        }
        // The plan's criteria are stated only for a year the plan covers; otherwise, that no plan does.
        let note = l.noPlan.map { s("levels.no_plan", state.year, $0) } ?? s("levels.note")
        for (i, line) in note.wrapped(toWidth: inner.width).enumerated() where messageY + 2 + i < inner.bottom {
            buffer.setString(line, x: inner.x, y: messageY + 2 + i, style: l.noPlan == nil ? Theme.dim : Theme.message)
        }
    }

    /// The levels in force in the review year: the loaded rows' order, or the calendar's while loading.
    static func levels(of state: AppState, _ l: LevelsState) -> [Level] {
        l.rows.isEmpty ? SectorCalendar.levels(year: state.year) : l.rows.map(\.level)
    }

    static func units(_ state: AppState, _ u: UnitsState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let inner = area.inset(horizontal: 1, vertical: 0)
        buffer.setString(u.ceased ? s("units.ceased_heading", state.year) : s("level.\(u.level.rawValue)"), x: inner.x, y: inner.y,
                         maxWidth: inner.width, style: Theme.heading)
        guard u.loaded else {
            buffer.setString(s("app.loading"), x: inner.x, y: inner.y + 2, style: Theme.dim)
            return
        }
        var top = inner.y + 1
        if let f = u.filter {
            ListFilters.draw(state, f, shown: u.matchCount, total: u.unitCount, x: inner.x, y: top, width: inner.width, &buffer)
            top += 1
        }
        let rows = u.rows.map { r in
            TreeRow(id: r.node.unit.code,
                    title: u.isGroup(r.node) ? s("units.group", r.node.unit.name, r.node.children.count)
                        : s("units.row", r.node.unit.name, r.node.candidates),
                    depth: r.depth, hasChildren: !r.node.children.isEmpty, isExpanded: u.expanded.contains(r.node.unit.code))
        }
        let cursor = buffer.cursor
        buffer.render(Tree(rows: rows, selected: u.selected), in: Rect(x: inner.x, y: top, width: inner.width, height: inner.bottom - top))
        // While the filter is typed into, the cursor stays in its field.
        if u.filter?.editing == true { buffer.cursor = cursor }
        if rows.isEmpty, u.filter != nil { buffer.setString(s("filter.no_match"), x: inner.x, y: top, maxWidth: inner.width, style: Theme.dim) }
    }

    static func candidates(_ state: AppState, _ c: CandidatesState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let inner = area.inset(horizontal: 1, vertical: 0)
        let visible = c.visible
        var filters = [s("sort.\(c.sort.rawValue)")]
        if let k = c.kindFilter { filters.append(s("kind.\(k.rawValue)")) }
        if c.eligibleOnly { filters.append(s("filter.eligible_only")) }
        let header = s("candidates.heading", c.unit.name, visible.count, c.rows.count)
        buffer.setString(header.truncated(toWidth: inner.width), x: inner.x, y: inner.y, style: Theme.heading)
        let filterLine = filters.joined(separator: " · ") + (c.filter == nil ? "" : " · ")
        buffer.setString(filterLine.truncated(toWidth: inner.width), x: inner.x, y: inner.y + 1, style: Theme.dim)
        if let f = c.filter {
            let used = min(inner.width, displayWidth(of: filterLine))
            ListFilters.draw(state, f, shown: visible.count, total: c.rows.count, x: inner.x + used, y: inner.y + 1,
                             width: inner.width - used, &buffer)
        }
        let cursor = buffer.cursor
        defer { if c.filter?.editing == true { buffer.cursor = cursor } }
        guard c.loaded else {
            buffer.setString(s("app.loading"), x: inner.x, y: inner.y + 3, style: Theme.dim)
            return
        }
        guard !visible.isEmpty else {
            buffer.setString(s(c.filter == nil ? "candidates.none" : "filter.no_match"), x: inner.x, y: inner.y + 3, style: Theme.dim)
            return
        }
        let wide = inner.width >= 110
        var columns = [TableColumn("", width: .length(3)), TableColumn(s("col.name"), width: .fill(wide ? 3 : 2)),
                       TableColumn(s("col.kind"), width: .length(9))]
        if wide { columns.append(TableColumn(s("col.position"), width: .fill(2))) }
        columns += [TableColumn(s("col.top_award"), width: .fill(wide ? 3 : 2)),
                    TableColumn(s("col.records"), width: .length(5), alignment: .right)]
        let text = VerdictText(strings: s)
        let tableArea = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 3)
        // The award's name gives way, never its year (issue 20).
        let awardWidth = Table(columns: columns, rows: []).columnRects(in: tableArea)[columns.count - 2].width
        let rows: [[String]] = visible.map { r in
            var row = [(r.judged ? (r.eligible ? "✓" : "✗") : "·") + (r.candidate.isLeader ? "★" : " "), r.candidate.name, s("kind.\(r.candidate.kind.rawValue)")]
            if wide { row.append(r.candidate.position ?? "") }
            row.append(r.topAward.map { award in
                let year = r.topAwardYear.map { " \($0)" } ?? ""
                return text.awardName(award).truncated(toWidth: max(1, awardWidth - displayWidth(of: year))) + year
            } ?? "—")
            row.append(String(r.recordCount))
            return row
        }
        buffer.render(Table(columns: columns, rows: rows, selected: c.selected), in: tableArea)
        // Colour the marks so eligibility reads at a glance (the ✓/✗ carry it without colour too).
        let first = Table(columns: columns, rows: rows, selected: c.selected).visibleOffset(height: tableArea.height)
        for line in 1..<tableArea.height {
            let i = first + line - 1
            guard i < visible.count, i != c.selected else { continue }
            buffer.patchStyle(visible[i].eligible ? Theme.eligible : Theme.notEligible, in: Rect(x: tableArea.x, y: tableArea.y + line, width: 1, height: 1))
        }
        buffer.setString(s("candidates.legend"), x: inner.x, y: inner.bottom - 1, maxWidth: inner.width, style: Theme.dim)
    }
}
