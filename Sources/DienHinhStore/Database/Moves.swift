import DienHinhCore
import Foundation
import GRDB

extension AppDatabase {
    /// Moves people to another unit from a day on (staff reassigned when their unit ceased): before that day they
    /// are still listed under the unit they leave, and their records keep the units they were earned in. All or
    /// nothing; returns how many moved. `ids` nil with `fromUnit`: everyone of that unit.
    public func move(ids: [String]?, fromUnit: String?, to target: String, on day: String?) throws -> Int {
        try write { db in
            guard let unit = try Row.fetchOne(db, sql: "SELECT * FROM unit WHERE code = ?", arguments: [target]).map(SectorUnit.init(row:)) else {
                throw StoreError.notFound("unknown unit \(target)")
            }
            let on = day ?? unit.validFrom ?? ISODate.today()
            guard unit.inForce(on: on) else {
                throw StoreError.refused("\(target) is not in force on \(on) (\(unit.validFrom ?? "…")–\(unit.validTo ?? "…"))")
            }
            var people: [(id: String, unit: String)] = []
            if let ids {
                for id in ids {
                    guard let u = try String.fetchOne(db, sql: "SELECT unit_code FROM candidate WHERE id = ?", arguments: [id]) else {
                        throw StoreError.notFound("unknown candidate \(id)")
                    }
                    people.append((id, u))
                }
            } else if let fromUnit {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM unit WHERE code = ?", arguments: [fromUnit]) ?? false else {
                    throw StoreError.notFound("unknown unit \(fromUnit)")
                }
                people = try Row.fetchAll(db, sql: "SELECT id, unit_code FROM candidate WHERE unit_code = ? ORDER BY id", arguments: [fromUnit])
                    .map { ($0[0], $0[1]) }
            }
            let now = CivilTime.timestamp(Date())
            for p in people where p.unit != target {
                // A later move already recorded would make the history run backwards.
                if let last = try String.fetchOne(db, sql: "SELECT MAX(on_day) FROM candidate_move WHERE candidate_id = ?", arguments: [p.id]),
                   last >= on {
                    throw StoreError.refused("\(p.id) was already moved on \(last)")
                }
                try db.execute(sql: "INSERT INTO candidate_move (candidate_id, from_unit, to_unit, on_day, moved_at) VALUES (?,?,?,?,?)",
                               arguments: [p.id, p.unit, target, on, now])
                try db.execute(sql: "UPDATE candidate SET unit_code = ? WHERE id = ?", arguments: [target, p.id])
            }
            return people.filter { $0.unit != target }.count
        }
    }
}
