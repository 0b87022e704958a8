import DienHinhCore
import Foundation
import GRDB

/// A candidate as a list shows it: identity, unit, and its most distinguished record.
public struct CandidateSummary: Equatable, Sendable {
    public var candidate: Candidate
    public var unitName: String
    public var level: Level
    public var recordCount: Int
    /// The most prestigious positive record, latest first among equals.
    public var topAward: AwardCode?
    public var topAwardYear: Int?
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

    public init(level: Level? = nil, unitCode: String? = nil, includeSubunits: Bool = false, kind: CandidateKind? = nil,
                search: String? = nil, limit: Int? = nil, topAward: Bool = true) {
        self.level = level
        self.unitCode = unitCode
        self.includeSubunits = includeSubunits
        self.kind = kind
        self.search = search
        self.limit = limit
        self.topAward = topAward
    }
}

/// Per level: how many units and candidates (the browse screen's first list).
public struct LevelCount: Equatable, Sendable {
    public var level: Level
    public var units: Int
    public var candidates: Int
}

extension AppDatabase {
    public func unit(_ code: String) throws -> SectorUnit? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM unit WHERE code = ?", arguments: [code]).map(SectorUnit.init(row:)) }
    }

    /// Units of a level in the official order; merged-away units only when asked.
    public func units(level: Level? = nil, includeRetired: Bool = false) throws -> [SectorUnit] {
        try read { db in
            var sql = "SELECT * FROM unit WHERE 1"
            var args: [DatabaseValueConvertible] = []
            if let level { sql += " AND level = ?"; args.append(level.rawValue) }
            if !includeRetired { sql += " AND is_current = 1" }
            sql += " ORDER BY CASE level WHEN 'supreme' THEN 0 WHEN 'high' THEN 1 WHEN 'provincial' THEN 2 ELSE 3 END, sort_order"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(SectorUnit.init(row:))
        }
    }

    /// The units directly under one: a province's districts, the SPP's affiliated units, a High procuracy's provinces.
    public func subunits(of code: String) throws -> [SectorUnit] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM unit WHERE (parent_code = ? OR region_code = ?) AND is_current = 1 ORDER BY sort_order
                """, arguments: [code, code]).map(SectorUnit.init(row:))
        }
    }

    public func levelCounts() throws -> [LevelCount] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT u.level AS level, COUNT(DISTINCT u.code) AS units, COUNT(c.id) AS candidates
                FROM unit u LEFT JOIN candidate c ON c.unit_code = u.code
                WHERE u.is_current = 1 GROUP BY u.level
                """)
            let byLevel = Dictionary(uniqueKeysWithValues: rows.map { (Level(rawValue: $0["level"])!, $0) })
            return Level.allCases.map { l in
                LevelCount(level: l, units: byLevel[l]?["units"] ?? 0, candidates: byLevel[l]?["candidates"] ?? 0)
            }
        }
    }

    /// Candidates matching a filter, ordered by unit then collectives first then name.
    public func candidates(_ f: CandidateFilter) throws -> [CandidateSummary] {
        try read { db in
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
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args))
            let ids = rows.map { $0["id"] as String }
            let stats = try Self.awardStats(db, candidateIds: ids)
            return rows.map { row in
                let c = Candidate(row: row)
                let s = stats[c.id]
                return CandidateSummary(candidate: c, unitName: row["unit_name"], level: Level(rawValue: row["level"]) ?? .district,
                                        recordCount: s?.count ?? 0, topAward: s?.top, topAwardYear: s?.topYear)
            }
        }
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
            let rows = try Row.fetchCursor(db, sql: "SELECT candidate_id, year, type FROM achievement WHERE candidate_id IN (\(marks))",
                                           arguments: StatementArguments(chunk))
            while let r = try rows.next() {
                let id: String = r[0]
                let year: Int = r[1]
                guard let type = AwardCode(rawValue: r[2]) else { continue }
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
            try Int.fetchOne(db, sql: "SELECT MAX(year) FROM achievement") ?? FieldParsing.validYears().upperBound
        }
    }
}
