import DienHinhCore
import Foundation
import TerminalKit

/// Keys of the profile: Tab from the verdict to the history to the award path and back; in the history the arrows
/// move the record cursor (`E`/`D` act on that record), in the verdict and the path they scroll.
enum ProfileScreen {
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .profile(var s) = state.screen else { return [] }
        switch key {
        case .tab:
            s.focus = s.focus == .verdict ? .history : s.focus == .history ? .path : .verdict
        case .backTab:
            s.focus = s.focus == .verdict ? .path : s.focus == .path ? .history : .verdict
        default:
            let records = s.data?.records.count ?? 0
            if s.focus == .history, records > 0 {
                guard let next = ListMove.apply(key, selected: s.record, count: records, page: max(1, App.page(state) / 3)) else { return [] }
                if next == s.record, next == records - 1, [.down, .char("j"), .pageDown, .end, .char("G")].contains(key) {
                    // Past the last record the pane scrolls on, to the changes listed under the records.
                    s.historyScroll += key == .pageDown || key == .end || key == .char("G") ? App.page(state) : 1
                } else {
                    s.record = next
                    s.historyScroll = 0
                }
            } else {
                let current = s.focus == .history ? s.historyScroll : s.focus == .verdict ? s.verdictScroll : s.pathScroll
                // The view clamps the scroll to what there is; here only keep it non-negative.
                guard let next = ListMove.apply(key, selected: current, count: 10_000, page: App.page(state)) else { return [] }
                switch s.focus {
                case .history: s.historyScroll = next
                case .verdict: s.verdictScroll = next
                case .path: s.pathScroll = next
                }
            }
        }
        if s.focus != .history { s.right = s.focus }
        state.screen = .profile(s)
        return []
    }

    /// The highlighted record, if the profile has any.
    static func currentRecord(_ p: ProfileState) -> Achievement? {
        guard let shown = p.data?.shownRecords, !shown.isEmpty else { return nil }
        return shown[min(max(0, p.record), shown.count - 1)]
    }
}
