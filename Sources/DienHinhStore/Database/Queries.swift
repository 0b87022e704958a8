import DienHinhCore
import Foundation
import GRDB
import GRDBSQLite

/// A candidate as a list shows it: identity, unit, and its most distinguished record.
public struct CandidateSummary: Equatable, Sendable {
    public var candidate: Candidate
    public var unitName: String
    public var level: Level
    public var recordCount: Int
    /// The most prestigious positive record, latest first among equals.
    public var topAward: AwardCode?
    public var topAwardYear: Int?
    /// Listed under a unit that ceased with no successor named (the High procuracies after 2025-06-30).
    public var ceased: Bool = false
}

/// Filters of `dienhinh candidates` and the browse screen.
public struct CandidateFilter: Equatable, Sendable {
    public var level: Level?
    public var unitCode: String?
    /// Include the units under `unitCode` (a province's districts, the SPP's departments).
    public var includeSubunits: Bool
    public var kind: CandidateKind?
    public var search: String?
    public var limit: Int?
    /// Find each candidate's top award (the browse screen shows it). Without it only the record count is
    /// read, from the index alone: the command line's list shows no award, and a search stays fast.
    public var topAward: Bool
    /// List everyone under the unit they belonged to in this year, following ceased units to their successors;
    /// nil: under the unit the candidate row names today.
    public var year: Int?
    /// Only candidates listed today under one of these units, or moved at some time (the year's placement narrows
    /// the SQL to the people it could keep); nil: no such narrowing.
    var storedUnitOrMoved: [String]?

    public init(level: Level? = nil, unitCode: String? = nil, includeSubunits: Bool = false, kind: CandidateKind? = nil,
                search: String? = nil, limit: Int? = nil, topAward: Bool = true, year: Int? = nil) {
        self.year = year
        self.level = level
        self.unitCode = unitCode
        self.includeSubunits = includeSubunits
        self.kind = kind
        self.search = search
        self.limit = limit
        self.topAward = topAward
    }
}

extension AppDatabase {
    public func unit(_ code: String) throws -> SectorUnit? {
        try read { db in try Row.fetchOne(db, sql: "SELECT \(SectorUnit.columns) FROM unit WHERE code = ?", arguments: [code]).map(SectorUnit.init(columns:)) }
    }

    /// Every unit there ever was, with its life span and successors.
    public func structure() throws -> SectorStructure {
        try read { db in
            // Kept while the units stay as they were: the unit table's token changes with any change to it, on any
            // connection. Read for every list and profile, 3.6 ms each time. A file without the token (one opened
            // read-only before its migration) keeps it only while nothing at all is written.
            let key: StructureCache.Key
            if let token = try? Int64.fetchOne(db, sql: "SELECT token FROM unit_version") {
                key = .unitToken(token)
            } else {
                key = .changes(version: try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? -1,
                               count: Int64(sqlite3_total_changes64(db.sqliteConnection)))
            }
            return try structureCache.get(key) {
                // Through the C API: each process of the command line reads it once, and GRDB's rows were a sixth of
                // a whole search's process (issue 23).
                let rows = try BulkRows(db, sql: "SELECT \(SectorUnit.columns) FROM unit ORDER BY \(Self.unitOrder)")
                var units: [SectorUnit] = []
                while try rows.next() { units.append(SectorUnit(columns: rows)) }
                return SectorStructure(units)
            }
        }
    }

    static let unitOrder = "CASE level WHEN 'supreme' THEN 0 WHEN 'high' THEN 1 WHEN 'provincial' THEN 2 WHEN 'district' THEN 3 ELSE 4 END, sort_order"

    /// The year a list is read in when none is given: this one.
    public static var currentYear: Int { FieldParsing.validYears().upperBound }

