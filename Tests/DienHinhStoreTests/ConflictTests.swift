import DienHinhCore
import DienHinhResources
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

/// Conflicts of interest (issue 19): a member's unit flags its candidates and those of the units under it, a member
/// declares a conflict before the ballot, and under `recuse` the ballot cannot mark the candidate; the ballot table
/// never learns who cast it, and `audit verify` expects every flag, declaration and unit as logged.
@Suite struct ConflictTests {
    /// T-1 and T-2 are of the first provincial unit, T-3 and T-4 of the second, T-5 and T-6 of the third.
    func fixture() throws -> (VotingFixture, units: [String]) {
        let f = try VotingFixture.make()
        let units = try f.db.units(level: .provincial).prefix(3).map(\.code)
        return (f, units)
    }

    func chair(_ f: VotingFixture) -> Signer { f.chairSigner }

    /// A round of the fixture's session for one to `seats` seats, opened by the chair under `rule`.
    func openRound(_ f: VotingFixture, seats: Int = 3, _ rule: ConflictRule = .flag) throws -> String {
        try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: seats), conflicts: rule, by: f.chairSigner)
    }

    @Test func aMembersUnitFlagsItsCandidatesAndThoseOfTheUnitsUnderIt() throws {
        let (f, units) = try fixture()
        // A district under the first province, with a nominee of its own.
        let district = try #require(try f.db.read { db in
            try String.fetchOne(db, sql: "SELECT code FROM unit WHERE parent_code = ? ORDER BY code LIMIT 1", arguments: [units[0]])
        })
        try f.db.insert(candidates: [Candidate(id: "T-7", kind: .individual, name: "Ứng viên 7", unitCode: district)], achievements: [],
                        provenance: Provenance(unitCode: "VKSTC.V16", user: "test", at: "2020-01-01T00:00:00Z"))
        try f.db.nominate(candidateId: "T-7", year: VotingFixture.year, overrideReason: "thử nghiệm")
        try f.db.setUnit(member: "M03", unit: units[0], by: f.chairSigner)
        try f.db.setUnit(member: "M04", unit: district, by: f.chairSigner)
        let r = try openRound(f)
        let c = try f.db.conflicts(round: r)
        #expect(c.rule == .flag)
        // The province's member: its own candidates and the district's; the district's member: only the district's.
        #expect(Set(c.of("M03").map(\.candidateId)) == ["T-1", "T-2", "T-7"])
        #expect(c.of("M03").allSatisfy { $0.source == .unit })
        #expect(c.of("M04") == [RoundConflict(memberId: "M04", candidateId: "T-7", source: .unit)])
        #expect(c.of("M05").isEmpty)
        #expect(try f.db.auditVerify().isIntact)
        // Flagged only: the member may still mark the candidate.
        #expect(refusal { _ = try f.vote(r, "M03", ["T-1"]) } == nil)
    }

    @Test func underRecuseTheBallotCannotMarkTheCandidateAndNothingIsWritten() throws {
        let (f, units) = try fixture()
        try f.db.setUnit(member: "M03", unit: units[0], by: f.chairSigner)
        let r = try openRound(f, .recuse)
        let before = try f.snapshot()
        #expect(refusal { _ = try f.vote(r, "M03", ["T-3", "T-2"]) } == .recused(member: "M03", candidate: "T-2", round: r))
        #expect(try f.snapshot() == before)
        #expect(VotingError.recused(member: "M03", candidate: "T-2", round: r).exitCode == 65)
        // Another candidate is fine; the others vote as they like.
        _ = try f.vote(r, "M03", ["T-3"])
        for m in ["M01", "M02", "M04", "M05", "M06", "M07"] { _ = try f.vote(r, m, ["T-1", "T-2"]) }
        let result = try f.db.closeRound(round: r, by: f.chairSigner)
        // The base stays all members: more than half of 7 is 4, whoever recused.
        #expect(result.members == 7 && result.requiredApprovals == 4)
        #expect(result.elected.contains("T-1") && result.elected.contains("T-2"))
        #expect(try f.db.auditVerify().isIntact)
        // The ballot table still has no member column.
        let columns = try f.db.read { db in try db.columns(in: "ballot").map(\.name) }
        #expect(Set(columns) == ["id", "round_id", "choices", "receipt"])
    }

    @Test func aDeclarationComesBeforeTheBallotSignedWithTheMembersPIN() throws {
        let (f, _) = try fixture()
        let r = try openRound(f, .recuse)
        #expect(refusal { try f.db.declareConflict(round: r, member: "M05", candidate: "T-4", pin: "wrong") } == .wrongPIN)
        #expect(refusal { try f.db.declareConflict(round: r, member: "M05", candidate: "X-9", pin: VotingFixture.pin("M05")) }
            == .notOnShortlist(candidate: "X-9", round: r))
        try f.db.declareConflict(round: r, member: "M05", candidate: "T-4", pin: VotingFixture.pin("M05"))
        #expect(try f.db.conflicts(round: r).of("M05") == [RoundConflict(memberId: "M05", candidateId: "T-4", source: .declared)])
        #expect(refusal { _ = try f.vote(r, "M05", ["T-4"]) } == .recused(member: "M05", candidate: "T-4", round: r))
        // Declared with the ballot itself: recorded, then the ballot checked against it.
        #expect(refusal { _ = try f.db.castBallot(round: r, member: "M06", pin: VotingFixture.pin("M06"), approvals: ["T-5"], declaring: ["T-5"]) }
            == .recused(member: "M06", candidate: "T-5", round: r))
        #expect(try f.db.conflicts(round: r).of("M06").isEmpty)  // the refusal wrote nothing, the declaration neither
        _ = try f.db.castBallot(round: r, member: "M06", pin: VotingFixture.pin("M06"), approvals: ["T-1"], declaring: ["T-5"])
        #expect(try f.db.conflicts(round: r).of("M06").map(\.candidateId) == ["T-5"])
        // After the ballot, too late.
        #expect(refusal { try f.db.declareConflict(round: r, member: "M06", candidate: "T-6", pin: VotingFixture.pin("M06")) }
            == .alreadyVoted(member: "M06", round: r))
        let actions = try f.db.auditEntries().map(\.action)
        #expect(actions.filter { $0 == "round.declare_conflict" }.count == 2)
        #expect(try f.db.auditVerify().isIntact)
    }

    @Test func anAbsentMembersWrittenBallotIsHeldToTheSameRule() throws {
        let f = try VotingFixture.make(present: 6)
        let r = try openRound(f, .recuse)
        #expect(refusal {
            _ = try f.db.castWrittenBallot(round: r, member: "M07", by: "M02", pin: VotingFixture.pin("M02"), code: f.code("M07"),
                                           approvals: ["T-2"], declaring: ["T-2"])
        } == .recused(member: "M07", candidate: "T-2", round: r))
        // The code was not used up by the refusal.
        _ = try f.db.castWrittenBallot(round: r, member: "M07", by: "M02", pin: VotingFixture.pin("M02"), code: f.code("M07"),
                                       approvals: ["T-1"], declaring: ["T-2"])
        #expect(try f.db.conflicts(round: r).of("M07").map(\.candidateId) == ["T-2"])
    }

    @Test func aRunoffKeepsTheRuleAndTheDeclarations() throws {
        let (f, units) = try fixture()
        try f.db.setUnit(member: "M03", unit: units[0], by: f.chairSigner)
        let r = try openRound(f, seats: 1, .recuse)
        try f.db.declareConflict(round: r, member: "M04", candidate: "T-3", pin: VotingFixture.pin("M04"))
        // Nobody reaches more than half of 7: the seat is unfilled and a further round follows.
        for m in ["M01", "M02", "M05"] { _ = try f.vote(r, m, ["T-1"]) }
        for m in ["M06", "M07", "M03"] { _ = try f.vote(r, m, ["T-3"]) }
        _ = try f.vote(r, "M04", ["T-5"])
        let result = try f.db.closeRound(round: r, by: f.chairSigner, force: true)
        #expect(result.elected.isEmpty && result.next != .done)
        let runoff = try f.db.openRunoff(session: f.session, previousRound: r, by: f.chairSigner)
        let c = try f.db.conflicts(round: runoff)
        #expect(c.rule == .recuse)
        let shortlist = Set(try f.db.roundInfo(round: runoff).shortlist.map(\.id))
        #expect(c.of("M04").contains(RoundConflict(memberId: "M04", candidateId: "T-3", source: .declared)) == shortlist.contains("T-3"))
        #expect(c.of("M03").contains(RoundConflict(memberId: "M03", candidateId: "T-1", source: .unit)) == shortlist.contains("T-1"))
        #expect(try f.db.auditVerify().isIntact)
    }

    @Test func aUnitIsSignedByTheChairCheckedAndFrozenWhileARoundIsOpen() throws {
        let (f, units) = try fixture()
        #expect(refusal { try f.db.setUnit(member: "M03", unit: "NO-SUCH", by: f.chairSigner) } == .unknownUnit("NO-SUCH"))
        #expect(refusal { try f.db.setUnit(member: "M03", unit: units[0], by: f.secretarySigner) } != nil)
        try f.db.setUnit(member: "M03", unit: units[0], by: f.chairSigner)
        #expect(try f.db.memberUnits() == ["M03": units[0]])
        let slip = try f.db.enrol(name: "Thành viên mới", role: .member, pin: "246810", unit: units[1])
        #expect(try f.db.memberUnits()[slip.member.id] == units[1])
        #expect(refusal { _ = try f.db.enrol(name: "Không đơn vị", role: .member, pin: "246810", unit: "NO-SUCH") } == .unknownUnit("NO-SUCH"))
        _ = try openRound(f)
        #expect(refusal { try f.db.setUnit(member: "M03", unit: nil, by: f.chairSigner) } != nil)
        #expect(try f.db.auditVerify().isIntact)
    }

    @Test func auditVerifyCatchesAUnitOrAConflictChangedOutsideTheProgram() throws {
        let (f, units) = try fixture()
        try f.db.setUnit(member: "M03", unit: units[0], by: f.chairSigner)
        let r = try openRound(f, .recuse)
        #expect(try f.db.auditVerify().isIntact)
        try f.db.writer.write { db in try db.execute(sql: "DELETE FROM round_conflict WHERE member_id = 'M03' AND candidate_id = 'T-1'") }
        #expect(try f.db.auditVerify().problem?.subject == "round_conflict \(r)|M03:T-1")
        try f.db.writer.write { db in
            try db.execute(sql: "INSERT INTO round_conflict VALUES (?, 'M03', 'T-1', 'unit')", arguments: [r])
            try db.execute(sql: "UPDATE round SET conflicts = 'flag' WHERE id = ?", arguments: [r])
        }
        #expect(try f.db.auditVerify().problem?.subject == "round \(r) conflicts")
        try f.db.writer.write { db in
            try db.execute(sql: "UPDATE round SET conflicts = 'recuse' WHERE id = ?", arguments: [r])
            try db.execute(sql: "UPDATE council_member SET unit_code = ? WHERE id = 'M04'", arguments: [units[1]])
        }
        #expect(try f.db.auditVerify().problem?.subject == "council_member M04 unit")
    }

    @Test func theMinutesSayWhoWasFlaggedOrDeclaredAndWhoRecusedFromWhom() throws {
        let (f, units) = try fixture()
        try f.db.setUnit(member: "M03", unit: units[0], by: f.chairSigner)
        let r = try openRound(f, .recuse)
        try f.db.declareConflict(round: r, member: "M05", candidate: "T-6", pin: VotingFixture.pin("M05"))
        for m in f.members.map(\.id) { _ = try f.vote(r, m, m == "M03" ? ["T-3"] : ["T-1"]) }
        _ = try f.db.closeRound(round: r, by: f.chairSigner)
        let minutes = try ReportBuilder(db: f.db, strings: .vi, today: "2019-12-01").minutes(round: r)
        let md = minutes.markdown()
        #expect(md.contains("## Xung đột lợi ích"))
        #expect(md.contains("Thành viên 3 (M03) — Ứng viên 1 (T-1): ứng viên thuộc đơn vị của thành viên hoặc đơn vị trực thuộc; thành viên không bỏ phiếu cho ứng viên này"))
        #expect(md.contains("Thành viên 5 (M05) — Ứng viên 6 (T-6): thành viên tự khai; thành viên không bỏ phiếu cho ứng viên này"))
        // The same lines in the document the DOCX and HTML are made from.
        let section = try #require(minutes.document().sections.first { $0.heading == "Xung đột lợi ích" })
        #expect(section.lines.count == 4)
        let en = try ReportBuilder(db: f.db, strings: .en, today: "2019-12-01").minutes(round: r).markdown()
        #expect(en.contains("Thành viên 3 (M03) — Ứng viên 1 (T-1): the candidate is of the member's unit or a unit under it; the member recused from this candidate"))
    }

    @Test func withoutConflictsTheMinutesSaySo() throws {
        let (f, _) = try fixture()
        let r = try openRound(f)
        for m in f.members.map(\.id) { _ = try f.vote(r, m, ["T-1"]) }
        _ = try f.db.closeRound(round: r, by: f.chairSigner)
        let md = try ReportBuilder(db: f.db, strings: .vi, today: "2019-12-01").minutes(round: r).markdown()
        #expect(md.contains("Không thành viên nào có hoặc khai xung đột lợi ích."))
        #expect(md.contains("chỉ đánh dấu (vẫn được chọn)"))
    }
}
