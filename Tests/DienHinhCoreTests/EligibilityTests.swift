import Foundation
import Testing
@testable import DienHinhCore

// MARK: - Builders

private let Y = 2019
private let unit = "VKST.40"

private func person(_ id: String = "CN-1", unit: String = unit, leader: Bool = false, complies: Bool = true,
                    collectiveId: String? = nil) -> Candidate {
    Candidate(id: id, kind: .individual, name: "Nguyễn Văn \(id)", unitCode: unit, isLeader: leader,
              compliesWithPolicy: complies, collectiveId: collectiveId)
}

private func team(_ id: String = "TT-1", unit: String = unit, complies: Bool = true, united: Bool = true,
                  clean: Bool = true) -> Candidate {
    Candidate(id: id, kind: .collective, name: "Phòng \(id) – VKSND tỉnh Nghệ An", unitCode: unit,
              compliesWithPolicy: complies, internallyUnited: united, orgsCleanStrong: clean)
}

private func rec(_ owner: String, _ year: Int, _ type: AwardCode, cls: Int? = nil, proposed: AwardCode? = nil,
                 no: String? = nil) -> Achievement {
    Achievement(candidateId: owner, year: year, type: type, awardClass: cls, proposedAward: proposed, decisionNo: no)
}

/// A history whose records all belong to the candidate.
private func history(_ c: Candidate, _ records: [(Int, AwardCode)]) -> CandidateHistory {
    CandidateHistory(candidate: c, achievements: records.map { rec(c.id, $0.0, $0.1) })
}

private func check(_ h: CandidateHistory, year: Int = Y, parameters: EligibilityParameters = .plan,
                   others: [CandidateHistory] = []) -> Verdict {
    EligibilityEngine(parameters: parameters)
        .verdict(for: h, year: year, context: EligibilityContext(histories: [h] + others))
}

/// The option clauses (1..7 / 1..4) that came out met.
private func metOptions(_ v: Verdict) -> [Clause] {
    v.clauses.filter {
        $0.met && ![.individualBase, .individualLeader, .collectiveBase].contains($0.clause)
    }.map(\.clause)
}

/// Checks `h` (the plan's rules, year 2019, no others) and expects it eligible by `option` alone: of the option
/// clauses, only that one is met. Returns the verdict.
@discardableResult
private func passesAlone(_ h: CandidateHistory, _ option: Clause, sourceLocation: SourceLocation = #_sourceLocation) -> Verdict {
    let v = check(h)
    #expect(v.eligible, sourceLocation: sourceLocation)
    #expect(metOptions(v) == [option], sourceLocation: sourceLocation)
    return v
}

private func line(_ v: Verdict, _ c: Clause) -> ClauseResult {
    guard let l = v.line(c) else {
        Issue.record("no line \(c.rawValue)")
        return ClauseResult(clause: c, met: false, finding: .found)
    }
    return l
}

// MARK: - Individual: each option alone

@Test func labourOrderAlonePasses() {
    let c = person()
    let v = passesAlone(CandidateHistory(candidate: c, achievements: [rec(c.id, 2016, .HCLD, cls: 3, no: "123/QĐ-CTN")]), .individualLabourOrder)
    #expect(line(v, .individualLabourOrder).evidence == [Evidence(type: .HCLD, year: 2016, awardClass: 3,
                                                                   decisionNo: "123/QĐ-CTN")])
    #expect(line(v, .individualLabourOrder).finding == .found)
}

@Test func primeMinisterCertificateAlonePasses() {
    let v = passesAlone(history(person(), [(2017, .BK_TTG)]), .individualPrimeMinister)
    #expect(line(v, .individualPrimeMinister).evidence == [Evidence(type: .BK_TTG, year: 2017)])
}

@Test(arguments: [AwardCode.BK_VKSTC, .BK_UBND, .BK_DOANTHE])
func certificateAlonePasses(type: AwardCode) {
    let v = passesAlone(history(person(), [(2018, type)]), .individualCertificate)
    #expect(line(v, .individualCertificate).evidence == [Evidence(type: type, year: 2018)])
}

@Test func nationalFighterAlonePasses() {
    passesAlone(history(person(), [(2015, .CSTD_TQ)]), .individualNationalFighter)
}

