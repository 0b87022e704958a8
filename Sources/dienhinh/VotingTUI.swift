import ArgumentParser
import DienHinhResources
import DienHinhStore
import Foundation

/// Refuses `tui --kiosk`/`--console` for a round or session that does not exist, before the terminal is taken over.
func checkVotingTarget(_ db: AppDatabase, kiosk: String?, console: String?, _ s: Strings) throws {
    if let kiosk, kiosk != openRound { _ = try reporting(s) { try db.roundInfo(round: kiosk) } }
    if let console, try reporting(s, { try db.session(console) }) == nil { throw refusal(Failure.missing, s("session.unknown", console)) }
}

/// `--kiosk open`: the round open now.
let openRound = "open"

/// The round a kiosk serves: the one given, or with `open` the one round open now (none or several: a one-line
/// refusal, exit 69, so a council room's fixed kiosk command never guesses).
func kioskRound(_ db: AppDatabase, _ kiosk: String, _ s: Strings) throws -> String {
    guard kiosk == openRound else { return kiosk }
    let open = try reporting(s) { try db.openRounds() }
    guard open.count == 1 else {
        throw refusal(Failure.refused, open.isEmpty ? s("kiosk.no_open_round") : s("kiosk.several_open", open.joined(separator: ", ")))
    }
    return open[0]
}
