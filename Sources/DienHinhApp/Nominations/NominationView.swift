import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// Drawing of the nomination question and the roll-up.
enum NominationView {
    /// The question `N` asks, over whatever screen it was asked on.
    static func drawPrompt(_ state: AppState, in area: Rect, _ buffer: inout Buffer) {
        guard let p = state.nominate else { return }
        let s = state.strings
        let who = "\(p.name) (\(s("kind.\(p.kind.rawValue)").lowercased()))"
        var message: String
        if let refusal = p.refusal {
            message = refusal.text(s) + "\n\n" + s("nominate.tui.close_keys")
        } else if p.reason != nil {
            message = s("nominate.tui.not_eligible", who, state.year) + "\n\n"
        } else if p.eligible {
            message = s("nominate.tui.confirm", who, state.year) + "\n\n" + s("nominate.tui.keys")
        } else {
            message = s("nominate.tui.confirm_ineligible", who, state.year) + "\n\n" + s("nominate.tui.keys")
        }
        if p.submitting { message += "\n" + s("app.loading") }
        let d = Dialog(title: s(p.refusal == nil ? "nominate.tui.title" : "nominate.tui.refused_title"), message: message,
                       width: min(area.width - 4, 72),
                       borderStyle: p.eligible && p.refusal == nil ? Theme.focusBorder : Style(fg: .red, bold: true))
        let frame = d.frame(in: area)
        buffer.render(Clear(), in: frame)
        buffer.render(d, in: area)
        if let field = p.reason, p.refusal == nil {
            let row = Rect(x: frame.x + 2, y: frame.bottom - 2, width: frame.width - 4, height: 1)
            let prompt = s("nominate.tui.reason") + " "
            let pw = min(displayWidth(of: prompt), row.width / 2)
            buffer.setString(prompt, x: row.x, y: row.y, maxWidth: pw, style: Theme.message)
            buffer.render(field, in: Rect(x: row.x + pw, y: row.y, width: row.width - pw, height: 1))
        }
    }

    static func draw(_ state: AppState, _ r: RollupState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let inner = area.inset(horizontal: 1, vertical: 0)
        guard r.loaded, let level = r.level else {
            buffer.setString(s("rollup.title", r.year), x: inner.x, y: inner.y, maxWidth: inner.width, style: Theme.heading)
            buffer.setString(s("app.loading"), x: inner.x, y: inner.y + 2, style: Theme.dim)
            return
        }
        let levels = r.levels
        let position = levels.count > 1 ? " (\((levels.firstIndex(of: level) ?? 0) + 1)/\(levels.count))" : ""
        buffer.setString(s("rollup.heading", r.year, s("level.\(level.rawValue)")) + position, x: inner.x, y: inner.y,
                         maxWidth: inner.width, style: Theme.heading)
        let units = r.units.filter { $0.unit.level == level }
        let nominated = units.filter { !$0.nominees.isEmpty }.count
        let nominees = units.reduce(0) { $0 + $1.nominees.count }
        let overrides = units.reduce(0) { $0 + $1.nominees.filter { !$0.eligible || $0.overrideReason != nil }.count }
        buffer.setString(s("rollup.summary", units.count, nominated, units.count - nominated, nominees, overrides),
                         x: inner.x, y: inner.y + 1, maxWidth: inner.width)
        let rows = r.rows
        let items = rows.map { row -> String in
            switch row {
            case .unit(let u): return unitLine(s, u, quota: r.quota)
            case let .nominee(n, _): return "    " + nomineeLine(s, n)
            }
        }
        let bottom = r.withdraw == nil ? 0 : 2
        let listArea = Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: max(0, inner.height - 3 - bottom))
        if items.isEmpty {
            buffer.setString(s("rollup.no_units"), x: listArea.x, y: listArea.y, maxWidth: listArea.width, style: Theme.dim)
        } else {
            buffer.render(ListView(items: items, selected: r.selected, focused: r.withdraw == nil), in: listArea)
        }
        if let field = r.withdraw, let n = r.selectedNominee {
            let y = inner.bottom - 2
            buffer.setString(s("withdraw.prompt", n.name), x: inner.x, y: y, maxWidth: inner.width, style: Theme.message)
            buffer.render(field, in: Rect(x: inner.x, y: y + 1, width: inner.width, height: 1))
        }
    }

    /// "Viện KSND tỉnh Nghệ An — tập thể 1/1, cá nhân 2/2", or "— chưa giới thiệu".
    static func unitLine(_ s: Strings, _ u: RollupUnit, quota: NominationQuota) -> String {
        guard !u.nominees.isEmpty else { return s("rollup.unit_none", u.unit.name) }
        let c = u.nominees.filter { $0.kind == .collective }.count
        return s("rollup.unit", u.unit.name, c, quota.collectives, u.nominees.count - c, quota.individuals)
    }

    /// "Cá nhân: Nguyễn Văn An — đủ điều kiện", or "— không đủ điều kiện, lý do: …".
    static func nomineeLine(_ s: Strings, _ n: RollupNominee) -> String {
        let base = s("kind.\(n.kind.rawValue)") + ": " + n.name
        if let reason = n.overrideReason { return s("rollup.nominee_override", base, reason) }
        return base + " — " + s(n.eligible ? "rollup.eligible" : "rollup.not_eligible")
    }

    static func keys(_ r: RollupState) -> [(String, String, Bool)] {
        if r.withdraw != nil { return [("Enter", "key.withdraw_confirm", true), ("Esc", "key.cancel", true)] }
        return [("Tab ← →", "key.rollup_level", true), ("Enter", "key.profile", true), ("d", "key.withdraw", true),
                ("r", "key.reload", true)]
    }

    static func promptKeys(_ p: NominatePrompt) -> [(key: String, label: String, inBar: Bool)] {
        if p.refusal != nil { return [("Enter Esc", "key.close", true), ("F10", "key.quit", false)] }
        return [("Enter", p.reason == nil ? "key.nominate_confirm" : "key.nominate_with_reason", true), ("Esc", "key.cancel", true),
         ("F10", "key.quit", false)]
    }
}
