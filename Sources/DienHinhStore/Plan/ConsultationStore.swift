import DienHinhCore
import Foundation
import GRDB

/// A proposal's public posting before the council votes (Nghị định 91/2017 Art. 45(10); Nghị định 98/2023 Art. 46):
/// where and when it was posted, the objections received and how each was settled.
public struct Consultation: Equatable, Sendable {
    public var id: Int64
    public var candidateId: String
    public var award: AwardCode
    public var year: Int
    /// ISO dates, the posting's first and last day.
    public var start: String
    public var end: String
    public var channel: String
    public var objections: [Objection]

    public struct Objection: Equatable, Sendable {
        public var id: Int64
        public var received: String
        public var from: String
        public var text: String
        public var resolution: String?
        public var resolvedAt: String?
    }

    public var unresolved: [Objection] { objections.filter { $0.resolution == nil } }
}

/// Why a shortlisted candidate may not yet be voted on.
/// `who` is the candidate as the message names them: "Nguyễn Văn Đức (CN-P1)".
public enum ConsultationBlock: Equatable, Sendable {
    /// The proposal needs a posting and has none.
    case notPosted(who: String, award: AwardCode)
    /// The posting runs until `end` (inclusive): the vote comes after.
    case stillPosted(who: String, award: AwardCode, end: String)
    /// Objections not yet settled.
    case objectionsOpen(who: String, award: AwardCode, count: Int)
}

public enum ConsultationError: Error, Equatable {
    case noProposal(candidate: String, award: String, year: Int)
    case notRequired(award: String, year: Int)
    case badDates(start: String, end: String)
    case unknownConsultation(Int64)
    case unknownObjection(Int64)
    case alreadyResolved(Int64)
    case emptyText
}

extension AppDatabase {
    /// Frozen once shipped: add a new migration instead of editing this one.
    static func registerConsultation(_ m: inout DatabaseMigrator) {
        m.registerMigration("v8-i17-consultation") { db in
            try db.execute(sql: """
                CREATE TABLE consultation (
                    id INTEGER PRIMARY KEY,
                    candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
                    award TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    start_date TEXT NOT NULL,
                    end_date TEXT NOT NULL CHECK (end_date >= start_date),
                    channel TEXT NOT NULL CHECK (length(channel) > 0),
                    posted_by TEXT NOT NULL,
                    posted_at TEXT NOT NULL
                );
                CREATE INDEX consultation_by_proposal ON consultation(candidate_id, award, year);
                CREATE TABLE consultation_objection (
                    id INTEGER PRIMARY KEY,
                    consultation_id INTEGER NOT NULL REFERENCES consultation(id) ON DELETE CASCADE,
                    received TEXT NOT NULL,
                    from_whom TEXT NOT NULL,
                    body TEXT NOT NULL CHECK (length(body) > 0),
                    resolution TEXT,
                    resolved_at TEXT,
                    resolved_by TEXT
                );
                """)
        }
    }

    /// Whether the rule set in force in `year` asks a public posting for this award (any class of an order).
    public func consultationRequired(award: AwardCode, kind: CandidateKind, year: Int) throws -> Bool {
        guard let set = try awardRules().ruleSet(forYear: year) else { return false }
        return set.rules.contains { $0.kind == kind && $0.record?.type == award && $0.consultation?.required == true }
    }

