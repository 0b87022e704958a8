import DienHinhCore
import DienHinhResources
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

/// Issue 13: the electorate and threshold fixed when a round opens, every chair's and secretary's act signed,
/// written ballots only with the absent member's own code.
@Suite struct VotingFixedRoundTests {
    /// The observer's scenario: base `present`, 90%, 17 of 21 present → 16 needed. A member recorded present
    /// after the opening cannot vote, nobody votes in writing, and the close elects what 16 approvals elect.
    @Test func baseDoesNotDriftAfterOpening() throws {
        let f = try VotingFixture.make(memberCount: 21, present: 17)
        let p = RoundParameters(minSeats: 1, maxSeats: 2, threshold: .ninetyPercent, base: .present, strictlyMore: false)
        let r = try f.db.openRound(session: f.session, parameters: p, by: f.chairSigner)
        let info = try f.db.roundInfo(round: r)
        #expect(info.requiredAtOpen == 16 && info.presentAtOpen == 17 && info.electors.count == 17)
        try f.db.attend(session: f.session, members: ["M18"], by: f.secretarySigner)
        let before = try f.snapshot()
        #expect(refusal { _ = try f.vote(r, "M18", [f.candidates[0]]) } == .arrivedAfterOpening(member: "M18", round: r))
        #expect(refusal { _ = try f.db.castWrittenBallot(round: r, member: "M19", by: "M02", pin: "pin-M02", code: f.code("M19"),
                                                         approvals: [f.candidates[0]]) } == .writtenInPresentRound(r))
        #expect(try f.snapshot() == before)
        #expect(VotingError.arrivedAfterOpening(member: "M18", round: r).exitCode == 69)
        // 16 of the 17 approve the first candidate, all 17 the second.
        for (i, m) in f.members.prefix(17).enumerated() {
            _ = try f.vote(r, m.id, i == 0 ? [f.candidates[1]] : [f.candidates[0], f.candidates[1]])
        }
        let result = try f.db.closeRound(round: r, by: f.chairSigner)
        #expect(result.requiredApprovals == 16 && result.baseCount == 17)
        #expect(result.ballots.issued == 17 && result.ballots.cast == 17)
        #expect(result.elected == [f.candidates[1], f.candidates[0]])
        #expect(result.candidates.allSatisfy { $0.percentTenths <= 1000 })
        #expect(try f.db.auditVerify().isIntact)
    }

    /// Every round's count redone from what the round recorded (its parameters, head counts, shortlist) and the
    /// ballot box alone gives the stored result; the threshold is the one announced at the opening.
    @Test func everyRoundCanBeRecountedFromItsRecordAlone() throws {
        let f = try VotingFixture.make(memberCount: 10, present: 7)
        let c = f.candidates
        // A round over all members with two written ballots.
        let r1 = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 2, maxSeats: 3), by: f.chairSigner)
        for (i, m) in f.members.prefix(7).enumerated() { _ = try f.vote(r1, m.id, [c[i % 3], c[3]]) }
        _ = try f.db.castWrittenBallot(round: r1, member: "M08", by: "M02", pin: "pin-M02", code: f.code("M08"), approvals: [c[0]])
        _ = try f.db.castWrittenBallot(round: r1, member: "M09", by: "M02", pin: "pin-M02", code: f.code("M09"), approvals: [c[4]])
        try f.db.closeRound(round: r1, by: f.chairSigner)
        // A round over those present, with a late arrival who cannot vote in it, closed with one member not voting.
        let r2 = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 20, threshold: Fraction(2, 3)!,
                                                                                  base: .present, strictlyMore: false), by: f.chairSigner)
        try f.db.attend(session: f.session, members: ["M10"], by: f.secretarySigner)
        for (i, m) in f.members.prefix(6).enumerated() { _ = try f.vote(r2, m.id, Array(c.prefix(i + 1))) }
        #expect(refusal { try f.db.closeRound(round: r2, by: f.chairSigner) } == .unvotedPresent(round: r2, count: 1))
        try f.db.closeRound(round: r2, by: f.chairSigner, force: true)
        #expect(try f.db.roundInfo(round: r2).unvotedAtClose == 1)

        for round in try f.db.rounds(session: f.session) {
            let stored = try f.db.result(round: round)
            let redone = try f.db.read { db -> RoundResult in
                let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM round WHERE id = ?", arguments: [round]))
                let p = RoundParameters(minSeats: row["min_seats"], maxSeats: row["max_seats"], threshold: Fraction(parsing: row["threshold"])!,
                                        base: ThresholdBase(rawValue: row["base"])!, strictlyMore: row["strictly_more"],
                                        quorum: Fraction(parsing: row["quorum"])!)
                let shortlist = try Row.fetchAll(db, sql: "SELECT candidate_id, name, kind, unit_code FROM round_candidate WHERE round_id = ? ORDER BY position",
                                                 arguments: [round]).map {
                    ShortlistEntry(id: $0[0], name: $0[1], kind: CandidateKind(rawValue: $0[2])!, unitCode: $0[3])
                }
                let ballots = try String.fetchAll(db, sql: "SELECT choices FROM ballot WHERE round_id = ?", arguments: [round]).map {
                    Ballot(approvals: Set(try JSONDecoder().decode([String].self, from: Data($0.utf8))))
                }
                let written = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM voter_roll WHERE round_id = ? AND written = 1", arguments: [round])!
                let present: Int = p.base == .present ? row["present_at_open"] : stored.present
                let fingerprints = try String.fetchAll(db, sql: "SELECT receipt FROM ballot WHERE round_id = ?", arguments: [round])
                let redone = try Tally.count(roundId: round, parameters: p, members: row["members_at_open"], present: present,
                                             shortlist: shortlist, valid: ballots, written: written, fingerprints: fingerprints)
                #expect(redone.requiredApprovals == row["required_at_open"] as Int?)
                return redone
            }
            #expect(redone == stored, "round \(round)")
            #expect(stored.candidates.allSatisfy { $0.percentTenths <= 1000 })
        }
        // Seats asked for beyond the shortlist are not open: 20 asked, 6 names.
        let info = try f.db.roundInfo(round: r2)
        #expect(info.seatsAsked == 20 && info.parameters.maxSeats == c.count)
    }

    /// `round close` without the chair's PIN is refused and writes nothing; with it the audit names the chair.
    @Test func chairsActsAreSignedWithThePIN() throws {
        let f = try VotingFixture.make(memberCount: 5)
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        for m in f.members { _ = try f.vote(r, m.id, [f.candidates[0]]) }
        // A wrong PIN is counted (issue 18), so it comes before the snapshot of the other refusals.
        #expect(refusal { try f.db.closeRound(round: r, by: Signer(member: "M01", pin: "wrong")) } == .wrongPIN)
        let before = try f.snapshot()
        #expect(refusal { try f.db.closeRound(round: r, by: Signer(member: "M03", pin: "pin-M03")) } == .notChair("M03"))
        #expect(refusal { try f.db.closeRound(round: r, by: f.secretarySigner) } == .notChair("M02"))
        #expect(refusal { try f.db.attend(session: f.session, members: ["M03"], by: f.chairSigner) } == .notSecretary("M01"))
        #expect(try f.snapshot() == before)
        try f.db.closeRound(round: r, by: f.chairSigner)
        try f.db.certify(round: r, by: f.chairSigner)
        let entries = try f.db.auditEntries()
        for action in ["session.open", "round.open", "round.close", "round.certify"] {
            #expect(entries.filter { $0.action == action }.map(\.actor) == ["M01"], "\(action)")
        }
        #expect(Set(entries.filter { $0.action == "session.attend" }.map(\.actor)) == ["M02"])
        // Every act of a session or round is a member's, never the operating-system user's.
        let ids = Set(f.members.map(\.id))
        #expect(entries.filter { $0.action.hasPrefix("round.") || $0.action.hasPrefix("session.") || $0.action.hasPrefix("vote.") }
            .allSatisfy { ids.contains($0.actor) })
    }

    /// A written ballot needs the absent member's own one-time code: without it, or with a wrong or used one,
    /// it is refused (exit 69) and nothing is written.
    @Test func writtenBallotNeedsTheAbsentMembersCode() throws {
        let f = try VotingFixture.make(memberCount: 7, present: 5)
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        let a = f.candidates[0]
        let before = try f.snapshot()
        #expect(refusal { _ = try f.db.castWrittenBallot(round: r, member: "M06", by: "M02", pin: "pin-M02", code: "", approvals: [a]) }
                == .writtenCodeRequired(member: "M06"))
        #expect(refusal { _ = try f.db.castWrittenBallot(round: r, member: "M06", by: "M02", pin: "pin-M02", code: f.code("M07"), approvals: [a]) }
                == .wrongWrittenCode(member: "M06"))
        #expect(VotingError.writtenCodeRequired(member: "M06").exitCode == 69 && VotingError.wrongWrittenCode(member: "M06").exitCode == 69)
        #expect(try f.snapshot() == before)
        // Typed in lower case without the dash: still the code.
        let typed = f.code("M06").lowercased().replacingOccurrences(of: "-", with: "")
        _ = try f.db.castWrittenBallot(round: r, member: "M06", by: "M02", pin: "pin-M02", code: typed, approvals: [a])
        try f.db.closeRound(round: r, by: f.chairSigner, force: true)
        // Used once: the next round needs a freshly issued code.
        let r2 = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        #expect(refusal { _ = try f.db.castWrittenBallot(round: r2, member: "M06", by: "M02", pin: "pin-M02", code: f.code("M06"), approvals: [a]) }
                == .wrongWrittenCode(member: "M06"))
        let fresh = try f.db.issueWrittenCode(member: "M06", by: f.secretarySigner)
        _ = try f.db.castWrittenBallot(round: r2, member: "M06", by: "M02", pin: "pin-M02", code: fresh, approvals: [a])
        // Only a hash is stored.
        let stored = try f.db.read { try String.fetchAll($0, sql: "SELECT COALESCE(written_code_hash, '') FROM council_member") }
        #expect(!stored.contains { $0.contains(WrittenCode.normalized(fresh)) || $0.contains(fresh) })
    }

    @Test func oneOpenSessionPerYearAndClosing() throws {
        let f = try VotingFixture.make(memberCount: 3)
        #expect(refusal { _ = try f.db.openSession(year: VotingFixture.year, title: "Lần hai", by: f.chairSigner) }
                == .sessionAlreadyOpen(year: VotingFixture.year, session: f.session))
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        #expect(refusal { try f.db.closeSession(f.session, by: f.chairSigner) } == .roundStillOpen(session: f.session, round: r))
        try f.db.closeRound(round: r, by: f.chairSigner, force: true)
        try f.db.closeSession(f.session, by: f.chairSigner)
        #expect(refusal { try f.db.attend(session: f.session, members: ["M03"], by: f.secretarySigner) } == .sessionClosed(f.session))
        #expect(refusal { _ = try f.db.openRound(session: f.session, by: f.chairSigner) } == .sessionClosed(f.session))
        _ = try f.db.openSession(year: VotingFixture.year, title: "Lần hai", by: f.chairSigner)
    }
}