@Test func sectorFighterAlonePasses() {
    passesAlone(history(person(), [(2019, .CSTD_NGANH)]), .individualSectorFighter)
}

@Test(arguments: [AwardCode.DOAN_THE, .GIAI_THUONG])
func sustainedAlonePasses(org: AwardCode) {
    let v = passesAlone(history(person(), [(2017, .HTXSNV), (2018, .HTXSNV), (2019, .HTXSNV),
                                           (2016, .SANG_KIEN), (2019, .SANG_KIEN), (2018, org), (2015, .CSTD_CS)]), .individualSustained)
    let l = line(v, .individualSustained)
    #expect(l.finding == .sustained(runEndingInYear: 3, needRun: 2, initiatives: 2, needInitiatives: 2,
                                    massOrgOrPrize: true))
    #expect(l.evidence == [
        Evidence(type: .HTXSNV, year: 2017), Evidence(type: .HTXSNV, year: 2018), Evidence(type: .HTXSNV, year: 2019),
        Evidence(type: .SANG_KIEN, year: 2016), Evidence(type: .SANG_KIEN, year: 2019),
        Evidence(type: org, year: 2018),
    ])
}

@Test(arguments: [AwardCode.HCLD, .BK_TTG, .BK_VKSTC])
func oneOffAlonePasses(proposed: AwardCode) {
    let c = person()
    let v = passesAlone(CandidateHistory(candidate: c, achievements: [rec(c.id, 2019, .DOT_XUAT, proposed: proposed)]), .individualOneOff)
    #expect(line(v, .individualOneOff).evidence == [Evidence(type: .DOT_XUAT, year: 2019, proposedAward: proposed)])
}

@Test func noQualifyingRecordIsIneligibleAndEveryOptionSaysWhatWasMissing() {
    let v = check(history(person(), [(2019, .CSTD_CS), (2019, .HTXSNV), (2018, .KY_LUAT)]))
    #expect(!v.eligible)
    #expect(metOptions(v).isEmpty)
    #expect(line(v, .individualBase).met)
    #expect(line(v, .individualLabourOrder).finding == .noneHeld(types: [.HCLD]))
    #expect(line(v, .individualCertificate).finding == .noneHeld(types: [.BK_VKSTC, .BK_UBND, .BK_DOANTHE]))
    #expect(line(v, .individualLeader).met)
    #expect(line(v, .individualLeader).finding == .notApplicable)
}

// MARK: - 1.2a.6 boundaries

private func sustainedCandidate(htxsnv: [Int], initiatives: Int = 2, org: Bool = true) -> CandidateHistory {
    var records = htxsnv.map { ($0, AwardCode.HTXSNV) }
    records += (0..<initiatives).map { (2015 + $0, AwardCode.SANG_KIEN) }
    if org { records.append((2016, .DOAN_THE)) }
    return history(person(), records)
}

/// Checks `h` and expects it ineligible, its sustained-work line finding a run of ratings ending `run` years into the
/// review, `initiatives` initiatives (two of each needed) and a mass-organisation award or prize or not. Returns the line.
@discardableResult
private func failsSustained(_ h: CandidateHistory, run: Int, initiatives: Int = 2, massOrgOrPrize: Bool = true,
                            sourceLocation: SourceLocation = #_sourceLocation) -> ClauseResult {
    let v = check(h)
    #expect(!v.eligible, sourceLocation: sourceLocation)
    let l = line(v, .individualSustained)
    #expect(l.finding == .sustained(runEndingInYear: run, needRun: 2, initiatives: initiatives, needInitiatives: 2,
                                    massOrgOrPrize: massOrgOrPrize), sourceLocation: sourceLocation)
    return l
}

@Test func sustainedOneYearShortFails() {
    #expect(!failsSustained(sustainedCandidate(htxsnv: [2019]), run: 1).met)
}

@Test func gapYearBreaksTheRun() {
    let l = failsSustained(sustainedCandidate(htxsnv: [2016, 2017, 2019]), run: 1)
    // Only the run's rating is cited, not the ratings before the gap.
    #expect(l.evidence.filter { $0.type == .HTXSNV } == [Evidence(type: .HTXSNV, year: 2019)])
}

