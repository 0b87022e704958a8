import GRDB

/// Schema for offline entry and bundles: achievement uids, bundle imports and conflicts, drafts, undo.
/// Frozen once shipped, like every migration: add a new one instead of editing this.
extension AppDatabase {
    static func registerBundles(_ m: inout DatabaseMigrator) {
        m.registerMigration("v2-achievement-uid-bundles-drafts") { db in
            // The achievement table is rebuilt so `uid` can default to a fresh random value for every insert path
            // (ALTER TABLE cannot add a column with a non-constant default). Same columns, same indexes.
            try db.execute(sql: """
                CREATE TABLE achievement_new (
                    id INTEGER PRIMARY KEY,
                    candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
                    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
                    type TEXT NOT NULL REFERENCES award_type(code),
                    class INTEGER CHECK (class IN (1,2,3)),
                    proposed_award TEXT REFERENCES award_type(code),
                    decision_no TEXT,
                    decision_date TEXT,
                    issuer TEXT,
                    note TEXT,
                    entered_unit TEXT,
                    entered_by TEXT,
                    entered_at TEXT,
                    uid TEXT NOT NULL DEFAULT (lower(hex(randomblob(16))))
                );
                INSERT INTO achievement_new (id, candidate_id, year, type, class, proposed_award, decision_no, decision_date,
                                             issuer, note, entered_unit, entered_by, entered_at)
                    SELECT id, candidate_id, year, type, class, proposed_award, decision_no, decision_date,
                           issuer, note, entered_unit, entered_by, entered_at FROM achievement;
                DROP TABLE achievement;
                ALTER TABLE achievement_new RENAME TO achievement;
                CREATE INDEX achievement_by_candidate ON achievement(candidate_id, year);
                CREATE INDEX achievement_by_type ON achievement(type, year);
                CREATE UNIQUE INDEX achievement_by_uid ON achievement(uid);

                CREATE TABLE bundle_import (
                    id INTEGER PRIMARY KEY,
                    checksum TEXT NOT NULL UNIQUE,
                    file TEXT NOT NULL,
                    source_unit TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    imported_by TEXT NOT NULL,
                    added INTEGER NOT NULL,
                    identical INTEGER NOT NULL,
                    conflicts INTEGER NOT NULL
                );
                CREATE TABLE bundle_conflict (
                    id INTEGER PRIMARY KEY,
                    bundle_id INTEGER NOT NULL REFERENCES bundle_import(id),
                    kind TEXT NOT NULL CHECK (kind IN ('candidate','achievement')),
                    record_key TEXT NOT NULL,
                    candidate_id TEXT NOT NULL,
                    ours_json TEXT,
                    theirs_json TEXT NOT NULL,
                    detected_at TEXT NOT NULL,
                    resolution TEXT CHECK (resolution IN ('ours','theirs')),
                    resolved_at TEXT,
                    resolved_by TEXT
                );
                CREATE INDEX bundle_conflict_open ON bundle_conflict(resolution, id);
                CREATE INDEX bundle_conflict_by_record ON bundle_conflict(kind, record_key);

                CREATE TABLE draft (
                    kind TEXT NOT NULL,
                    key TEXT NOT NULL,
                    json TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (kind, key)
                ) WITHOUT ROWID;
                CREATE TABLE undo_log (
                    seq INTEGER PRIMARY KEY,
                    change TEXT NOT NULL,
                    label TEXT NOT NULL,
                    table_name TEXT NOT NULL CHECK (table_name IN ('candidate','achievement')),
                    row_key TEXT NOT NULL,
                    before_json TEXT,
                    at TEXT NOT NULL
                );
                """)
        }
    }
}
