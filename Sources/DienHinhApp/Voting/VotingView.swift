import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// Drawing of the council screens. The PIN is never drawn: only one • per typed character.
enum VotingView {
    static let elected = Style(fg: .green, bold: true)
    static let tie = Style(fg: .yellow, bold: true)
    static let warn = Style(fg: .red, bold: true)
    static let receipt = Style(fg: .black, bg: .yellow, bold: true)

    static func draw(_ state: AppState, in area: Rect, _ buffer: inout Buffer) {
        let inner = area.inset(horizontal: 1, vertical: 0)
        switch state.screen {
        case .council(let c): home(state, c, in: inner, &buffer)
        case .console(let c): console(state, c, in: inner, &buffer)
        case .memberPick(let p): pick(state, p, in: inner, &buffer)
        case .ballot(let b): ballot(state, b, in: inner, &buffer)
        case .roundResult(let r): result(state, r, in: inner, &buffer)
        default: break
        }
    }

    static func crumb(_ state: AppState, _ screen: Screen) -> String {
        let s = state.strings
        switch screen {
        case .council: return s("council.area")
        case .console(let c): return s("console.crumb", c.sessionId)
        case .memberPick(let p): return s("pick.crumb", p.roundId)
        case .ballot(let b): return b.member.name
        case .roundResult(let r): return s("result.crumb", r.data.result.roundId)
        default: return ""
        }
    }

    static func keys(_ state: AppState) -> [(key: String, label: String, inBar: Bool)] {
        var list: [(String, String, Bool)] = []
        let back = state.stack.count > 1
        switch state.screen {
        case .council:
            list = [("↑↓ j/k", "key.move", true), ("Enter", "key.console", true), ("o", "key.open_session", true),
                    ("a", "key.roll", true), ("c", "key.close_session", false), ("m", "key.members", true), ("n", "key.rollup", true)]
        case .console(let c):
            if c.form != nil { return RoundFormScreen.keys }
            if c.confirm != nil, c.pin != nil { return [("Enter", "key.casting_sign", true), ("Esc", "key.cancel", true)] }
            if c.confirm != nil { return [("y Enter", "key.yes", true), ("n Esc", "key.no", true)] }
            // The parameters matter before a round opens; while one is open the bar keeps closing it.
            list = [("o", "key.open_round", true), ("P", "key.round_params", c.data?.round?.status != .open), ("x", "key.close_round", true), ("b", "key.vote_here", true),
                    ("w", "key.written", false), ("r", "key.result", true), ("l F5", "key.reload", false), ("↑↓ j/k", "key.scroll", false)]
        case .memberPick(let p):
            list = [("↑↓", "key.select", true), ("Enter", "key.choose_member", true), ("M01…", "key.type_id", false)]
            list.append(("Esc", p.kiosk ? "key.clear_field" : "key.back", true))
            return list + [("F1", "key.help", true), ("F10 Ctrl-C", "key.quit", !p.kiosk)]
        case .ballot(let b):
            switch b.phase {
            case .marking:
                // A refusal in the status line needs the room: then only the mark key stays in the bar.
                let quiet = state.message == nil
                list = [("Space", "key.mark", true), ("c F5", "key.cast", quiet), ("Enter p", "key.profile", quiet),
                        ("Esc", "key.back", quiet), ("↑↓ j/k", "key.move", quiet), ("d", "key.declare_conflict", false)]
            case .review:
                list = [("Enter c", "key.enter_pin", true), ("Esc", "key.edit_marks", true)]
            case .code:
                return [("Enter", "key.next", true), ("Esc", "key.cancel", true)]
            case .pin:
                return [("Enter", "key.submit_vote", true), ("Esc", "key.cancel", true)]
            case .submitting:
                return []
            case .receipt:
                return [("Enter", b.kiosk ? "key.next_member" : "key.done", true)]
            }
            return list + [("?", "key.help", state.message == nil)]
        case .roundResult(let r):
            if r.minutes != nil {
                return [("↑↓ j/k", "key.scroll", false), ("PgUp/PgDn", "key.page", false), ("p", "key.write_docx", true),
                        ("Esc m", "key.close_minutes", true), ("?", "key.help", true), ("F10 Ctrl-C", "key.quit", false)]
            }
            if let c = r.casting {
                if c.pin != nil { return [("Enter", "key.casting_sign", true), ("Esc", "key.casting_picks", true)] }
                return [("Space", "key.mark", true), ("Enter", "key.casting_confirm", true), ("↑↓ j/k", "key.move", true),
                        ("Esc", "key.cancel", true)]
            }
            list = [("↑↓ j/k", "key.scroll_fingerprints", true)]
            if r.confirmRunoff, r.runoffPin != nil { return [("Enter", "key.casting_sign", true), ("Esc", "key.cancel", true)] }
            if r.confirmRunoff { return [("y Enter", "key.yes", true), ("n Esc", "key.no", true)] }
            if r.data.result.next != .done && r.data.followedBy == nil { list.append(("n", "key.runoff", true)) }
            if r.data.castingChoiceOpen && r.data.chair != nil { list.append(("c", "key.casting", true)) }
            list += SignedDocuments.keys(state)
            list.append(("m", "key.minutes", state.size.width >= 100))
        default:
            break
        }
        if back { list.append(("Esc", "key.back", true)) }
        return list + [("?", "key.help", true), ("q", "key.quit", true), ("F1", "key.help", false), ("F10 Ctrl-C", "key.quit", false)]
    }