@Test func runEndingTheYearBeforeDoesNotCount() {
    let l = failsSustained(sustainedCandidate(htxsnv: [2016, 2017, 2018]), run: 0)
    #expect(l.evidence.allSatisfy { $0.type != .HTXSNV })
    // The same history reviewed in 2018 passes.
    #expect(check(sustainedCandidate(htxsnv: [2016, 2017, 2018]), year: 2018).eligible)
}

@Test func oneInitiativeShortFails() {
    failsSustained(sustainedCandidate(htxsnv: [2018, 2019], initiatives: 1), run: 2, initiatives: 1)
}

@Test func missingMassOrganisationOrPrizeFails() {
    failsSustained(sustainedCandidate(htxsnv: [2018, 2019], initiatives: 5, org: false), run: 2, initiatives: 5, massOrgOrPrize: false)
}

@Test func initiativesAfterTheReviewYearDoNotCount() {
    let c = person()
    let h = CandidateHistory(candidate: c, achievements: [
        rec(c.id, 2018, .HTXSNV), rec(c.id, 2019, .HTXSNV), rec(c.id, 2019, .SANG_KIEN),
        rec(c.id, 2020, .SANG_KIEN), rec(c.id, 2020, .HTXSNV), rec(c.id, 2017, .GIAI_THUONG),
    ])
    failsSustained(h, run: 2, initiatives: 1)
    #expect(check(h, year: 2020).eligible)
}

@Test func unorderedInputAndDuplicateRatingsAreHandled() {
    let c = person()
    let h = CandidateHistory(candidate: c, achievements: [
        rec(c.id, 2019, .HTXSNV, no: "b"), rec(c.id, 2017, .SANG_KIEN), rec(c.id, 2018, .HTXSNV),
        rec(c.id, 2019, .HTXSNV, no: "a"), rec(c.id, 2014, .SANG_KIEN), rec(c.id, 2016, .HTXSNV),
        rec(c.id, 2019, .GIAI_THUONG), rec(c.id, 2012, .DOAN_THE),
    ])
    let v = check(h)
    #expect(v.eligible)
    let l = line(v, .individualSustained)
    #expect(l.finding == .sustained(runEndingInYear: 2, needRun: 2, initiatives: 2, needInitiatives: 2,
                                    massOrgOrPrize: true))
    #expect(l.evidence == [
        Evidence(type: .HTXSNV, year: 2018), Evidence(type: .HTXSNV, year: 2019, decisionNo: "b"),
        Evidence(type: .HTXSNV, year: 2019, decisionNo: "a"),
        Evidence(type: .SANG_KIEN, year: 2014), Evidence(type: .SANG_KIEN, year: 2017),
        Evidence(type: .DOAN_THE, year: 2012), Evidence(type: .GIAI_THUONG, year: 2019),
    ])
}

// MARK: - 1.2a.7 boundaries

@Test(arguments: [AwardCode?.some(.BK_UBND), .some(.CSTD_TQ), nil])
func oneOffForANonQualifyingAwardFails(proposed: AwardCode?) {
    let c = person()
    let v = check(CandidateHistory(candidate: c, achievements: [rec(c.id, 2019, .DOT_XUAT, proposed: proposed)]))
    #expect(!v.eligible)
    let l = line(v, .individualOneOff)
    #expect(!l.met)
    #expect(l.finding == .noneHeld(types: [.DOT_XUAT]))
    // The record is cited so the reader sees what it was proposed for.
    #expect(l.evidence == [Evidence(type: .DOT_XUAT, year: 2019, proposedAward: proposed)])
}

// MARK: - Review year, base

@Test func recordAfterTheReviewYearIsIgnored() {
    let h = history(person(), [(2020, .HCLD)])
    let v = check(h)
    #expect(!v.eligible)
    #expect(!line(v, .individualLabourOrder).met)
    #expect(line(v, .individualLabourOrder).evidence.isEmpty)
    #expect(check(h, year: 2020).eligible)
}

@Test func baseFalseMakesIneligibleEvenWithAwards() {
    let v = check(history(person(complies: false), [(2016, .HCLD), (2017, .BK_TTG), (2018, .CSTD_TQ)]))
    #expect(!v.eligible)
    #expect(!line(v, .individualBase).met)
    #expect(line(v, .individualBase).finding == .attested(missing: ["complies_with_policy"]))
    #expect(metOptions(v) == [.individualLabourOrder, .individualPrimeMinister, .individualNationalFighter])
}

