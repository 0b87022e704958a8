import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// The next round's parameters as the chair sets them on the console (`P`): seats, threshold and base, "more than"
/// or "at least", what a conflict of interest does, over the year's nominations shown as the shortlist will be.
/// Read and checked by `RoundParameters.reading`, the same function as `round open`; Enter then asks the question
/// and the chair's PIN as `o` does.
public struct RoundForm: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable { case minSeats, maxSeats, threshold, base, atLeast, conflicts }
    public var minSeats: TextField
    public var maxSeats: TextField
    public var threshold: TextField
    public var base: ThresholdBase
    public var atLeast: Bool
    public var conflicts: ConflictRule
    public var field: Field = .minSeats
    /// Why the parameters as typed were refused, until the next Enter.
    public var problem: VotingFailure?
    /// The year's nominations in ballot order: nil until loaded.
    public var shortlist: [VoteCandidate]?
    public var scroll = 0

    public init(_ p: RoundParameters, conflicts: ConflictRule = .flag) {
        minSeats = TextField(value: String(p.minSeats), focused: true)
        maxSeats = TextField(value: String(p.maxSeats))
        threshold = TextField(value: p.threshold.description)
        base = p.base
        atLeast = !p.strictlyMore
        self.conflicts = conflicts
    }

    /// The parameters as typed, or why not.
    public func read() -> Result<RoundParameters, ParameterProblem> {
        Result { () throws(ParameterProblem) -> RoundParameters in
            try RoundParameters.reading(minSeats: Int(minSeats.value) ?? 0, maxSeats: Int(maxSeats.value) ?? 0,
                                        threshold: threshold.value, base: base, atLeast: atLeast)
        }
    }
}

enum RoundFormScreen {
    /// Keys while the form is open; nil lets help (`?`, F1) and quitting act.
    static func handle(_ state: inout AppState, _ c: inout ConsoleState, _ key: Key) -> [Effect]? {
        guard var f = c.form else { return nil }
        let fields = RoundForm.Field.allCases
        switch key {
        case .char("?"), .function(1):
            return nil
        case .escape:
            c.form = nil
            state.message = nil
            state.screen = .console(c)
            return []
        case .tab, .down:
            f.field = fields[(f.field.rawValue + 1) % fields.count]
        case .backTab, .up:
            f.field = fields[(f.field.rawValue + fields.count - 1) % fields.count]
        case .pageDown:
            f.scroll = min(f.scroll + max(1, App.page(state) / 2), max(0, (f.shortlist?.count ?? 0) - 1))
        case .pageUp:
            f.scroll = max(0, f.scroll - max(1, App.page(state) / 2))
        case .enter:
            switch f.read() {
            case .failure(let problem):
                let w = problem.wording
                f.problem = VotingFailure(key: "round.tui.refused", args: [state.strings.format(w.key, w.args)])
            case .success(let p):
                // Nothing is written yet: the question and the chair's PIN follow, as for `o`.
                c.parameters = p
                c.conflicts = f.conflicts
                c.form = nil
                c.confirm = .openRound
                state.message = nil
                state.screen = .console(c)
                return []
            }
        default:
            f.problem = nil
            switch f.field {
            case .minSeats, .maxSeats:
                if case .char(let ch) = key, !ch.isNumber { return [] }
                if f.field == .minSeats { _ = f.minSeats.handle(key) } else { _ = f.maxSeats.handle(key) }
            case .threshold:
                if case .char(let ch) = key, !(ch.isNumber || "/.,%".contains(ch)) { return [] }
                _ = f.threshold.handle(key)
            case .base:
                guard [.left, .right, .char(" ")].contains(key) else { return [] }
                f.base = f.base == .members ? .present : .members
            case .atLeast:
                guard [.left, .right, .char(" ")].contains(key) else { return [] }
                f.atLeast.toggle()
            case .conflicts:
                guard [.left, .right, .char(" ")].contains(key) else { return [] }
                f.conflicts = f.conflicts == .flag ? .recuse : .flag
            }
        }
        f.minSeats.focused = f.field == .minSeats
        f.maxSeats.focused = f.field == .maxSeats
        f.threshold.focused = f.field == .threshold
        c.form = f
        state.message = nil
        state.screen = .console(c)
        return []
    }

    static let keys: [(key: String, label: String, inBar: Bool)] = [
        ("Tab ↑↓", "key.form_field", true), ("← → Space", "key.change_choice", true), ("Enter", "key.confirm_params", true),
        ("Esc", "key.cancel", true), ("PgUp/PgDn", "key.scroll_shortlist", false), ("?", "key.help", false), ("F10", "key.quit", false),
    ]

