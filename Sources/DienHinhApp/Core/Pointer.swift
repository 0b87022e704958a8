import TerminalKit

/// The mouse (issue 20): a click on a list row selects it, a click on the selected row opens it as Enter does,
/// the wheel moves three rows. Each becomes the keys the screen already answers, so a click does nothing a key
/// could not; the row under the pointer is read from the frame as drawn (`Buffer.rowTargets`).
enum Pointer {
    static let wheelRows = 3

    static func handle(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        if state.showHelp {
            if event.kind == .click { state.showHelp = false }
            return []
        }
        // A ballot is marked by its keys only: a stray click must not choose for a member.
        switch state.screen {
        case .ballot, .memberPick: return []
        default: break
        }
        switch event.kind {
        case .wheelUp: return press(&state, .up, times: wheelRows)
        case .wheelDown: return press(&state, .down, times: wheelRows)
        case .click:
            guard let row = App.view(state).rowTarget(at: event.x, event.y) else { return [] }
            if row.index == row.selected { return App.handleKey(&state, .enter) }
            return press(&state, row.index > row.selected ? .down : .up, times: abs(row.index - row.selected))
        }
    }

    private static func press(_ state: inout AppState, _ key: Key, times: Int) -> [Effect] {
        var effects: [Effect] = []
        for _ in 0..<times { effects += App.handleKey(&state, key) }
        return effects
    }
}