/// The anchored trail: tables that decide results are checked against the log, and the head printed on signed
/// minutes proves the file still extends them.
@Suite struct VotingAnchoredAuditTests {
    func closedRound() throws -> (VotingFixture, String) {
        let f = try VotingFixture.make(memberCount: 5, present: 4)
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        for m in f.members.prefix(4) { _ = try f.vote(r, m.id, [f.candidates[0]]) }
        _ = try f.db.castWrittenBallot(round: r, member: "M05", by: "M02", pin: "pin-M02", code: f.code("M05"), approvals: [f.candidates[1]])
        try f.db.closeRound(round: r, by: f.chairSigner)
        #expect(try f.db.auditVerify().isIntact)
        return (f, r)
    }

    /// Deleting a closed round's rows and the log from its opening on leaves a consistent chain, but not the head
    /// printed on its minutes.
    @Test func removedRoundIsCaughtByThePrintedHead() throws {
        let (f, r) = try closedRound()
        let r2 = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        for m in f.members.prefix(4) { _ = try f.vote(r2, m.id, [f.candidates[2]]) }
        try f.db.closeRound(round: r2, by: f.chairSigner)
        let head = try #require(try f.db.auditHead())
        let seal = try #require(try f.db.roundSeal(round: r2))
        #expect(head == seal)  // nothing happened after the close
        #expect(head.range(of: #"^\d+-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$"#, options: .regularExpression) != nil)
        #expect(try f.db.auditVerify(head: head).isIntact)
        #expect(try f.db.auditVerify(head: head.lowercased()).isIntact)
        let minutes = CountMinutes(info: try f.db.roundInfo(round: r2), result: try f.db.result(round: r2), voters: try f.db.voters(round: r2),
                                   unitNames: [:], place: nil, committee: [], strings: .en)
        var signed = minutes
        signed.seal = seal
        signed.head = head
        #expect(signed.markdown().contains("audit verify --head \(head)"))

        // The forger removes round 2 entirely: its rows, and the log from its round.open on.
        try f.db.write { db in
            let from = try Int64.fetchOne(db, sql: "SELECT seq FROM audit_log WHERE action = 'round.open' AND detail LIKE ?", arguments: ["%\(r2)%"])!
            for t in ["voter_roll", "ballot", "round_candidate", "round_elector"] {
                try db.execute(sql: "DELETE FROM \(t) WHERE round_id = ?", arguments: [r2])
            }
            try db.execute(sql: "DELETE FROM round WHERE id = ?", arguments: [r2])
            try db.execute(sql: "DELETE FROM audit_log WHERE seq >= ?", arguments: [from])
        }
        #expect(try f.db.auditVerify().isIntact)  // without the printed head, nothing shows
        let report = try f.db.auditVerify(head: head)
        #expect(report.problem?.kind == .head)
        _ = r
    }