@Test func collectiveBaseNamesEachMissingAttestation() {
    let v = check(history(team(united: false, clean: false), [(2010, .AHLD)]))
    #expect(!v.eligible)
    #expect(line(v, .collectiveBase).finding == .attested(missing: ["internally_united", "orgs_clean_strong"]))
    let w = check(history(team(complies: false), [(2010, .AHLD)]))
    #expect(!w.eligible)
    #expect(line(w, .collectiveBase).finding == .attested(missing: ["complies_with_policy"]))
    let ok = check(history(team(), [(2010, .AHLD)]))
    #expect(ok.eligible)
    #expect(line(ok, .collectiveBase).finding == .attested(missing: []))
}

@Test func clausesAreListedInOrder() {
    let i = check(history(person(), []))
    #expect(i.clauses.map(\.clause) == Clause.individual)
    let c = check(history(team(), []))
    #expect(c.clauses.map(\.clause) == Clause.collective)
    #expect(i.kind == .individual && c.kind == .collective && i.year == Y)
}

// MARK: - Collective: each option alone

private func collectiveYearHistory(_ c: Candidate = team()) -> CandidateHistory {
    history(c, [(2019, .VUOT_CHI_TIEU), (2019, .SANG_KIEN), (2018, .VUOT_CHI_TIEU)])
}

@Test func collectiveYearAlonePasses() {
    let v = passesAlone(collectiveYearHistory(), .collectiveYear)
    let l = line(v, .collectiveYear)
    #expect(l.finding == .yearRecord(exceededTargets: true, initiatives: 1, disciplined: 0))
    #expect(l.evidence == [Evidence(type: .VUOT_CHI_TIEU, year: 2019), Evidence(type: .SANG_KIEN, year: 2019)])
}

@Test func collectiveHeroAlonePasses() {
    passesAlone(history(team(), [(2005, .AHLD)]), .collectiveHero)
}

@Test(arguments: [AwardCode.HCDL, .HCLD])
func collectiveOrderAlonePasses(type: AwardCode) {
    let c = team()
    let v = passesAlone(CandidateHistory(candidate: c, achievements: [rec(c.id, 2014, type, cls: 2)]), .collectiveOrder)
    #expect(line(v, .collectiveOrder).evidence == [Evidence(type: type, year: 2014, awardClass: 2)])
}

@Test func collectiveFlagsAlonePassAnyFlagCounts() {
    let v = passesAlone(history(team(), [(2015, .CO_CP), (2016, .CO_KHOI), (2012, .CO_NGANH)]), .collectiveFlags)
    let l = line(v, .collectiveFlags)
    #expect(l.finding == .flagRun(longest: 2, need: 2, windowStart: 2011, windowEnd: 2016))
    #expect(l.evidence == [Evidence(type: .CO_CP, year: 2015), Evidence(type: .CO_KHOI, year: 2016)])
}

// MARK: - 1.2b.1 boundaries

@Test func collectiveYearFailsWithOneDisciplinedColleagueThatYear() {
    let c = team()
    let colleague = CandidateHistory(candidate: person("CN-7"),
                                     achievements: [rec("CN-7", 2019, .KY_LUAT, no: "45/QĐ-VKS")])
    let v = check(collectiveYearHistory(c), others: [colleague])
    #expect(!v.eligible)
    let l = line(v, .collectiveYear)
    #expect(!l.met)
    #expect(l.finding == .yearRecord(exceededTargets: true, initiatives: 1, disciplined: 1))
    #expect(l.evidence.contains(Evidence(type: .KY_LUAT, year: 2019, decisionNo: "45/QĐ-VKS", candidateId: "CN-7")))
}

