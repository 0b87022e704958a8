import DienHinhCore
import Foundation
import TerminalKit

/// The dashboard: the review year's figures, the plan's phase and next date, the AHLD target.
public struct DashboardState: Equatable, Sendable {
    public var figures: ReviewFigures?
    /// Open while the user types the folder for the review report (empty: next to the database).
    public var exportField: TextField?
}

/// Keys of the dashboard: `x` asks where to write the review report, `r` reloads (`p`, the signed report, is
/// `SignedDocuments`).
enum DashboardScreen {
    /// Opens the dashboard on top of the stack.
    static func open(_ state: inout AppState) -> [Effect] {
        state.stack.append(.dashboard(DashboardState()))
        return [.loadDashboard(year: state.year)]
    }

    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .dashboard(var d) = state.screen else { return [] }
        if var field = d.exportField {
            switch key {
            case .escape:
                d.exportField = nil
            case .enter:
                d.exportField = nil
                state.screen = .dashboard(d)
                let typed = field.value.trimmingCharacters(in: .whitespaces)
                let folder = typed.isEmpty ? nil : typed
                state.documentsFolder = folder
                return [.exportReview(year: state.year, folder: folder, english: state.language == .en)]
            default:
                field.handle(key)
                d.exportField = field
            }
            state.screen = .dashboard(d)
            return []
        }
        switch key {
        case .char("x"):
            d.exportField = TextField(placeholder: state.strings("dash.export_placeholder"), focused: true)
            state.screen = .dashboard(d)
            return []
        case .char("r"):
            return [.loadDashboard(year: state.year)]
        default:
            return []
        }
    }

    /// Whether the export prompt takes every key (typing a folder name must not quit or search).
    static func capturesKeys(_ state: AppState) -> Bool {
        if case .dashboard(let d) = state.screen, d.exportField != nil { return true }
        return false
    }
}