    @Test func tablesThatDecideResultsAreCrossChecked() throws {
        func tampered(_ sql: String) throws -> AuditProblem? {
            let (f, _) = try closedRound()
            try f.db.write { try $0.execute(sql: sql) }
            return try f.db.auditVerify().problem
        }
        // A closed round's threshold changed.
        #expect(try tampered("UPDATE round SET threshold = '1/3'")?.kind == .table)
        // Attendance deleted, or a member marked present without the secretary.
        #expect(try tampered("DELETE FROM attendance WHERE member_id = 'M03'")?.kind == .table)
        #expect(try tampered("INSERT INTO attendance (session_id, member_id) VALUES ('S2019-1', 'M05')")?.kind == .table)
        // A nomination deleted.
        #expect(try tampered("DELETE FROM nomination WHERE candidate_id = 'T-6'")?.kind == .table)
        // One member's PIN hash copied onto another.
        #expect(try tampered("""
            UPDATE council_member SET pin_salt = (SELECT pin_salt FROM council_member WHERE id = 'M01'),
                                      pin_hash = (SELECT pin_hash FROM council_member WHERE id = 'M01') WHERE id = 'M03'
            """)?.kind == .table)
        // A member's role changed.
        #expect(try tampered("UPDATE council_member SET role = 'chair' WHERE id = 'M03'")?.kind == .table)
    }
}

/// Every refusal the voting store can give, worded in Vietnamese and English: a key of the strings table (never the
/// key itself shown), no Swift case name or labelled raw value, and the right plural.
@Suite struct VotingMessageTests {
    static let everyRefusal: [VotingError] = [
        .unknownCandidate("T-1"), .unknownMember("M77"), .unknownSession("S1999-1"), .unknownRound("S2019-1-R9"),
        .invalidBallot(.tooManyMarks(count: 3, max: 2)), .invalidBallot(.unknownCandidate("X")), .invalidBallot(.duplicateMark("T-1")),
        .invalidBallot(.other("rách")), .pinTooShort(minimum: 4),
        .invalidParameters(.minSeatsBelowOne(0)), .invalidParameters(.minAboveMax(min: 6, max: 5)),
        .invalidParameters(.thresholdOutOfRange(Fraction(3, 2)!)), .invalidParameters(.quorumOutOfRange(Fraction(0, 1)!)),
        .emptyName, .nomination(.quotaFull(kind: .individual, limit: 2, holders: [])), .nomination(.alreadyNominated(candidateId: "T-1")),
        .nomination(.notEligible(candidateId: "T-1")), .wrongPIN, .pinLocked("M03"), .notLocked("M03"), .pinCostNotRaised(current: 210_000), .quorumNotMet(present: 5, required: 6, members: 9), .noVotingMembers,
        .emptyShortlist(year: 2019), .roundAlreadyOpen("R"), .roundNotOpen(round: "R", status: .closed),
        .roundNotOpen(round: "R", status: .certified), .roundNotOpen(round: "R", status: .open), .roundNotClosed("R"),
        .alreadyVoted(member: "M01", round: "R"), .notElector(member: "M01", round: "R"), .notPresent(member: "M01", session: "S"),
        .presentMemberWritten(member: "M01", session: "S"), .notSecretary("M03"), .notChair("M03"),
        .castingChoice(.noTie), .castingChoice(.alreadyResolved), .castingChoice(.wrongCount(expected: 1, got: 2)),
        .castingChoice(.notTied("T-1")), .castingChoice(.duplicate("T-1")), .writtenBallotEntered(member: "M01", round: "R"),
        .noRunoffNeeded("R"), .runoffExists(previous: "R", runoff: "R2"), .yearMismatch(round: "R", session: "S"),
        .sessionClosed("S"), .sessionAlreadyOpen(year: 2019, session: "S"), .roundStillOpen(session: "S", round: "R"),
        .arrivedAfterOpening(member: "M18", round: "R"), .writtenInPresentRound("R"), .unvotedPresent(round: "R", count: 1),
        .unvotedPresent(round: "R", count: 3), .writtenCodeRequired(member: "M04"), .wrongWrittenCode(member: "M04"),
    ]

    @Test func noRefusalShowsDeveloperText() throws {
        let identifier = try Regex(#"[a-z]+[A-Z][A-Za-z]*\(|\b[a-z]+: \d+[,)]|Fraction|Problem|VotingError|\{\d\}|\.[a-z]+[A-Z]"#)
        for s in [Strings.vi, Strings.en] {
            for e in Self.everyRefusal {
                let text = e.message.text(s)
                #expect(text != e.message.key && !text.hasPrefix("round.") && !text.hasPrefix("vote.") && !text.contains("casting.problem"),
                        "\(e) in \(s.language): \(text)")
                #expect(text.firstMatch(of: identifier) == nil, "\(e) in \(s.language): \(text)")
            }
        }
        #expect(VotingError.unvotedPresent(round: "R", count: 1).message.text(.en).hasPrefix("1 member present has"))
        #expect(VotingError.unvotedPresent(round: "R", count: 3).message.text(.en).hasPrefix("3 members present have"))
        #expect(VotingError.invalidParameters(.minAboveMax(min: 6, max: 5)).message.text(.en)
                == "Invalid round parameters: the fewest seats (6) exceed the most seats (5)")
        #expect(Strings.en.plural("round.tie", 1, "A", "R").hasPrefix("Tie for 1 seat:"))
    }

    /// INTERFACES.md: 65 bad input (an unknown id is one), 69 refused by a rule; 66 only for a missing file.
    @Test func unknownIdsAreBadInput() {
        for e in [VotingError.unknownMember("M77"), .unknownRound("R9"), .unknownSession("S"), .unknownCandidate("T")] {
            #expect(e.exitCode == 65)
        }
    }
}