@Test func disciplineInAnotherYearOrAnotherUnitDoesNotMatter() {
    let lastYear = CandidateHistory(candidate: person("CN-7"), achievements: [rec("CN-7", 2018, .KY_LUAT)])
    let nextYear = CandidateHistory(candidate: person("CN-8"), achievements: [rec("CN-8", 2020, .KY_LUAT)])
    let elsewhere = CandidateHistory(candidate: person("CN-9", unit: "VKST.01"),
                                     achievements: [rec("CN-9", 2019, .KY_LUAT)])
    let v = check(collectiveYearHistory(), others: [lastYear, nextYear, elsewhere])
    #expect(v.eligible)
    #expect(line(v, .collectiveYear).finding == .yearRecord(exceededTargets: true, initiatives: 1, disciplined: 0))
    #expect(line(v, .collectiveYear).evidence.allSatisfy { $0.type != .KY_LUAT })
}

@Test func collectiveYearNeedsBothRecordsInTheReviewYear() {
    let noTargets = check(history(team(), [(2018, .VUOT_CHI_TIEU), (2019, .SANG_KIEN)]))
    #expect(!noTargets.eligible)
    #expect(line(noTargets, .collectiveYear).finding == .yearRecord(exceededTargets: false, initiatives: 1,
                                                                     disciplined: 0))
    let noInitiative = check(history(team(), [(2019, .VUOT_CHI_TIEU), (2018, .SANG_KIEN)]))
    #expect(!noInitiative.eligible)
    #expect(line(noInitiative, .collectiveYear).finding == .yearRecord(exceededTargets: true, initiatives: 0,
                                                                        disciplined: 0))
}

// MARK: - 1.2b.4 boundaries

@Test func flagRunStraddling2016And2017CountsOneYear() {
    let v = check(history(team(), [(2016, .CO_NGANH), (2017, .CO_NGANH), (2018, .CO_CP)]))
    #expect(!v.eligible)
    let l = line(v, .collectiveFlags)
    #expect(!l.met)
    #expect(l.finding == .flagRun(longest: 1, need: 2, windowStart: 2011, windowEnd: 2016))
    #expect(l.evidence == [Evidence(type: .CO_NGANH, year: 2016)])
}

@Test func flagRunBeforeTheWindowCountsOnlyFrom2011() {
    let v = check(history(team(), [(2009, .CO_KHOI), (2010, .CO_KHOI), (2011, .CO_KHOI)]))
    #expect(!v.eligible)
    #expect(line(v, .collectiveFlags).finding == .flagRun(longest: 1, need: 2, windowStart: 2011, windowEnd: 2016))
}

@Test func flagGapBreaksTheRunAndFutureFlagsAreIgnored() {
    let gap = check(history(team(), [(2012, .CO_CP), (2014, .CO_NGANH), (2016, .CO_KHOI)]))
    #expect(!gap.eligible)
    #expect(line(gap, .collectiveFlags).finding == .flagRun(longest: 1, need: 2, windowStart: 2011, windowEnd: 2016))
    let h = history(team(), [(2015, .CO_CP), (2016, .CO_CP)])
    #expect(!check(h, year: 2015).eligible)
    #expect(check(h, year: 2016).eligible)
}

// MARK: - 1.2a.leader

@Test func leaderOfAUnitWhoseCollectiveFailsBecauseOfDisciplineIsIneligible() {
    let boss = history(person("CN-1", leader: true), [(2016, .HCLD)])
    let colleague = CandidateHistory(candidate: person("CN-7"),
                                     achievements: [rec("CN-7", 2019, .KY_LUAT, no: "45/QĐ-VKS")])
    let collective = collectiveYearHistory(team("TT-1"))
    let v = check(boss, others: [colleague, collective])
    #expect(!v.eligible)
    #expect(metOptions(v) == [.individualLabourOrder])
    let l = line(v, .individualLeader)
    #expect(!l.met)
    #expect(l.finding == .leaderCollective(
        collectiveId: "TT-1", name: "Phòng TT-1 – VKSND tỉnh Nghệ An", eligible: false,
        failedClauses: [.collectiveYear, .collectiveHero, .collectiveOrder, .collectiveFlags]))
    #expect(l.evidence == [
        Evidence(type: .VUOT_CHI_TIEU, year: 2019, candidateId: "TT-1"),
        Evidence(type: .SANG_KIEN, year: 2019, candidateId: "TT-1"),
        Evidence(type: .KY_LUAT, year: 2019, decisionNo: "45/QĐ-VKS", candidateId: "CN-7"),
    ])
}

