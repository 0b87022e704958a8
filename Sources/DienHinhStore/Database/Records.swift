import DienHinhCore
import Foundation
import GRDB
import GRDBSQLite

extension SectorUnit {
    static let columns = "code, name, short_name, level, parent_code, region_code, is_current, merged_into, valid_from, valid_to, succeeds, is_demo"

    /// From a row of `columns`, by position: the sector's structure (1,200 units) is read for every list and profile,
    /// and looking twelve columns up by name was most of that.
    init(columns row: Row) {
        self.init(code: row[0], name: row[1], shortName: row[2], level: Level(rawValue: row[3]) ?? .district, parentCode: row[4],
                  regionCode: row[5], isCurrent: row[6], mergedInto: row[7], validFrom: row[8], validTo: row[9],
                  succeeds: (row[10] as String? ?? "").split(separator: " ").map(String.init), isDemo: row[11] ?? false)
    }

    /// The same, stepped through the C API.
    init(columns row: BulkRows) {
        self.init(code: row.text(0), name: row.text(1), shortName: row.text(2), level: Level(rawValue: row.text(3)) ?? .district,
                  parentCode: row.optionalText(4), regionCode: row.optionalText(5), isCurrent: row.bool(6),
                  mergedInto: row.optionalText(7), validFrom: row.optionalText(8), validTo: row.optionalText(9),
                  succeeds: row.text(10).split(separator: " ").map(String.init), isDemo: row.bool(11))
    }

    init(row: Row) {
        self.init(code: row["code"], name: row["name"], shortName: row["short_name"],
                  level: Level(rawValue: row["level"]) ?? .district, parentCode: row["parent_code"],
                  regionCode: row["region_code"], isCurrent: row["is_current"], mergedInto: row["merged_into"],
                  validFrom: row["valid_from"], validTo: row["valid_to"],
                  succeeds: (row["succeeds"] as String? ?? "").split(separator: " ").map(String.init), isDemo: row["is_demo"] ?? false)
    }
}

extension Candidate {
    static let columns = "id, kind, name, unit_code, position, is_leader, complies_with_policy, internally_united, orgs_clean_strong, collective_id"

    /// From a row whose first columns are `columns`, in that order. By position: a lookup by name
    /// lowercases the name on every access, a quarter of loading every candidate.
    init(row: BulkRows) {
        self.init(id: row.text(0), kind: CandidateKind(rawValue: row.text(1)) ?? .individual, name: row.text(2),
                  unitCode: row.text(3), position: row.optionalText(4), isLeader: row.bool(5),
                  compliesWithPolicy: row.bool(6), internallyUnited: row.bool(7),
                  orgsCleanStrong: row.bool(8), collectiveId: row.optionalText(9))
    }

    init(row: Row) {
        self.init(id: row[0], kind: CandidateKind(rawValue: row[1]) ?? .individual, name: row[2],
                  unitCode: row[3], position: row[4], isLeader: row[5],
                  compliesWithPolicy: row[6], internallyUnited: row[7],
                  orgsCleanStrong: row[8], collectiveId: row[9])
    }

    /// The search key: name and position folded (diacritics, đ, case, tone placement).
    var searchKey: String {
        TextFolding.fold(name) + (position.map { " | " + TextFolding.fold($0) } ?? "")
    }
}

extension Achievement {
    static let columns = "id, candidate_id, year, type, class, proposed_award, decision_no, decision_date, issuer, note"

    /// From a row whose first columns are `columns`, in that order (by position, as for candidates).
    init(row: Row) {
        self.init(id: row[0], candidateId: row[1], year: row[2],
                  type: AwardCode(rawValue: row[3]) ?? .SANG_KIEN, awardClass: row[4],
                  proposedAward: (row[5] as String?).flatMap(AwardCode.init(rawValue:)),
                  decisionNo: row[6], decisionDate: row[7], issuer: row[8], note: row[9])
    }

    /// What the eligibility engine reads of a record (it cites type, year, class, proposal and decision).
    static let evidenceColumns = "candidate_id, year, type, class, proposed_award, decision_no"

    /// From a row selected as `evidenceColumns`: verdicts for the whole sector read 200,000 of these.
    init(evidenceRow row: Row) {
        self.init(candidateId: row[0], year: row[1], type: AwardCode(rawValue: row[2]) ?? .SANG_KIEN, awardClass: row[3],
                  proposedAward: (row[4] as String?).flatMap(AwardCode.init(rawValue:)), decisionNo: row[5])
    }

    /// The same, stepped through the C API (a unit's list at ten times the sector judges 3,000 records a time).
    init(evidenceRow row: BulkRows) {
        self.init(candidateId: row.text(0), year: row.int(1), type: AwardCode(code: row.bytes(2)) ?? .SANG_KIEN,
                  awardClass: row.optionalInt(3), proposedAward: row.isNull(4) ? nil : AwardCode(code: row.bytes(4)),
                  decisionNo: row.optionalText(5))
    }
}

/// Prepared inserts, reused across a bulk load (PITFALLS.md: ~0.8 s for 200,000 rows this way).
struct Inserter {
    let candidate: Statement
    let achievement: Statement

