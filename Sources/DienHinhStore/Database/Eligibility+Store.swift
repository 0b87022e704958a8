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
    ///
    /// This thread steps SQLite and only copies each record's bytes out; another core turns them into records
    /// meanwhile, grouped by candidate, while this one goes on to read the candidates. Decoding had been a third
    /// of reading, on the one core.
    func allHistories(_ db: Database) throws -> [CandidateHistory] {
        var candidates: [Candidate] = []
        var groups = try Handoff<RawRecords>.run(capacity: 8, consumeElsewhere: Self.decodeRecords) { handoff in
            let a = try BulkRows(db, sql: "SELECT \(Achievement.evidenceColumns) FROM achievement ORDER BY candidate_id")
            var chunk = RawRecords()
            var last: [UInt8] = []
            while try a.next() {
                let id = a.bytes(0)
                let same = BulkRows.same(id, last)
                if !same { last = Array(id) }
                chunk.rows.append(RawRecord(id: same ? nil : chunk.copy(id), year: Int32(truncatingIfNeeded: a.int(1)),
                                            type: chunk.copy(a.bytes(2)), awardClass: a.isNull(3) ? nil : Int32(truncatingIfNeeded: a.int(3)),
                                            proposed: a.isNull(4) ? nil : chunk.copy(a.bytes(4)),
                                            decision: a.isNull(5) ? nil : chunk.copy(a.bytes(5))))
                if chunk.rows.count == RawRecords.size {
                    if !handoff.put(chunk) { return }
                    chunk = RawRecords()
                }
            }
            if !chunk.rows.isEmpty { handoff.put(chunk) }
            let c = try BulkRows(db, sql: "SELECT \(Candidate.columns) FROM candidate ORDER BY id")
            while try c.next() {
                candidates.append(Candidate(id: c.text(0), kind: CandidateKind(rawValue: c.text(1)) ?? .individual, name: c.text(2),
                                            unitCode: c.text(3), position: c.optionalText(4), isLeader: c.bool(5),
                                            compliesWithPolicy: c.bool(6), internallyUnited: c.bool(7), orgsCleanStrong: c.bool(8),
                                            collectiveId: c.optionalText(9)))
            }
        }
        // Moved out of the dictionary, not copied: a copy would retain and release every string of every record once more.
        return candidates.map { CandidateHistory(candidate: $0, achievements: groups.removeValue(forKey: $0.id) ?? []) }
    }

    /// Turns copied record rows into records, grouped by candidate id (rows arrive grouped by candidate).
    @Sendable private static func decodeRecords(_ handoff: Handoff<RawRecords>) -> [String: [Achievement]] {
        var groups: [String: [Achievement]] = [:]
        groups.reserveCapacity(20_000)
        var id = ""
        var pending: [Achievement] = []
        func settle() {
            if !pending.isEmpty { groups[id] = pending }
            pending = []
            pending.reserveCapacity(12)
        }
        while let chunk = handoff.take() {
            chunk.text.withUnsafeBytes { text in
                func bytes(_ r: Range<Int32>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: text[Int(r.lowerBound)..<Int(r.upperBound)]) }
                for row in chunk.rows {
                    if let r = row.id {
                        settle()
                        id = String(decoding: bytes(r), as: UTF8.self)
                    }
                    pending.append(Achievement(candidateId: id, year: Int(row.year), type: AwardCode(code: bytes(row.type)) ?? .SANG_KIEN,
                                               awardClass: row.awardClass.map(Int.init),
                                               proposedAward: row.proposed.flatMap { AwardCode(code: bytes($0)) },
                                               decisionNo: row.decision.map { String(decoding: bytes($0), as: UTF8.self) }))
                }
            }
        }
        settle()
        return groups
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
        var all = try allHistories(db)
        let verdicts = engine.verdicts(for: all, year: year, context: EligibilityContext(histories: all))
        // Freeing 200,000 records and their strings took a tenth of the call: another thread does it while the
        // caller goes on with the verdicts.
        let histories = all
        all = []
        DispatchQueue.global(qos: .utility).async { _ = histories.count }
        return verdicts
    }

    public func verdict(id: String, year: Int, parameters: EligibilityParameters = .plan) throws -> Verdict? {
        try verdicts(ids: [id], year: year, parameters: parameters).first
    }
}

/// Record rows as SQLite returned them, their text copied out back to back, for another core to decode.
private struct RawRecords: Sendable {
    static let size = 4096
    var text: [UInt8] = []
    var rows: [RawRecord] = []

    init() {
        text.reserveCapacity(Self.size * 32)
        rows.reserveCapacity(Self.size)
    }

    mutating func copy(_ bytes: UnsafeRawBufferPointer) -> Range<Int32> {
        let start = Int32(text.count)
        text.append(contentsOf: bytes)
        return start..<Int32(text.count)
    }
}

/// One record row: where its text is in `RawRecords.text`.
private struct RawRecord: Sendable {
    /// The candidate's id, or nil when it is the previous row's candidate.
    var id: Range<Int32>?
    var year: Int32
    var type: Range<Int32>
    var awardClass: Int32?
    var proposed: Range<Int32>?
    var decision: Range<Int32>?
}
