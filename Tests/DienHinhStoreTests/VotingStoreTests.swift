import DienHinhCore
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

@Suite struct VotingRefusalTests {
    @Test func secondBallotBySameMemberChangesNothing() throws {
        let f = try VotingFixture.make()
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 3), by: f.chairSigner)
        _ = try f.vote(r, "M03", [f.candidates[0]])
        let before = try f.snapshot()
        #expect(refusal { _ = try f.vote(r, "M03", [f.candidates[1]]) } == .alreadyVoted(member: "M03", round: r))
        #expect(try f.snapshot() == before)
        #expect(VotingError.alreadyVoted(member: "M03", round: r).exitCode == 69)
    }

    @Test func ballotAfterCloseChangesNothing() throws {
        let f = try VotingFixture.make()
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 3), by: f.chairSigner)
        _ = try f.vote(r, "M03", [f.candidates[0]])
        try f.db.closeRound(round: r, by: f.chairSigner, force: true)
        let before = try f.snapshot()
        #expect(refusal { _ = try f.vote(r, "M04", [f.candidates[0]]) } == .roundNotOpen(round: r, status: .closed))
        #expect(refusal { try f.db.closeRound(round: r, by: f.chairSigner, force: true) } == .roundNotOpen(round: r, status: .closed))
        #expect(try f.snapshot() == before)
    }

    @Test func badBallotsChangeNothing() throws {
        let f = try VotingFixture.make()
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        let before = try f.snapshot()
        #expect(refusal { _ = try f.vote(r, "M03", Array(f.candidates.prefix(3))) } == .invalidBallot(.tooManyMarks(count: 3, max: 2)))
        #expect(refusal { _ = try f.vote(r, "M03", ["NOT-ON-BALLOT"]) } == .invalidBallot(.unknownCandidate("NOT-ON-BALLOT")))
        #expect(refusal { _ = try f.vote(r, "M03", [f.candidates[0], f.candidates[0]]) } == .invalidBallot(.duplicateMark(f.candidates[0])))
        #expect(try f.snapshot() == before)
        #expect(VotingError.invalidBallot(.tooManyMarks(count: 3, max: 2)).exitCode == 65)
        // The member can still vote properly afterwards.
        _ = try f.vote(r, "M03", [f.candidates[0]])
    }

    /// A wrong PIN writes nothing of the act; only the try is counted against the signer and audited (issue 18).
    @Test func wrongPINChangesNothingButTheCount() throws {
        let f = try VotingFixture.make()
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        let before = try f.snapshot()
        #expect(refusal { _ = try f.db.castBallot(round: r, member: "M03", pin: "pin-M04", approvals: []) } == .wrongPIN)
        #expect(refusal { _ = try f.db.castWrittenBallot(round: r, member: "M03", by: "M02", pin: "wrong", code: f.code("M03"), approvals: []) } == .wrongPIN)
        var after = try f.snapshot()
        let tries = try f.db.read { try Row.fetchAll($0, sql: "SELECT id, wrong_pins FROM council_member WHERE wrong_pins > 0") }
        #expect(tries.map { "\($0["id"] as String) \($0["wrong_pins"] as Int)" } == ["M02 1", "M03 1"])
        #expect(try f.db.auditEntries().suffix(2).map(\.action) == ["council.wrong_pin", "council.wrong_pin"])
        for t in ["council_member", "audit_log"] { after[t] = before[t] }
        #expect(after == before)
    }

    @Test func pinIsStoredOnlyAsSaltedSlowHash() throws {
        let f = try VotingFixture.make(memberCount: 2)
        let m = try f.db.addMember(name: "Trần Văn Mới", role: .member, pin: "4321")
        let row = try f.db.read { try Row.fetchOne($0, sql: "SELECT * FROM council_member WHERE id = ?", arguments: [m.id])! }
        #expect((row["pin_rounds"] as Int) >= 100_000)
        #expect((row["pin_salt"] as Data).count == 16)
        #expect(!row.description.contains("4321"))
        #expect(refusal { _ = try f.db.addMember(name: "X", role: .member, pin: "12") } == .pinTooShort(minimum: 4))
    }

    @Test func fourthNominationFromOneUnitChangesNothing() throws {
        let f = try VotingFixture.make(candidateCount: 2)  // T-1, T-2: two individuals of one unit
        let unit = try f.db.candidate("T-1")!.unitCode
        try f.db.insert(candidates: [Candidate(id: "T-C", kind: .collective, name: "Tập thể", unitCode: unit),
                                     Candidate(id: "T-C2", kind: .collective, name: "Tập thể 2", unitCode: unit),
                                     Candidate(id: "T-3", kind: .individual, name: "Thứ ba", unitCode: unit)],
                        achievements: [], provenance: Provenance(unitCode: "VKSTC.V16", user: "t", at: "2020-01-01T00:00:00Z"))
        try f.db.nominate(candidateId: "T-C", year: VotingFixture.year, overrideReason: "lý do")
        let before = try f.snapshot()
        guard case .nomination(.quotaFull(.individual, 2, let holders))? = refusal({
            try f.db.nominate(candidateId: "T-3", year: VotingFixture.year, overrideReason: "lý do")
        }) else { Issue.record("expected quota full"); return }
        #expect(holders.map(\.candidateId) == ["T-1", "T-2"])
        #expect(refusal { try f.db.nominate(candidateId: "T-C2", year: VotingFixture.year, overrideReason: "lý do") }
                    .map { if case .nomination(.quotaFull(.collective, 1, _)) = $0 { true } else { false } } == true)
        #expect(refusal { try f.db.nominate(candidateId: "T-3", year: VotingFixture.year + 1) } == .nomination(.notEligible(candidateId: "T-3")))
        #expect(try f.snapshot() == before)
        #expect(try f.db.nominations(year: VotingFixture.year).count == 3)
    }

    @Test func quorumNotMetRefusesToOpen() throws {
        let f = try VotingFixture.make(memberCount: 9, present: 5)  // 2/3 of 9 = 6
        let before = try f.snapshot()
        #expect(refusal { _ = try f.db.openRound(session: f.session, by: f.chairSigner) } == .quorumNotMet(present: 5, required: 6, members: 9))
        #expect(try f.snapshot() == before)
        try f.db.attend(session: f.session, members: ["M06"], by: f.secretarySigner)
        #expect(try f.db.quorumStatus(session: f.session) == QuorumStatus(members: 9, present: 6, required: 6, met: true))
        _ = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 3), by: f.chairSigner)
        #expect(refusal { _ = try f.db.openRound(session: f.session, by: f.chairSigner) }.map { if case .roundAlreadyOpen = $0 { true } else { false } } == true)
    }
}

