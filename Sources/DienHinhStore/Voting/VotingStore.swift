import DienHinhCore
import Foundation
import GRDB

/// Nominations and council voting. Every write that reads first runs in an IMMEDIATE transaction,
/// so concurrent processes queue on the busy timeout instead of failing, and a refusal writes nothing.
extension AppDatabase {
    /// Who the audit log names for actions not made with a member's PIN: the operating-system user.
    static var operatorName: String {
        let env = ProcessInfo.processInfo.environment
        return env["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "local"
    }

    func immediate<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            var out: T?
            try db.inTransaction(.immediate) {
                out = try body(db)
                return .commit
            }
            return out!
        }
    }

    // MARK: Nominations (clause 1.4)

    /// Nominates a candidate for a year: at most 1 collective and 2 individuals per unit and year;
    /// an ineligible candidate only with a written override reason.
    @discardableResult
    public func nominate(candidateId: String, year: Int, overrideReason: String? = nil,
                         quota: NominationQuota = .plan) throws -> Nomination {
        guard let candidate = try candidate(candidateId) else { throw VotingError.unknownCandidate(candidateId) }
        let eligible = try verdict(id: candidateId, year: year)?.eligible ?? false
        return try immediate { db in
            let existing = try Row.fetchAll(db, sql: """
                SELECT n.candidate_id, n.kind, c.name FROM nomination n JOIN candidate c ON c.id = n.candidate_id
                WHERE n.year = ? AND n.unit_code = ? ORDER BY n.rowid
                """, arguments: [year, candidate.unitCode]).map {
                Nominee(candidateId: $0[0], kind: CandidateKind(rawValue: $0[1]) ?? .individual, name: $0[2])
            }
            let nomination: Nomination
            do {
                nomination = try NominationCheck.nominate(Nominee(candidate), year: year, unitCode: candidate.unitCode,
                                                          existing: existing, eligible: eligible,
                                                          overrideReason: overrideReason, quota: quota)
            } catch let refusal as NominationRefusal {
                throw VotingError.nomination(refusal)
            }
            let by = Provenance.local()
            try db.execute(sql: """
                INSERT INTO nomination (candidate_id, year, unit_code, kind, override_reason, nominated_at, nominated_by, nominated_unit)
                VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [nomination.candidateId, year, nomination.unitCode, nomination.kind.rawValue,
                                 nomination.overrideReason, Audit.now(), by.user, by.unitCode])
            var detail = ["candidate": candidateId, "year": String(year), "unit": candidate.unitCode, "kind": candidate.kind.rawValue]
            if let r = nomination.overrideReason { detail["override_reason"] = r }
            try Audit.append(db, actor: by.user ?? Self.operatorName, action: "nominate", detail: detail)
            return nomination
        }
    }

    /// Withdraws a candidate's nomination for a year, with a written reason: the row goes, the audit log keeps the
    /// nomination, the withdrawal and its reason (the chain then no longer expects the row). Rounds already opened
    /// keep their own shortlist.
    public func withdrawNomination(candidateId: String, year: Int, reason: String) throws {
        let why = TextFolding.cleaned(reason)
        guard !why.isEmpty else { throw VotingError.emptyReason }
        try immediate { db in
            guard let unit = try String.fetchOne(db, sql: "SELECT unit_code FROM nomination WHERE candidate_id = ? AND year = ?",
                                                 arguments: [candidateId, year]) else {
                throw VotingError.notNominated(candidate: candidateId, year: year)
            }
            try db.execute(sql: "DELETE FROM nomination WHERE candidate_id = ? AND year = ?", arguments: [candidateId, year])
            let by = Provenance.local()
            try Audit.append(db, actor: by.user ?? Self.operatorName, action: "nominate.withdraw",
                             detail: ["candidate": candidateId, "year": String(year), "unit": unit, "reason": why])
        }
    }

    /// The year's nominations in ballot order: collectives first, then individuals, by unit.
    public func nominations(year: Int) throws -> [NominationListing] {
        let (rows, by) = try read { db in
            (try Self.nominationRows(db, year: year),
             Dictionary(try Row.fetchAll(db, sql: "SELECT candidate_id, nominated_by, nominated_unit, nominated_at FROM nomination WHERE year = ?",
                                         arguments: [year]).map { ($0[0] as String, Provenance(unitCode: $0[2], user: $0[1], at: $0[3])) },
                        uniquingKeysWith: { a, _ in a }))
        }
        let verdicts = try self.verdicts(ids: rows.map(\.0.candidateId), year: year)
        let eligible = Dictionary(verdicts.map { ($0.candidateId, $0.eligible) }, uniquingKeysWith: { a, _ in a })
        return rows.map {
            NominationListing(nomination: $0.0, name: $0.1, unitName: $0.2, eligible: eligible[$0.0.candidateId] ?? false,
                              nominatedBy: by[$0.0.candidateId] ?? Provenance())
        }
    }

    static func nominationRows(_ db: Database, year: Int) throws -> [(Nomination, String, String)] {
        try Row.fetchAll(db, sql: """
            SELECT n.candidate_id, n.year, n.unit_code, n.kind, n.override_reason, c.name, u.name AS unit_name
            FROM nomination n JOIN candidate c ON c.id = n.candidate_id JOIN unit u ON u.code = n.unit_code
            WHERE n.year = ?
            ORDER BY CASE n.kind WHEN 'collective' THEN 0 ELSE 1 END, u.sort_order, c.name, n.candidate_id
            """, arguments: [year]).map {
            (Nomination(candidateId: $0[0], year: $0[1], unitCode: $0[2], kind: CandidateKind(rawValue: $0[3]) ?? .individual,
                        overrideReason: $0[4]), $0[5], $0["unit_name"])
        }
    }

    // MARK: Council

    /// Registers a council member; the PIN is kept only as a salted PBKDF2-SHA256 hash.
    /// `pinRounds` exists for tests; production always uses the default.
    @discardableResult
    public func addMember(name: String, role: CouncilRole, pin: String) throws -> CouncilMember {
        try enrol(name: name, role: role, pin: pin).member
    }

    /// Registers a member and issues their PIN slip: the member and a one-time written-ballot code, which the
    /// secretary must enter with the member's written ballot if they are ever absent. Only its hash is kept.
    public func enrol(name: String, role: CouncilRole, pin: String, unit: String? = nil) throws -> MemberSlip {
        try enrol(name: name, role: role, pin: pin, unit: unit, pinRounds: try pinRounds())
    }

    /// Registers a member with a PIN the application draws (six digits from the system's random source): the
    /// slip carries it, the database only its hash, and nothing else ever shows it (issue 19's secretariat, issue 18).
    public func enrolIssuingPIN(name: String, role: CouncilRole, unit: String? = nil) throws -> MemberSlip {
        let pin = PINHash.generate()
        var slip = try enrol(name: name, role: role, pin: pin, unit: unit)
        slip.pin = pin
        return slip
    }

    /// A new drawn PIN for a member who lost theirs or is locked out, signed by the chair (the chair's own by the
    /// secretary): the old PIN stops working, the lock and the count of wrong tries are cleared, and the audit
    /// carries the new PIN's seal. Returns the new slip (with a fresh written-ballot code).
    public func resetPIN(member: String, by signer: Signer) throws -> MemberSlip {
        try resetPIN(member: member, by: signer, pinRounds: try pinRounds())
    }

    func resetPIN(member: String, by signer: Signer, pinRounds: Int) throws -> MemberSlip {
        let target = try read { db in try Self.credential(db, member) }
        guard let target else { throw VotingError.unknownMember(member) }
        let c = try authenticate(signer, as: target.role == .chair ? .secretary : .chair)
        let pin = PINHash.generate()
        let salt = PINHash.newSalt()
        let hash = try PINHash.derive(pin: pin, salt: salt, rounds: pinRounds)
        return try immediate { db in
            try Self.stillSigned(db, signer, c)
            guard let row = try Row.fetchOne(db, sql: "SELECT id, name, role FROM council_member WHERE id = ? AND active = 1", arguments: [member]),
                  let role = CouncilRole(rawValue: row["role"]) else { throw VotingError.unknownMember(member) }
            let code = WrittenCode.generate()
            try db.execute(sql: """
                UPDATE council_member SET pin_salt = ?, pin_hash = ?, pin_rounds = ?, wrong_pins = 0, locked_at = NULL, written_code_hash = ?
                WHERE id = ?
                """, arguments: [salt, hash, pinRounds, WrittenCode.hash(code, member: member), member])
            try Audit.append(db, actor: signer.member, action: "council.reset_pin",
                             detail: ["member": member, "pin": Audit.pinSeal(salt: salt, hash: hash), "written_code": "issued"])
            return MemberSlip(member: CouncilMember(id: member, name: row["name"], role: role), writtenCode: code, pin: pin)
        }
    }

    @discardableResult
    func addMember(name: String, role: CouncilRole, pin: String, pinRounds: Int) throws -> CouncilMember {
        try enrol(name: name, role: role, pin: pin, pinRounds: pinRounds).member
    }

    /// `then` runs in the same transaction with the new member's id (a bloc's delegate is recorded there).
    func enrol(name: String, role: CouncilRole, pin: String, unit: String? = nil, pinRounds: Int,
               then: ((Database, String) throws -> Void)? = nil) throws -> MemberSlip {
        let clean = TextFolding.cleaned(name)
        guard !clean.isEmpty else { throw VotingError.emptyName }
        guard pin.count >= PINHash.minimumLength else { throw VotingError.pinTooShort(minimum: PINHash.minimumLength) }
        let salt = PINHash.newSalt()
        let hash = try PINHash.derive(pin: pin, salt: salt, rounds: pinRounds)
        return try immediate { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM council_member")
            let next = (ids.compactMap { $0.hasPrefix("M") ? Int($0.dropFirst()) : nil }.max() ?? 0) + 1
            let id = "M" + (next < 10 ? "0\(next)" : "\(next)")
            let code = WrittenCode.generate()
            if let unit { try Self.requireUnit(db, unit) }
            try db.execute(sql: """
                INSERT INTO council_member (id, name, role, pin_salt, pin_hash, pin_rounds, active, written_code_hash, unit_code)
                VALUES (?,?,?,?,?,?,1,?,?)
                """, arguments: [id, clean, role.rawValue, salt, hash, pinRounds, WrittenCode.hash(code, member: id), unit])
            var detail = ["member": id, "name": clean, "role": role.rawValue, "pin": Audit.pinSeal(salt: salt, hash: hash),
                          "written_code": "issued"]
            if let unit { detail["unit"] = unit }
            try Audit.append(db, actor: Self.operatorName, action: "council.add_member", detail: detail)
            try then?(db, id)
            return MemberSlip(member: CouncilMember(id: id, name: clean, role: role), writtenCode: code)
        }
    }

    /// A fresh one-time written-ballot code for a member (the old one stops working), issued by the secretary.
    public func issueWrittenCode(member: String, by secretary: Signer) throws -> String {
        return try signed(by: secretary, as: .secretary) { db in
            guard try Self.credential(db, member) != nil else { throw VotingError.unknownMember(member) }
            let code = WrittenCode.generate()
            try db.execute(sql: "UPDATE council_member SET written_code_hash = ? WHERE id = ?",
                           arguments: [WrittenCode.hash(code, member: member), member])
            try Audit.append(db, actor: secretary.member, action: "council.written_code", detail: ["member": member])
            return code
        }
    }

    /// Active members of the council by id (a bloc's delegates are not council members).
    public func members() throws -> [CouncilMember] {
        try read { db in try Self.activeMembers(db) }
    }

    /// Active members of the body that holds a session: the council's, or a bloc's delegates.
    public func members(session: String) throws -> [CouncilMember] {
        try read { db in try Self.activeMembers(db, body: Self.body(db, session: session)) }
    }

    static func activeMembers(_ db: Database, body: VotingBody = .council) throws -> [CouncilMember] {
        let rows: [Row]
        switch body {
        case .council:
            rows = try Row.fetchAll(db, sql: """
                SELECT id, name, role FROM council_member WHERE active = 1 AND id NOT IN (SELECT member_id FROM bloc_delegate)
                ORDER BY length(id), id
                """)
        case let .bloc(code, year):
            rows = try Row.fetchAll(db, sql: """
                SELECT m.id, m.name, m.role FROM council_member m JOIN bloc_delegate d ON d.member_id = m.id
                WHERE m.active = 1 AND d.bloc_code = ? AND d.year = ? ORDER BY length(m.id), m.id
                """, arguments: [code, year])
        }
        return rows.compactMap {
            guard let role = CouncilRole(rawValue: $0["role"]) else { return nil }
            return CouncilMember(id: $0["id"], name: $0["name"], role: role)
        }
    }

    /// Opens a meeting for a review year, signed by the chair; returns its id (`S2019-1`).
    /// One session of a year is open at a time.
    public func openSession(year: Int, title: String, by chair: Signer) throws -> String {
        return try signed(by: chair, as: .chair) { db in
            guard try Self.body(db, member: chair.member) == .council else { throw VotingError.otherBody(member: chair.member, body: "") }
            if let open = try String.fetchOne(db, sql: """
                SELECT id FROM council_session WHERE year = ? AND status = 'open' AND id NOT IN (SELECT session_id FROM bloc_session)
                """, arguments: [year]) {
                throw VotingError.sessionAlreadyOpen(year: year, session: open)
            }
            let n = (try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM council_session WHERE year = ? AND id NOT IN (SELECT session_id FROM bloc_session)
                """, arguments: [year]) ?? 0) + 1
            let id = "S\(year)-\(n)"
            try db.execute(sql: "INSERT INTO council_session (id, year, title, status, opened_at, opened_by) VALUES (?,?,?,'open',?,?)",
                           arguments: [id, year, TextFolding.nfc(title), Audit.now(), chair.member])
            try Audit.append(db, actor: chair.member, action: "session.open", detail: ["session": id, "year": String(year), "title": title])
            return id
        }
    }

    /// Closes a meeting, signed by the chair. Refused while one of its rounds is open.
    public func closeSession(_ session: String, by chair: Signer) throws {
        try inOpenSession(session, signedBy: chair, as: .chair) { db in
            if let open = try String.fetchOne(db, sql: "SELECT id FROM round WHERE session_id = ? AND status = 'open'", arguments: [session]) {
                throw VotingError.roundStillOpen(session: session, round: open)
            }
            try db.execute(sql: "UPDATE council_session SET status = 'closed', closed_at = ?, closed_by = ? WHERE id = ?",
                           arguments: [Audit.now(), chair.member, session])
            try Audit.append(db, actor: chair.member, action: "session.close", detail: ["session": session])
        }
    }

    /// A signed act on an open session: the session known and open, the signer a member of the body holding it.
    private func inOpenSession(_ session: String, signedBy signer: Signer, as role: CouncilRole, _ act: (Database) throws -> Void) throws {
        try signed(by: signer, as: role) { db in
            guard let s = try Self.session(db, session) else { throw VotingError.unknownSession(session) }
            guard s.status == "open" else { throw VotingError.sessionClosed(session) }
            try Self.requireBody(db, signer.member, session: session)
            try act(db)
        }
    }

    public func session(_ id: String) throws -> CouncilSession? {
        try read { db in try Self.session(db, id) }
    }

    static func session(_ db: Database, _ id: String) throws -> CouncilSession? {
        try Row.fetchOne(db, sql: "SELECT id, year, title, status, opened_at, closed_at FROM council_session WHERE id = ?", arguments: [id]).map {
            CouncilSession(id: $0["id"], year: $0["year"], title: $0["title"], status: $0["status"], openedAt: $0["opened_at"],
                           closedAt: $0["closed_at"])
        }
    }

    /// Records members present, signed by the secretary. Idempotent; refuses a member whose written ballot was
    /// already entered in a round of this session (they voted as absent). A member recorded after a round counted
    /// against those present at its opening has no ballot in that round (`arrivedAfterOpening` when they try).
    public func attend(session: String, members ids: [String], by secretary: Signer) throws {
        try inOpenSession(session, signedBy: secretary, as: .secretary) { db in
            for id in ids {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM council_member WHERE id = ? AND active = 1", arguments: [id]) == true else {
                    throw VotingError.unknownMember(id)
                }
                try Self.requireBody(db, id, session: session)
                if let r = try String.fetchOne(db, sql: """
                    SELECT v.round_id FROM voter_roll v JOIN round r ON r.id = v.round_id
                    WHERE r.session_id = ? AND v.member_id = ? AND v.written = 1 LIMIT 1
                    """, arguments: [session, id]) {
                    throw VotingError.writtenBallotEntered(member: id, round: r)
                }
                try db.execute(sql: "INSERT OR IGNORE INTO attendance (session_id, member_id) VALUES (?,?)", arguments: [session, id])
                if db.changesCount > 0 {
                    try Audit.append(db, actor: secretary.member, action: "session.attend", detail: ["session": session, "member": id])
                }
            }
        }
    }

    /// Attendance against the quorum (by default at least 2/3 of the voting members).
    public func quorumStatus(session: String, quorum: Quorum = .standard) throws -> QuorumStatus {
        try read { db in
            guard try Self.session(db, session) != nil else { throw VotingError.unknownSession(session) }
            return try Self.quorumStatus(db, session: session, quorum: quorum)
        }
    }

    static func quorumStatus(_ db: Database, session: String, quorum: Quorum) throws -> QuorumStatus {
        let voting = try activeMembers(db, body: body(db, session: session)).filter(\.isVoting)
        let present = Set(try String.fetchAll(db, sql: "SELECT member_id FROM attendance WHERE session_id = ?", arguments: [session]))
        let n = voting.filter { present.contains($0.id) }.count
        return QuorumStatus(members: voting.count, present: n, required: quorum.requiredCount(members: voting.count),
                            met: quorum.isMet(present: n, members: voting.count))
    }

    // MARK: Rounds

    /// Opens a round over the year's nominations. Refused unless the quorum is met and no other round
    /// of the session is open. Returns the round id (`S2019-1-R1`).
    /// Opens a round on the year's nominations. With `award` (a path code, `CSTD_NGANH`, `HCLD_3`), the round votes
    /// on the year's proposals for that award and its threshold is the rule set's vote (at least 90% of all members
    /// for the state titles), recorded with the article it rests on. Either way, a proposal on the shortlist that
    /// needs a public posting must have had one that has ended with every objection settled.
    /// `conflicts` decides what a conflict of interest does in the round (Conflicts.swift).
    public func openRound(session: String, parameters: RoundParameters = .selection, award: String? = nil,
                          conflicts: ConflictRule = .flag, by chair: Signer) throws -> String {
        do { try parameters.validate() } catch { throw VotingError.invalidParameters(error) }
        let c = try authenticate(chair, as: .chair)
        let book = try awardRules()
        let today = Self.today()
        return try immediate { db in
            try Self.stillSigned(db, chair, c)
            guard let s = try Self.session(db, session) else { throw VotingError.unknownSession(session) }
            try Self.requireBody(db, chair.member, session: session)
            let body = try Self.body(db, session: session)
            let rules = book.ruleSet(forYear: s.year)
            var asked = parameters
            var shortlist: [ShortlistEntry]
            var awardRule: AwardRule?
            if let award {
                guard let rule = rules?.rules.first(where: { $0.award == award }), let vote = rule.vote, let kind = rule.record else {
                    throw VotingError.noVoteRule(award: award, year: s.year)
                }
                // The sector flag is the bloc's to vote (TT 01/2019 Art. 20), every other title the council's.
                switch (body, vote.bloc) {
                case (.council, true): throw VotingError.blocVoteOnly(award: award)
                case (.bloc, false): throw VotingError.councilVoteOnly(award: award)
                default: break
                }
                awardRule = rule
                asked.threshold = vote.share
                asked.base = vote.ofAllMembers ? .members : .present
                asked.strictlyMore = false
                if case let .bloc(code, year) = body {
                    shortlist = try Self.blocShortlist(db, bloc: code, year: year)
                } else {
                shortlist = try Row.fetchAll(db, sql: """
                    SELECT c.id, c.name, c.kind, c.unit_code FROM proposal p JOIN candidate c ON c.id = p.candidate_id
                    WHERE p.year = ? AND p.award = ? AND p.outcome = 'pending' AND c.kind = ? ORDER BY c.name, c.id
                    """, arguments: [s.year, kind.type.rawValue, rule.kind.rawValue]).map {
                    ShortlistEntry(id: $0["id"], name: $0["name"], kind: CandidateKind(rawValue: $0["kind"]) ?? .individual, unitCode: $0["unit_code"])
                }
                }
            } else {
                if case .bloc = body { throw VotingError.councilVoteOnly(award: "") }
                shortlist = try Self.nominationRows(db, year: s.year).map {
                    ShortlistEntry(id: $0.0.candidateId, name: $0.1, kind: $0.0.kind, unitCode: $0.0.unitCode)
                }
            }
            guard !shortlist.isEmpty else { throw VotingError.emptyShortlist(year: s.year) }
            let blocks = try Self.consultationBlocks(db, year: s.year, candidates: shortlist.map(\.id), rules: rules, today: today)
            guard blocks.isEmpty else { throw VotingError.consultationPending(blocks) }
            let id = try Self.insertRound(db, session: s, previous: nil, reason: nil, parameters: asked, shortlist: shortlist,
                                          chair: chair.member)
            if let awardRule, let rules { try Self.recordRoundAward(db, round: id, rule: awardRule, set: rules, actor: chair.member) }
            try Self.settleConflicts(db, round: id, rule: conflicts, previous: nil, actor: chair.member)
            return id
        }
    }

    /// Opens the run-off or further round that a closed round's result calls for (RunoffPlan).
    public func openRunoff(session: String, previousRound: String, by chair: Signer) throws -> String {
        return try signed(by: chair, as: .chair) { db in
            guard let s = try Self.session(db, session) else { throw VotingError.unknownSession(session) }
            try Self.requireBody(db, chair.member, session: session)
            let result = try Self.storedResult(db, round: previousRound)
            if let existing = try String.fetchOne(db, sql: "SELECT id FROM round WHERE previous_round_id = ?", arguments: [previousRound]) {
                throw VotingError.runoffExists(previous: previousRound, runoff: existing)
            }
            let prevYear = try Int.fetchOne(db, sql: """
                SELECT s.year FROM round r JOIN council_session s ON s.id = r.session_id WHERE r.id = ?
                """, arguments: [previousRound])
            guard prevYear == s.year else { throw VotingError.yearMismatch(round: previousRound, session: session) }
            guard let plan = RunoffPlan(after: result) else { throw VotingError.noRunoffNeeded(previousRound) }
            let id = try Self.insertRound(db, session: s, previous: previousRound, reason: plan.kind.rawValue,
                                          parameters: plan.parameters, shortlist: plan.shortlist, chair: chair.member)
            try Self.settleConflicts(db, round: id, rule: .flag, previous: previousRound, actor: chair.member)
            return id
        }
    }

    private static func insertRound(_ db: Database, session s: CouncilSession, previous: String?, reason: String?,
                                    parameters asked: RoundParameters, shortlist: [ShortlistEntry], chair: String) throws -> String {
        guard s.status == "open" else { throw VotingError.sessionClosed(s.id) }
        let voting = try activeMembers(db, body: body(db, session: s.id)).filter(\.isVoting)
        guard !voting.isEmpty else { throw VotingError.noVotingMembers }
        let q = try quorumStatus(db, session: s.id, quorum: asked.quorumRule)
        // The electorate is fixed now: every voting member, or with base `present` only those present at this
        // moment (a member recorded later has no ballot in this round, and nobody votes in writing in it).
        let presentIds = Set(try String.fetchAll(db, sql: "SELECT member_id FROM attendance WHERE session_id = ?", arguments: [s.id]))
        let electors = asked.base == .present ? voting.filter { presentIds.contains($0.id) } : voting
        // Seats really open: never more than the names on the ballot.
        var p = asked
        p.maxSeats = min(asked.maxSeats, shortlist.count)
        p.minSeats = min(asked.minSeats, p.maxSeats)
        let required = p.requiredApprovals(members: q.members, present: q.present)
        guard q.met else { throw VotingError.quorumNotMet(present: q.present, required: q.required, members: q.members) }
        if let open = try String.fetchOne(db, sql: "SELECT id FROM round WHERE session_id = ? AND status = 'open'", arguments: [s.id]) {
            throw VotingError.roundAlreadyOpen(open)
        }
        let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM round WHERE session_id = ?", arguments: [s.id]) ?? 0) + 1
        let id = "\(s.id)-R\(number)"
        try db.execute(sql: """
            INSERT INTO round (id, session_id, number, kind, previous_round_id, runoff_reason, min_seats, max_seats, threshold,
                               base, strictly_more, quorum, members_at_open, present_at_open, status, opened_at,
                               required_at_open, seats_asked, opened_by)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'open',?,?,?,?)
            """, arguments: [id, s.id, number, previous == nil ? "regular" : "runoff", previous, reason, p.minSeats, p.maxSeats,
                             p.threshold.description, p.base.rawValue, p.strictlyMore, p.quorum.description, q.members, q.present,
                             Audit.now(), required, asked.maxSeats, chair])
        for (i, c) in shortlist.enumerated() {
            try db.execute(sql: "INSERT INTO round_candidate (round_id, candidate_id, position, name, kind, unit_code) VALUES (?,?,?,?,?,?)",
                           arguments: [id, c.id, i + 1, c.name, c.kind.rawValue, c.unitCode])
        }
        for m in electors {
            try db.execute(sql: "INSERT INTO round_elector (round_id, member_id) VALUES (?,?)", arguments: [id, m.id])
        }
        var detail = ["round": id, "session": s.id, "kind": previous == nil ? "regular" : "runoff",
                      "min": String(p.minSeats), "max": String(p.maxSeats), "threshold": p.threshold.description,
                      "base": p.base.rawValue, "strictly_more": p.strictlyMore ? "1" : "0", "quorum": p.quorum.description,
                      "members": String(q.members), "present": String(q.present),
                      "shortlist": shortlist.map(\.id).joined(separator: ","),
                      "required": String(required), "seats_asked": String(asked.maxSeats),
                      "electors": electors.map(\.id).joined(separator: ",")]
        if let previous { detail["previous"] = previous }
        try Audit.append(db, actor: chair, action: "round.open", detail: detail)
        return id
    }

    /// An in-room ballot: the member authenticates with their own PIN. Returns the receipt code.
    /// `declaring`: candidates the member declares a conflict on with this ballot (recorded before it is checked).
    public func castBallot(round: String, member: String, pin: String, approvals: [String], declaring: [String] = []) throws -> String {
        try cast(round: round, member: member, secretary: nil, pin: pin, approvals: approvals, declaring: declaring)
    }

    /// An absent member's written ballot, entered by the secretary, who authenticates with the
    /// secretary's own PIN, together with the absent member's one-time written-ballot code (from their PIN slip),
    /// which is used up. The absent member is not marked present. Returns the receipt code.
    public func castWrittenBallot(round: String, member: String, by secretary: String, pin: String, code: String,
                                  approvals: [String], declaring: [String] = []) throws -> String {
        guard !WrittenCode.normalized(code).isEmpty else { throw VotingError.writtenCodeRequired(member: member) }
        return try cast(round: round, member: member, secretary: secretary, pin: pin, code: code, approvals: approvals,
                        declaring: declaring)
    }

    private func cast(round: String, member: String, secretary: String?, pin: String, code: String? = nil,
                      approvals: [String], declaring: [String]) throws -> String {
        // Cheap checks first, then the slow PIN hash outside any lock, then everything again inside the transaction.
        let signer = secretary ?? member
        let (info, stored) = try read { db -> (RoundHead, Credential) in
            let head = try Self.roundHead(db, round)
            guard try Self.credential(db, member) != nil else { throw VotingError.unknownMember(member) }
            guard let c = try Self.credential(db, signer) else { throw VotingError.unknownMember(signer) }
            return (head, c)
        }
        guard info.status == .open else { throw VotingError.roundNotOpen(round: round, status: info.status) }
        if secretary != nil, stored.role != .secretary { throw VotingError.notSecretary(signer) }
        let ballot: Ballot
        do {
            ballot = try Ballot.validated(marks: approvals, shortlist: Set(info.shortlist), maxMarks: info.maxSeats)
        } catch {
            throw VotingError.invalidBallot(error)
        }
        let credential = try verifyPIN(pin, of: signer, stored)

        return try immediate { db in
            let head = try Self.roundHead(db, round)
            guard head.status == .open else { throw VotingError.roundNotOpen(round: round, status: head.status) }
            try Self.stillSigned(db, Signer(member: signer, pin: pin), credential)
            if secretary != nil, head.base == .present { throw VotingError.writtenInPresentRound(round) }
            try Self.requireBody(db, signer, session: head.session)
            try Self.requireBody(db, member, session: head.session)
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM round_elector WHERE round_id = ? AND member_id = ?",
                                    arguments: [round, member]) == true else {
                if head.base == .present, try Self.activeMembers(db, body: Self.body(db, session: head.session))
                    .contains(where: { $0.id == member && $0.isVoting }) {
                    throw VotingError.arrivedAfterOpening(member: member, round: round)
                }
                throw VotingError.notElector(member: member, round: round)
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM voter_roll WHERE round_id = ? AND member_id = ?", arguments: [round, member]) == true {
                throw VotingError.alreadyVoted(member: member, round: round)
            }
            let present = try Bool.fetchOne(db, sql: "SELECT 1 FROM attendance WHERE session_id = ? AND member_id = ?",
                                            arguments: [head.session, member]) == true
            if secretary == nil, !present { throw VotingError.notPresent(member: member, session: head.session) }
            if secretary != nil, present { throw VotingError.presentMemberWritten(member: member, session: head.session) }
            if secretary != nil {
                // The absent member's own code vouches for the paper ballot; it works once.
                let stored = try String.fetchOne(db, sql: "SELECT written_code_hash FROM council_member WHERE id = ?", arguments: [member])
                guard let stored, let code, WrittenCode.hash(code, member: member) == stored else {
                    throw VotingError.wrongWrittenCode(member: member)
                }
                try db.execute(sql: "UPDATE council_member SET written_code_hash = NULL WHERE id = ?", arguments: [member])
            }

            let choices = ballot.sortedApprovals
            try Self.checkConflicts(db, round: round, member: member, declaring: declaring, approvals: choices,
                                    shortlist: head.shortlist, actor: signer)
            let ballotId = Ballot.randomId()
            let receipt = Audit.receipt(ballotId: ballotId, choices: choices)
            let choicesText = String(decoding: try JSONEncoder().encode(choices), as: UTF8.self)
            // Roll and box in the same transaction: both or neither.
            try db.execute(sql: "INSERT INTO voter_roll (round_id, member_id, written, entered_by) VALUES (?,?,?,?)",
                           arguments: [round, member, secretary == nil ? 0 : 1, secretary])
            try db.execute(sql: "INSERT INTO ballot (id, round_id, choices, receipt) VALUES (?,?,?,?)",
                           arguments: [ballotId, round, choicesText, receipt])
            var detail = ["round": round, "member": member, "written": secretary == nil ? "0" : "1"]
            if let secretary { detail["entered_by"] = secretary }
            try Audit.append(db, actor: signer, action: "vote.cast", detail: detail)
            return receipt
        }
    }

    /// Who has voted in a round (by member id, never in arrival order), never how.
    public func voters(round: String) throws -> [VoterEntry] {
        try read { db in
            _ = try Self.roundHead(db, round)
            return try Row.fetchAll(db, sql: """
                SELECT v.member_id, m.name, v.written, v.entered_by FROM voter_roll v JOIN council_member m ON m.id = v.member_id
                WHERE v.round_id = ? ORDER BY length(v.member_id), v.member_id
                """, arguments: [round]).map {
                VoterEntry(memberId: $0[0], name: $0[1], written: ($0[2] as Int) == 1, enteredBy: $0[3])
            }
        }
    }

    /// Closes a round and counts it (Tally). The box, roll and result are sealed in the audit log.
    /// Afterwards the file is rewritten (VACUUM) and the write-ahead log emptied, so no trace of the
    /// order in which ballots arrived survives in the file's pages.
    /// Signed by the chair. While members present have not voted it is refused unless `force` (the chair confirmed);
    /// how many had not voted is then recorded with the round and printed in the minutes.
    @discardableResult
    public func closeRound(round: String, by chair: Signer, force: Bool = false) throws -> RoundResult {
        let result: RoundResult = try signed(by: chair, as: .chair) { db in
            let head = try Self.roundHead(db, round)
            guard head.status == .open else { throw VotingError.roundNotOpen(round: round, status: head.status) }
            try Self.requireBody(db, chair.member, session: head.session)
            let info = try Self.roundInfo(db, round)
            let voted = Set(try String.fetchAll(db, sql: "SELECT member_id FROM voter_roll WHERE round_id = ?", arguments: [round]))
            let unvoted = info.electors.filter { info.present.contains($0.id) && !voted.contains($0.id) }.count
            if unvoted > 0, !force { throw VotingError.unvotedPresent(round: round, count: unvoted) }
            var ballots: [Ballot] = []
            var fingerprints: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, choices, receipt FROM ballot WHERE round_id = ? ORDER BY id", arguments: [round]) {
                guard let choices = try? JSONDecoder().decode([String].self, from: Data((row["choices"] as String).utf8)),
                      Audit.receipt(ballotId: row["id"], choices: choices) == row["receipt"] else {
                    throw VotingError.inconsistent("round \(round): a ballot does not match its receipt")
                }
                ballots.append(Ballot(approvals: Set(choices)))
                fingerprints.append(row["receipt"])
            }
            let rollCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM voter_roll WHERE round_id = ?", arguments: [round]) ?? 0
            let written = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM voter_roll WHERE round_id = ? AND written = 1", arguments: [round]) ?? 0
            guard rollCount == ballots.count else {
                throw VotingError.inconsistent("round \(round): \(ballots.count) ballots, \(rollCount) on the roll")
            }
            var result: RoundResult
            // With base `present` the count is over those present at the opening, as announced then; with base
            // `members` over the whole council, and those present at the close only bound the ballots cast in the room.
            let present = info.parameters.base == .present ? info.presentAtOpen : info.present.count
            do {
                result = try Tally.count(roundId: round, status: .closed, parameters: info.parameters, members: info.membersAtOpen,
                                         present: present, shortlist: info.shortlist, valid: ballots,
                                         written: written, fingerprints: fingerprints)
            } catch {
                throw VotingError.inconsistent("round \(round): \(error)")
            }
            if let announced = info.requiredAtOpen, announced != result.requiredApprovals {
                throw VotingError.inconsistent("round \(round): \(result.requiredApprovals) approvals needed now, \(announced) announced at opening")
            }
            result.status = .closed
            let json = try JSONText.encode(result)
            try db.execute(sql: "UPDATE round SET status = 'closed', closed_at = ?, result_json = ?, closed_by = ?, unvoted_at_close = ? WHERE id = ?",
                           arguments: [Audit.now(), json, chair.member, unvoted, round])
            try Audit.append(db, actor: chair.member, action: "round.close", detail: [
                "round": round, "ballots": String(ballots.count), "written": String(written),
                "box": try Audit.boxHash(db, round: round), "roll": try Audit.rollHash(db, round: round),
                "result": Audit.sha256Hex(json), "elected": result.elected.joined(separator: ","),
                "unvoted_present": String(unvoted),
            ])
            return result
        }
        try? scrubArrivalOrder()
        return result
    }

    /// Rewrites every table in key order and empties the WAL. Best effort: a reader in another
    /// process may keep the WAL from being truncated until it finishes.
    func scrubArrivalOrder() throws {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM")
            _ = try db.checkpoint(.truncate)
        }
    }

    /// A closed round's stored result. Refused while the round is open: nobody sees how anyone voted,
    /// nor running totals, before the count.
    public func result(round: String) throws -> RoundResult {
        try read { db in try Self.storedResult(db, round: round) }
    }

    static func storedResult(_ db: Database, round: String) throws -> RoundResult {
        let head = try roundHead(db, round)
        guard head.status != .open, let json = try String.fetchOne(db, sql: "SELECT result_json FROM round WHERE id = ?", arguments: [round]) else {
            throw VotingError.roundNotClosed(round)
        }
        do {
            return try JSONDecoder().decode(RoundResult.self, from: Data(json.utf8))
        } catch {
            throw VotingError.inconsistent("round \(round): stored result unreadable")
        }
    }

    /// The chair's casting choice for a tie across the last seat, authenticated with the chair's PIN.
    @discardableResult
    public func resolveTie(round: String, chair: String, pin: String, chosen: [String]) throws -> RoundResult {
        let signer = Signer(member: chair, pin: pin)
        return try signed(by: signer, as: .chair) { db in
            let current = try Self.storedResult(db, round: round)
            try Self.requireBody(db, chair, session: Self.roundHead(db, round).session)
            guard current.status == .closed else { throw VotingError.roundNotOpen(round: round, status: current.status) }
            if let existing = try String.fetchOne(db, sql: "SELECT id FROM round WHERE previous_round_id = ?", arguments: [round]) {
                throw VotingError.runoffExists(previous: round, runoff: existing)
            }
            let resolved: RoundResult
            do { resolved = try current.resolvingTie(chosen: chosen, chair: chair) } catch let e as CastingChoiceError { throw VotingError.castingChoice(e) }
            let json = try JSONText.encode(resolved)
            try db.execute(sql: "UPDATE round SET result_json = ? WHERE id = ?", arguments: [json, round])
            try Audit.append(db, actor: chair, action: "round.casting_choice", detail: [
                "round": round, "chosen": chosen.joined(separator: ","), "result": Audit.sha256Hex(json),
            ])
            return resolved
        }
    }

    /// Marks a closed round's result as certified (signed minutes); nothing about it can change afterwards.
    @discardableResult
    public func certify(round: String, by chair: Signer) throws -> RoundResult {
        return try signed(by: chair, as: .chair) { db in
            var result = try Self.storedResult(db, round: round)
            guard result.status == .closed else { throw VotingError.roundNotOpen(round: round, status: result.status) }
            try Self.requireBody(db, chair.member, session: Self.roundHead(db, round).session)
            result.status = .certified
            let json = try JSONText.encode(result)
            try db.execute(sql: "UPDATE round SET status = 'certified', result_json = ? WHERE id = ?", arguments: [json, round])
            try Audit.append(db, actor: chair.member, action: "round.certify", detail: ["round": round, "result": Audit.sha256Hex(json)])
            try Self.proposeFromBlocRound(db, round: round, result: result, actor: chair.member)
            return result
        }
    }

    /// Recomputes the audit chain and cross-checks ballots, roll and results against it.
    public func auditVerify(head: String? = nil) throws -> AuditReport {
        try read { db in try Audit.verify(db, head: head) }
    }

    /// The log's last entry in short form (`412-3F9A-1C2B-77D0`), for the minutes; nil for an empty log.
    public func auditHead() throws -> String? {
        try read { db in try Audit.head(db) }
    }

    /// The entry that sealed a round's result (close, casting choice or certification), in short form.
    public func roundSeal(round: String) throws -> String? {
        try read { db in try Audit.seal(db, round: round) }
    }

    public func auditEntries() throws -> [AuditEntry] {
        try read { db in try Audit.entries(db) }
    }

    public func roundInfo(round: String) throws -> RoundInfo {
        try read { db in try Self.roundInfo(db, round) }
    }

    /// The rounds of a session, by number.
    public func rounds(session: String) throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT id FROM round WHERE session_id = ? ORDER BY number", arguments: [session]) }
    }

    // MARK: Internals

    struct RoundHead {
        var session: String
        var status: RoundStatus
        var maxSeats: Int
        var shortlist: [String]
        var base: ThresholdBase
    }

    struct Credential {
        var role: CouncilRole
        var salt: Data
        var hash: Data
        var rounds: Int
        var wrongPINs = 0
        var locked = false
    }

    static func roundHead(_ db: Database, _ round: String) throws -> RoundHead {
        guard let r = try Row.fetchOne(db, sql: "SELECT session_id, status, max_seats, base FROM round WHERE id = ?", arguments: [round]) else {
            throw VotingError.unknownRound(round)
        }
        let ids = try String.fetchAll(db, sql: "SELECT candidate_id FROM round_candidate WHERE round_id = ? ORDER BY position", arguments: [round])
        return RoundHead(session: r["session_id"], status: RoundStatus(rawValue: r["status"]) ?? .closed, maxSeats: r["max_seats"], shortlist: ids,
                         base: ThresholdBase(rawValue: r["base"]) ?? .members)
    }

    static func credential(_ db: Database, _ member: String) throws -> Credential? {
        try Row.fetchOne(db, sql: """
            SELECT role, pin_salt, pin_hash, pin_rounds, wrong_pins, locked_at IS NOT NULL AS locked
            FROM council_member WHERE id = ? AND active = 1
            """, arguments: [member]).map {
            Credential(role: CouncilRole(rawValue: $0["role"]) ?? .member, salt: $0["pin_salt"], hash: $0["pin_hash"], rounds: $0["pin_rounds"],
                       wrongPINs: $0["wrong_pins"], locked: $0["locked"])
        }
    }

    static func roundInfo(_ db: Database, _ round: String) throws -> RoundInfo {
        guard let r = try Row.fetchOne(db, sql: "SELECT * FROM round WHERE id = ?", arguments: [round]) else {
            throw VotingError.unknownRound(round)
        }
        guard let s = try session(db, r["session_id"]) else { throw VotingError.inconsistent("round \(round) without session") }
        let parameters = RoundParameters(minSeats: r["min_seats"], maxSeats: r["max_seats"],
                                         threshold: Fraction(parsing: r["threshold"]) ?? .half,
                                         base: ThresholdBase(rawValue: r["base"]) ?? .members, strictlyMore: r["strictly_more"],
                                         quorum: Fraction(parsing: r["quorum"]) ?? .twoThirds)
        let shortlist = try Row.fetchAll(db, sql: """
            SELECT candidate_id, name, kind, unit_code FROM round_candidate WHERE round_id = ? ORDER BY position
            """, arguments: [round]).map {
            ShortlistEntry(id: $0[0], name: $0[1], kind: CandidateKind(rawValue: $0[2]) ?? .individual, unitCode: $0[3])
        }
        let electors = try Row.fetchAll(db, sql: """
            SELECT m.id, m.name, m.role FROM round_elector e JOIN council_member m ON m.id = e.member_id
            WHERE e.round_id = ? ORDER BY length(m.id), m.id
            """, arguments: [round]).map {
            CouncilMember(id: $0[0], name: $0[1], role: CouncilRole(rawValue: $0[2]) ?? .member)
        }
        let present = Set(try String.fetchAll(db, sql: """
            SELECT a.member_id FROM attendance a JOIN round_elector e ON e.member_id = a.member_id AND e.round_id = ?
            WHERE a.session_id = ?
            """, arguments: [round, s.id]))
        return RoundInfo(id: round, session: s, number: r["number"], kind: RoundInfo.Kind(rawValue: r["kind"]) ?? .regular,
                         previousRoundId: r["previous_round_id"], runoffReason: r["runoff_reason"], parameters: parameters,
                         membersAtOpen: r["members_at_open"], presentAtOpen: r["present_at_open"],
                         requiredAtOpen: r["required_at_open"], seatsAsked: r["seats_asked"], openedBy: r["opened_by"],
                         closedBy: r["closed_by"], unvotedAtClose: r["unvoted_at_close"],
                         status: RoundStatus(rawValue: r["status"]) ?? .closed, openedAt: r["opened_at"], closedAt: r["closed_at"],
                         shortlist: shortlist, electors: electors, present: present,
                         followedBy: try String.fetchOne(db, sql: "SELECT id FROM round WHERE previous_round_id = ?", arguments: [round]))
    }
}
