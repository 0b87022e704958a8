import DienHinhCore
import Foundation
import GRDB

extension AppDatabase {
    /// The histories and cross-candidate context for a set of candidates (nil: everyone).
    func histories(_ db: Database, ids: [String]?) throws -> [CandidateHistory] {
        var candidates: [Candidate] = []
        var records: [String: [Achievement]] = [:]
        if let ids {
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                candidates += try Row.fetchAll(db, sql: "SELECT \(Candidate.columns) FROM candidate WHERE id IN (\(marks))",
                                               arguments: StatementArguments(chunk)).map(Candidate.init(row:))
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(Achievement.evidenceColumns) FROM achievement WHERE candidate_id IN (\(marks))",
                                                 arguments: StatementArguments(chunk))
                while let r = try cursor.next() { let a = Achievement(evidenceRow: r); records[a.candidateId, default: []].append(a) }
            }
        } else {
            candidates = try Row.fetchAll(db, sql: "SELECT \(Candidate.columns) FROM candidate ORDER BY id").map(Candidate.init(row:))
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Achievement.evidenceColumns) FROM achievement")
            while let r = try cursor.next() { let a = Achievement(evidenceRow: r); records[a.candidateId, default: []].append(a) }
        }
        return candidates.map { CandidateHistory(candidate: $0, achievements: records[$0.id] ?? []) }
    }

    /// What 1.2a.leader and 1.2b.1 need from other candidates: disciplined individuals and collectives, by unit.
    func eligibilityContext(_ db: Database, units: Set<String>?) throws -> EligibilityContext {
        var discipline: [String: [Achievement]] = [:]
        let kyLuat = try Row.fetchCursor(db, sql: """
            SELECT a.id, a.candidate_id, a.year, a.type, a.class, a.proposed_award, a.decision_no, a.decision_date,
                   a.issuer, a.note, c.unit_code AS unit_code
            FROM achievement a JOIN candidate c ON c.id = a.candidate_id
            WHERE a.type = 'KY_LUAT' AND c.kind = 'individual'
            """)
        while let r = try kyLuat.next() {
            let unit: String = r["unit_code"]
            if let units, !units.contains(unit) { continue }
            discipline[unit, default: []].append(Achievement(row: r))
        }
        let collectiveIds: [String]
        if let units {
            var ids: [String] = []
            for u in units {
                ids += try String.fetchAll(db, sql: "SELECT id FROM candidate WHERE kind = 'collective' AND unit_code = ?", arguments: [u])
            }
            collectiveIds = ids
        } else {
            collectiveIds = try String.fetchAll(db, sql: "SELECT id FROM candidate WHERE kind = 'collective'")
        }
        let collectives = try histories(db, ids: collectiveIds)
        return EligibilityContext(disciplineByUnit: discipline, collectives: collectives)
    }

    /// Verdicts for the given candidates (all when nil), in id order.
    public func verdicts(ids: [String]?, year: Int, parameters: EligibilityParameters = .plan) throws -> [Verdict] {
        try read { db in
            let hs = try histories(db, ids: ids)
            var units: Set<String>? = nil
            if ids != nil {
                units = Set(hs.map(\.candidate.unitCode))
                // A leader may point at a collective of another unit.
                for h in hs {
                    if let cid = h.candidate.collectiveId,
                       let u = try String.fetchOne(db, sql: "SELECT unit_code FROM candidate WHERE id = ?", arguments: [cid]) {
                        units?.insert(u)
                    }
                }
            }
            let context = try eligibilityContext(db, units: units)
            return EligibilityEngine(parameters: parameters).verdicts(for: hs, year: year, context: context)
        }
    }

    public func verdict(id: String, year: Int, parameters: EligibilityParameters = .plan) throws -> Verdict? {
        try verdicts(ids: [id], year: year, parameters: parameters).first
    }
}
