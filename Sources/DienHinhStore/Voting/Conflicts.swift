import DienHinhCore
import Foundation
import GRDB

/// Conflicts of interest (issue 19). A member may belong to a unit; when a round opens, each candidate of that unit or
/// of a unit under it is flagged against the member, and a member may declare a conflict on any candidate before
/// their ballot. The round's rule decides the effect: `flag` records and shows it, `recuse` also keeps the member's
/// ballot from marking the candidate (the base stays all members). The conflicts are public (the minutes list them);
/// they are kept apart from the ballots, which never gain a member: the recusal is checked before the ballot is
/// written, in the transaction that writes the member's line of the roll.
extension AppDatabase {
    static func registerMemberUnitConflicts(_ m: inout DatabaseMigrator) {
        m.registerMigration("v8-i19-member-unit-conflicts") { db in
            try db.execute(sql: """
                -- The unit a member belongs to, if any: its candidates and those of the units under it are flagged.
                ALTER TABLE council_member ADD COLUMN unit_code TEXT REFERENCES unit(code);
                -- What a conflict does in the round: flagged only, or the member cannot mark the candidate.
                ALTER TABLE round ADD COLUMN conflicts TEXT NOT NULL DEFAULT 'flag' CHECK (conflicts IN ('flag','recuse'));
                -- Who is in conflict with whom in a round, and why. In key order, with no time: nothing here tells
                -- when a ballot was cast.
                CREATE TABLE round_conflict (
                    round_id TEXT NOT NULL REFERENCES round(id),
                    member_id TEXT NOT NULL REFERENCES council_member(id),
                    candidate_id TEXT NOT NULL,
                    source TEXT NOT NULL CHECK (source IN ('unit','declared')),
                    PRIMARY KEY (round_id, member_id, candidate_id)
                ) WITHOUT ROWID;
                """)
        }
    }

    // MARK: Members' units

