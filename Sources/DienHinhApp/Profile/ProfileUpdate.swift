import Foundation
import TerminalKit

/// Keys of the profile: Tab from the verdict to the history to the award path and back, arrows scroll the one in focus.
enum ProfileScreen {
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .profile(var s) = state.screen else { return [] }
        switch key {
        case .tab:
            s.focus = s.focus == .verdict ? .history : s.focus == .history ? .path : .verdict
        case .backTab:
            s.focus = s.focus == .verdict ? .path : s.focus == .path ? .history : .verdict
        default:
            let current = s.focus == .history ? s.historyScroll : s.focus == .verdict ? s.verdictScroll : s.pathScroll
            // The view clamps the scroll to what there is; here only keep it non-negative.
            guard let next = ListMove.apply(key, selected: current, count: 10_000, page: App.page(state)) else { return [] }
            switch s.focus {
            case .history: s.historyScroll = next
            case .verdict: s.verdictScroll = next
            case .path: s.pathScroll = next
            }
        }
        if s.focus != .history { s.right = s.focus }
        state.screen = .profile(s)
        return []
    }
}
