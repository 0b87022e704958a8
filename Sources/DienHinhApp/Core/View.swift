import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// Styles used across screens; the backend maps them to colours or to bold/reverse without colour.
enum Theme {
    static let title = Style(fg: .white, bg: .blue, bold: true)
    static let crumb = Style(fg: .cyan)
    static let status = Style(fg: .black, bg: .white)
    static let statusKey = Style(fg: .blue, bg: .white, bold: true)
    static let eligible = Style(fg: .green, bold: true)
    static let notEligible = Style(fg: .red)
    static let heading = Style(bold: true, underline: true)
    static let dim = Style(dim: true)
    static let focusBorder = Style(fg: .yellow, bold: true)
    static let message = Style(fg: .yellow, bold: true)
}

extension App {
    /// Draws the whole state into a fresh buffer of the state's size.
    public static func view(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        let s = state.strings
        guard state.size.isAtLeast(.minimumApp) else {
            buffer.render(TooSmallNotice(current: state.size, message: s("app.too_small", state.size.width, state.size.height,
                                                                            Size.minimumApp.width, Size.minimumApp.height)),
                          in: buffer.area)
            return buffer
        }
        let area = buffer.area
        let parts = area.split(.vertical, [.length(1), .length(1), .fill(1), .length(1)])
        drawTitle(state, in: parts[0], &buffer)
        buffer.setString(breadcrumb(state, width: parts[1].width), x: 0, y: parts[1].y, style: Theme.crumb)
        let content = parts[2]
        if let search = state.search {
            SearchView.draw(state, search, in: content, &buffer)
        } else {
            switch state.screen {
            case .levels(let l): BrowseView.levels(state, l, in: content, &buffer)
            case .units(let u): BrowseView.units(state, u, in: content, &buffer)
            case .candidates(let c): BrowseView.candidates(state, c, in: content, &buffer)
            case .profile(let p): ProfileView.draw(state, p, in: content, &buffer)
            case .council, .console, .memberPick, .ballot, .roundResult: VotingView.draw(state, in: content, &buffer)
            case .form(let f): FormsView.draw(state, f, in: content, &buffer)
            case .conflicts(let c): ConflictsScreen.draw(state, c, in: content, &buffer)
            case .dashboard(let d): DashboardView.draw(state, d, in: content, &buffer)
            case .rollup(let r): NominationView.draw(state, r, in: content, &buffer)
            case .members(let m): SecretariatView.members(state, m, in: content, &buffer)
            case .roll(let r): SecretariatView.roll(state, r, in: content, &buffer)
            case .planLog(let p): PlanLogView.draw(state, p, in: content, &buffer)
            }
            FormsView.drawOverlays(state, in: content, &buffer)
            if case .council(let c) = state.screen { SecretariatView.drawHomeAsk(state, c, in: content, &buffer) }
            NominationView.drawPrompt(state, in: content, &buffer)
        }
        let cursor = buffer.cursor
        let bar = hints(state)
        var message = state.message ?? ""
        if drawLongMessage(message, hints: bar, above: parts[3], within: content, &buffer) { message = "" }
        buffer.render(StatusBar(hints: bar, message: message, style: Theme.status, keyStyle: Theme.statusKey),
                      in: parts[3])
        buffer.cursor = cursor
        if state.showHelp { HelpView.draw(state, in: content, &buffer) }
        return buffer
    }

    /// A refusal says exactly why: a message the status bar would cut is drawn whole, wrapped, on the rows just
    /// above the bar (at most a third of the screen), instead of cut in the bar. Returns whether it was drawn.
    static func drawLongMessage(_ message: String, hints: [KeyHint], above bar: Rect, within content: Rect, _ buffer: inout Buffer) -> Bool {
        let used = hints.enumerated().reduce(0) { $0 + ($1.offset == 0 ? 0 : 2) + displayWidth(of: $1.element.key) + 1 + displayWidth(of: $1.element.label) }
        guard !message.isEmpty, displayWidth(of: message) > bar.width - used - 2 else { return false }
        let lines = message.wrapped(toWidth: max(10, bar.width - 2))
        let height = min(lines.count, max(1, content.height / 3))
        guard height > 0, content.height > height else { return false }
        let top = content.bottom - height
        for (i, line) in lines.prefix(height).enumerated() {
            let row = Rect(x: content.x, y: top + i, width: content.width, height: 1)
            buffer.fill(row, style: Theme.message)
            let text = i == height - 1 && lines.count > height ? line.truncated(toWidth: content.width - 2) : line
            buffer.setString(text, x: content.x + 1, y: top + i, maxWidth: content.width - 2, style: Theme.message)
        }
        return true
    }

