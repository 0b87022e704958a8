import Foundation
import TerminalKit

/// Keys of the profile: Tab between the history and the verdict, arrows scroll the one in focus.
enum ProfileScreen {
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .profile(var s) = state.screen else { return [] }
        switch key {
        case .tab, .backTab:
            s.focus = s.focus == .history ? .verdict : .history
        default:
            let current = s.focus == .history ? s.historyScroll : s.verdictScroll
            // The view clamps the scroll to what there is; here only keep it non-negative.
            guard let next = ListMove.apply(key, selected: current, count: 10_000, page: App.page(state)) else { return [] }
            if s.focus == .history { s.historyScroll = next } else { s.verdictScroll = next }
        }
        state.screen = .profile(s)
        return []
    }
}