    static func draw(_ state: AppState, _ f: RoundForm, year: Int, members: Int, present: Int, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let width = min(area.width, 100)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + 1, width: width, height: max(0, area.height - 1))
        buffer.render(Clear(), in: box)
        let block = Block(title: " " + s("round.tui.form_title") + " ", borderStyle: Theme.focusBorder, titleStyle: Theme.focusBorder)
        buffer.render(block, in: box)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        var y = inner.y
        let labels = RoundForm.Field.allCases.map { s("round.tui.field.\($0)") }
        let lw = min(inner.width / 2, (labels.map { displayWidth(of: $0) }.max() ?? 0) + 2)
        var cursor: Position?
        for field in RoundForm.Field.allCases where y < inner.bottom {
            let here = field == f.field
            buffer.setString(labels[field.rawValue], x: inner.x, y: y, maxWidth: lw, style: here ? Theme.message : .plain)
            let vx = inner.x + lw, vw = max(0, min(24, inner.width - lw))
            switch field {
            case .minSeats, .maxSeats, .threshold:
                var t = field == .minSeats ? f.minSeats : (field == .maxSeats ? f.maxSeats : f.threshold)
                t.style = Theme.status
                buffer.render(t, in: Rect(x: vx, y: y, width: field == .threshold ? vw : min(6, vw), height: 1))
                if here { cursor = buffer.cursor }
                if field == .threshold {
                    buffer.setString(s("round.tui.threshold_hint"), x: vx + min(12, vw) + 1, y: y, maxWidth: max(0, inner.right - vx - 13),
                                     style: Theme.dim)
                }
            case .base, .atLeast, .conflicts:
                let value = switch field {
                case .base: s("round.base.\(f.base.rawValue)")
                case .atLeast: s(f.atLeast ? "round.at_least" : "round.more_than")
                default: s("round.conflicts.\(f.conflicts.rawValue)")
                }
                buffer.setString("‹ " + value + " ›", x: vx, y: y, maxWidth: max(0, inner.right - vx), style: here ? Theme.message : .plain)
                if here { cursor = Position(x: vx, y: y) }
            }
            y += 1
        }
        y += 1
        switch f.read() {
        case .success(let p):
            let seats = min(p.maxSeats, f.shortlist?.count ?? p.maxSeats)
            buffer.setString(VotingView.thresholdText(s, p, members: members, present: present), x: inner.x, y: y, maxWidth: inner.width)
            y += 1
            if let list = f.shortlist, p.maxSeats > list.count {
                buffer.setString(s("round.tui.seats_capped", p.maxSeats, seats, list.count), x: inner.x, y: y, maxWidth: inner.width,
                                 style: VotingView.tie)
            }
            y += 1
        case .failure(let problem):
            // Said as typed; after Enter, as refused.
            let w = problem.wording
            let text = f.problem?.text(s) ?? s.format(w.key, w.args)
            for line in ("✗ " + text).wrapped(toWidth: inner.width).prefix(2) {
                buffer.setString(line, x: inner.x, y: y, maxWidth: inner.width, style: VotingView.warn)
                y += 1
            }
            y = max(y, inner.y + RoundForm.Field.allCases.count + 3)
        }
        guard y < inner.bottom else { buffer.cursor = cursor; return }
        guard let list = f.shortlist else {
            buffer.setString(s("app.loading"), x: inner.x, y: y, maxWidth: inner.width, style: Theme.dim)
            buffer.cursor = cursor
            return
        }
        buffer.setString(s("round.tui.shortlist", list.count, year), x: inner.x, y: y, maxWidth: inner.width, style: Theme.heading)
        y += 1
        if list.isEmpty {
            buffer.setString(s("round.tui.no_nominations"), x: inner.x, y: y, maxWidth: inner.width, style: VotingView.warn)
        }
        for (i, c) in list.enumerated().dropFirst(f.scroll) where y < inner.bottom {
            let verdict = c.eligible ? "✓" : (c.overrideReason != nil ? "⚠" : "✗")
            let line = "\(i + 1). \(verdict) \(c.name) · \(s("kind.\(c.kind.rawValue)")) — \(c.unitName)"
            buffer.setString(line, x: inner.x, y: y, maxWidth: inner.width, style: c.eligible ? .plain : VotingView.tie)
            y += 1
        }
        buffer.cursor = cursor
    }
}