    static func drawTitle(_ state: AppState, in rect: Rect, _ buffer: inout Buffer) {
        let s = state.strings
        buffer.fill(rect, style: Theme.title)
        let right = s("app.review_year", state.year)
        buffer.setString(" " + s("app.title"), x: rect.x, y: rect.y, maxWidth: rect.width - displayWidth(of: right) - 2, style: Theme.title)
        buffer.setString(right + " ", x: rect.right - displayWidth(of: right) - 1, y: rect.y, style: Theme.title)
    }

    /// Where the user is, not how they came (issue 20): level › unit › candidate for what they look at, whatever
    /// chain of screens (a search, a jump from a profile) led there; `Backspace` still walks back the history.
    /// Too long for the width, the places in between are cut first and what is looked at last.
    static func breadcrumb(_ state: AppState, width: Int = .max) -> String {
        let s = state.strings
        var parts = [s("crumb.home")] + place(state, state.stack.count - 1)
        if state.search != nil { parts.append(s("search.title")) }
        func line() -> String { " " + parts.joined(separator: " › ") }
        while displayWidth(of: line()) > width, parts.count > 2,
              let i = parts.indices.dropFirst().dropLast().max(by: { displayWidth(of: parts[$0]) < displayWidth(of: parts[$1]) }),
              displayWidth(of: parts[i]) > 8 {
            let over = displayWidth(of: line()) - width
            parts[i] = parts[i].truncated(toWidth: max(8, displayWidth(of: parts[i]) - over))
        }
        return line().truncated(toWidth: width)
    }

    /// The place of the screen at `index` of the stack, below the home crumb.
    static func place(_ state: AppState, _ index: Int) -> [String] {
        guard state.stack.indices.contains(index) else { return [] }
        let s = state.strings
        func unitPlace(_ u: SectorUnit) -> [String] { [s("level.\(u.level.rawValue)"), u.name] }
        switch state.stack[index] {
        case .levels: return []
        case .units(let u): return [u.ceased ? s("levels.ceased_row") : s("level.\(u.level.rawValue)")]
        case .candidates(let c): return unitPlace(c.unit)
        case .profile(let p):
            guard let data = p.data, let unit = data.unitPath.last else { return [p.id] }
            return unitPlace(unit) + [data.candidate.name]
        case .council, .console, .memberPick, .ballot, .roundResult:
            // The council's screens are one place each inside the council: its chain is the way there.
            var chain: [String] = []
            for screen in state.stack[...index].reversed() {
                let crumb = VotingView.crumb(state, screen)
                if crumb.isEmpty { break }
                chain.insert(crumb, at: 0)
                if case .council = screen { break }
            }
            return chain
        // A form or the conflicts list belongs where it was opened from.
        case .form(let f): return place(state, index - 1) + [FormsView.title(state, f)]
        case .conflicts: return [s("conflict.title")]
        case .dashboard: return [s("crumb.dashboard")]
        case .rollup: return [s("rollup.crumb")]
        case .members: return [s("council.area"), s("members.crumb")]
        case .roll(let r): return [s("council.area"), s("roll.crumb", r.sessionId)]
        case .planLog(let p): return [s("planlog.crumb")] + (p.subject.map { [$0.name] } ?? [])
        }
    }

    /// The key hints of the current screen; the help overlay lists them in full.
    /// What fits in the bar: help and quit always stay; the general keys (move, year, search) give way
    /// first, then the screen's own from the end. The help overlay lists them all.
    static func hints(_ state: AppState) -> [KeyHint] {
        var shown = keys(state).filter(\.inBar).map { KeyHint($0.key, state.strings($0.label)) }
        func width(_ hs: [KeyHint]) -> Int { hs.reduce(0) { $0 + displayWidth(of: $1.key) + 1 + displayWidth(of: $1.label) + 2 } }
        let keep: Set<String> = ["?", "q", "Esc"]
        // The signed document's `p` gives way before search: a narrow bar keeps the keys it had before `p` came.
        var order = ["↑↓ j/k", "[ ]", "p", "Ctrl-F", "/"]
        order += shown.map(\.key).filter { !keep.contains($0) && !order.contains($0) }.reversed()
        // A message (saved, refused, an error) matters more than the general hints: keep room for it.
        let message = state.message.map { displayWidth(of: $0) + 2 } ?? 0
        let room = state.size.width - min(message, state.size.width / 2)
        for key in order where width(shown) > room {
            shown.removeAll { $0.key == key }
        }
        return shown
    }

