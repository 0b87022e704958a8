import Foundation
import TerminalKit

/// The `p` key: the signed document of the screen in view (the review report on the dashboard, a candidate's page
/// on a profile, the count minutes on a round's result), written as Word where the dashboard's report goes.
enum SignedDocuments {
    static let key = Key.char("p")

    /// What `p` writes on the current screen; nil where it writes nothing.
    static func document(_ state: AppState) -> SignedDocument? {
        switch state.screen {
        case .dashboard: return .review(year: state.year)
        // Not while a member is voting: on a ballot `p` opens the profile, and a voting terminal writes no files.
        case .profile(let p) where !state.stack.contains(where: VotingScreens.isBallot): return .profile(id: p.id, year: state.year)
        case .roundResult(let r): return .minutes(round: r.data.result.roundId)
        case .rollup: return .nominations(year: state.year)
        default: return nil
        }
    }

    /// The effect that writes it, into the folder the dashboard's report last went to (else next to the database).
    static func write(_ state: AppState) -> [Effect]? {
        document(state).map { [.writeDocument($0, folder: state.documentsFolder, english: state.language == .en)] }
    }

    /// The key's line in the bar and the help, on the screens where it writes something.
    static func keys(_ state: AppState) -> [(String, String, Bool)] {
        document(state) == nil ? [] : [("p", "key.write_docx", true)]
    }
}
