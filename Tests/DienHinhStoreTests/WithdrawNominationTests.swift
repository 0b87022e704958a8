import DienHinhCore
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

/// Withdrawing a nomination (issue 19): a written reason, audited, and the chain still verifies.
@Suite struct WithdrawNominationTests {
    @Test func withdrawFreesTheQuotaAndIsAudited() throws {
        let f = try VotingFixture.make(candidateCount: 2)  // T-1, T-2: the unit's two individuals
        let unit = try f.db.candidate("T-1")!.unitCode
        try f.db.insert(candidates: [Candidate(id: "T-3", kind: .individual, name: "Thứ ba", unitCode: unit)],
                        achievements: [], provenance: Provenance(unitCode: "VKSTC.V16", user: "t", at: "2020-01-01T00:00:00Z"))
        #expect(refusal { try f.db.nominate(candidateId: "T-3", year: VotingFixture.year, overrideReason: "lý do") }
                    .map { if case .nomination(.quotaFull) = $0 { true } else { false } } == true)
        try f.db.withdrawNomination(candidateId: "T-2", year: VotingFixture.year, reason: "  Đơn vị đề nghị rút  ")
        #expect(try f.db.nominations(year: VotingFixture.year).map(\.nomination.candidateId) == ["T-1"])
        let last = try #require(try f.db.auditEntries().last)
        #expect(last.action == "nominate.withdraw")
        #expect(last.detail.contains("Đơn vị đề nghị rút") && last.detail.contains("T-2"))
        #expect(try f.db.auditVerify().isIntact)
        // The place is free again, and the withdrawn candidate may be nominated once more.
        try f.db.nominate(candidateId: "T-3", year: VotingFixture.year, overrideReason: "lý do")
        #expect(try f.db.auditVerify().isIntact)
    }

    @Test func withdrawRefusalsChangeNothing() throws {
        let f = try VotingFixture.make(candidateCount: 2)
        let before = try f.snapshot()
        #expect(refusal { try f.db.withdrawNomination(candidateId: "T-1", year: VotingFixture.year, reason: " \n") } == .emptyReason)
        #expect(refusal { try f.db.withdrawNomination(candidateId: "T-1", year: VotingFixture.year + 1, reason: "x") }
                    == .notNominated(candidate: "T-1", year: VotingFixture.year + 1))
        #expect(try f.snapshot() == before)
        #expect(VotingError.emptyReason.exitCode == 65)
    }

    @Test func aRowDeletedWithoutTheProgramIsStillCaught() throws {
        let f = try VotingFixture.make(candidateCount: 2)
        try f.db.write { try $0.execute(sql: "DELETE FROM nomination WHERE candidate_id = 'T-1'") }
        #expect(try !f.db.auditVerify().isIntact)
    }
}