    /// Records a posting of a proposal; the proposal must exist and its award need one. Audited.
    @discardableResult
    public func postConsultation(candidateId: String, award: AwardCode, year: Int, start: String, end: String,
                                 channel: String) throws -> Int64 {
        guard let start = FieldParsing.date(start), let end = FieldParsing.date(end), start <= end else {
            throw ConsultationError.badDates(start: start, end: end)
        }
        let channel = TextFolding.cleaned(channel)
        guard !channel.isEmpty else { throw ConsultationError.emptyText }
        guard let kind = try candidate(candidateId)?.kind else { throw VotingError.unknownCandidate(candidateId) }
        guard try consultationRequired(award: award, kind: kind, year: year) else {
            throw ConsultationError.notRequired(award: award.rawValue, year: year)
        }
        return try write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM proposal WHERE candidate_id = ? AND award = ? AND year = ?",
                                   arguments: [candidateId, award.rawValue, year]) != nil else {
                throw ConsultationError.noProposal(candidate: candidateId, award: award.rawValue, year: year)
            }
            try db.execute(sql: """
                INSERT INTO consultation (candidate_id, award, year, start_date, end_date, channel, posted_by, posted_at)
                VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [candidateId, award.rawValue, year, start, end, channel, Self.operatorName, Self.now()])
            let id = db.lastInsertedRowID
            try Audit.append(db, actor: Self.operatorName, action: "consultation.post",
                             detail: ["id": String(id), "candidate": candidateId, "award": award.rawValue, "year": String(year),
                                      "start": start, "end": end, "channel": channel])
            return id
        }
    }

    /// An objection received during a posting. Audited.
    @discardableResult
    public func recordObjection(consultation: Int64, from: String, text: String, received: String) throws -> Int64 {
        guard let received = FieldParsing.date(received) else { throw ConsultationError.badDates(start: received, end: received) }
        let body = TextFolding.cleaned(text)
        let from = TextFolding.cleaned(from)
        guard !body.isEmpty, !from.isEmpty else { throw ConsultationError.emptyText }
        return try write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM consultation WHERE id = ?", arguments: [consultation]) != nil else {
                throw ConsultationError.unknownConsultation(consultation)
            }
            try db.execute(sql: "INSERT INTO consultation_objection (consultation_id, received, from_whom, body) VALUES (?,?,?,?)",
                           arguments: [consultation, received, from, body])
            let id = db.lastInsertedRowID
            try Audit.append(db, actor: Self.operatorName, action: "consultation.objection",
                             detail: ["id": String(id), "consultation": String(consultation), "received": received, "from": from])
            return id
        }
    }

    /// How an objection was settled (verified, answered, the proposal withdrawn…). Audited.
    public func resolveObjection(_ id: Int64, resolution: String) throws {
        let text = TextFolding.cleaned(resolution)
        guard !text.isEmpty else { throw ConsultationError.emptyText }
        try write { db in
            guard let done = try Row.fetchOne(db, sql: "SELECT resolution FROM consultation_objection WHERE id = ?", arguments: [id]) else {
                throw ConsultationError.unknownObjection(id)
            }
            guard (done["resolution"] as String?) == nil else { throw ConsultationError.alreadyResolved(id) }
            try db.execute(sql: "UPDATE consultation_objection SET resolution = ?, resolved_at = ?, resolved_by = ? WHERE id = ?",
                           arguments: [text, Self.now(), Self.operatorName, id])
            try Audit.append(db, actor: Self.operatorName, action: "consultation.resolve", detail: ["id": String(id), "resolution": text])
        }
    }

    public func consultations(year: Int? = nil) throws -> [Consultation] {
        try read { db in try Self.consultations(db, year: year, candidates: nil) }
    }

    static func consultations(_ db: Database, year: Int?, candidates: Set<String>?) throws -> [Consultation] {
        var sql = "SELECT * FROM consultation"
        var args: [DatabaseValueConvertible] = []
        if let year { sql += " WHERE year = ?"; args.append(year) }
        sql += " ORDER BY year, candidate_id, award, id"
        var list: [Consultation] = []
        for r in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)) {
            let candidate: String = r["candidate_id"]
            if let candidates, !candidates.contains(candidate) { continue }
            let id: Int64 = r["id"]
            let objections = try Row.fetchAll(db, sql: "SELECT * FROM consultation_objection WHERE consultation_id = ? ORDER BY id",
                                              arguments: [id]).map {
                Consultation.Objection(id: $0["id"], received: $0["received"], from: $0["from_whom"], text: $0["body"],
                                       resolution: $0["resolution"], resolvedAt: $0["resolved_at"])
            }
            list.append(Consultation(id: id, candidateId: candidate, award: AwardCode(rawValue: r["award"]) ?? .HCLD, year: r["year"],
                                     start: r["start_date"], end: r["end_date"], channel: r["channel"], objections: objections))
        }
        return list
    }

    /// What keeps shortlisted candidates from the vote: each pending or approved proposal of the year whose award
    /// needs a posting must have one that ended before `today` with every objection settled.
    static func consultationBlocks(_ db: Database, year: Int, candidates: [String], rules: AwardRuleSet?, today: String) throws -> [ConsultationBlock] {
        guard let rules else { return [] }
        let wanted = Set(candidates)
        let needing = Set(rules.rules.filter { $0.consultation?.required == true }.compactMap { r in r.record.map { "\(r.kind.rawValue):\($0.type.rawValue)" } })
        let postings = try consultations(db, year: year, candidates: wanted)
        var blocks: [ConsultationBlock] = []
        for r in try Row.fetchAll(db, sql: """
            SELECT p.candidate_id, p.award, c.kind, c.name FROM proposal p JOIN candidate c ON c.id = p.candidate_id
            WHERE p.year = ? AND p.outcome != 'rejected' ORDER BY p.candidate_id, p.award
            """, arguments: [year]) {
            let id: String = r["candidate_id"]
            guard wanted.contains(id), let award = AwardCode(rawValue: r["award"]),
                  needing.contains("\(r["kind"] as String):\(award.rawValue)") else { continue }
            let mine = postings.filter { $0.candidateId == id && $0.award == award }
            let who = "\(r["name"] as String) (\(id))"
            guard let last = mine.max(by: { $0.end < $1.end }) else {
                blocks.append(.notPosted(who: who, award: award))
                continue
            }
            if last.end >= today { blocks.append(.stillPosted(who: who, award: award, end: last.end)) }
            let open = mine.flatMap(\.unresolved).count
            if open > 0 { blocks.append(.objectionsOpen(who: who, award: award, count: open)) }
        }
        return blocks
    }

    static func now() -> String { CivilTime.timestamp(Date()) }

    /// Today in the machine's zone, ISO: a posting ends at the end of its last day.
    static func today() -> String {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }
}
