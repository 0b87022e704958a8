import Foundation
import Testing
@testable import DienHinhCore
@testable import DienHinhDemo

/// Issue 14: two copies of one decision are one achievement.
@Suite struct EvidenceIdentityTests {
    let person = Candidate(id: "CN-1", kind: .individual, name: "Nguyễn Văn Đức", unitCode: "VKST.40", compliesWithPolicy: true)

    func initiative(_ year: Int, no: String?, date: String? = nil, note: String? = nil) -> Achievement {
        Achievement(candidateId: "CN-1", year: year, type: .SANG_KIEN, decisionNo: no, decisionDate: date,
                    issuer: "Viện trưởng VKSND tỉnh Nghệ An", note: note)
    }

    func sustained(_ initiatives: [Achievement]) -> Verdict {
        let records = [Achievement(candidateId: "CN-1", year: 2018, type: .HTXSNV, decisionNo: "10/QĐ-VKS"),
                       Achievement(candidateId: "CN-1", year: 2019, type: .HTXSNV, decisionNo: "11/QĐ-VKS"),
                       Achievement(candidateId: "CN-1", year: 2017, type: .DOAN_THE, decisionNo: "5/QĐ-CĐ")] + initiatives
        return EligibilityEngine().verdict(for: CandidateHistory(candidate: person, achievements: records), year: 2019,
                                           context: .empty)
    }

    @Test func twoCopiesOfOneDecisionCountOnceAndSaySo() {
        let v = sustained([initiative(2019, no: "562/QĐ-VKS"), initiative(2019, no: "562/QĐ-VKS")])
        #expect(!v.eligible)
        #expect(v.line(.individualSustained)?.finding == .sustained(runEndingInYear: 2, needRun: 2, initiatives: 1,
                                                                     needInitiatives: 2, massOrgOrPrize: true))
        #expect(v.copies == [RecordCopies(type: .SANG_KIEN, year: 2019, decisionNo: "562/QĐ-VKS", decisionDate: nil, count: 2)])
    }

    @Test func theNumberAsTypedDiffersOnlyInSpacesAndCase() {
        let v = sustained([initiative(2019, no: "562/QĐ-VKS"), initiative(2019, no: " 562 / qđ-vks")])
        #expect(v.copies.first?.count == 2)
        #expect(!v.eligible)
    }

    @Test func twoDecisionsAreTwoAchievements() {
        let v = sustained([initiative(2019, no: "562/QĐ-VKS"), initiative(2019, no: "563/QĐ-VKS")])
        #expect(v.eligible)
        #expect(v.copies.isEmpty)
    }

    @Test func withoutANumberTheDateIdentifies() {
        let same = sustained([initiative(2019, no: nil, date: "2019-05-02"), initiative(2019, no: nil, date: "2019-05-02")])
        #expect(!same.eligible)
        #expect(same.copies.first?.decisionDate == "2019-05-02")
        let other = sustained([initiative(2019, no: nil, date: "2019-05-02"), initiative(2019, no: nil, date: "2019-06-02")])
        #expect(other.eligible)
    }

    /// Neither number nor date: nothing says they are one, so both count (the secretariat is shown them by check-data).
    @Test func recordsWithoutADecisionAreNotMergedSilently() {
        let v = sustained([initiative(2019, no: nil), initiative(2019, no: nil)])
        #expect(v.eligible)
        #expect(v.copies.isEmpty)
    }

    @Test func theIdentityIsCandidateTypeYearClassAndDecision() {
        let a = initiative(2019, no: "1/QĐ")
        var b = a; b.year = 2018
        var c = a; c.candidateId = "CN-2"
        var d = a; d.awardClass = 1
        var e = a; e.note = "khác"
        #expect(a.identity != b.identity && a.identity != c.identity && a.identity != d.identity)
        #expect(a.identity == e.identity && !a.isCopy(of: e) && a.isCopy(of: a))
    }

    @Test func theDemoHoldsNoAccidentalCopies() {
        let demo = DemoData.generate(units: DemoTestUnits.handful, scale: .sector)
        var seen = Set<AchievementIdentity>()
        let copies = demo.achievements.compactMap(\.identity).filter { !seen.insert($0).inserted }
        #expect(copies.isEmpty)
    }
}