    // MARK: Sessions

    static func home(_ state: AppState, _ c: CouncilHomeState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        buffer.setString(s("council.sessions"), x: area.x, y: area.y, maxWidth: area.width, style: Theme.heading)
        guard c.loaded else { buffer.setString(s("app.loading"), x: area.x, y: area.y + 2, style: Theme.dim); return }
        guard !c.sessions.isEmpty else {
            for (i, line) in s("council.no_sessions").wrapped(toWidth: area.width).enumerated() {
                buffer.setString(line, x: area.x, y: area.y + 2 + i, style: Theme.dim)
            }
            return
        }
        let columns = [TableColumn(s("col.session"), width: .length(12)), TableColumn(s("col.year"), width: .length(5)),
                       TableColumn(s("col.title"), width: .fill(1)), TableColumn(s("col.status"), width: .length(10)),
                       TableColumn(s("col.rounds"), width: .length(6), alignment: .right)]
        let rows = c.sessions.map { [$0.id, String($0.year), $0.title, s($0.open ? "session.status.open" : "session.status.closed"), String($0.rounds)] }
        buffer.render(Table(columns: columns, rows: rows, selected: c.selected), in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2))
    }

    // MARK: Console

    /// "trên 50% tổng số thành viên Hội đồng (21)": the threshold in words, with its base count.
    static func thresholdText(_ s: Strings, _ p: RoundParameters, members: Int, present: Int) -> String {
        let t = p.threshold
        let pct = (t.numerator * 100) % t.denominator == 0 ? "\(t.numerator * 100 / t.denominator)%" : t.description
        return s("console.threshold", s(p.strictlyMore ? "round.more_than" : "round.at_least"), pct,
                 s("round.base.\(p.base.rawValue)"), p.baseCount(members: members, present: present),
                 p.requiredApprovals(members: members, present: present))
    }

    static func console(_ state: AppState, _ c: ConsoleState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        guard let d = c.data else {
            buffer.setString(s("app.loading"), x: area.x, y: area.y, style: Theme.dim)
            return
        }
        var y = area.y
        func line(_ text: String, _ style: Style = .plain) {
            guard y < area.bottom else { return }
            buffer.setString(text.truncated(toWidth: area.width), x: area.x, y: y, style: style)
            y += 1
        }
        line(s("console.heading", d.session.title, d.session.id), Theme.heading)
        let members = d.members.count
        line(s("console.quorum", d.present, members, s(d.quorumMet ? "console.quorum_met" : "console.quorum_not_met"), d.quorumRequired),
             d.quorumMet ? elected : warn)
        if let r = d.round {
            line(s("console.round", r.id, s("round.status.\(r.status.rawValue)"), r.candidates.count, r.parameters.minSeats, r.parameters.maxSeats))
            line(thresholdText(s, r.parameters, members: r.membersAtOpen, present: r.presentAtOpen))
            if r.conflictRule == .recuse || !r.conflicts.isEmpty {
                line(s("round.conflicts_line", s("round.conflicts.\(r.conflictRule.rawValue)")), VotingView.tie)
            }
            line(s("round.voters", r.votedCount, r.electors.count) + (r.status == .open ? "  " + s("console.secret") : ""), Theme.message)
        } else {
            line(s("console.no_round"), Theme.dim)
        }
        y += 1
        let voted = Dictionary(d.round?.electors.map { ($0.id, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        let columns = [TableColumn(s("col.member"), width: .length(5)), TableColumn(s("col.member_name"), width: .fill(1)),
                       TableColumn(s("col.role"), width: .length(12)), TableColumn(s("col.attendance"), width: .length(10)),
                       TableColumn(s("col.voted"), width: .length(16)), TableColumn(s("col.conflicts"), width: .length(9))]
        // A conflicted member is flagged in the current round: how many candidates, and ⛔ when they recuse.
        let conflicted = Dictionary(grouping: d.round?.conflicts ?? [], by: \.memberId).mapValues(\.count)
        let recuse = d.round?.conflictRule == .recuse
        let rows = d.members.map { m -> [String] in
            let v = voted[m.id]
            let vote = v.map { $0.voted ? ($0.written ? s("console.voted_written") : s("console.voted")) : "—" } ?? ""
            let flag = conflicted[m.id].map { (recuse ? "⛔ " : "⚑ ") + String($0) } ?? ""
            return [m.id, m.name, s("role.\(m.role.rawValue)"), s(m.present ? "console.present" : "console.absent"), vote, flag]
        }
        let tableArea = Rect(x: area.x, y: y, width: area.width, height: max(0, area.bottom - y))
        buffer.render(Table(columns: columns, rows: rows, selected: nil, offset: c.scroll, focused: false), in: tableArea)
        if let confirm = c.confirm {
            var message: String
            switch confirm {
            case .openRound:
                message = s("console.confirm_open", c.parameters.minSeats, c.parameters.maxSeats,
                            thresholdText(s, c.parameters, members: members, present: d.present),
                            s("round.conflicts_line", s("round.conflicts.\(c.conflicts.rawValue)")))
            case .closeRound(let r):
                message = s("console.confirm_close", r, d.round?.votedCount ?? 0, d.round?.electors.count ?? 0)
                let unvoted = d.round?.electors.filter { $0.present && !$0.voted }.count ?? 0
                if unvoted > 0 { message += " " + s.plural("console.unvoted_present", unvoted) }
            }
            if let pin = c.pin {
                let chair = d.members.first { $0.role == .chair }?.name ?? "—"
                let dots = String(repeating: "•", count: pin.value.count)
                let prompt: String = s("console.chair_pin", chair)
                message += "  \(prompt) \(dots)▏"
            }
            let dialog = Dialog(title: " " + s("console.confirm_title") + " ", message: message, buttons: [s("button.yes"), s("button.no")],
                                width: min(64, area.width), borderStyle: Theme.focusBorder)
            buffer.render(Clear(), in: dialog.frame(in: area))
            buffer.render(dialog, in: area)
        }
        if let f = c.form { RoundFormScreen.draw(state, f, year: d.session.year, members: members, present: d.present, in: area, &buffer) }
    }

    // MARK: Member pick

    static func pick(_ state: AppState, _ p: MemberPickState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        buffer.setString(s(p.written ? "pick.heading_written" : "pick.heading", p.roundId).truncated(toWidth: area.width),
                         x: area.x, y: area.y, style: Theme.heading)
        guard let round = p.round else {
            buffer.setString(s("app.loading"), x: area.x, y: area.y + 2, style: Theme.dim)
            return
        }
        if round.status != .open {
            buffer.setString(s("vote.round_closed", round.id).truncated(toWidth: area.width), x: area.x, y: area.y + 1, style: warn)
        } else {
            buffer.setString(s("pick.instructions").truncated(toWidth: area.width), x: area.x, y: area.y + 1)
        }
        let label = s("pick.field") + " "
        let lw = buffer.setString(label, x: area.x, y: area.y + 3, style: .boldText)
        var field = p.field
        field.placeholder = s("pick.placeholder")
        field.style = Theme.status
        buffer.render(field, in: Rect(x: area.x + lw, y: area.y + 3, width: min(24, area.width - lw), height: 1))
        let cursor = buffer.cursor
        let items = round.electors.map { m -> String in
            var text = m.id.padded(toWidth: 5) + m.name.truncated(toWidth: 30).padded(toWidth: 31) + s("role.\(m.role.rawValue)").padded(toWidth: 14)
            if m.voted { text += s("pick.voted") } else if !m.present { text += s("pick.absent") }
            return text
        }
        let listArea = Rect(x: area.x, y: area.y + 5, width: area.width, height: max(0, area.height - 7))
        buffer.render(ListView(items: items, selected: p.selected, focused: false), in: listArea)
        buffer.cursor = cursor
        buffer.setString(s("pick.voted_count", round.votedCount, round.electors.count).truncated(toWidth: area.width),
                         x: area.x, y: area.bottom - 1, style: Theme.dim)
    }

    // MARK: Ballot

    static func ballot(_ state: AppState, _ b: BallotState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let heading = b.secretary.map { s("ballot.heading_written", b.member.name, $0.name, b.round.id) } ?? s("ballot.heading", b.member.name, b.round.id)
        buffer.setString(heading.truncated(toWidth: area.width), x: area.x, y: area.y, style: Theme.heading)
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        switch b.phase {
        case .marking: shortlist(state, b, in: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1), &buffer)
        case .review: review(state, b, pin: nil, in: body, &buffer)
        case .code(let field): review(state, b, pin: nil, code: field, in: body, &buffer)
        case .pin(let field): review(state, b, pin: field, in: body, &buffer)
        case .submitting: buffer.setString(s("ballot.submitting"), x: body.x, y: body.y, style: Theme.message)
        case .receipt(let code): receiptView(state, b, code, in: body, &buffer)
        }
    }

    static func counter(_ b: BallotState) -> String { "\(b.marks.count)/\(b.maxMarks)" }

    static func shortlist(_ state: AppState, _ b: BallotState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let count = s("ballot.counter", counter(b))
        let cw = count.displayWidth
        buffer.setString(s("ballot.instructions", b.maxMarks).truncated(toWidth: area.width - cw - 2), x: area.x, y: area.y)
        buffer.setString(count, x: area.right - cw, y: area.y, style: b.marks.count == b.maxMarks ? tie : Theme.message)
        if b.round.status != .open {
            buffer.setString(s("vote.round_closed", b.round.id).truncated(toWidth: area.width), x: area.x, y: area.y + 1, style: warn)
        }
        let cards = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        let perPage = max(1, cards.height / 2)
        let first = max(0, min(b.selected - perPage + 1, b.round.candidates.count - perPage).clamped(min: 0, max: b.selected))
        for (row, i) in (first..<min(b.round.candidates.count, first + perPage)).enumerated() {
            let c = b.round.candidates[i]
            let y = cards.y + row * 2
            let barred = b.barred(c.id)
            let mark = b.marks.contains(c.id) ? "[✓]" : (barred ? "[—]" : "[ ]")
            let head = "\(mark) \(i + 1). \(c.name) · \(s("kind.\(c.kind.rawValue)"))"
            let selected = i == b.selected
            if selected { buffer.fill(Rect(x: cards.x, y: y, width: cards.width, height: 1), style: .highlight) }
            // A conflict of interest is said on the card, at its right: the reason, and whether the mark is barred.
            var flag = ""
            if let source = b.conflict(c.id) {
                flag = (barred ? "⛔ " : "⚑ ") + s(barred ? "ballot.recused_tag" : "ballot.conflict_tag", s("conflict.source.\(source.rawValue)"))
            }
            let fw = flag.isEmpty ? 0 : min(flag.displayWidth, cards.width / 2)
            buffer.setString(head.truncated(toWidth: cards.width - (fw > 0 ? fw + 1 : 0)), x: cards.x, y: y, style: selected ? .highlight : .boldText)
            if fw > 0 {
                buffer.setString(flag.truncated(toWidth: fw), x: cards.right - fw, y: y, style: selected ? .highlight : (barred ? warn : tie))
            }
            if selected { buffer.cursor = Position(x: cards.x + 1, y: y) }
            let verdict: String
            if c.eligible {
                verdict = "✓ " + s("verdict.eligible")
            } else if let reason = c.overrideReason {
                verdict = "⚠ " + s("ballot.override", reason)
            } else {
                verdict = "✗ " + s("verdict.not_eligible")
            }
            // The verdict (and an override's reason) matters more than the unit's full name.
            let unitRoom = max(12, cards.width - 9 - verdict.displayWidth)
            let unit = "      " + c.unitName.truncated(toWidth: unitRoom) + " · "
            let uw = buffer.setString(unit.truncated(toWidth: cards.width), x: cards.x, y: y + 1, style: Theme.dim)
            buffer.setString(verdict, x: cards.x + uw, y: y + 1, maxWidth: cards.width - uw, style: c.eligible ? Theme.eligible : tie)
        }
    }

    static func review(_ state: AppState, _ b: BallotState, pin: TextField?, code: TextField? = nil, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        var y = area.y
        buffer.setString(s("ballot.review", counter(b)), x: area.x, y: y, maxWidth: area.width, style: .boldText)
        y += 1
        let marked = b.markedCandidates
        if marked.isEmpty {
            buffer.setString("⚠ " + s("ballot.no_approvals"), x: area.x + 2, y: y, maxWidth: area.width - 2, style: tie)
            y += 1
        }
        let room = max(1, area.height - 7)
        for (i, c) in marked.prefix(room).enumerated() {
            buffer.setString("\(i + 1). \(c.name) — \(c.unitName)", x: area.x + 2, y: y, maxWidth: area.width - 2)
            y += 1
        }
        let declared = b.round.candidates.filter { b.declared.contains($0.id) }.map(\.name)
        if !declared.isEmpty {
            buffer.setString("⚑ " + s("ballot.review_declared", declared.joined(separator: ", ")), x: area.x, y: y, maxWidth: area.width, style: tie)
            y += 1
        }
        y += 1
        if let f = b.failure {
            buffer.setString("✗ " + f.text(s), x: area.x, y: y, maxWidth: area.width, style: warn)
            y += 1
        }
        if let pin {
            let label = (b.secretary.map { s("ballot.pin_secretary", $0.name) } ?? s("ballot.pin")) + " "
            let lw = buffer.setString(label, x: area.x, y: y, style: .boldText)
            let dots = String(repeating: "•", count: pin.value.count)
            buffer.fill(Rect(x: area.x + lw, y: y, width: min(20, area.width - lw), height: 1), style: Theme.status)
            buffer.setString(dots, x: area.x + lw, y: y, maxWidth: 20, style: Theme.status)
            buffer.cursor = Position(x: area.x + lw + min(dots.count, 19), y: y)
            buffer.setString(s("ballot.pin_note"), x: area.x, y: y + 2, maxWidth: area.width, style: Theme.dim)
        } else if let code {
            // The code is shown as typed: it is on the paper slip the secretary holds.
            let label = s("ballot.written_code", b.member.name) + " "
            let lw = buffer.setString(label, x: area.x, y: y, style: .boldText)
            buffer.fill(Rect(x: area.x + lw, y: y, width: min(20, area.width - lw), height: 1), style: Theme.status)
            buffer.setString(code.value, x: area.x + lw, y: y, maxWidth: 20, style: Theme.status)
            buffer.cursor = Position(x: area.x + lw + min(code.value.count, 19), y: y)
            buffer.setString(s("ballot.written_code_note"), x: area.x, y: y + 2, maxWidth: area.width, style: Theme.dim)
        } else {
            buffer.setString(s("ballot.review_note"), x: area.x, y: y, maxWidth: area.width, style: Theme.dim)
        }
    }

    /// The receipt spaced out in a box, large enough to copy by hand.
    static func receiptView(_ state: AppState, _ b: BallotState, _ code: String, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        var y = area.y
        for line in s("vote.receipt").wrapped(toWidth: area.width) {
            buffer.setString(line, x: area.x, y: y, style: .boldText)
            y += 1
        }
        let big = code.map { String($0) }.joined(separator: " ")
        let w = min(area.width, big.displayWidth + 8)
        let box = Rect(x: area.x + max(0, (area.width - w) / 2), y: y + 1, width: w, height: 5)
        buffer.fill(box, style: receipt)
        buffer.render(Block(borderStyle: receipt), in: box)
        buffer.setString(big, x: box.x + 4, y: box.y + 2, maxWidth: box.width - 5, style: receipt)
        y = box.bottom + 1
        for line in s("ballot.receipt_note").wrapped(toWidth: area.width) where y < area.bottom {
            buffer.setString(line, x: area.x, y: y)
            y += 1
        }
        y += 1
        if y < area.bottom {
            buffer.setString(s(b.kiosk ? "ballot.kiosk_next" : "ballot.done"), x: area.x, y: y, maxWidth: area.width, style: Theme.message)
        }
        buffer.cursor = nil
    }

    // MARK: Result

    static func outcomeSymbol(_ o: Outcome) -> String {
        switch o {
        case .elected: return "✓"
        case .tie: return "="
        case .notElected: return "✗"
        }
    }

    static func result(_ state: AppState, _ r: ResultState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let res = r.data.result
        var y = area.y
        func line(_ text: String, _ style: Style = .plain, width: Int? = nil) {
            guard y < area.bottom else { return }
            buffer.setString(text.truncated(toWidth: width ?? area.width), x: area.x, y: y, style: style)
            y += 1
        }
        line(s("result.heading", res.roundId, s("round.status.\(res.status.rawValue)")), Theme.heading)
        let b = res.ballots
        line(s("result.ballots", b.issued, b.cast, b.written, b.valid, b.invalid))
        line(thresholdText(s, res.parameters, members: res.members, present: res.present))
        line(s("result.legend", res.requiredApprovals), Theme.dim)
        let fpWidth = min(24, area.width / 4)
        let chartWidth = area.width - fpWidth - 2
        let summaryRows = 3
        let chartHeight = max(1, min(res.candidates.count, area.bottom - y - summaryRows - 1))
        let ranked = res.ranked
        let bars = ranked.map { c in
            Bar(outcomeSymbol(c.outcome) + " " + c.name, Double(c.approvals), valueText: "\(c.approvals) · \(c.percentText.replacingOccurrences(of: ".", with: ","))%",
                style: c.outcome == .elected ? elected : (c.outcome == .tie ? tie : Theme.dim))
        }
        let chartTop = y + 1
        buffer.render(BarChart(bars: bars, max: Double(res.baseCount), threshold: Double(res.requiredApprovals), thresholdStyle: warn),
                      in: Rect(x: area.x, y: chartTop, width: chartWidth, height: chartHeight))
        // Fingerprints on the right, scrollable, for members to find their receipt.
        let fx = area.right - fpWidth
        buffer.setString(s("result.fingerprints", res.fingerprints.count).truncated(toWidth: fpWidth), x: fx, y: chartTop - 1, style: Theme.heading)
        let fpRows = max(0, area.bottom - chartTop)
        for (i, fp) in res.fingerprints.dropFirst(r.fingerprintScroll).prefix(fpRows).enumerated() {
            buffer.setString(fp, x: fx, y: chartTop + i, maxWidth: fpWidth)
        }
        y = chartTop + chartHeight + 1
        let names = res.elected.compactMap { res.candidate($0)?.name }.joined(separator: ", ")
        var summary: [(String, Style)] = [(s("result.elected", res.elected.count, names.isEmpty ? "—" : names), elected)]
        if res.tieForSeats > 0 {
            summary.append((s("result.tie", res.tieForSeats, res.tiedIds.compactMap { res.candidate($0)?.name }.joined(separator: ", ")), tie))
        }
        if let c = res.castingChoice {
            let chair = r.data.chair.map { $0.id == c.chair ? $0.name : c.chair } ?? c.chair
            summary.append((s("minutes.tie_casting", chair, c.chosen.compactMap { res.candidate($0)?.name }.joined(separator: ", ")), elected))
        }
        if res.unfilled > 0 { summary.append((s("result.unfilled", res.unfilled), tie)) }
        switch res.next {
        case .done:
            summary.append((s("result.next_done"), Theme.message))
        case .runoffForTie, .furtherRound:
            let what = s(res.tieForSeats > 0 ? "result.next_runoff" : "result.next_further")
            summary.append((r.data.followedBy.map { s("result.next_opened", $0) } ?? what, Theme.message))
        }
        for (text, style) in summary {
            guard y < area.bottom else { break }
            buffer.setString(text.truncated(toWidth: chartWidth), x: area.x, y: y, style: style)
            y += 1
        }
        if let c = r.casting { castingDialog(state, r.data, c, in: area, &buffer) }
        if let lines = r.minutes { minutesView(state, lines, scroll: r.minutesScroll, in: area, &buffer) }
        if r.confirmRunoff {
            let dialog = Dialog(title: " " + s("console.confirm_title") + " ", message: s("result.confirm_runoff", res.roundId),
                                buttons: [s("button.yes"), s("button.no")], width: min(60, area.width), borderStyle: Theme.focusBorder)
            buffer.render(Clear(), in: dialog.frame(in: area))
            buffer.render(dialog, in: area)
        }
    }
}

extension VotingView {
    /// The chair's casting choice over the result: the tied candidates to pick from, then the chair's PIN
    /// (one • per typed character, never the digits).
    static func castingDialog(_ state: AppState, _ data: ResultData, _ c: CastingState, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        let res = data.result
        let tied = res.tiedIds.compactMap { res.candidate($0) }
        let width = min(76, area.width)
        let height = min(area.height, tied.count + 8)
        let box = area.centered(width: width, height: height)
        buffer.render(Clear(), in: box)
        let block = Block(title: s("casting.title", data.chair?.name ?? "—"), borderStyle: Theme.focusBorder, titleStyle: Theme.focusBorder)
        buffer.render(block, in: box)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        var y = inner.y
        buffer.setString(s("casting.prompt", res.tieForSeats, tied.count), x: inner.x, y: y, maxWidth: inner.width)
        y += 1
        buffer.setString(s("casting.count", c.chosen.count, res.tieForSeats), x: inner.x, y: y, maxWidth: inner.width, style: Theme.dim)
        y += 1
        let rows = max(0, inner.bottom - y - 3)
        let first = max(0, min(c.selected - rows + 1, tied.count - rows))
        for (i, t) in tied.enumerated().dropFirst(first).prefix(rows) {
            let mark = c.chosen.contains(t.id) ? "[x]" : "[ ]"
            let unit = data.unitNames[t.unitCode] ?? t.unitCode
            let line = "\(mark) \(t.name) — \(unit) · \(t.approvals)"
            let style: Style = i == c.selected && c.pin == nil ? .highlight : .plain
            if i == c.selected && c.pin == nil { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            buffer.setString(line, x: inner.x, y: y, maxWidth: inner.width, style: style)
            y += 1
        }
        y = inner.bottom - 3
        if let f = c.failure {
            buffer.setString("✗ " + f.text(s), x: inner.x, y: y, maxWidth: inner.width, style: warn)
        }
        y += 1
        if let pin = c.pin {
            let label = s("casting.pin", data.chair?.name ?? "—") + " "
            let lw = buffer.setString(label, x: inner.x, y: y, maxWidth: inner.width, style: .boldText)
            let dots = String(repeating: "•", count: pin.value.count)
            buffer.fill(Rect(x: inner.x + lw, y: y, width: max(0, min(20, inner.width - lw)), height: 1), style: Theme.status)
            buffer.setString(dots, x: inner.x + lw, y: y, maxWidth: max(0, min(20, inner.width - lw)), style: Theme.status)
            buffer.cursor = Position(x: inner.x + lw + min(dots.count, 19), y: y)
        } else if c.submitting {
            buffer.setString(s("casting.submitting"), x: inner.x, y: y, maxWidth: inner.width, style: Theme.dim)
        }
        buffer.setString(s("casting.note"), x: inner.x, y: y + 1, maxWidth: inner.width, style: Theme.dim)
    }
}

extension VotingView {
    /// The count minutes over the result, as `round minutes` prints them, wrapped to the screen and scrolled.
    static func minutesView(_ state: AppState, _ lines: [String], scroll: Int, in area: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        buffer.render(Clear(), in: area)
        let block = Block(title: " " + s("minutes.on_screen") + " ", borderStyle: Theme.focusBorder, titleStyle: Theme.focusBorder)
        buffer.render(block, in: area)
        let inner = block.inner(area).inset(horizontal: 1, vertical: 0)
        let wrapped = lines.dropFirst(scroll).flatMap { $0.isEmpty ? [""] : $0.wrapped(toWidth: max(1, inner.width)) }
        for (i, line) in wrapped.prefix(max(0, inner.height - 1)).enumerated() {
            let style: Style = line.hasPrefix("#") ? Theme.heading : .plain
            buffer.setString(line, x: inner.x, y: inner.y + i, maxWidth: inner.width, style: style)
        }
        buffer.setString(s("minutes.scroll_at", min(scroll + 1, lines.count), lines.count), x: inner.x, y: inner.bottom - 1,
                         maxWidth: inner.width, style: Theme.dim)
        buffer.cursor = nil
    }
}

extension Int {
    fileprivate func clamped(min lo: Int, max hi: Int) -> Int { Swift.min(Swift.max(self, lo), Swift.max(lo, hi)) }
}
