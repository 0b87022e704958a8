import GRDB

/// The index that verdicts for the whole sector read instead of the table (docs/PERFORMANCE.md).
/// Frozen once shipped, like every migration: add a new one instead of editing this.
extension AppDatabase {
    static func registerEvidenceIndex(_ m: inout DatabaseMigrator) {
        m.registerMigration("v4-achievement-evidence-index") { db in
            // It replaces the (candidate_id, year) index and still serves every lookup by candidate, but
            // also holds each column the eligibility engine cites, so reading 200,000 records for the
            // engine walks 9 MB of index in candidate order rather than 37 MB of table.
            try db.execute(sql: """
                DROP INDEX achievement_by_candidate;
                CREATE INDEX achievement_by_candidate
                    ON achievement(candidate_id, year, type, class, proposed_award, decision_no);
                """)
        }
    }
}
