import DienHinhCore
import DienHinhResources
import Foundation
import GRDB

/// The units of a period from CSV (docs/UNITS.md): how the 355 regional procuracies of 1/7/2025 arrive, since
/// their official list is not shipped. All or nothing, like every import: each problem with its line and column.
public enum UnitImport {
    public static let columns = ["code", "name", "level", "parent_code", "valid_from", "valid_to", "succeeds"]
    public static let required = ["code", "name", "level"]

    struct Row {
        var unit: SectorUnit
        var line: Int
        var at: [String: SourcePosition]
    }

    /// The new units of a file, checked against each other and the database; rows that repeat a unit exactly
    /// as the database has it are accepted and left alone, so a list can be imported again.
    public static func validate(_ data: Data, file: String, db: Database, strings: Strings) throws -> ([SectorUnit], [InputError]) {
        var t = Table(data: data, file: file, columns: columns, required: required, strings: strings)
        let known = try GRDB.Row.fetchAll(db, sql: "SELECT * FROM unit").map(SectorUnit.init(row:))
        let existing = Dictionary(known.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        var firstLine: [String: Int] = [:]
        let c = t.columns
        while case let batch = t.next(4096), !batch.isEmpty {
            for r in batch {
                guard t.checkRow(r) else { continue }
                let broken = RecordRules.limits(columns) { c.value(r, $0).0 }
                for p in broken { t.fail(c.value(r, p.field).1, p) }
                if !broken.isEmpty { continue }
                var at: [String: SourcePosition] = [:]
                func v(_ name: String) -> String { let (s, p) = c.value(r, name); at[name] = p; return s }
                let code = v("code"), name = v("name"), levelText = v("level"), parent = v("parent_code")
                let fromText = v("valid_from"), toText = v("valid_to"), succeedsText = v("succeeds")
                var ok = true
                if code.isEmpty { t.fail(at["code"]!, "import.required", "code"); ok = false }
                if name.isEmpty { t.fail(at["name"]!, "import.required", "name"); ok = false }
                let level = Level(rawValue: levelText)
                if level == nil {
                    t.fail(at["level"]!, "units.import.bad_level", levelText, Level.allCases.map(\.rawValue).joined(separator: ", ")); ok = false
                } else if !code.isEmpty, Level(unitCode: code) != level {
                    t.fail(at["code"]!, "units.import.code_level", code, levelText); ok = false
                }
                let from = fromText.isEmpty ? nil : FieldParsing.date(fromText)
                let to = toText.isEmpty ? nil : FieldParsing.date(toText)
                if !fromText.isEmpty && from == nil { t.fail(at["valid_from"]!, "units.import.bad_date", fromText); ok = false }
                if !toText.isEmpty && to == nil { t.fail(at["valid_to"]!, "units.import.bad_date", toText); ok = false }
                if let from, let to, from > to { t.fail(at["valid_to"]!, "units.import.ends_before_start", to, from); ok = false }
                if let first = firstLine[code], !code.isEmpty {
                    t.fail(at["code"]!, "units.import.repeated", code, first); ok = false
                }
                if !code.isEmpty && firstLine[code] == nil { firstLine[code] = r.line }
                let succeeds = succeedsText.split(separator: " ").map(String.init)
                guard ok, let level else { continue }
                rows.append(Row(unit: SectorUnit(code: code, name: name, shortName: name, level: level,
                                                 parentCode: parent.isEmpty ? nil : parent, validFrom: from, validTo: to,
                                                 succeeds: succeeds), line: r.line, at: at))
            }
        }
        var fresh: [Row] = []
        for row in rows {
            let u = row.unit
            guard let old = existing[u.code] else { fresh.append(row); continue }
            if old.name == u.name, old.level == u.level, old.parentCode == u.parentCode, old.validFrom == u.validFrom,
               old.validTo == u.validTo, Set(old.succeeds) == Set(u.succeeds) { continue }
            // A code never changes meaning: the same code for a unit in force at the same time is an overlap,
            // for a unit of another period a code reused.
            if old.overlaps(from: u.validFrom, to: u.validTo) {
                t.fail(row.at["valid_from"]!, "units.import.overlap", u.code, old.name, span(old))
            } else {
                t.fail(row.at["code"]!, "units.import.reused", u.code, old.name, span(old))
            }
        }
        var all = existing
        for row in fresh { all[row.unit.code] = row.unit }
        for row in fresh {
            let u = row.unit
            if let p = u.parentCode {
                if let parent = all[p] {
                    if let start = u.validFrom, let end = parent.validTo, end < start {
                        t.fail(row.at["parent_code"]!, "units.import.parent_ceased", p, end, start)
                    }
                } else {
                    t.fail(row.at["parent_code"]!, "units.import.unknown_parent", p)
                }
            }
            for s in u.succeeds {
                guard let pred = all[s] else { t.fail(row.at["succeeds"]!, "units.import.unknown_succeeds", s); continue }
                if s == u.code { continue }  // reported as a cycle below
                // The unit that took the work over starts after the one it replaced ended.
                if pred.overlaps(from: u.validFrom, to: u.validTo) {
                    t.fail(row.at["succeeds"]!, "units.import.succeeds_overlap", s, span(pred), span(u))
                }
            }
        }
        // A cycle in `succeeds`: a unit that, through its predecessors, took over its own work.
        for row in fresh {
            var stack = row.unit.succeeds
            var seen: Set<String> = []
            while let next = stack.popLast() {
                if next == row.unit.code {
                    t.fail(row.at["succeeds"]!, "units.import.cycle", row.unit.code)
                    break
                }
                if seen.insert(next).inserted { stack += all[next]?.succeeds ?? [] }
            }
        }
        return (fresh.map(\.unit), t.errors)
    }

    static func span(_ u: SectorUnit) -> String {
        (u.validFrom ?? "…") + "–" + (u.validTo ?? "…")
    }
}

extension AppDatabase {
    /// Imports the units of a period, all or nothing; nothing is written on any problem or with `dryRun`.
    public func importUnits(_ data: Data, file: String, dryRun: Bool, strings: Strings) throws -> Int {
        try write { db in
            let (units, errors) = try UnitImport.validate(data, file: file, db: db, strings: strings)
            if !errors.isEmpty { throw ImportFailure(errors: errors) }
            if !dryRun { try Self.insertUnits(units, db) }
            return units.count
        }
    }

    /// Adds units after those there are, parents first (a file may list a unit before its parent).
    static func insertUnits(_ units: [SectorUnit], _ db: Database) throws {
        var order = try Int.fetchOne(db, sql: "SELECT MAX(sort_order) FROM unit") ?? 0
        let codes = Set(units.map(\.code))
        var pending = units
        var done: Set<String> = []
        while !pending.isEmpty {
            let ready = pending.filter { u in u.parentCode.map { !codes.contains($0) || done.contains($0) } ?? true }
            let batch = ready.isEmpty ? pending : ready
            for u in batch {
                order += 1
                try db.execute(sql: """
                    INSERT INTO unit (code, name, short_name, level, parent_code, region_code, is_current, sort_order, folded,
                                      valid_from, valid_to, succeeds, is_demo)
                    VALUES (?,?,?,?,?,NULL,1,?,?,?,?,?,?)
                    """, arguments: [u.code, u.name, u.shortName, u.level.rawValue, u.parentCode, order, folded(u, []),
                                     u.validFrom, u.validTo, u.succeeds.joined(separator: " "), u.isDemo])
                done.insert(u.code)
            }
            let placed = Set(batch.map(\.code))
            pending.removeAll { placed.contains($0.code) }
        }
    }
}