    init(_ db: Database) throws {
        candidate = try db.cachedStatement(sql: """
            INSERT INTO candidate (id, kind, name, folded, unit_code, position, is_leader, complies_with_policy,
              internally_united, orgs_clean_strong, collective_id, entered_unit, entered_by, entered_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        achievement = try db.cachedStatement(sql: """
            INSERT INTO achievement (candidate_id, year, type, class, proposed_award, decision_no, decision_date,
              issuer, note, entered_unit, entered_by, entered_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """)
    }

    func insert(_ c: Candidate, _ p: Provenance) throws {
        try candidate.execute(arguments: [
            c.id, c.kind.rawValue, TextFolding.nfc(c.name), c.searchKey, c.unitCode, c.position.map(TextFolding.nfc),
            c.isLeader, c.compliesWithPolicy, c.internallyUnited, c.orgsCleanStrong, c.collectiveId,
            p.unitCode, p.user, p.at,
        ])
    }

    /// `normalized`: the text is already NFC (the import rules made it so), skipping a costly second pass.
    @discardableResult
    func insert(_ a: Achievement, _ p: Provenance, db: Database, normalized: Bool = false) throws -> Int64 {
        try achievement.execute(arguments: [
            a.candidateId, a.year, a.type.rawValue, a.awardClass, a.proposedAward?.rawValue, a.decisionNo,
            a.decisionDate, normalized ? a.issuer : a.issuer.map(TextFolding.nfc), normalized ? a.note : a.note.map(TextFolding.nfc),
            p.unitCode, p.user, p.at,
        ])
        return db.lastInsertedRowID
    }
}

/// The achievement INSERT of a bulk import: rows go in 64 at a time, their values bound straight through SQLite's C API.
/// Its statements are its own (not the connection's cache), so no bound text outlives the import.
///
/// One statement per row costs more in SQLite's per-statement work (reset, transaction checks, the CHECK's
/// `IN (1,2,3)` list built afresh on each run) than in storing the row: a statement of 64 rows took a 200,000-row
/// load from 1.3 s to 0.8 s in C alone. `StatementArguments` boxed each value and walked nested closures, so values
/// are bound with `sqlite3_bind_*` (SQLite copies the text), then GRDB's `execute()` steps the statement and keeps
/// its transaction bookkeeping and error reporting.
final class BulkAchievementInserter {
    static let rowsPerStatement = 64
    /// A row's own values; the provenance is the same for every row of an import and bound once, as ?1 ?2 ?3.
    private static let columns = 9
    private static let shared = 3
    private let many: Statement
    private let one: Statement
    private var pending: [Achievement] = []

    init(_ db: Database, provenance: Provenance) throws {
        func statement(rows: Int) throws -> Statement {
            let values = (0..<rows).map { r in
                "(" + (1...Self.columns).map { "?\(Self.shared + r * Self.columns + $0)" }.joined(separator: ",") + ",?1,?2,?3)"
            }
            return try db.makeStatement(sql: """
                INSERT INTO achievement (candidate_id, year, type, class, proposed_award, decision_no, decision_date,
                  issuer, note, entered_unit, entered_by, entered_at)
                VALUES \(values.joined(separator: ","))
                """)
        }
        many = try statement(rows: Self.rowsPerStatement)
        one = try statement(rows: 1)
        pending.reserveCapacity(Self.rowsPerStatement)
        for s in [many, one] {
            // Marks the arguments as bound and valid, so `execute()` only resets and steps; then binds the provenance,
            // which a reset keeps.
            s.setUncheckedArguments(Self.nulls(Self.shared + Self.columns * (s === many ? Self.rowsPerStatement : 1)))
            Self.bind(s.sqliteStatement, 1, provenance.unitCode)
            Self.bind(s.sqliteStatement, 2, provenance.user)
            Self.bind(s.sqliteStatement, 3, provenance.at)
        }
    }

    /// Queues one record whose text is already trimmed and NFC (the import rules made it so).
    func insert(_ a: Achievement) throws {
        pending.append(a)
        if pending.count == Self.rowsPerStatement { try flush(pending, into: many) ; pending.removeAll(keepingCapacity: true) }
    }

    /// Inserts what is queued, one row at a time.
    func finish() throws {
        for a in pending { try flush([a], into: one) }
        pending.removeAll()
    }

    private func flush(_ rows: [Achievement], into statement: Statement) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        for (k, a) in rows.enumerated() {
            let base = Int32(Self.shared + k * Self.columns)
            Self.bind(s, base + 1, a.candidateId)
            sqlite3_bind_int64(s, base + 2, Int64(a.year))
            Self.bind(s, base + 3, a.type.rawValue)
            if let c = a.awardClass { sqlite3_bind_int64(s, base + 4, Int64(c)) } else { sqlite3_bind_null(s, base + 4) }
            Self.bind(s, base + 5, a.proposedAward?.rawValue)
            Self.bind(s, base + 6, a.decisionNo)
            Self.bind(s, base + 7, a.decisionDate)
            Self.bind(s, base + 8, a.issuer)
            Self.bind(s, base + 9, a.note)
        }
        try statement.execute()
    }

    private static func nulls(_ n: Int) -> StatementArguments {
        StatementArguments(Array(repeating: nil as String?, count: n))
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    @inline(__always)
    private static func bind(_ s: OpaquePointer, _ i: Int32, _ text: String?) {
        guard var text else { sqlite3_bind_null(s, i); return }
        text.withUTF8 { b in
            if let p = b.baseAddress, b.count > 0 {
                _ = sqlite3_bind_text(s, i, UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self), Int32(b.count), transient)
            } else {
                _ = sqlite3_bind_text(s, i, "", 0, transient)
            }
        }
    }
}
