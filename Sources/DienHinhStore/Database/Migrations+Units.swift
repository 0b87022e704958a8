import DienHinhCore
import GRDB

/// Units with a life span (issue 16): the `regional` level, first and last day in force, the units each one took
/// over, and a mark on generated demo units. SQLite cannot widen a CHECK constraint in place, so the table is
/// rebuilt (its foreign keys are checked once the migration ends); a database made before this gets the 2025
/// structure from the shipped reference data. Frozen once shipped: add a new migration instead of editing this.
extension AppDatabase {
    static func registerUnitLifeSpans(_ m: inout DatabaseMigrator) {
        m.registerMigration("v5-i16-unit-life-span") { db in
            try db.execute(sql: """
                CREATE TABLE unit_new (
                    code TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    short_name TEXT NOT NULL,
                    level TEXT NOT NULL CHECK (level IN ('supreme','high','provincial','district','regional')),
                    parent_code TEXT REFERENCES unit(code),
                    region_code TEXT REFERENCES unit(code),
                    is_current INTEGER NOT NULL DEFAULT 1,
                    merged_into TEXT,
                    sort_order INTEGER NOT NULL,
                    folded TEXT NOT NULL,
                    valid_from TEXT,
                    valid_to TEXT,
                    succeeds TEXT NOT NULL DEFAULT '',
                    is_demo INTEGER NOT NULL DEFAULT 0,
                    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
                );
                INSERT INTO unit_new (code, name, short_name, level, parent_code, region_code, is_current, merged_into, sort_order, folded)
                    SELECT code, name, short_name, level, parent_code, region_code, is_current, merged_into, sort_order, folded FROM unit;
                DROP TABLE unit;
                ALTER TABLE unit_new RENAME TO unit;
                CREATE INDEX unit_by_level ON unit(level, sort_order);
                CREATE INDEX unit_by_parent ON unit(parent_code, sort_order);
                CREATE INDEX unit_by_region ON unit(region_code, sort_order);
                -- A person moved to another unit (staff reassigned when their unit ceased): before `on_day` they
                -- are listed under `from_unit`, from it under the unit the candidate row names.
                CREATE TABLE candidate_move (
                    candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
                    from_unit TEXT NOT NULL REFERENCES unit(code),
                    to_unit TEXT NOT NULL REFERENCES unit(code),
                    on_day TEXT NOT NULL,
                    moved_at TEXT NOT NULL
                );
                CREATE INDEX candidate_move_by_candidate ON candidate_move(candidate_id, on_day);
                -- Plans imported by the secretariat (the shipped ones live in Resources), as their JSON text.
                CREATE TABLE plan_definition (
                    id TEXT PRIMARY KEY NOT NULL,
                    from_year INTEGER NOT NULL,
                    to_year INTEGER NOT NULL CHECK (from_year <= to_year),
                    body TEXT NOT NULL,
                    imported_at TEXT NOT NULL
                );
                """)
            // A database seeded before this: the same life spans and 2025 units a new one is seeded with.
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit") ?? 0 > 0 else { return }
            try Self.applyLifeSpans(db, ReferenceData.shipped)
        }
    }

    /// Gives the shipped units their life spans, names and successors, and adds the units an older database lacks.
    static func applyLifeSpans(_ db: Database, _ ref: ReferenceData) throws {
        var order = try Int.fetchOne(db, sql: "SELECT MAX(sort_order) FROM unit") ?? 0
        let aliasesByCode = Dictionary(grouping: ref.aliases, by: \.code)
        for u in ref.units.sorted(by: { $0.level.rank < $1.level.rank }) {
            let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM unit WHERE code = ?", arguments: [u.code]) ?? false
            if exists {
                try db.execute(sql: """
                    UPDATE unit SET name = ?, short_name = ?, valid_from = ?, valid_to = ?, succeeds = ?, folded = ? WHERE code = ?
                    """, arguments: [u.name, u.shortName, u.validFrom, u.validTo, u.succeeds.joined(separator: " "),
                                     folded(u, aliasesByCode[u.code] ?? []), u.code])
            } else {
                order += 1
                try db.execute(sql: """
                    INSERT INTO unit (code, name, short_name, level, parent_code, region_code, is_current, merged_into, sort_order,
                                      folded, valid_from, valid_to, succeeds)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                    """, arguments: [u.code, u.name, u.shortName, u.level.rawValue, u.parentCode, u.regionCode, u.isCurrent,
                                     u.mergedInto, order, folded(u, aliasesByCode[u.code] ?? []), u.validFrom, u.validTo,
                                     u.succeeds.joined(separator: " ")])
            }
        }
        for a in ref.aliases {
            let have = try Bool.fetchOne(db, sql: "SELECT 1 FROM unit_alias WHERE code = ? AND name = ?", arguments: [a.code, a.name]) ?? false
            if !have {
                try db.execute(sql: "INSERT INTO unit_alias (code, name, valid_from, valid_to) VALUES (?,?,?,?)",
                               arguments: [a.code, a.name, a.validFrom, a.validTo])
            }
        }
    }

    /// What search matches a unit by: its names through time and its code.
    static func folded(_ u: SectorUnit, _ aliases: [UnitAlias]) -> String {
        ([u.name, u.shortName, u.code] + aliases.map(\.name)).map(TextFolding.fold).joined(separator: " | ")
    }
}
