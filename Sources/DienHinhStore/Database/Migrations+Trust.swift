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
    }
}
