import DienHinhCore
import Foundation
import GRDB

/// A collective formed by merger: the collective of a whole unit (named as the unit is) whose unit `succeeds`
/// others, and the whole-unit collectives of those others. Its predecessors' records are shown with its own, and
/// count for its verdict unless the plan says otherwise (`countPredecessors`).
extension AppDatabase {
    /// Merged collective id -> the ids of the collectives it was formed from.
    static func predecessorCollectives(_ db: Database, of ids: [String]? = nil) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        // For given candidates only theirs are read: the whole list walked every collective of the sector, twice for
        // each profile (its verdict and its records), 16 ms at ten times the sector.
        var merged: [Row] = []
        let sql = """
            SELECT c.id, u.succeeds FROM candidate c JOIN unit u ON u.code = c.unit_code
            WHERE c.kind = 'collective' AND u.succeeds <> '' AND c.name = u.name
            """
        if let ids {
            for chunk in ids.chunks(of: 500) {
                let marks = SQLText.marks(chunk.count)
                merged += try Row.fetchAll(db, sql: sql + " AND c.id IN (\(marks))", arguments: StatementArguments(chunk))
            }
        } else {
            merged = try Row.fetchAll(db, sql: sql)
        }
        let wanted = ids.map(Set.init)
        for r in merged {
            let id: String = r[0]
            if let wanted, !wanted.contains(id) { continue }
            let codes = (r[1] as String).split(separator: " ").map(String.init)
            var from: [String] = []
            for code in codes {
                from += try String.fetchAll(db, sql: """
                    SELECT c.id FROM candidate c JOIN unit u ON u.code = c.unit_code
                    WHERE c.kind = 'collective' AND c.unit_code = ? AND c.name = u.name ORDER BY c.id
                    """, arguments: [code])
            }
            if !from.isEmpty { out[id] = from }
        }
        return out
    }

    /// Histories with each merged collective's predecessors' records added (oldest first).
    static func addingPredecessors(_ db: Database, _ hs: [CandidateHistory], all: [CandidateHistory]? = nil,
                                   histories load: ([String]) throws -> [CandidateHistory]) throws -> [CandidateHistory] {
        let links = try predecessorCollectives(db, of: all == nil ? hs.map(\.candidate.id) : nil)
        guard !links.isEmpty else { return hs }
        let needed = Array(Set(links.values.joined()))
        let pool = try all ?? load(needed)
        let byId = Dictionary(pool.map { ($0.candidate.id, $0) }, uniquingKeysWith: { a, _ in a })
        return hs.map { h in
            guard let from = links[h.candidate.id] else { return h }
            var merged = h
            merged.achievements += from.flatMap { byId[$0]?.achievements ?? [] }
            merged.achievements.sort { $0.year < $1.year }
            return merged
        }
    }

    /// The records a merged collective's predecessors earned, to show with its own.
    public func predecessorRecords(of id: String) throws -> [Achievement] {
        try read { db in
            let from = try Self.predecessorCollectives(db, of: [id])[id] ?? []
            return try from.flatMap { pid in
                try Row.fetchAll(db, sql: "SELECT \(Achievement.columns) FROM achievement WHERE candidate_id = ? ORDER BY year, type, id",
                                 arguments: [pid]).map(Achievement.init(row:))
            }
        }
    }
}