@Test func leaderWhoseCollectiveIsEligiblePasses() {
    let boss = history(person("CN-1", leader: true), [(2016, .HCLD)])
    let v = check(boss, others: [collectiveYearHistory(team("TT-1"))])
    #expect(v.eligible)
    let l = line(v, .individualLeader)
    #expect(l.met)
    #expect(l.finding == .leaderCollective(collectiveId: "TT-1", name: "Phòng TT-1 – VKSND tỉnh Nghệ An",
                                           eligible: true,
                                           failedClauses: [.collectiveHero, .collectiveOrder, .collectiveFlags]))
    #expect(l.evidence == [Evidence(type: .VUOT_CHI_TIEU, year: 2019, candidateId: "TT-1"),
                           Evidence(type: .SANG_KIEN, year: 2019, candidateId: "TT-1")])
}

@Test func leaderWithNoCollectiveRecordIsIneligibleAndSaysSo() {
    let boss = history(person("CN-1", leader: true), [(2016, .HCLD)])
    let otherUnit = history(team("TT-9", unit: "VKST.01"), [(2005, .AHLD)])
    let v = check(boss, others: [otherUnit])
    #expect(!v.eligible)
    #expect(!line(v, .individualLeader).met)
    #expect(line(v, .individualLeader).finding == .noCollectiveRecord(unitCode: unit))
    #expect(line(v, .individualLeader).evidence.isEmpty)
}

@Test func leaderCollectiveIsExplicitIdElseFirstOfTheUnitById() {
    let failing = history(team("TT-1"), [])
    let passing = history(team("TT-2"), [(2005, .AHLD)])
    let elsewhere = history(team("TT-0", unit: "VKST.01"), [(2005, .AHLD)])
    // Several in the unit: the first by id (TT-1), whatever the input order.
    let byUnit = check(history(person("CN-1", leader: true), [(2016, .HCLD)]), others: [passing, failing])
    #expect(!byUnit.eligible)
    if case .leaderCollective(let id, _, let eligible, _) = line(byUnit, .individualLeader).finding {
        #expect(id == "TT-1" && !eligible)
    } else { Issue.record("expected leaderCollective") }
    // An explicit collectiveId wins, even across units.
    let explicit = check(history(person("CN-1", leader: true, collectiveId: "TT-0"), [(2016, .HCLD)]),
                         others: [failing, passing, elsewhere])
    #expect(explicit.eligible)
    #expect(line(explicit, .individualLeader).evidence == [Evidence(type: .AHLD, year: 2005, candidateId: "TT-0")])
    // An unknown collectiveId falls back to the unit.
    let unknown = check(history(person("CN-1", leader: true, collectiveId: "TT-404"), [(2016, .HCLD)]),
                        others: [passing])
    #expect(unknown.eligible)
}

@Test func leaderFailingBaseClauseOfTheCollectiveIsNamed() {
    let boss = history(person("CN-1", leader: true), [(2016, .HCLD)])
    let v = check(boss, others: [history(team("TT-1", united: false), [(2005, .AHLD)])])
    #expect(!v.eligible)
    #expect(line(v, .individualLeader).finding == .leaderCollective(
        collectiveId: "TT-1", name: "Phòng TT-1 – VKSND tỉnh Nghệ An", eligible: false,
        failedClauses: [.collectiveBase, .collectiveYear, .collectiveOrder, .collectiveFlags]))
}

// MARK: - Parameters

@Test func changedParametersChangeTheResultAndAppearInTheVerdict() {
    let two = sustainedCandidate(htxsnv: [2018, 2019], initiatives: 1)
    let three = sustainedCandidate(htxsnv: [2017, 2018, 2019], initiatives: 1)
    #expect(!check(two).eligible)                                  // M = 2: one initiative short
    #expect(check(two, parameters: EligibilityParameters(minInitiatives: 1)).eligible)
    let strict = EligibilityParameters(consecutiveYears: 3, minInitiatives: 1)
    let v = check(two, parameters: strict)
    #expect(!v.eligible)                                           // N = 3: one year short
    #expect(v.parameters == strict)
    #expect(line(v, .individualSustained).finding == .sustained(runEndingInYear: 2, needRun: 3, initiatives: 1,
                                                                 needInitiatives: 1, massOrgOrPrize: true))
    #expect(check(three, parameters: strict).eligible)
    #expect(check(two).parameters == .plan)
}