@Suite struct VotingCountTests {
    @Test func writtenBallotsAreCountedAndReported() throws {
        let f = try VotingFixture.make(memberCount: 7, present: 5)  // M06, M07 absent
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        let a = f.candidates[0], b = f.candidates[1]
        // Only the secretary enters written ballots, with the secretary's PIN; present members vote in person.
        #expect(refusal { _ = try f.db.castWrittenBallot(round: r, member: "M06", by: "M03", pin: "pin-M03", code: f.code("M06"), approvals: [a]) } == .notSecretary("M03"))
        #expect(refusal { _ = try f.db.castWrittenBallot(round: r, member: "M04", by: "M02", pin: "pin-M02", code: f.code("M04"), approvals: [a]) }
                    == .presentMemberWritten(member: "M04", session: f.session))
        #expect(refusal { _ = try f.vote(r, "M06", [a]) } == .notPresent(member: "M06", session: f.session))
        for m in ["M01", "M02", "M03", "M04", "M05"] { _ = try f.vote(r, m, [a]) }
        _ = try f.db.castWrittenBallot(round: r, member: "M06", by: "M02", pin: "pin-M02", code: f.code("M06"), approvals: [a, b])
        _ = try f.db.castWrittenBallot(round: r, member: "M07", by: "M02", pin: "pin-M02", code: f.code("M07"), approvals: [b])
        // The absent members are not marked present, and cannot be once their written ballot is in.
        #expect(try f.db.quorumStatus(session: f.session).present == 5)
        #expect(refusal { try f.db.attend(session: f.session, members: ["M06"], by: f.secretarySigner) } == .writtenBallotEntered(member: "M06", round: r))
        let voters = try f.db.voters(round: r)
        #expect(voters.filter(\.written).map(\.memberId) == ["M06", "M07"])
        #expect(voters.allSatisfy { !$0.written || $0.enteredBy == "M02" })
        #expect(refusal { _ = try f.db.result(round: r) } == .roundNotClosed(r))