    /// Every key of the current screen, with its description's string key, as the user's key file has them.
    static func keys(_ state: AppState) -> [(key: String, label: String, inBar: Bool)] {
        remapped(state, standardKeys(state))
    }

    /// Every key of the current screen as the application ships them.
    static func standardKeys(_ state: AppState) -> [(key: String, label: String, inBar: Bool)] {
        if state.search != nil {
            return [("↑↓", "key.select", true), ("Enter", "key.open", true), ("Esc", "key.close", true),
                    ("Ctrl-U", "key.clear", false), ("F10", "key.quit", false)]
        }
        if let p = state.nominate { return NominationView.promptKeys(p) }
        if let k = SecretariatView.keys(state) { return k }
        if let forms = FormsView.keys(state) { return forms }
        let filter = ListFilters.filter(state.screen)
        if filter?.editing == true {
            return [("abc", "key.pick_filter", true), ("↑↓", "key.select", true), ("Enter", "key.filter_keep", true),
                    ("Esc", "key.filter_clear", true), ("Ctrl-U", "key.clear", false), ("F10 Ctrl-C", "key.quit", false)]
        }
        var list: [(String, String, Bool)] = [("↑↓ j/k", "key.move", true)]
        if filter != nil { list.append(("Esc", "key.filter_clear", true)) }
        switch state.screen {
        case .levels:
            list += [("Enter", "key.open", true), ("1-4", "key.level_number", false), ("b", "key.dashboard", true), ("v", "key.council", true),
                     ("n", "key.rollup", true), ("t", "key.plan_log", false)]
        case .units:
            list += [("Enter", "key.open_unit", true), ("→ ←", "key.expand", true), ("g/G", "key.top_bottom", false),
                     ("PgUp/PgDn", "key.page", false)]
        case .candidates:
            list += [("Enter", "key.profile", true), ("N", "key.nominate", true), ("s", "key.sort", true), ("f", "key.filter_kind", true),
                     ("e", "key.filter_eligible", true), ("g/G", "key.top_bottom", false), ("PgUp/PgDn", "key.page", false)]
        case .profile:
            list += [("Tab", "key.switch_pane", true), ("N", "key.nominate", true), ("t", "key.plan_log", false), ("↑↓", "key.record_cursor", false),
                     ("Tab Tab", "key.path_pane", false), ("PgUp/PgDn", "key.page", false)]
        case .council, .console, .memberPick, .ballot, .roundResult:
            return VotingView.keys(state)
        case .form, .conflicts:
            break
        case .members, .roll:
            list += SecretariatView.screenKeys(state)
        case .planLog(let p):
            if p.entry != nil { return PlanLogView.keys(p) }
            list += PlanLogView.keys(p)
        case .rollup(let r):
            if r.withdraw != nil { return NominationView.keys(r) + [("F10", "key.quit", false)] }
            list += NominationView.keys(r)
        case .dashboard(let d):
            if d.exportField != nil {
                return [("Enter", "key.export", true), ("Esc", "key.close", true), ("F10", "key.quit", false)]
            }
            list = [("x", "key.export", true), ("r", "key.reload", true), ("t", "key.plan_log", false)]
        }
        list += FormsView.extraKeys(state)
        // After a search or with a filter kept; in the bar it gives way before the screen's own keys.
        if filter != nil { list.append(("n/N", "key.next_hit", true)) } else if SearchScreen.onTrail(state) { list.append(("n", "key.next_hit_wrap", true)) }
        list += SignedDocuments.keys(state)
        if state.stack.count > 1 { list.append((filter == nil ? "Esc" : "Backspace", "key.back", true)) }
        switch state.screen {
        case .units, .candidates: list += [("/", "key.filter_list", true), ("Ctrl-F", "key.search_all", true)]
        default: list += [("/", "key.search", true), ("Ctrl-F", "key.search", false)]
        }
        list += [("[ ]", "key.year", true), ("?", "key.help", true), ("q", "key.quit", true),
                 ("F1", "key.help", false), ("F10 Ctrl-C", "key.quit", false)]
        return list
    }
}
