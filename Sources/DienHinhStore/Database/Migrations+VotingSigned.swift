import GRDB

/// Issue 13: rounds fixed at opening, acts signed by the chair or the secretary, written-ballot codes.
/// Columns are added (never changed) so a database made before keeps its rounds; their new columns stay NULL.
extension AppDatabase {
    static func registerVotingSigned(_ m: inout DatabaseMigrator) {
        m.registerMigration("v5-i13-signed-fixed-rounds") { db in
            try db.execute(sql: """
                -- What the round announced when it opened: the approvals needed and the seats asked for
                -- (max_seats holds the seats really open: never more than the shortlist).
                ALTER TABLE round ADD COLUMN required_at_open INTEGER CHECK (required_at_open IS NULL OR required_at_open >= 1);
                ALTER TABLE round ADD COLUMN seats_asked INTEGER;
                ALTER TABLE round ADD COLUMN opened_by TEXT REFERENCES council_member(id);
                ALTER TABLE round ADD COLUMN closed_by TEXT REFERENCES council_member(id);
                -- Members present who had not voted when the chair closed the round anyway (--force).
                ALTER TABLE round ADD COLUMN unvoted_at_close INTEGER;
                ALTER TABLE council_session ADD COLUMN opened_by TEXT REFERENCES council_member(id);
                ALTER TABLE council_session ADD COLUMN closed_by TEXT REFERENCES council_member(id);
                -- SHA-256 of the member's one-time written-ballot code; NULL once used (or never issued).
                ALTER TABLE council_member ADD COLUMN written_code_hash TEXT;
                """)
        }
    }
}
