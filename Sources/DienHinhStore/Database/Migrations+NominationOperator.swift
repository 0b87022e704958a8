import GRDB

/// Who put a nomination forward (issue 14): the operator at the keyboard and their unit, as records carry them.
/// Nominations made before this migration keep NULL: nobody can say now who made them.
/// Frozen once shipped, like every migration: add a new one instead of editing this.
extension AppDatabase {
    static func registerNominationOperator(_ m: inout DatabaseMigrator) {
        m.registerMigration("v6-i14-nomination-operator") { db in
            try db.execute(sql: """
                ALTER TABLE nomination ADD COLUMN nominated_by TEXT;
                ALTER TABLE nomination ADD COLUMN nominated_unit TEXT;
                """)
        }
    }
}
