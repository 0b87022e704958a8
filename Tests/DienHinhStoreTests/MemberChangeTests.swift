import DienHinhCore
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

/// A member's role changed, or a member leaving the council (issue 19): signed, audited, refused mid-round.
@Suite struct MemberChangeTests {
    @Test func roleChangeAndLeavingAreSignedAndAudited() throws {
        let f = try VotingFixture.make(memberCount: 5)
        try f.db.setRole(member: "M03", role: .viceChair, by: f.chairSigner)
        #expect(try f.db.members().first { $0.id == "M03" }?.role == .viceChair)
        try f.db.deactivate(member: "M05", by: f.chairSigner)
        #expect(try f.db.members().map(\.id) == ["M01", "M02", "M03", "M04"])
        #expect(try f.db.auditEntries().suffix(2).map(\.action) == ["council.set_role", "council.deactivate"])
        #expect(try f.db.auditVerify().isIntact)
        // An act on the chair is the secretary's; the chair's own PIN is refused for it.
        #expect(refusal { try f.db.setRole(member: "M01", role: .member, by: f.chairSigner) } == .notSecretary("M01"))
        #expect(refusal { try f.db.deactivate(member: "M05", by: f.chairSigner) } == .unknownMember("M05"))
    }

    @Test func refusedWhileARoundIsOpen() throws {
        let f = try VotingFixture.make(memberCount: 5)
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        let before = try f.snapshot()
        #expect(refusal { try f.db.deactivate(member: "M05", by: f.chairSigner) } == .roundStillOpen(session: f.session, round: r))
        #expect(refusal { try f.db.setRole(member: "M04", role: .secretary, by: f.chairSigner) } == .roundStillOpen(session: f.session, round: r))
        #expect(try f.snapshot() == before)
    }

    @Test func changesMadeOutsideTheProgramAreCaught() throws {
        let f = try VotingFixture.make(memberCount: 3)
        try f.db.write { try $0.execute(sql: "UPDATE council_member SET active = 0 WHERE id = 'M03'") }
        #expect(try !f.db.auditVerify().isIntact)
        let g = try VotingFixture.make(memberCount: 3)
        try g.db.write { try $0.execute(sql: "UPDATE council_member SET role = 'chair' WHERE id = 'M03'") }
        #expect(try !g.db.auditVerify().isIntact)
    }
}
