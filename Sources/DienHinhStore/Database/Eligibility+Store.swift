import DienHinhCore
import Foundation
import GRDB

extension AppDatabase {
    /// The histories of the given candidates.
    func histories(_ db: Database, ids: [String]) throws -> [CandidateHistory] {
        var candidates: [Candidate] = []
        var records: [String: [Achievement]] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            candidates += try Row.fetchAll(db, sql: "SELECT \(Candidate.columns) FROM candidate WHERE id IN (\(marks))",
                                           arguments: StatementArguments(chunk)).map(Candidate.init(row:))
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Achievement.evidenceColumns) FROM achievement WHERE candidate_id IN (\(marks))",
                                             arguments: StatementArguments(chunk))
            while let r = try cursor.next() { let a = Achievement(evidenceRow: r); records[a.candidateId, default: []].append(a) }
        }
        return candidates.map { CandidateHistory(candidate: $0, achievements: records[$0.id] ?? []) }
    }

    /// Every candidate with every record, in id order: the sector's 18,000 candidates and 200,000 records
    /// read through SQLite's C API, the records from the covering index in candidate order.
    func allHistories(_ db: Database) throws -> [CandidateHistory] {
        var candidates: [Candidate] = []
        let c = try BulkRows(db, sql: "SELECT \(Candidate.columns) FROM candidate ORDER BY id")
        while try c.next() {
            candidates.append(Candidate(id: c.text(0), kind: CandidateKind(rawValue: c.text(1)) ?? .individual, name: c.text(2),
                                        unitCode: c.text(3), position: c.optionalText(4), isLeader: c.bool(5),
                                        compliesWithPolicy: c.bool(6), internallyUnited: c.bool(7), orgsCleanStrong: c.bool(8),
                                        collectiveId: c.optionalText(9)))
        }
        var slot: [String: Int] = [:]
        slot.reserveCapacity(candidates.count)
        for (i, candidate) in candidates.enumerated() { slot[candidate.id] = i }
        var lists = Array(repeating: [Achievement](), count: candidates.count)
        // Records arrive grouped by candidate: the id is decoded and looked up only when it changes, and
        // each candidate's list is allocated once (a candidate has about a dozen records).
        var id = "", idBytes: [UInt8] = [], current: Int? = nil
        var pending: [Achievement] = []
        func settle() {
            // Moved, not copied: a copy would retain and release every string of every record once more.
            if let i = current, !pending.isEmpty { lists[i] = pending }
            pending = []
            pending.reserveCapacity(12)
        }
        let a = try BulkRows(db, sql: "SELECT \(Achievement.evidenceColumns) FROM achievement ORDER BY candidate_id")
        while try a.next() {
            let bytes = a.bytes(0)
            if !BulkRows.same(bytes, idBytes) {
                settle()
                idBytes = Array(bytes)
                id = String(decoding: bytes, as: UTF8.self)
                current = slot[id]
            }
            guard current != nil else { continue }
            pending.append(Achievement(candidateId: id, year: a.int(1), type: AwardCode(code: a.bytes(2)) ?? .SANG_KIEN,
                                        awardClass: a.optionalInt(3),
                                        proposedAward: a.isNull(4) ? nil : AwardCode(code: a.bytes(4)),
                                        decisionNo: a.optionalText(5)))
        }
        settle()
        return zip(candidates, lists).map { CandidateHistory(candidate: $0, achievements: $1) }
    }

    /// What 1.2a.leader and 1.2b.1 need from other candidates of these units: disciplined individuals and
    /// collectives. (Everyone's verdicts build it from the histories they have read.)
    func eligibilityContext(_ db: Database, units: Set<String>) throws -> EligibilityContext {
        var discipline: [String: [Achievement]] = [:]
        let kyLuat = try Row.fetchCursor(db, sql: """
            SELECT a.id, a.candidate_id, a.year, a.type, a.class, a.proposed_award, a.decision_no, a.decision_date,
                   a.issuer, a.note, c.unit_code AS unit_code
            FROM achievement a JOIN candidate c ON c.id = a.candidate_id
            WHERE a.type = 'KY_LUAT' AND c.kind = 'individual'
            """)
        while let r = try kyLuat.next() {
            let unit: String = r["unit_code"]
            if !units.contains(unit) { continue }
            discipline[unit, default: []].append(Achievement(row: r))
        }
        var collectiveIds: [String] = []
        for u in units {
            collectiveIds += try String.fetchAll(db, sql: "SELECT id FROM candidate WHERE kind = 'collective' AND unit_code = ?", arguments: [u])
        }
        return EligibilityContext(disciplineByUnit: discipline, collectives: try histories(db, ids: collectiveIds))
    }

    /// Verdicts for the given candidates (all when nil), in id order.
    public func verdicts(ids: [String]?, year: Int, parameters: EligibilityParameters = .plan) throws -> [Verdict] {
        let engine = EligibilityEngine(parameters: parameters)
        return try read { db in
            guard let ids else { return try sectorVerdicts(db, year: year, engine: engine) }
            let hs = try histories(db, ids: ids)
            var units = Set(hs.map(\.candidate.unitCode))
            // A leader may point at a collective of another unit.
            for h in hs {
                if let cid = h.candidate.collectiveId,
                   let u = try String.fetchOne(db, sql: "SELECT unit_code FROM candidate WHERE id = ?", arguments: [cid]) {
                    units.insert(u)
                }
            }
            return engine.verdicts(for: hs, year: year, context: try eligibilityContext(db, units: units))
        }
    }

    /// Everyone's verdicts: every history read in one pass, the context built from them.
    private func sectorVerdicts(_ db: Database, year: Int, engine: EligibilityEngine) throws -> [Verdict] {
        let all = try allHistories(db)
        return engine.verdicts(for: all, year: year, context: EligibilityContext(histories: all))
    }

    public func verdict(id: String, year: Int, parameters: EligibilityParameters = .plan) throws -> Verdict? {
        try verdicts(ids: [id], year: year, parameters: parameters).first
    }
}
