import GRDB

/// A record's history and undo any number of steps with redo (issue 14). `undo_log` becomes two stacks of steps
/// (`stack` undo or redo, `step` grouping the rows one change touched) kept per run of the application
/// (`session`); `record_history` keeps every edited or deleted version for good, with who and when.
/// Frozen once shipped, like every migration: add a new one instead of editing this.
extension AppDatabase {
    static func registerHistory(_ m: inout DatabaseMigrator) {
        m.registerMigration("v6-i14-record-history-undo-redo") { db in
            try db.execute(sql: """
                ALTER TABLE undo_log ADD COLUMN stack TEXT NOT NULL DEFAULT 'undo' CHECK (stack IN ('undo','redo'));
                ALTER TABLE undo_log ADD COLUMN step INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE undo_log ADD COLUMN session TEXT NOT NULL DEFAULT '';
                CREATE TABLE record_history (
                    seq INTEGER PRIMARY KEY,
                    candidate_id TEXT NOT NULL,
                    table_name TEXT NOT NULL CHECK (table_name IN ('candidate','achievement')),
                    row_key TEXT NOT NULL,
                    change TEXT NOT NULL CHECK (change IN ('update','delete','undo','redo')),
                    label TEXT NOT NULL,
                    before_json TEXT,
                    by_user TEXT,
                    by_unit TEXT,
                    at TEXT NOT NULL
                );
                CREATE INDEX record_history_by_candidate ON record_history(candidate_id, seq);
                """)
        }
    }
}
