import GRDB

/// A token that changes with every change to the unit table, whoever makes it (issue 23). The sector's structure
/// (1,200 units, 3.6 ms to read) is kept while the token stays: keyed on the database's changes instead, every
/// saved record had it read again. Random rather than counted, so a rolled-back change and a later one never share
/// a token. Frozen once shipped: add a new migration instead of editing this one.
extension AppDatabase {
    static func registerUnitVersion(_ m: inout DatabaseMigrator) {
        m.registerMigration("v9-i23-unit-version") { db in
            try db.execute(sql: """
                CREATE TABLE unit_version (id INTEGER PRIMARY KEY CHECK (id = 1), token INTEGER NOT NULL);
                INSERT INTO unit_version (id, token) VALUES (1, random());
                CREATE TRIGGER unit_version_on_insert AFTER INSERT ON unit BEGIN UPDATE unit_version SET token = random(); END;
                CREATE TRIGGER unit_version_on_update AFTER UPDATE ON unit BEGIN UPDATE unit_version SET token = random(); END;
                CREATE TRIGGER unit_version_on_delete AFTER DELETE ON unit BEGIN UPDATE unit_version SET token = random(); END;
                """)
        }
    }
}
