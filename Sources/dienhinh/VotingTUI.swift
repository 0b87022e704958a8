import ArgumentParser
import DienHinhResources
import DienHinhStore
import Foundation

/// Refuses `tui --kiosk`/`--console` for a round or session that does not exist, before the terminal is taken over.
func checkVotingTarget(_ db: AppDatabase, kiosk: String?, console: String?, _ s: Strings) throws {
    if let kiosk { _ = try reporting(s) { try db.roundInfo(round: kiosk) } }
    if let console, try reporting(s, { try db.session(console) }) == nil {
        Console.error(s("session.unknown", console))
        throw ExitCode(Failure.missing)
    }
}
