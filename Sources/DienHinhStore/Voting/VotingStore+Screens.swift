import DienHinhCore
import Foundation
import GRDB

/// Reads the council screens need beyond the command line's: the meetings and who is present.
extension AppDatabase {
    /// Every session, newest first, with its number of rounds.
    public func sessions() throws -> [(session: CouncilSession, rounds: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, (SELECT COUNT(*) FROM round r WHERE r.session_id = s.id) AS rounds
                FROM council_session s ORDER BY s.opened_at DESC, s.id DESC
                """).compactMap { row in
                try Self.session(db, row["id"]).map { ($0, row["rounds"] as Int) }
            }
        }
    }

    /// The rounds open now, by id: what a kiosk started with `--kiosk open` serves (one command for a council
    /// room's `ForceCommand`, whatever the round).
    public func openRounds() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT id FROM round WHERE status = 'open' ORDER BY id") }
    }

    /// Ids of the members recorded present at a session.
    public func attendance(session: String) throws -> Set<String> {
        try read { db in
            guard try Self.session(db, session) != nil else { throw VotingError.unknownSession(session) }
            return Set(try String.fetchAll(db, sql: "SELECT member_id FROM attendance WHERE session_id = ?", arguments: [session]))
        }
    }
}
