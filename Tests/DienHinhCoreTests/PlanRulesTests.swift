import DienHinhCore
import Testing

@Suite struct PlanRulesTests {
    @Test func registrationDeadline() {
        #expect(RegistrationRule.timing(of: "2017-05-02") == .onTime)
        #expect(RegistrationRule.timing(of: "2017-05-20") == .onTime)
        #expect(RegistrationRule.timing(of: "2017-05-21") == .late)
        #expect(RegistrationRule.timing(of: "2018-01-10") == .late)
    }

    @Test func milestoneArguments() {
        #expect(Milestone(argument: "11/06/2018:Sơ kết") == Milestone(date: "2018-06-11", text: "Sơ kết"))
        #expect(Milestone(argument: "2019-12-01: Báo cáo: tổng kết") == Milestone(date: "2019-12-01", text: "Báo cáo: tổng kết"))
        #expect(Milestone(argument: "31/02/2018:x") == nil)
        #expect(Milestone(argument: "no date") == nil)
    }

    @Test func phasesAndDates() {
        let phases = [PlanPhase(number: 1, firstYear: 2017, lastYear: 2017, title: BilingualText(vi: "1", en: "1")),
                      PlanPhase(number: 2, firstYear: 2018, lastYear: 2019, title: BilingualText(vi: "2", en: "2")),
                      PlanPhase(number: 3, firstYear: 2020, lastYear: 2020, title: BilingualText(vi: "3", en: "3"))]
        let keys = [KeyDate(id: "a", date: "2017-05-20", title: BilingualText(vi: "a", en: "a")),
                    KeyDate(id: "b", date: "2018-06-11", title: BilingualText(vi: "b", en: "b"))]
        let plan = PlanDefinition(title: BilingualText(vi: "", en: ""), phases: phases, activities: [], keyDates: keys,
                                  registrationDeadline: "2017-05-20", ahldTargetCount: 2, ahldTargetYear: 2020)
        #expect(plan.phase(forYear: 2016) == nil)
        #expect(plan.phase(forYear: 2019)?.number == 2)
        #expect(plan.phase(forYear: 2023)?.number == 3)
        #expect(plan.nextDeadline(after: "2017-05-21")?.date == "2018-06-11")
        #expect(plan.nextDeadline(after: "2018-06-12") == nil)
        #expect(PlanDefinition.referenceDate(reviewYear: 2018, today: "2025-03-01") == "2018-12-31")
        #expect(PlanDefinition.referenceDate(reviewYear: 2018, today: "2018-03-01") == "2018-03-01")
        #expect(ISODate.days(from: "2017-05-01", to: "2017-05-20") == 19)
        #expect(ISODate.days(from: "2019-12-31", to: "2020-03-01") == 61)
    }

    func collective(_ id: String, _ name: String) -> Candidate {
        Candidate(id: id, kind: .collective, name: name, unitCode: "VKST.01", internallyUnited: true, orgsCleanStrong: true)
    }

    @Test func readinessRanksOrdersThenFlags() {
        let a = collective("A", "Phòng A")
        let b = collective("B", "Phòng B")
        let c = collective("C", "Phòng C")
        let hero = collective("H", "Đã là Anh hùng")
        let ra = AHLDReadiness.evaluate(a, records: [
            Achievement(candidateId: "A", year: 2015, type: .HCLD, awardClass: 2),
            Achievement(candidateId: "A", year: 2013, type: .HCLD, awardClass: 3),
            Achievement(candidateId: "A", year: 2016, type: .CO_CP),
            Achievement(candidateId: "A", year: 2014, type: .CO_NGANH),
            Achievement(candidateId: "A", year: 2015, type: .CO_KHOI),
        ], year: 2020)!
        #expect(ra.factors.contains(.labourOrder(awardClass: 2, year: 2015)))
        #expect(ra.factors.contains(.consecutiveFlags(years: 3, from: 2014, to: 2016)))
        let rb = AHLDReadiness.evaluate(b, records: [
            Achievement(candidateId: "B", year: 2018, type: .VUOT_CHI_TIEU),
            Achievement(candidateId: "B", year: 2019, type: .VUOT_CHI_TIEU),
        ], year: 2020)!
        #expect(rb.factors == [.overTargetYears(count: 2)])
        // Records after the review year do not count.
        #expect(AHLDReadiness.evaluate(c, records: [Achievement(candidateId: "C", year: 2021, type: .HCDL, awardClass: 1)], year: 2020) == nil)
        #expect(AHLDReadiness.evaluate(hero, records: [Achievement(candidateId: "H", year: 2010, type: .AHLD)], year: 2020) == nil)
        #expect(AHLDReadiness.rank([rb, ra]).map(\.candidate.id) == ["A", "B"])
        let words = ra.explanation { key, args in ([key] + args).joined(separator: ",") }
        #expect(words.contains("ahld.why.hcld,2,2015"))
    }

    @Test func targetProgressCountsDistinctCollectives() {
        func p(_ id: String, _ year: Int, _ o: ProposalOutcome, award: AwardCode = .AHLD, kind: CandidateKind = .collective) -> Proposal {
            Proposal(candidateId: id, award: award, year: year, outcome: o, name: id, kind: kind, unitCode: "VKST.01")
        }
        let t = AHLDTargetProgress(proposals: [p("A", 2019, .rejected), p("A", 2020, .pending), p("B", 2020, .approved),
                                               p("B", 2019, .pending), p("C", 2020, .rejected), p("D", 2021, .pending),
                                               p("E", 2020, .pending, award: .HCLD), p("F", 2020, .pending, kind: .individual)],
                                   target: 2, byYear: 2020, closest: [])
        #expect(t.count == 2)
        #expect(t.approved == 1)
        #expect(t.met)
        #expect(t.rejected.map(\.candidateId) == ["C"])
        let none = AHLDTargetProgress(proposals: [p("C", 2020, .rejected)], target: 2, byYear: 2020, closest: [])
        #expect(none.count == 0 && !none.met)
    }
}