    /// Each active member's unit, by member id (members without one are left out).
    public func memberUnits() throws -> [String: String] {
        try read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT id, unit_code FROM council_member WHERE active = 1 AND unit_code IS NOT NULL")
                .map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { a, _ in a })
        }
    }

    static func requireUnit(_ db: Database, _ code: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM unit WHERE code = ?", arguments: [code]) == true else {
            throw VotingError.unknownUnit(code)
        }
    }

    // MARK: Rounds

    /// The round's rule and every conflict in it, by member then candidate.
    public func conflicts(round: String) throws -> RoundConflicts {
        try read { db in try Self.conflicts(db, round: round) }
    }

    static func conflicts(_ db: Database, round: String) throws -> RoundConflicts {
        let rule = try String.fetchOne(db, sql: "SELECT conflicts FROM round WHERE id = ?", arguments: [round])
        guard let rule else { throw VotingError.unknownRound(round) }
        let entries = try Row.fetchAll(db, sql: """
            SELECT member_id, candidate_id, source FROM round_conflict WHERE round_id = ?
            ORDER BY length(member_id), member_id, candidate_id
            """, arguments: [round]).map {
            RoundConflict(memberId: $0[0], candidateId: $0[1], source: ConflictSource(rawValue: $0[2]) ?? .declared)
        }
        return RoundConflicts(rule: ConflictRule(rawValue: rule) ?? .flag, entries: entries)
    }

    /// Right after a round is inserted: its rule, and every elector's unit flags over its shortlist. A run-off keeps
    /// the rule of the round before and the conflicts declared there, for the candidates still on its ballot.
    static func settleConflicts(_ db: Database, round: String, rule asked: ConflictRule, previous: String?, actor: String) throws {
        var rule = asked
        var carried: [RoundConflict] = []
        if let previous {
            let before = try conflicts(db, round: previous)
            rule = before.rule
            carried = before.entries.filter { $0.source == .declared }
        }
        let parents = Dictionary(try Row.fetchAll(db, sql: "SELECT code, parent_code FROM unit WHERE parent_code IS NOT NULL")
            .map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { a, _ in a })
        let candidates = try Row.fetchAll(db, sql: "SELECT candidate_id, unit_code FROM round_candidate WHERE round_id = ? ORDER BY position",
                                          arguments: [round]).map { ($0[0] as String, $0[1] as String) }
        let electors = try Row.fetchAll(db, sql: """
            SELECT m.id, m.unit_code FROM round_elector e JOIN council_member m ON m.id = e.member_id
            WHERE e.round_id = ? AND m.unit_code IS NOT NULL ORDER BY length(m.id), m.id
            """, arguments: [round]).map { ($0[0] as String, $0[1] as String) }
        var flagged: [RoundConflict] = []
        for (member, unit) in electors {
            for (candidate, candidateUnit) in candidates
            where ConflictOfInterest.flagged(memberUnit: unit, candidateUnit: candidateUnit, parents: parents) {
                flagged.append(RoundConflict(memberId: member, candidateId: candidate, source: .unit))
            }
        }
        let onBallot = Set(candidates.map(\.0))
        let seen = Set(flagged.map { "\($0.memberId)|\($0.candidateId)" })
        let declared = carried.filter { onBallot.contains($0.candidateId) && !seen.contains("\($0.memberId)|\($0.candidateId)") }
        try db.execute(sql: "UPDATE round SET conflicts = ? WHERE id = ?", arguments: [rule.rawValue, round])
        for c in flagged + declared {
            try db.execute(sql: "INSERT INTO round_conflict (round_id, member_id, candidate_id, source) VALUES (?,?,?,?)",
                           arguments: [round, c.memberId, c.candidateId, c.source.rawValue])
        }
        try Audit.append(db, actor: actor, action: "round.conflicts", detail: [
            "round": round, "rule": rule.rawValue, "flagged": Self.pairs(flagged), "declared": Self.pairs(declared),
        ])
    }

    /// "M03:CN-1,M05:TT-2": member and candidate pairs as the audit log keeps them.
    static func pairs(_ list: [RoundConflict]) -> String {
        list.map { "\($0.memberId):\($0.candidateId)" }.joined(separator: ",")
    }

    /// A member declares a conflict on a candidate of an open round, signed with their own PIN, before their ballot.
    public func declareConflict(round: String, member: String, candidate: String, pin: String) throws {
        let stored = try read { db -> Credential in
            _ = try Self.roundHead(db, round)
            guard let c = try Self.credential(db, member) else { throw VotingError.unknownMember(member) }
            return c
        }
        let credential = try verifyPIN(pin, of: member, stored)
        try immediate { db in
            try Self.stillSigned(db, Signer(member: member, pin: pin), credential)
            let head = try Self.roundHead(db, round)
            guard head.status == .open else { throw VotingError.roundNotOpen(round: round, status: head.status) }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM round_elector WHERE round_id = ? AND member_id = ?",
                                    arguments: [round, member]) == true else {
                throw VotingError.notElector(member: member, round: round)
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM voter_roll WHERE round_id = ? AND member_id = ?", arguments: [round, member]) == true {
                throw VotingError.alreadyVoted(member: member, round: round)
            }
            try Self.declare(db, round: round, member: member, candidates: [candidate], shortlist: head.shortlist, actor: member)
        }
    }

    /// Declarations recorded (each audited); one already recorded, declared or flagged, is left as it is.
    static func declare(_ db: Database, round: String, member: String, candidates: [String], shortlist: [String], actor: String) throws {
        for candidate in candidates {
            guard shortlist.contains(candidate) else { throw VotingError.notOnShortlist(candidate: candidate, round: round) }
            try db.execute(sql: "INSERT OR IGNORE INTO round_conflict (round_id, member_id, candidate_id, source) VALUES (?,?,?,'declared')",
                           arguments: [round, member, candidate])
            if db.changesCount > 0 {
                try Audit.append(db, actor: actor, action: "round.declare_conflict",
                                 detail: ["round": round, "member": member, "candidate": candidate])
            }
        }
    }

    /// Inside the cast's transaction, before the roll and the box are written: the member's declarations made with the
    /// ballot, then, under `recuse`, refused if the ballot marks a candidate the member is in conflict with.
    static func checkConflicts(_ db: Database, round: String, member: String, declaring: [String], approvals: [String],
                               shortlist: [String], actor: String) throws {
        try declare(db, round: round, member: member, candidates: declaring, shortlist: shortlist, actor: actor)
        let c = try conflicts(db, round: round)
        let barred = ConflictOfInterest.barred(c.rule, member: member, conflicts: c.entries)
        if let marked = approvals.first(where: barred.contains) {
            throw VotingError.recused(member: member, candidate: marked, round: round)
        }
    }
}

/// A round's conflict rule and its conflicts.
public struct RoundConflicts: Equatable, Sendable {
    public var rule: ConflictRule
    public var entries: [RoundConflict]
    public init(rule: ConflictRule = .flag, entries: [RoundConflict] = []) { self.rule = rule; self.entries = entries }

    public func of(_ member: String) -> [RoundConflict] { entries.filter { $0.memberId == member } }
}