        let result = try f.db.closeRound(round: r, by: f.chairSigner, force: true)
        #expect(result.ballots == BallotCounts(issued: 7, cast: 7, written: 2, valid: 7, invalid: 0))
        #expect(result.present == 5)
        #expect(result.candidate(a)?.approvals == 6)
        #expect(result.candidate(b)?.approvals == 2)
        #expect(result.elected == [a])  // more than 50% of 7 members = 4
        #expect(try f.db.result(round: r) == result)
        #expect(result.fingerprints.count == 7)
        #expect(try f.db.auditVerify().isIntact)
    }

    @Test func runoffAfterExactTie() throws {
        let (f, a, b, c, r1, res1) = try exactTie()
        #expect(res1.elected == [a])
        #expect(res1.tieForSeats == 1)
        #expect(res1.tiedIds == [b, c])
        let r2 = try f.db.openRunoff(session: f.session, previousRound: r1, by: f.chairSigner)
        #expect(refusal { _ = try f.db.openRunoff(session: f.session, previousRound: r1, by: f.chairSigner) } == .runoffExists(previous: r1, runoff: r2))
        let info = try f.db.roundInfo(round: r2)
        #expect(info.shortlist.map(\.id) == [b, c])
        #expect(info.parameters.maxSeats == 1)
        for (i, m) in f.members.enumerated() { _ = try f.vote(r2, m.id, i < 5 ? [c] : [b]) }
        let res2 = try f.db.closeRound(round: r2, by: f.chairSigner, force: true)
        #expect(res2.elected == [c])
        #expect(res2.next == .done)
        #expect(try f.db.auditVerify().isIntact)
    }

    @Test func furtherRoundAfterUnfilledSeats() throws {
        let f = try VotingFixture.make(memberCount: 7)
        let r1 = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 3, maxSeats: 4), by: f.chairSigner)
        let a = f.candidates[0]
        for m in f.members { _ = try f.vote(r1, m.id, [a]) }
        let res1 = try f.db.closeRound(round: r1, by: f.chairSigner, force: true)
        #expect(res1.elected == [a])
        #expect(res1.unfilled == 2)
        let r2 = try f.db.openRunoff(session: f.session, previousRound: r1, by: f.chairSigner)
        let info = try f.db.roundInfo(round: r2)
        #expect(info.shortlist.map(\.id) == Array(f.candidates.dropFirst()))
        #expect(info.parameters.minSeats == 2 && info.parameters.maxSeats == 3)
        #expect(info.runoffReason == "unfilled")
        #expect(try f.db.roundInfo(round: r1).followedBy == r2)
    }

    @Test func castingChoiceResolvesTie() throws {
        let (f, a, b, _, r1, _) = try exactTie()
        #expect(refusal { _ = try f.db.resolveTie(round: r1, chair: "M03", pin: "pin-M03", chosen: [b]) } == .notChair("M03"))
        let res = try f.db.resolveTie(round: r1, chair: "M01", pin: "pin-M01", chosen: [b])
        #expect(res.elected == [a, b])
        #expect(res.castingChoice?.chair == "M01")
        #expect(try f.db.result(round: r1) == res)
        #expect(try f.db.auditVerify().isIntact)
        try f.db.certify(round: r1, by: f.chairSigner)
        #expect(try f.db.result(round: r1).status == .certified)
        #expect(try f.db.auditVerify().isIntact)
    }
}

/// Seven members, a first round for one or two seats on the first three candidates, closed:
/// a: 6, b: 4, c: 4; need 4 of 7 (more than 50%); two seats: a elected, b and c tie for one seat.
private func exactTie() throws -> (f: VotingFixture, a: String, b: String, c: String, round: String, result: RoundResult) {
    let f = try VotingFixture.make(memberCount: 7)
    let (a, b, c) = (f.candidates[0], f.candidates[1], f.candidates[2])
    let r1 = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
    let ballots: [[String]] = [[a, b], [a, b], [a, c], [a, c], [a, b], [a, c], [b, c]]
    for (i, m) in f.members.enumerated() { _ = try f.vote(r1, m.id, ballots[i]) }
    let result = try f.db.closeRound(round: r1, by: f.chairSigner, force: true)
    return (f, a, b, c, r1, result)
}