@Test func changedFlagParametersChangeTheResult() {
    let h = history(team(), [(2014, .CO_CP), (2015, .CO_CP), (2017, .CO_CP)])
    #expect(check(h).eligible)
    #expect(!check(h, parameters: EligibilityParameters(flagConsecutiveYears: 3)).eligible)
    #expect(check(h, parameters: EligibilityParameters(flagConsecutiveYears: 3, flagWindowEnd: 2017)).eligible == false)
    let wider = EligibilityParameters(flagConsecutiveYears: 1, flagWindowStart: 2017, flagWindowEnd: 2020)
    let v = check(h, parameters: wider)
    #expect(v.eligible)
    #expect(line(v, .collectiveFlags).finding == .flagRun(longest: 1, need: 1, windowStart: 2017, windowEnd: 2020))
    #expect(line(v, .collectiveFlags).evidence == [Evidence(type: .CO_CP, year: 2017)])
}

// MARK: - Context and batch

@Test func batchMatchesSingleVerdictsAndMemberwiseContextMatchesHistories() {
    let boss = history(person("CN-1", leader: true), [(2016, .HCLD)])
    let boss2 = history(person("CN-2", leader: true), [(2017, .BK_TTG)])
    let colleague = CandidateHistory(candidate: person("CN-7"), achievements: [rec("CN-7", 2019, .KY_LUAT)])
    let collective = collectiveYearHistory(team("TT-1"))
    let all = [boss, boss2, colleague, collective]
    let engine = EligibilityEngine()
    let full = EligibilityContext(histories: all)
    let manual = EligibilityContext(disciplineByUnit: [unit: [rec("CN-7", 2019, .KY_LUAT), rec("CN-7", 2019, .HCLD)]],
                                    collectives: [collective, boss])
    let batch = engine.verdicts(for: all, year: Y, context: full)
    #expect(batch.map(\.candidateId) == ["CN-1", "CN-2", "CN-7", "TT-1"])
    #expect(batch == all.map { engine.verdict(for: $0, year: Y, context: full) })
    #expect(batch == engine.verdicts(for: all, year: Y, context: manual))
    #expect(batch.map(\.eligible) == [false, false, false, false])
    #expect(full.discipline(unitCode: unit, year: 2019).map(\.candidateId) == ["CN-7"])
    #expect(manual.discipline(unitCode: unit, year: 2019).count == 1)
    #expect(manual.collectives(unitCode: unit).map(\.candidate.id) == ["TT-1"])
    #expect(EligibilityContext.empty.leaderCollective(for: boss.candidate) == nil)
}

// MARK: - JSON

