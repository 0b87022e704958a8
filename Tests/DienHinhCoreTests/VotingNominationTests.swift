import Testing
@testable import DienHinhCore

@Suite("Voting: nomination quota (1.4)")
struct VotingNominationTests {
    let a = Nominee(candidateId: "CN-01-0001", kind: .individual, name: "Nguyễn Thị Hồng Nhung")
    let b = Nominee(candidateId: "CN-01-0002", kind: .individual, name: "Trần Văn Đức")
    let c = Nominee(candidateId: "CN-01-0003", kind: .individual, name: "Lê Hoà")
    let t1 = Nominee(candidateId: "TT-01-0001", kind: .collective, name: "Phòng 1 – VKSND thành phố Hà Nội")
    let t2 = Nominee(candidateId: "TT-01-0002", kind: .collective, name: "Phòng 2 – VKSND thành phố Hà Nội")

    @Test func quotaAllowsOneCollectiveAndTwoIndividuals() throws {
        let q = NominationQuota.plan
        #expect(q.limit(for: .collective) == 1)
        #expect(q.limit(for: .individual) == 2)
        try q.check(existing: [], new: a)
        try q.check(existing: [a], new: b)
        try q.check(existing: [a, b], new: t1)
        #expect(q.refusal(existing: [a, t1], new: b) == nil)
    }

    @Test func thirdIndividualRefusedNamingTheTwo() {
        #expect(throws: NominationRefusal.quotaFull(kind: .individual, limit: 2, holders: [a, b])) {
            try NominationQuota.plan.check(existing: [a, t1, b], new: c)
        }
        let refusal = NominationQuota.plan.refusal(existing: [a, t1, b], new: c)
        #expect(refusal?.description ==
            "quota full: at most 2 individual per unit and year, already nominated: Nguyễn Thị Hồng Nhung (CN-01-0001), Trần Văn Đức (CN-01-0002)")
    }

    @Test func secondCollectiveRefused() {
        #expect(throws: NominationRefusal.quotaFull(kind: .collective, limit: 1, holders: [t1])) {
            try NominationQuota.plan.check(existing: [a, t1], new: t2)
        }
    }

    @Test func sameCandidateTwiceRefused() {
        #expect(throws: NominationRefusal.alreadyNominated(candidateId: a.candidateId)) {
            try NominationQuota.plan.check(existing: [a], new: a)
        }
    }

    @Test func ineligibleNeedsWrittenReason() throws {
        #expect(throws: NominationRefusal.notEligible(candidateId: "X")) {
            try NominationCheck.check(candidateId: "X", eligible: false, overrideReason: nil)
        }
        #expect(throws: NominationRefusal.notEligible(candidateId: "X")) {
            try NominationCheck.check(candidateId: "X", eligible: false, overrideReason: "  \n ")
        }
        #expect(try NominationCheck.check(candidateId: "X", eligible: false, overrideReason: "  Thành tích đột xuất  ")
            == "Thành tích đột xuất")
        #expect(try NominationCheck.check(candidateId: "X", eligible: true, overrideReason: nil) == nil)
        #expect(try NominationCheck.check(candidateId: "X", eligible: true, overrideReason: " ") == nil)
    }

    @Test func nominateBuildsTheNomination() throws {
        let n = try NominationCheck.nominate(b, year: 2018, unitCode: "VKST.01", existing: [a], eligible: false,
                                             overrideReason: "Lập công xuất sắc")
        #expect(n == Nomination(candidateId: "CN-01-0002", year: 2018, unitCode: "VKST.01", kind: .individual,
                                overrideReason: "Lập công xuất sắc"))
        let plain = try NominationCheck.nominate(t1, year: 2018, unitCode: "VKST.01", existing: [a, b], eligible: true,
                                                 overrideReason: nil)
        #expect(plain.overrideReason == nil)
        #expect(plain.kind == .collective)
        // The quota is checked before eligibility: a full unit is told so first.
        #expect(throws: NominationRefusal.quotaFull(kind: .individual, limit: 2, holders: [a, b])) {
            try NominationCheck.nominate(c, year: 2018, unitCode: "VKST.01", existing: [a, b], eligible: false,
                                         overrideReason: nil)
        }
    }
}