    /// Units of a level in force at the end of `year` (default: this year), in the official order; with
    /// `includeRetired`, every unit there ever was.
    public func units(level: Level? = nil, year: Int? = nil, includeRetired: Bool = false) throws -> [SectorUnit] {
        try read { db in
            var sql = "SELECT \(SectorUnit.columns) FROM unit WHERE 1"
            var args: [DatabaseValueConvertible] = []
            if let level { sql += " AND level = ?"; args.append(level.rawValue) }
            if !includeRetired {
                let day = SectorCalendar.day(of: year ?? Self.currentYear)
                sql += " AND COALESCE(valid_from, '') <= ? AND (valid_to IS NULL OR valid_to >= ?)"
                args += [day, day]
            }
            sql += " ORDER BY \(Self.unitOrder)"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(SectorUnit.init(columns:))
        }
    }

    /// The units directly under one in force in `year` (nil: every unit under it but those merged away before the
    /// end of 2020, whatever the year): a province's
    /// districts or regional procuracies, the SPP's affiliated units, a High procuracy's provinces.
    public func subunits(of code: String, year: Int? = nil) throws -> [SectorUnit] {
        let day = year.map(SectorCalendar.day(of:))
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(SectorUnit.columns) FROM unit WHERE (parent_code = ? OR region_code = ?)
                  AND (? IS NULL OR (COALESCE(valid_from, '') <= ? AND (valid_to IS NULL OR valid_to >= ?)))
                  AND (? IS NOT NULL OR is_current = 1)
                ORDER BY sort_order
                """, arguments: [code, code, day, day, day, day]).map(SectorUnit.init(columns:))
        }
    }

    /// Per level in force in `year`: its units then, and the candidates listed under them then.
    public func levelCounts(year: Int? = nil) throws -> [LevelCount] {
        let y = year ?? Self.currentYear
        let structure = try structure()
        let day = SectorCalendar.day(of: y)
        let perUnit = try placedCandidateCounts(year: y, structure: structure)
        return SectorCalendar.levels(year: y).map { l in
            let units = structure.units(on: day, level: l)
            return LevelCount(level: l, units: units.count, candidates: units.reduce(0) { $0 + (perUnit[$1.code] ?? 0) })
        }
    }

    /// How many candidates are listed under units that ceased with no successor named, in a year.
    public func ceasedCandidateCount(year: Int) throws -> Int {
        try ceasedUnits(year: year).reduce(0) { $0 + $1.candidates }
    }

    /// The units that ceased before the end of `year` with no successor named and still list candidates then
    /// (nobody has moved them yet), with how many: the levels screen's "ceased units" entry, in name order.
    public func ceasedUnits(year: Int) throws -> [(unit: SectorUnit, candidates: Int)] {
        let structure = try structure()
        let day = SectorCalendar.day(of: year)
        return try placedCandidateCounts(year: year, structure: structure).compactMap { code, n in
            guard let u = structure.byCode[code], !u.inForce(on: day), (u.validFrom ?? "") <= day else { return nil }
            return (u, n)
        }.sorted { (TextFolding.fold($0.unit.name), $0.unit.code) < (TextFolding.fold($1.unit.name), $1.unit.code) }
    }

    /// How many candidates each unit lists in a year, after following ceased units to their successors and moves.
    public func placedCandidateCounts(year: Int) throws -> [String: Int] {
        try placedCandidateCounts(year: year, structure: structure())
    }

    func placedCandidateCounts(year: Int, structure: SectorStructure) throws -> [String: Int] {
        let day = SectorCalendar.day(of: year)
        return try read { db in
            // Where everyone is listed today, counted from the unit index alone; then the few moved after that day
            // go back to the unit they left first. Grouping every candidate by the moves subquery (one lookup per
            // candidate and a sort) was most of the first frame at ten times the sector.
            var then: [String: Int] = [:]
            let today = try BulkRows(db, sql: "SELECT unit_code, COUNT(*) FROM candidate GROUP BY unit_code")
            while try today.next() { then[today.text(0), default: 0] += today.int(1) }
            let moved = try BulkRows(db, sql: """
                SELECT c.unit_code, \(Self.unitInYear) FROM candidate c
                WHERE c.id IN (SELECT candidate_id FROM candidate_move WHERE on_day > ?)
                """, arguments: [day, day])
            while try moved.next() {
                then[moved.text(0), default: 0] -= 1
                then[moved.text(1), default: 0] += 1
            }
            var out: [String: Int] = [:]
            for (code, n) in then where n != 0 { out[structure.placement(of: code, on: day).code, default: 0] += n }
            return out
        }
    }

    /// The unit a candidate is listed under in a year: where it was then, followed to the successor when that unit
    /// had ceased (the profile's "Đơn vị" line, as the lists place it).
    public func unit(ofCandidate id: String, year: Int) throws -> SectorUnit? {
        let structure = try structure()
        let day = SectorCalendar.day(of: year)
        let was = try read { db in
            try String.fetchOne(db, sql: "SELECT \(Self.unitInYear) FROM candidate c WHERE c.id = ?", arguments: [day, id])
        }
        return was.flatMap { structure.byCode[structure.placement(of: $0, on: day).code] }
    }

    /// The unit a candidate belonged to on a day (one `?`): the unit it was moved from, if moved after that day.
    static let unitInYear = """
        COALESCE((SELECT m.from_unit FROM candidate_move m WHERE m.candidate_id = c.id AND m.on_day > ? ORDER BY m.on_day LIMIT 1), c.unit_code)
        """

    /// Candidates matching a filter, ordered by unit then collectives first then name.
    public func candidates(_ f: CandidateFilter) throws -> [CandidateSummary] {
        if let year = f.year { return try candidates(f, placedIn: year) }
        return try read { db in
            // Without the top award, the record count comes from `achievement_by_candidate` alone, in the same statement.
            let records = f.topAward ? "" : ", (SELECT COUNT(*) FROM achievement a WHERE a.candidate_id = c.id) AS records"
            var sql = """
                SELECT c.id, c.kind, c.name, c.unit_code, c.position, c.is_leader, c.complies_with_policy,
                       c.internally_united, c.orgs_clean_strong, c.collective_id, u.name AS unit_name, u.level AS level\(records)
                FROM candidate c JOIN unit u ON u.code = c.unit_code WHERE 1
                """
            var args: [DatabaseValueConvertible] = []
            if let l = f.level { sql += " AND u.level = ?"; args.append(l.rawValue) }
            if let code = f.unitCode {
                if f.includeSubunits {
                    sql += " AND (c.unit_code = ? OR u.parent_code = ? OR u.region_code = ?)"
                    args += [code, code, code]
                } else {
                    sql += " AND c.unit_code = ?"; args.append(code)
                }
            }
            if let k = f.kind { sql += " AND c.kind = ?"; args.append(k.rawValue) }
            if let codes = f.storedUnitOrMoved {
                sql += " AND (c.unit_code IN (\(Array(repeating: "?", count: codes.count).joined(separator: ","))) OR c.id IN (SELECT candidate_id FROM candidate_move))"
                args += codes
            }
            if let q = f.search {
                // Every word in the person's name and position, or every word in the unit's names.
                let patterns = TextFolding.fold(q).split(separator: " ").map { "%" + Self.likeEscaped(String($0)) + "%" }
                if !patterns.isEmpty {
                    let all = { (column: String) in patterns.map { _ in "\(column) LIKE ? ESCAPE '\\'" }.joined(separator: " AND ") }
                    // The matching units are found once (a few hundred rows), so each candidate row is tested
                    // on its own columns before its unit is looked up: most rows are dropped without the join.
                    sql += " AND ((\(all("c.folded"))) OR c.unit_code IN (SELECT code FROM unit WHERE \(all("folded"))))"
                    args += patterns + patterns
                }
            }
            sql += " ORDER BY u.sort_order, c.unit_code, c.kind DESC, c.folded, c.id"
            if let n = f.limit { sql += " LIMIT \(n)" }
            guard f.topAward else {
                // Columns by position (the SELECT above), read from a cursor: looking each one up by name
                // cost as much as the query itself.
                var out: [CandidateSummary] = []
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
                while let r = try rows.next() {
                    let c = Candidate(id: r[0], kind: CandidateKind(rawValue: r[1]) ?? .individual, name: r[2], unitCode: r[3],
                                      position: r[4], isLeader: r[5], compliesWithPolicy: r[6], internallyUnited: r[7],
                                      orgsCleanStrong: r[8], collectiveId: r[9])
                    out.append(CandidateSummary(candidate: c, unitName: r[10], level: Level(rawValue: r[11]) ?? .district,
                                                recordCount: r[12], topAward: nil, topAwardYear: nil))
                }
                return out
            }
            // By position, as above: the unit's list is re-read after every save.
            var people: [(Candidate, unitName: String, level: Level)] = []
            let rows = try BulkRows(db, sql: sql, arguments: StatementArguments(args))
            while try rows.next() {
                people.append((Candidate(row: rows), rows.text(10), Level(rawValue: rows.text(11)) ?? .district))
            }
            let stats = try Self.awardStats(db, candidateIds: people.map(\.0.id))
            return people.map { c, unitName, level in
                let s = stats[c.id]
                return CandidateSummary(candidate: c, unitName: unitName, level: level,
                                        recordCount: s?.count ?? 0, topAward: s?.top, topAwardYear: s?.topYear)
            }
        }
    }

    /// `candidates` read in a year's structure: the SQL finds the people (kind, search), the structure places them.
    func candidates(_ f: CandidateFilter, placedIn year: Int) throws -> [CandidateSummary] {
        let structure = try structure()
        let day = SectorCalendar.day(of: year)
        let order = Dictionary(structure.units.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        // A unit asked for by name that is not in force in the year (a district opened from search in 2025) lists
        // the people who belonged to it, as they were: nothing disappears from view.
        let asStored = f.unitCode.map { structure.byCode[$0]?.inForce(on: day) == false } ?? false
        /// Whether people who were in `was` that year are listed: the test each person gets below.
        func keeps(_ was: String) -> Bool {
            let placed = asStored ? was : structure.placement(of: was, on: day).code
            guard let unit = structure.byCode[placed] else { return false }
            if let l = f.level, unit.level != l { return false }
            if let code = f.unitCode, placed != code, !(f.includeSubunits && (unit.parentCode == code || unit.regionCode == code)) { return false }
            return true
        }
        var unfiltered = f
        unfiltered.year = nil
        unfiltered.level = nil
        unfiltered.unitCode = nil
        unfiltered.limit = nil
        // One unit's list read only the people who can be placed in it (and anyone ever moved, whose unit that year
        // is worked out below), not the whole sector with everyone's top award: 0.5 s a list at the sector's size.
        if f.level != nil || f.unitCode != nil { unfiltered.storedUnitOrMoved = structure.units.map(\.code).filter(keeps) }
        let everyone = try candidates(unfiltered)
        let then = try read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT c.id, \(Self.unitInYear) FROM candidate c WHERE c.id IN (SELECT candidate_id FROM candidate_move)",
                                        arguments: [day]).map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { a, _ in a })
        }
        var out: [CandidateSummary] = []
        for var c in everyone {
            let was = then[c.candidate.id] ?? c.candidate.unitCode
            let placed = asStored ? (code: was, ceased: structure.placement(of: was, on: day).ceased) : structure.placement(of: was, on: day)
            guard let unit = structure.byCode[placed.code] else { continue }
            if let l = f.level, unit.level != l { continue }
            if let code = f.unitCode, placed.code != code,
               !(f.includeSubunits && (unit.parentCode == code || unit.regionCode == code)) { continue }
            c.candidate.unitCode = placed.code
            c.unitName = unit.name
            c.level = unit.level
            c.ceased = placed.ceased
            out.append(c)
        }
        // Stable: within a unit the SQL's order (collectives first, then by name) stands.
        out = out.enumerated().sorted { a, b in
            let (ua, ub) = (order[a.element.candidate.unitCode] ?? 0, order[b.element.candidate.unitCode] ?? 0)
            return ua != ub ? ua < ub : a.offset < b.offset
        }.map(\.element)
        if let n = f.limit, out.count > n { out = Array(out.prefix(n)) }
        return out
    }

    static func likeEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    /// Record counts and the top award per candidate, for a list of candidates.
    static func awardStats(_ db: Database, candidateIds: [String]) throws -> [String: (count: Int, top: AwardCode?, topYear: Int?)] {
        var out: [String: (count: Int, top: AwardCode?, topYear: Int?)] = [:]
        guard !candidateIds.isEmpty else { return out }
        // Chunked IN lists keep the statement under SQLite's variable limit.
        for chunk in stride(from: 0, to: candidateIds.count, by: 500).map({ Array(candidateIds[$0..<min($0 + 500, candidateIds.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try BulkRows(db, sql: "SELECT candidate_id, year, type FROM achievement WHERE candidate_id IN (\(marks))",
                                    arguments: StatementArguments(chunk))
            while try rows.next() {
                let id = rows.text(0)
                let year = rows.int(1)
                guard let type = AwardCode(code: rows.bytes(2)) else { continue }
                var e = out[id] ?? (0, nil, nil)
                e.count += 1
                if !type.isNegative, type.prestige >= 40 {
                    if let t = e.top, let y = e.topYear {
                        if type.prestige > t.prestige || (type.prestige == t.prestige && year > y) { e.top = type; e.topYear = year }
                    } else {
                        e.top = type; e.topYear = year
                    }
                }
                out[id] = e
            }
        }
        return out
    }

    public func candidate(_ id: String) throws -> Candidate? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Candidate.columns) FROM candidate WHERE id = ?", arguments: [id]).map(Candidate.init(row:))
        }
    }

    public func provenance(ofCandidate id: String) throws -> Provenance? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT entered_unit, entered_by, entered_at FROM candidate WHERE id = ?", arguments: [id])
                .map { Provenance(unitCode: $0[0], user: $0[1], at: $0[2]) }
        }
    }

    /// A candidate's records, oldest first.
    public func achievements(of candidateId: String) throws -> [Achievement] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Achievement.columns) FROM achievement WHERE candidate_id = ? ORDER BY year, type, id",
                             arguments: [candidateId]).map(Achievement.init(row:))
        }
    }

    public func candidateCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM candidate") ?? 0 }
    }

    public func achievementCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM achievement") ?? 0 }
    }
}

extension AppDatabase {
    /// The review year when none is given: the latest year with records (the plan's years end in 2020).
    public func defaultReviewYear() throws -> Int {
        try read { db in
            // The latest year of each type, one seek each in `achievement_by_type` (every type is in `award_type`, a
            // foreign key): a plain MAX(year) walked the whole index, 0.2 s of the first frame at ten times the sector.
            try Int.fetchOne(db, sql: """
                SELECT MAX(y) FROM (SELECT (SELECT MAX(year) FROM achievement WHERE type = t.code) AS y FROM award_type t)
                """) ?? FieldParsing.validYears().upperBound
        }
    }
}

/// The sector's structure as last read, with what the database was then (see `structure()`).
final class StructureCache: @unchecked Sendable {
    enum Key: Equatable {
        case unitToken(Int64)
        case changes(version: Int64, count: Int64)
    }
    private let lock = NSLock()
    private var key: Key?
    private var value: SectorStructure?

    func get(_ now: Key, _ read: () throws -> SectorStructure) rethrows -> SectorStructure {
        lock.lock()
        defer { lock.unlock() }
        if key == now, let value { return value }
        let fresh = try read()
        (key, value) = (now, fresh)
        return fresh
    }
}
