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
            // Through the C API: GRDB's row per step was most of a unit's list of verdicts.
            let people = try BulkRows(db, sql: "SELECT \(Candidate.columns) FROM candidate WHERE id IN (\(marks))",
                                      arguments: StatementArguments(chunk))
            while try people.next() { candidates.append(Candidate(row: people)) }
            let rows = try BulkRows(db, sql: "SELECT \(Achievement.evidenceColumns) FROM achievement WHERE candidate_id IN (\(marks))",
                                    arguments: StatementArguments(chunk))
            while try rows.next() { let a = Achievement(evidenceRow: rows); records[a.candidateId, default: []].append(a) }
        }
        return candidates.map { CandidateHistory(candidate: $0, achievements: records[$0.id] ?? []) }
    }

    /// Every candidate with every record, in id order: the sector's 18,000 candidates and 200,000 records
    /// read through SQLite's C API, the records from the covering index in candidate order. (Everyone's verdicts and
    /// award paths stream instead; the tests hold them to what this whole read gives.)
    func allHistories(_ db: Database) throws -> [CandidateHistory] {
        try everyHistory(db) { handoff in
            var all: [CandidateHistory] = []
            all.reserveCapacity(20_000)
            Self.pairHistories(handoff) { all.append($0) }
            return all
        }
    }

    /// Everyone's award paths, in id order, worked out a few thousand candidates at a time on both cores as their
    /// records are read, each batch let go before the next: holding every record at once (2.7 million at ten times the
    /// sector) had the kernel clearing fresh pages for a fifth of the time.
    func pathsOfEveryone(_ db: Database, engine: AwardPathEngine, year: Int, batch size: Int = 8_192) throws -> [(Candidate, [AwardStep])] {
        try everyHistory(db) { handoff in
            var out: [(Candidate, [AwardStep])] = []
            out.reserveCapacity(20_000)
            var batch: [CandidateHistory] = []
            func judge() {
                out += zip(batch.map(\.candidate), engine.paths(for: batch, year: year)).map { ($0, $1) }
                batch.removeAll(keepingCapacity: true)
            }
            Self.pairHistories(handoff) { history in
                batch.append(history)
                if batch.count == size { judge() }
            }
            judge()
            return out
        }
    }

    /// Reads every candidate, then every record in candidate order, and hands them to `consume` on another core.
    ///
    /// This thread steps SQLite and only copies each row's bytes out, the candidates first; the other core turns them
    /// into candidates and records meanwhile. Decoding had been a third of reading, on the one core, and the
    /// candidates, read in id order through their index, another fifth.
    private func everyHistory<Result>(_ db: Database, consume: @escaping @Sendable (Handoff<RawBatch>) -> Result) throws -> Result {
        // Room for 256,000 rows (about 15 MB): the reader goes on with the records while the other core sorts the
        // candidates, instead of waiting for it.
        try Handoff<RawBatch>.run(capacity: 64, consumeElsewhere: consume) { handoff in
            // In the table's own order (no lookup per row through the id index): the decoder sorts them.
            let c = try BulkRows(db, sql: "SELECT \(Candidate.columns) FROM candidate")
            var people = RawCandidates()
            while try c.next() {
                people.rows.append(RawCandidate(
                    id: people.text.copy(c.bytes(0)), kind: people.text.copy(c.bytes(1)), name: people.text.copy(c.bytes(2)),
                    unitCode: people.text.copy(c.bytes(3)), position: c.isNull(4) ? nil : people.text.copy(c.bytes(4)),
                    flags: (c.bool(5) ? 1 : 0) | (c.bool(6) ? 2 : 0) | (c.bool(7) ? 4 : 0) | (c.bool(8) ? 8 : 0),
                    collectiveId: c.isNull(9) ? nil : people.text.copy(c.bytes(9))))
            }
            if !handoff.put(.candidates(people)) { return }
            let a = try BulkRows(db, sql: "SELECT \(Achievement.evidenceColumns) FROM achievement ORDER BY candidate_id")
            var chunk = RawRecords()
            var last: [UInt8] = []
            while try a.next() {
                let id = a.bytes(0)
                let same = BulkRows.same(id, last)
                if !same { last = Array(id) }
                chunk.rows.append(RawRecord(id: same ? nil : chunk.text.copy(id), year: Int32(truncatingIfNeeded: a.int(1)),
                                            type: chunk.text.copy(a.bytes(2)), awardClass: a.isNull(3) ? nil : Int32(truncatingIfNeeded: a.int(3)),
                                            proposed: a.isNull(4) ? nil : chunk.text.copy(a.bytes(4)),
                                            decision: a.isNull(5) ? nil : chunk.text.copy(a.bytes(5))))
                if chunk.rows.count == RawRecords.size {
                    if !handoff.put(.records(chunk)) { return }
                    chunk = RawRecords()
                }
            }
            if !chunk.rows.isEmpty { handoff.put(.records(chunk)) }
        }
    }

    /// Turns copied rows into candidates (in id order, as SQLite orders text) and their records (rows arrive grouped
    /// by candidate, in that order), and gives each candidate's history to `each` once its last record is in.
    private static func pairHistories(_ handoff: Handoff<RawBatch>, _ each: (CandidateHistory) -> Void) {
        var candidates: [Candidate] = []
        var next = 0
        var id = ""
        var pending: [Achievement] = []
        // The candidates before `id` have no records; the one at `id` has the pending ones (records of an id no
        // candidate has are dropped, as a join would).
        func settle() {
            guard !pending.isEmpty else { return }
            // Most candidates have records: equal ids are settled without the ordered comparison.
            while next < candidates.count, candidates[next].id != id, candidates[next].id.utf8.lexicographicallyPrecedes(id.utf8) {
                each(CandidateHistory(candidate: candidates[next]))
                next += 1
            }
            if next < candidates.count, candidates[next].id == id {
                each(CandidateHistory(candidate: candidates[next], achievements: pending))
                next += 1
            }
            pending = []
            pending.reserveCapacity(12)
        }
        while let batch = handoff.take() {
            switch batch {
            case .candidates(let people):
                people.text.bytes.withUnsafeBytes { text in
                    func string(_ r: Range<Int32>) -> String { String(decoding: RawText.slice(text, r), as: UTF8.self) }
                    // In id order as SQLite orders text (BINARY: by bytes, a prefix first), sorted on the copied bytes
                    // before any string is made: comparing strings was a tenth of the other core's time at 10x.
                    let rows = people.rows.sorted { a, b in
                        let (x, y) = (RawText.slice(text, a.id), RawText.slice(text, b.id))
                        let common = min(x.count, y.count)
                        let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                        return order != 0 ? order < 0 : x.count < y.count
                    }
                    candidates.reserveCapacity(rows.count)
                    for p in rows {
                        candidates.append(Candidate(id: string(p.id), kind: CandidateKind(rawValue: string(p.kind)) ?? .individual,
                                                    name: string(p.name), unitCode: string(p.unitCode), position: p.position.map(string),
                                                    isLeader: p.flags & 1 != 0, compliesWithPolicy: p.flags & 2 != 0,
                                                    internallyUnited: p.flags & 4 != 0, orgsCleanStrong: p.flags & 8 != 0,
                                                    collectiveId: p.collectiveId.map(string)))
                    }
                }
            case .records(let chunk):
                chunk.text.bytes.withUnsafeBytes { text in
                    for row in chunk.rows {
                        if let r = row.id {
                            settle()
                            id = String(decoding: RawText.slice(text, r), as: UTF8.self)
                        }
                        pending.append(Achievement(candidateId: id, year: Int(row.year),
                                                   type: AwardCode(code: RawText.slice(text, row.type)) ?? .SANG_KIEN,
                                                   awardClass: row.awardClass.map(Int.init),
                                                   proposedAward: row.proposed.flatMap { AwardCode(code: RawText.slice(text, $0)) },
                                                   decisionNo: row.decision.map { String(decoding: RawText.slice(text, $0), as: UTF8.self) }))
                    }
                }
            }
        }
        settle()
        for c in candidates[next...] { each(CandidateHistory(candidate: c)) }
    }

    /// Collectives' histories as a leader's verdict reads them: a merged collective's with its predecessors' records
    /// when they count, for one profile as for the whole sector.
    func collectiveHistories(_ db: Database, ids: [String], countPredecessors: Bool) throws -> [CandidateHistory] {
        let collectives = try histories(db, ids: ids)
        guard countPredecessors else { return collectives }
        return try Self.addingPredecessors(db, collectives) { try histories(db, ids: $0) }
    }

    /// What everyone's verdicts need from other candidates, read before anyone's records: every collective's history
    /// (with its predecessors' records when they count) and every individual's disciplinary records, as
    /// `EligibilityContext(histories:)` would make it from everyone's histories.
    func sectorContext(_ db: Database, countPredecessors: Bool) throws -> EligibilityContext {
        let ids = try String.fetchAll(db, sql: "SELECT id FROM candidate WHERE kind = 'collective'")
        let collectives = try collectiveHistories(db, ids: ids, countPredecessors: countPredecessors)
        var discipline: [String: [Achievement]] = [:]
        // Through the type index (a few thousand of 2.7 million), each candidate's in the order of its own index.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT a.candidate_id, a.year, a.type, a.class, a.proposed_award, a.decision_no, c.unit_code
            FROM achievement a JOIN candidate c ON c.id = a.candidate_id
            WHERE a.type = 'KY_LUAT' AND c.kind = 'individual'
            ORDER BY a.candidate_id, a.year, a.class, a.proposed_award, a.decision_no, a.rowid
            """)
        while let r = try rows.next() {
            discipline[r[6], default: []].append(Achievement(evidenceRow: r))
        }
        return EligibilityContext(disciplineByUnit: discipline, collectives: collectives)
    }

    /// What 1.2a.leader and 1.2b.1 need from other candidates of these units: disciplined individuals and
    /// collectives. (Everyone's verdicts build it from the histories they have read.)
    func eligibilityContext(_ db: Database, units: Set<String>, countPredecessors: Bool) throws -> EligibilityContext {
        var discipline: [String: [Achievement]] = [:]
        // Only these units' records, in the order the type index gives them (year, then row): a profile or a unit's
        // list had decoded every disciplinary record of the sector to keep a handful.
        let codes = Array(units)
        for chunk in stride(from: 0, to: codes.count, by: 500).map({ Array(codes[$0..<min($0 + 500, codes.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            // A few units (a profile, a unit's list): their people's records through the candidate index. Many (a
            // search): every disciplinary record through the type index, whose rows are looked up one by one in the
            // table (19 ms at ten times the sector, for one profile). The same rows either way, in the same order.
            let join = chunk.count <= 8
                ? "FROM candidate c CROSS JOIN achievement a ON a.candidate_id = c.id WHERE +a.type = 'KY_LUAT'"
                : "FROM achievement a JOIN candidate c ON c.id = a.candidate_id WHERE a.type = 'KY_LUAT'"
            let kyLuat = try Row.fetchCursor(db, sql: """
                SELECT a.id, a.candidate_id, a.year, a.type, a.class, a.proposed_award, a.decision_no, a.decision_date,
                       a.issuer, a.note, c.unit_code AS unit_code
                \(join) AND c.kind = 'individual' AND c.unit_code IN (\(marks))
                ORDER BY a.year, a.id
                """, arguments: StatementArguments(chunk))
            while let r = try kyLuat.next() {
                discipline[r["unit_code"], default: []].append(Achievement(row: r))
            }
        }
        // One statement for all the units (a search's 300 people are in a hundred or more): the context keys the
        // collectives by id and sorts each unit's, so the order they come in does not matter.
        var collectiveIds: [String] = []
        for chunk in stride(from: 0, to: codes.count, by: 500).map({ Array(codes[$0..<min($0 + 500, codes.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            collectiveIds += try String.fetchAll(db, sql: "SELECT id FROM candidate WHERE kind = 'collective' AND unit_code IN (\(marks))",
                                                 arguments: StatementArguments(chunk))
        }
        return EligibilityContext(disciplineByUnit: discipline, collectives: try collectiveHistories(db, ids: collectiveIds,
                                                                                                countPredecessors: countPredecessors))
    }

    /// Verdicts for the given candidates (all when nil), in id order.
    public func verdicts(ids: [String]?, year: Int, parameters: EligibilityParameters = .plan) throws -> [Verdict] {
        let engine = EligibilityEngine(parameters: parameters)
        return try read { db in
            guard let ids else { return try sectorVerdicts(db, year: year, engine: engine) }
            var hs = try histories(db, ids: ids)
            if parameters.countPredecessors {
                hs = try Self.addingPredecessors(db, hs) { try histories(db, ids: $0) }
            }
            var units = Set(hs.map(\.candidate.unitCode))
            // A leader may point at a collective of another unit.
            for h in hs {
                if let cid = h.candidate.collectiveId,
                   let u = try String.fetchOne(db, sql: "SELECT unit_code FROM candidate WHERE id = ?", arguments: [cid]) {
                    units.insert(u)
                }
            }
            return engine.verdicts(for: hs, year: year,
                                   context: try eligibilityContext(db, units: units, countPredecessors: parameters.countPredecessors))
        }
    }

    /// Everyone's verdicts: the context first, then each candidate judged on the other core as its records arrive
    /// and let go, so memory stays flat (at ten times the sector, holding every record had been 350 MB and a
    /// quarter of the time in fresh pages and freeing them).
    private func sectorVerdicts(_ db: Database, year: Int, engine: EligibilityEngine) throws -> [Verdict] {
        let context = try sectorContext(db, countPredecessors: engine.parameters.countPredecessors)
        return try everyHistory(db) { handoff in
            var judge = engine.judge(year: year, context: context)
            var verdicts: [Verdict] = []
            verdicts.reserveCapacity(20_000)
            Self.pairHistories(handoff) { history in
                // A collective's history in the context has its predecessors' records.
                if history.candidate.kind == .collective, let full = context.collective(id: history.candidate.id) {
                    verdicts.append(judge.verdict(for: CandidateHistory(candidate: history.candidate, achievements: full.achievements)))
                } else {
                    verdicts.append(judge.verdict(for: history))
                }
            }
            return verdicts
        }
    }

    public func verdict(id: String, year: Int, parameters: EligibilityParameters = .plan) throws -> Verdict? {
        try verdicts(ids: [id], year: year, parameters: parameters).first
    }
}

/// What the reading thread hands the decoding one.
private enum RawBatch: Sendable {
    case candidates(RawCandidates)
    case records(RawRecords)
}

/// Column text copied out of SQLite back to back; rows keep where theirs is.
private struct RawText: Sendable {
    var bytes: [UInt8] = []

    mutating func copy(_ b: UnsafeRawBufferPointer) -> Range<Int32> {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: b)
        return start..<Int32(bytes.count)
    }

    static func slice(_ text: UnsafeRawBufferPointer, _ r: Range<Int32>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: text[Int(r.lowerBound)..<Int(r.upperBound)])
    }
}

private struct RawCandidates: Sendable {
    var text = RawText()
    var rows: [RawCandidate] = []
}

private struct RawCandidate: Sendable {
    var id: Range<Int32>
    var kind: Range<Int32>
    var name: Range<Int32>
    var unitCode: Range<Int32>
    var position: Range<Int32>?
    /// is_leader 1, complies_with_policy 2, internally_united 4, orgs_clean_strong 8.
    var flags: UInt8
    var collectiveId: Range<Int32>?
}

/// Record rows as SQLite returned them, for another core to decode.
private struct RawRecords: Sendable {
    static let size = 4096
    var text = RawText()
    var rows: [RawRecord] = []

    init() {
        text.bytes.reserveCapacity(Self.size * 32)
        rows.reserveCapacity(Self.size)
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
