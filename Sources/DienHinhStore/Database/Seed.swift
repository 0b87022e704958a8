import DienHinhCore
import DienHinhDemo
import Foundation
import GRDB

extension AppDatabase {
    /// Loads the units and the award catalog into an empty database (a no-op when they are there).
    public func seedReference(_ ref: ReferenceData = .shipped) throws {
        try write { db in
            let have = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit") ?? 0
            guard have == 0 else { return }
            let aliasesByCode = Dictionary(grouping: ref.aliases, by: \.code)
            let insertUnit = try db.makeStatement(sql: """
                INSERT INTO unit (code, name, short_name, level, parent_code, region_code, is_current, merged_into, sort_order, folded,
                                  valid_from, valid_to, succeeds, is_demo)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """)
            // Parents before children so the foreign keys hold at each insert.
            let ordered = ref.units.enumerated().sorted { a, b in
                (a.element.level.rank, a.offset) < (b.element.level.rank, b.offset)
            }
            for (order, u) in ordered {
                try insertUnit.execute(arguments: [u.code, u.name, u.shortName, u.level.rawValue, u.parentCode, u.regionCode,
                                                   u.isCurrent, u.mergedInto, order, Self.folded(u, aliasesByCode[u.code] ?? []),
                                                   u.validFrom, u.validTo, u.succeeds.joined(separator: " "), u.isDemo])
            }
            let insertAlias = try db.makeStatement(sql: "INSERT INTO unit_alias (code, name, valid_from, valid_to) VALUES (?,?,?,?)")
            for a in ref.aliases {
                try insertAlias.execute(arguments: [a.code, a.name, a.validFrom, a.validTo])
            }
            let insertAward = try db.makeStatement(sql: """
                INSERT INTO award_type (code, name_vi, name_en, has_classes, for_individual, for_collective) VALUES (?,?,?,?,?,?)
                """)
            for a in ref.awards {
                try insertAward.execute(arguments: [a.code.rawValue, a.vi, a.en, a.classes, a.individual, a.collective])
            }
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('created_at', ?)",
                           arguments: [CivilTime.timestamp(Date())])
        }
    }

    /// Adds candidates and their records in one transaction; the caller has validated them.
    ///
    /// `freshFile`: the file was created a moment ago and nobody else has it open, so the secondary
    /// indexes of the two tables are dropped for the load and built again after it from their own
    /// definitions: sorting once is far cheaper than keeping them in order row by row (the 10x
    /// demo, 2,000,000 records, is the case that needs it).
    public func insert(candidates: [Candidate], achievements: [Achievement], provenance: Provenance,
                       freshFile: Bool = false) throws {
        try write { db in
            try Self.rebuildingIndexes(of: freshFile ? ["candidate", "achievement"] : [], db) {
                let ins = try Inserter(db)
                for c in candidates { try ins.insert(c, provenance) }
                for a in achievements { try ins.insert(a, provenance, db: db) }
            }
        }
    }

    /// Runs a bulk load with the secondary indexes of `tables` dropped, then builds them again from their own
    /// definitions, inside the caller's transaction: readers on other connections keep seeing the last commit,
    /// indexes included, and sorting once is far cheaper than keeping an index in order row by row.
    static func rebuildingIndexes(of tables: [String], _ db: Database, _ load: () throws -> Void) throws {
        let indexes = tables.isEmpty ? [] : try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND tbl_name IN (\(tables.map { _ in "?" }.joined(separator: ","))) AND sql IS NOT NULL
            """, arguments: StatementArguments(tables)).map { (name: $0[0] as String, sql: $0[1] as String) }
        for index in indexes { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
        try load()
        for index in indexes { try db.execute(sql: index.sql) }
    }

    /// Creates (or with `force` recreates) a database with the reference data and, optionally, the demo set.
    @discardableResult
    public static func create(path: String, demo: DemoScale?, force: Bool = false, seed: UInt64 = 2017,
                              group: String? = nil) throws -> AppDatabase {
        if FileManager.default.fileExists(atPath: path) {
            guard force else { throw StoreError.refused("\(path) already exists; add --force to replace it") }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let db = try AppDatabase(path: path, create: true, group: group)
        try db.seedReference()
        if let demo {
            // The demo's people were generated in the 2017–2020 structure; the regional procuracies that took over
            // their districts are generated after them (marked demo), so their records stay exactly as they were.
            let units = try db.units(level: nil, year: 2020)
            let data = DemoData.generate(units: units, scale: demo, seed: seed)
            let recent = DemoPresent.recentRecords(candidates: data.candidates, achievements: data.achievements,
                                                   unitNames: Dictionary(units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }),
                                                   seed: seed)
            try db.insert(candidates: data.candidates, achievements: data.achievements + recent,
                          provenance: Provenance(unitCode: "VKSTC.V16", user: "demo", at: "2020-12-31T00:00:00Z"),
                          freshFile: true)
            let regional = DemoPresent.regionalUnits(structure: try db.structure(),
                                                     districtsWithPeople: Set(data.candidates.map(\.unitCode)))
            try db.write { db in
                try Self.insertUnits(regional, db)
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('demo_scale', ?)", arguments: [demo.rawValue])
            }
        }
        try db.checkpoint()
        return db
    }
}
