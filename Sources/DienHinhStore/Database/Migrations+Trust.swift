import GRDB

/// Wrong PINs counted per member and a lock after too many (issue 18). The count and the lock are kept with the
/// member, never the PIN tried. Frozen once shipped, like every migration: add a new one instead of editing this.
extension AppDatabase {
    static func registerTrust(_ m: inout DatabaseMigrator) {
        m.registerMigration("v7-i18-pin-lockout") { db in
            try db.execute(sql: """
                ALTER TABLE council_member ADD COLUMN wrong_pins INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE council_member ADD COLUMN locked_at TEXT;
                """)
        }
        // Signed bundles: the public keys the centre enrolled, the last sequence number merged from each unit, and
        // the key that signed each merged bundle.
        m.registerMigration("v7-i18-signed-bundles") { db in
            try db.execute(sql: """
                CREATE TABLE unit_key (
                    fingerprint TEXT PRIMARY KEY NOT NULL,
                    unit_code TEXT NOT NULL REFERENCES unit(code),
                    public_key BLOB NOT NULL,
                    enrolled_at TEXT NOT NULL,
                    revoked_at TEXT
                );
                CREATE TABLE bundle_sequence (unit_code TEXT PRIMARY KEY NOT NULL, last_seq INTEGER NOT NULL, checksum TEXT NOT NULL);
                ALTER TABLE bundle_import ADD COLUMN signed_key TEXT;
                ALTER TABLE candidate ADD COLUMN signed_key TEXT;
                ALTER TABLE achievement ADD COLUMN signed_key TEXT;
                """)
        }
        // Deletions travel (issue 18): a conflict may now be a record deleted at the unit but changed at the centre.
        // SQLite cannot widen a CHECK in place, so the table is rebuilt with the same rows and indexes.
        m.registerMigration("v7-i18-deletions-travel") { db in
            try db.execute(sql: """
                CREATE TABLE bundle_conflict_new (
                    id INTEGER PRIMARY KEY,
                    bundle_id INTEGER NOT NULL REFERENCES bundle_import(id),
                    kind TEXT NOT NULL CHECK (kind IN ('candidate','achievement','deletion')),
                    record_key TEXT NOT NULL,
                    candidate_id TEXT NOT NULL,
                    ours_json TEXT,
                    theirs_json TEXT NOT NULL,
                    detected_at TEXT NOT NULL,
                    resolution TEXT CHECK (resolution IN ('ours','theirs')),
                    resolved_at TEXT,
                    resolved_by TEXT
                );
                INSERT INTO bundle_conflict_new SELECT * FROM bundle_conflict;
                DROP TABLE bundle_conflict;
                ALTER TABLE bundle_conflict_new RENAME TO bundle_conflict;
                CREATE INDEX bundle_conflict_open ON bundle_conflict(resolution, id);
                CREATE INDEX bundle_conflict_by_record ON bundle_conflict(kind, record_key);
                """)
        }
        // What the centre decided for a unit, as its last bundle sent down said: nominations and selections.
        m.registerMigration("v7-i18-centre-decisions") { db in
            try db.execute(sql: """
                CREATE TABLE centre_decision (
                    kind TEXT NOT NULL CHECK (kind IN ('nomination','selection')),
                    year INTEGER NOT NULL,
                    candidate_id TEXT NOT NULL,
                    unit_code TEXT NOT NULL,
                    detail TEXT,
                    decided_at TEXT,
                    bundle_id INTEGER NOT NULL REFERENCES bundle_import(id),
                    PRIMARY KEY (kind, year, candidate_id)
                );
                """)
        }
    }
}