@Test func jsonMatchesTheCheckContract() throws {
    let boss = CandidateHistory(candidate: person("CN-1", leader: true), achievements: [
        rec("CN-1", 2016, .HCLD, cls: 3, no: "123/QĐ-CTN"), rec("CN-1", 2019, .DOT_XUAT, proposed: .BK_TTG),
    ])
    let colleague = CandidateHistory(candidate: person("CN-7"), achievements: [rec("CN-7", 2019, .KY_LUAT)])
    let collective = collectiveYearHistory(team("TT-1"))
    let params = EligibilityParameters(consecutiveYears: 3, minInitiatives: 1)
    let engine = EligibilityEngine(parameters: params)
    let verdicts = engine.verdicts(for: [boss, collective], year: Y,
                                   context: EligibilityContext(histories: [boss, colleague, collective]))
    let data = try VerdictJSON.encode(verdicts)
    let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    #expect(array.count == 2)
    let v = array[0]
    #expect(Set(v.keys) == ["id", "kind", "year", "eligible", "parameters", "clauses"])
    #expect(v["id"] as? String == "CN-1")
    #expect(v["kind"] as? String == "individual")
    #expect(v["year"] as? Int == 2019)
    #expect(v["eligible"] as? Bool == false)
    let p = try #require(v["parameters"] as? [String: Any])
    #expect(Set(p.keys) == ["consecutive_years", "min_initiatives", "flag_consecutive_years", "flag_window", "count_predecessors"])
    #expect(p["consecutive_years"] as? Int == 3)
    #expect(p["min_initiatives"] as? Int == 1)
    #expect(p["flag_consecutive_years"] as? Int == 2)
    #expect(p["flag_window"] as? [Int] == [2011, 2016])
    let clauses = try #require(v["clauses"] as? [[String: Any]])
    #expect(clauses.map { $0["clause"] as? String } == Clause.individual.map(\.rawValue))
    for c in clauses { #expect(Set(c.keys) == ["clause", "met", "evidence"]) }
    #expect(clauses[0]["met"] as? Bool == true)
    #expect((clauses[0]["evidence"] as? [Any])?.isEmpty == true)
    let hcld = try #require((clauses[1]["evidence"] as? [[String: Any]])?.first)
    #expect(Set(hcld.keys) == ["type", "year", "class", "decision_no"])
    #expect(hcld["type"] as? String == "HCLD")
    #expect(hcld["year"] as? Int == 2016)
    #expect(hcld["class"] as? Int == 3)
    #expect(hcld["decision_no"] as? String == "123/QĐ-CTN")
    let dotXuat = try #require((clauses[7]["evidence"] as? [[String: Any]])?.first)
    #expect(Set(dotXuat.keys) == ["type", "year", "proposed_award"])
    #expect(dotXuat["proposed_award"] as? String == "BK_TTG")
    let leader = clauses[8]
    #expect(leader["met"] as? Bool == false)
    let leaderEvidence = try #require(leader["evidence"] as? [[String: Any]])
    let kyLuat = try #require(leaderEvidence.first { $0["type"] as? String == "KY_LUAT" })
    #expect(Set(kyLuat.keys) == ["type", "year", "candidate_id"])
    #expect(kyLuat["candidate_id"] as? String == "CN-7")
    let c = array[1]
    #expect(c["kind"] as? String == "collective")
    #expect((c["clauses"] as? [[String: Any]])?.map { $0["clause"] as? String } == Clause.collective.map(\.rawValue))
    // Round trip through the Codable type.
    let decoded = try JSONDecoder().decode([VerdictJSON].self, from: data)
    #expect(decoded == verdicts.map(\.json))
}

// MARK: - Scale

@Test func sectorScaleRunsInOnePassWithoutQuadraticWork() {
    // 18,000 candidates, about 200,000 records, 600 units each with a collective and a leader.
    var histories: [CandidateHistory] = []
    histories.reserveCapacity(18_000)
    let kinds: [AwardCode] = [.HTXSNV, .SANG_KIEN, .DOAN_THE, .CSTD_CS, .BK_UBND, .KY_LUAT, .DOT_XUAT]
    for u in 0..<600 {
        let unitCode = "VKSH.\(u)"
        let c = team("TT-\(u)", unit: unitCode)
        histories.append(CandidateHistory(candidate: c, achievements: (2008...2019).flatMap { y in
            [rec(c.id, y, .VUOT_CHI_TIEU), rec(c.id, y, u % 3 == 0 ? .CO_NGANH : .SANG_KIEN)]
        }))
        for i in 0..<29 {
            let p = person("CN-\(u)-\(i)", unit: unitCode, leader: i == 0)
            var records: [Achievement] = []
            for k in 0..<12 {
                let type = kinds[(u + i + k) % kinds.count]
                if type == .KY_LUAT && (u + i) % 17 != 0 { continue }
                records.append(rec(p.id, 2008 + k, type, proposed: type == .DOT_XUAT ? .BK_VKSTC : nil))
            }
            histories.append(CandidateHistory(candidate: p, achievements: records))
        }
    }
    let records = histories.reduce(0) { $0 + $1.achievements.count }
    #expect(histories.count == 18_000)
    #expect(records > 180_000)
    let clock = ContinuousClock()
    var verdicts: [Verdict] = []
    let elapsed = clock.measure {
        let context = EligibilityContext(histories: histories)
        verdicts = EligibilityEngine().verdicts(for: histories, year: Y, context: context)
    }
    #expect(verdicts.count == histories.count)
    #expect(verdicts.contains { $0.eligible } && verdicts.contains { !$0.eligible })
    // Generous for a debug build on a shared machine; release is far under 200 ms.
    #expect(elapsed < .seconds(20), "took \(elapsed)")
    print("eligibility at sector scale: \(histories.count) candidates, \(records) records, \(elapsed)")
}
