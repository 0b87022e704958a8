import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// Drawing of the dashboard. Everything comes from the loaded figures: no clock is read here.
enum DashboardView {
    static func draw(_ state: AppState, _ d: DashboardState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let en = state.language == .en
        let inner = area.inset(horizontal: 1, vertical: 0)
        buffer.setString(s("dash.title", state.year), x: inner.x, y: inner.y, maxWidth: inner.width, style: Theme.heading)
        guard let f = d.figures else {
            buffer.setString(s("app.loading"), x: inner.x, y: inner.y + 2, style: Theme.dim)
            return
        }
        var y = inner.y + 1
        func line(_ text: String, style: Style = .plain) {
            guard y < inner.bottom - (d.exportField == nil ? 0 : 1) else { return }
            buffer.setString(text.truncatedKeepingNumbers(toWidth: inner.width), x: inner.x, y: y, maxWidth: inner.width, style: style)
            y += 1
        }
        if let plan = f.plan {
            line(s("dash.plan", f.year, plan.title.text(english: en)))
            line(f.phase.map { s("dash.phase", $0.title.text(english: en)) } ?? s("dash.no_phase"))
        } else {
            // No plan covers the year: no phase, no deadline, nothing borrowed from another plan's calendar.
            line(s("dash.no_plan", f.year, f.plans), style: Theme.message)
        }
        if f.plan == nil {
        } else if let next = f.nextDeadline {
            let days = ISODate.days(from: f.asOf, to: next.date) ?? 0
            let when = next.approximate ? String(next.date.prefix(4)) : FieldParsing.displayDate(next.date)
            line(s("dash.next", when, days == 0 ? s("dash.days_today") : s("dash.days_left", days), next.title.text(english: en)),
                 style: Theme.message)
        } else {
            line(s("dash.next_none"), style: Theme.dim)
        }
        y += 1
        // Figures per level.
        let rowsOf: (FigureRow, String) -> [String] = { r, label in
            [label, String(r.candidates), String(r.eligible), String(r.registered), String(r.nominated), String(r.selected)]
        }
        let rows = f.levels.map { rowsOf($0, s("level.short.\($0.key)")) } + [rowsOf(f.total, s("dash.total"))]
        // Figure columns as wide as their heading or their widest figure (and the spacing): never cut.
        let headings = ["dash.col.candidates", "dash.col.eligible", "dash.col.registered", "dash.col.nominated", "dash.col.selected"].map { s($0) }
        let columns = [TableColumn(s("dash.col.level"), width: .fill(1))] + headings.enumerated().map { i, h in
            let widest = rows.map { displayWidth(of: $0[i + 1]) }.max() ?? 0
            return TableColumn(h, width: .length(max(displayWidth(of: h), widest, 5) + 2), alignment: .right)
        }
        let tableHeight = min(rows.count + 1, max(0, inner.bottom - y))
        buffer.render(Table(columns: columns, rows: rows), in: Rect(x: inner.x, y: y, width: inner.width, height: tableHeight))
        y += tableHeight + 1
        // Charts: eligible by level and by region, side by side.
        let chartRows = max(f.levels.count, f.regions.count)
        if y + chartRows + 1 <= inner.bottom {
            let halves = Rect(x: inner.x, y: y, width: inner.width, height: chartRows + 1).split(.horizontal, [.fill(1), .length(2), .fill(1)])
            buffer.setString(s("dash.chart_level"), x: halves[0].x, y: y, maxWidth: halves[0].width, style: .boldText)
            buffer.setString(s("dash.chart_region"), x: halves[2].x, y: y, maxWidth: halves[2].width, style: .boldText)
            let top = Double(max(f.levels.map(\.eligible).max() ?? 0, f.regions.map(\.eligible).max() ?? 0, 1))
            let levelBars = f.levels.map { Bar(s("level.short.\($0.key)"), Double($0.eligible), valueText: "\($0.eligible)/\($0.candidates)") }
            let regionBars = f.regions.map { r in
                Bar(r.key == "VKSTC" ? s("dash.region.supreme") : r.label.replacingOccurrences(of: "VKSND cấp cao tại ", with: ""), Double(r.eligible), valueText: "\(r.eligible)/\(r.candidates)")
            }
            buffer.render(BarChart(bars: levelBars, max: top, barStyle: Theme.eligible),
                          in: Rect(x: halves[0].x, y: y + 1, width: halves[0].width, height: chartRows))
            buffer.render(BarChart(bars: regionBars, max: top, barStyle: Theme.eligible),
                          in: Rect(x: halves[2].x, y: y + 1, width: halves[2].width, height: chartRows))
            y += chartRows + 2
        }
        line(s("dash.registrations", f.registrations, f.lateRegistrations, f.unitsWithoutRegistration, f.unitsTotal))
        // The AHLD target as n/2 with a bar, then the closest collectives and why.
        let a = f.ahld
        let label = s("dash.ahld", a.count, a.target)
        if y < inner.bottom {
            let w = displayWidth(of: label)
            buffer.setString(label, x: inner.x, y: y, maxWidth: inner.width, style: a.met ? Theme.eligible : .boldText)
            if inner.width - w - 2 >= 6 {
                buffer.render(BarChart(bars: [Bar("", Double(a.count), valueText: "\(a.count)/\(a.target)")], max: Double(a.target),
                                       barStyle: a.met ? Theme.eligible : Theme.message),
                              in: Rect(x: inner.x + w + 1, y: y, width: min(30, inner.width - w - 1), height: 1))
            }
            y += 1
        }
        if !a.closest.isEmpty { line(s("dash.closest"), style: Theme.dim) }
        for (i, r) in a.closest.enumerated() {
            line("\(i + 1). \(r.candidate.name) — \(r.explanation(s.format))")
        }
        // Each award of the year's rule set: how many meet it, and who is nearest and what they still need.
        if !f.closestToAwards.isEmpty, y + 2 < inner.bottom {
            y += 1
            line(s("dash.awards_closest", f.year), style: .boldText)
            let text = AwardPathText(strings: s)
            for row in f.closestToAwards {
                let near = row.closest.first.map { s("dash.award_near", $0.candidate.name, text.gap($0.step)) } ?? s("dash.award_none_near")
                line(s("dash.award_row", text.awardName(row.award), s("kind.\(row.kind.rawValue)").lowercased(), row.met, near))
            }
        }
        if let field = d.exportField {
            let row = inner.bottom - 1
            let prompt = s("dash.export_prompt")
            let pw = min(displayWidth(of: prompt), inner.width / 2)
            buffer.fill(Rect(x: inner.x, y: row, width: inner.width, height: 1), style: .plain)
            buffer.setString(prompt, x: inner.x, y: row, maxWidth: pw, style: Theme.message)
            buffer.render(field, in: Rect(x: inner.x + pw, y: row, width: inner.width - pw, height: 1))
        }
    }
}
