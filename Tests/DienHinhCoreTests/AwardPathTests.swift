import Foundation
import Testing
@testable import DienHinhCore

// The award path engine on rule sets built here, so each predicate is held to its boundary whatever the shipped
// data says (those files have their own tests in the store suite).

private let src = LegalSource(document: "ND", article: "Điều 1")
private let docs = ["ND": LegalDocument(vi: "Nghị định thử", en: "Test decree")]

private func person(_ id: String = "CN-1") -> Candidate {
    Candidate(id: id, kind: .individual, name: "Nguyễn Văn Đức", unitCode: "VKST.40")
}

private func records(_ list: [(Int, AwardCode)], cls: Int? = nil, owner: String = "CN-1") -> [Achievement] {
    list.enumerated().map { i, r in
        Achievement(candidateId: owner, year: r.0, type: r.1, awardClass: r.1.hasClasses ? cls : nil, decisionNo: "\(i + 1)/QĐ")
    }
}

private func set(_ rules: [AwardRule], period: String = "P", from: Int = 2017, to: Int? = 2023) -> AwardRuleSet {
    AwardRuleSet(period: period, version: 1, fromYear: from, toYear: to, documents: docs, rules: rules)
}

private func rule(_ award: String, _ reqs: [AwardCondition], kind: CandidateKind = .individual) -> AwardRule {
    AwardRule(award: award, kind: kind, requirements: reqs.map { AwardRequirement($0, source: src) }, source: src)
}

private func step(_ r: AwardRule, _ recs: [Achievement], year: Int) -> AwardStep {
    AwardPathEngine(ruleSet: set([r])).path(for: CandidateHistory(candidate: person(), achievements: recs), year: year)[0]
}

private let threeCS = rule("CSTD_NGANH", [.consecutive(RecordKind(.CSTD_CS), years: 3)])

@Suite("Award path: each predicate at its boundary")
struct AwardPathTests {
    @Test func consecutiveMetAtTheBoundary() {
        let s = step(threeCS, records([(2017, .CSTD_CS), (2018, .CSTD_CS), (2019, .CSTD_CS)]), year: 2019)
        #expect(s.met)
        #expect(s.earliestYear == 2019)
        #expect(s.evidence.map(\.year) == [2017, 2018, 2019])
    }

    @Test func consecutiveOneYearShortSaysWhichYearIsNeeded() {
        let s = step(threeCS, records([(2019, .CSTD_CS), (2020, .CSTD_CS)]), year: 2020)
        #expect(!s.met)
        #expect(s.outcomes[0].shortfall == .run(RecordKind(.CSTD_CS), years: 3, has: [2019, 2020], needs: [2021]))
        #expect(s.earliestYear == 2021)
        #expect(s.evidence.isEmpty)
    }

    @Test func aGapYearBreaksTheRun() {
        let s = step(threeCS, records([(2016, .CSTD_CS), (2018, .CSTD_CS), (2019, .CSTD_CS)]), year: 2019)
        #expect(!s.met)
        #expect(s.outcomes[0].shortfall == .run(RecordKind(.CSTD_CS), years: 3, has: [2018, 2019], needs: [2020]))
        #expect(s.earliestYear == 2020)
    }

    @Test func theReviewYearStillToComeCountsAsTheRunGoingOn() {
        // 2017 and 2018 held, 2019 not yet recorded: reachable in 2019 itself if the 2019 title is granted.
        let s = step(threeCS, records([(2017, .CSTD_CS), (2018, .CSTD_CS)]), year: 2019)
        #expect(!s.met)
        #expect(s.outcomes[0].shortfall == .run(RecordKind(.CSTD_CS), years: 3, has: [2017, 2018], needs: [2019]))
        #expect(s.earliestYear == 2019)
    }

    @Test func noRunMeansNoEarliestYear() {
        let s = step(threeCS, records([(2012, .CSTD_CS)]), year: 2019)
        #expect(!s.met)
        #expect(s.earliestYear == nil)
    }

    @Test func laterRecordsNeverMoveAnEarlierYear() {
        // A 2019 path does not change when 2020 and 2021 records arrive.
        let before = step(threeCS, records([(2018, .CSTD_CS), (2019, .CSTD_CS)]), year: 2019)
        let after = step(threeCS, records([(2018, .CSTD_CS), (2019, .CSTD_CS), (2020, .CSTD_CS), (2021, .CSTD_CS)]), year: 2019)
        #expect(before == after)
    }

    @Test func copiesOfOneDecisionCountOnce() {
        var recs = records([(2019, .SANG_KIEN)])
        recs.append(recs[0])
        let r = rule("CSTD_CS", [.count([RecordKind(.SANG_KIEN)], atLeast: 2, withinYears: 1)])
        let s = step(r, recs, year: 2019)
        #expect(!s.met)
        #expect(s.outcomes[0].shortfall == .count([RecordKind(.SANG_KIEN)], atLeast: 2, withinYears: 1, has: 1))
        #expect(s.earliestYear == nil, "an initiative is not assumed to come")
    }

    @Test func countWithinItsWindow() {
        let r = rule("BK_TTG", [.count([RecordKind(.SANG_KIEN)], atLeast: 2, withinYears: 5)])
        #expect(step(r, records([(2015, .SANG_KIEN), (2019, .SANG_KIEN)]), year: 2019).met)
        #expect(!step(r, records([(2014, .SANG_KIEN), (2019, .SANG_KIEN)]), year: 2019).met)
    }

    @Test func sinceAPriorAwardThenEachYear() {
        let r = rule("HCLD_3", [.since(RecordKind(.BK_TTG), years: 5, eachYear: RecordKind(.HTXSNV))])
        let five = records([(2014, .BK_TTG)] + (2015...2019).map { ($0, AwardCode.HTXSNV) })
        let met = step(r, five, year: 2019)
        #expect(met.met)
        #expect(met.evidence.count == 6)
        let short = step(r, Array(five.dropLast()), year: 2019)
        #expect(!short.met)
        #expect(short.outcomes[0].shortfall == .afterPrior(RecordKind(.BK_TTG), priorYear: 2014, eachYear: RecordKind(.HTXSNV),
                                                          years: 5, has: [2015, 2016, 2017, 2018], needs: [2019], brokenIn: nil))
        #expect(short.earliestYear == 2019)
        let gap = step(r, records([(2014, .BK_TTG), (2015, .HTXSNV), (2017, .HTXSNV), (2018, .HTXSNV), (2019, .HTXSNV)]), year: 2019)
        #expect(!gap.met)
        if case .afterPrior(_, _, _, _, _, _, let broken) = gap.outcomes[0].shortfall { #expect(broken == 2016) } else { Issue.record() }
        #expect(gap.earliestYear == nil, "a broken run after the prior award needs a new prior")
        let none = step(r, records([(2019, .HTXSNV)]), year: 2019)
        #expect(none.outcomes[0].shortfall == .noPrior(RecordKind(.BK_TTG)))
    }

    @Test func aHigherClassSatisfiesALowerOne() {
        let r = rule("HCLD_2", [.since(RecordKind(.HCLD, awardClass: 3), years: 1, eachYear: RecordKind(.HTXSNV))])
        #expect(step(r, records([(2018, .HCLD), (2019, .HTXSNV)], cls: 2), year: 2019).met)
        #expect(!step(r, records([(2018, .BK_TTG), (2019, .HTXSNV)]), year: 2019).met)
    }

    @Test func disciplineInTheWindowAndItsAgeingOut() {
        let r = rule("CSTD_CS", [.noDiscipline(withinYears: 2)])
        let s = step(r, records([(2018, .KY_LUAT)]), year: 2019)
        #expect(!s.met)
        #expect(s.outcomes[0].shortfall == .discipline(years: [2018], withinYears: 2))
        #expect(s.earliestYear == 2020)
        #expect(step(r, records([(2017, .KY_LUAT)]), year: 2019).met)
    }

    @Test func anyOfAndAttested() {
        let r = rule("BK_TTG", [
            .anyOf([AwardRequirement(.consecutive(RecordKind(.HTXSNV), years: 2)),
                    AwardRequirement(.count([RecordKind(.SANG_KIEN)], atLeast: 1, withinYears: 1))]),
            .attested(vi: "Gương mẫu", en: "Exemplary"),
        ])
        let s = step(r, records([(2019, .SANG_KIEN)]), year: 2019)
        #expect(s.met)
        #expect(s.toAttest.count == 1)
        #expect(s.evidence.map(\.type) == [.SANG_KIEN])
        let no = step(r, records([(2019, .HTXSNV)]), year: 2019)
        #expect(!no.met)
        #expect(no.outcomes[0].shortfall == .noneOf)
        #expect(no.earliestYear == 2020, "the HTXSNV run brings the first alternative")
    }

    @Test func theReviewYearPicksTheRuleSetAcrossTheChangeOfLaw() {
        // Old law: 3 consecutive; new law (from 2024): 2 consecutive, a made-up number to tell them apart.
        let old = set([threeCS], period: "2017-2023", from: 2017, to: 2023)
        let new = set([rule("CSTD_NGANH", [.consecutive(RecordKind(.CSTD_CS), years: 2)])], period: "2024", from: 2024, to: nil)
        let book = AwardRuleBook(sets: [new, old])
        #expect(book.ruleSet(forYear: 2016) == nil)
        #expect(book.ruleSet(forYear: 2023)?.period == "2017-2023")
        #expect(book.ruleSet(forYear: 2024)?.period == "2024")
        #expect(book.ruleSet(forYear: 2031)?.period == "2024")
        // A run 2022–2024 crossing the change: judged by 2024's rules in 2024, by the old rules in 2023.
        let h = CandidateHistory(candidate: person(), achievements: records([(2022, .CSTD_CS), (2023, .CSTD_CS), (2024, .CSTD_CS)]))
        let in2023 = AwardPathEngine(ruleSet: book.ruleSet(forYear: 2023)!).path(for: h, year: 2023)[0]
        let in2024 = AwardPathEngine(ruleSet: book.ruleSet(forYear: 2024)!).path(for: h, year: 2024)[0]
        #expect(!in2023.met)
        #expect(in2024.met)
        #expect(in2024.evidence.map(\.year) == [2023, 2024])
    }

    @Test func rulesApplyToTheirKindOnly() {
        let team = Candidate(id: "TT-1", kind: .collective, name: "Phòng 1", unitCode: "VKST.40")
        let steps = AwardPathEngine(ruleSet: set([threeCS])).path(for: CandidateHistory(candidate: team), year: 2019)
        #expect(steps.isEmpty)
    }

    @Test func onlyUnconfirmedNumbersMayBeSet() throws {
        var r = threeCS
        r.requirements[0].confirmed = false
        let s = set([r, rule("CSTD_TQ", [.consecutive(RecordKind(.CSTD_NGANH), years: 2)])])
        let changed = try s.setting(award: "CSTD_NGANH", kind: .individual, requirement: 0, to: 4)
        #expect(changed.rules[0].requirements[0].parameter == 4)
        #expect(throws: AwardRuleEditError.confirmed("CSTD_TQ", 1)) { try s.setting(award: "CSTD_TQ", kind: .individual, requirement: 0, to: 3) }
        #expect(throws: AwardRuleEditError.unknownAward("AHLD")) { try s.setting(award: "AHLD", kind: .individual, requirement: 0, to: 3) }
        #expect(throws: AwardRuleEditError.outOfRange(99)) { try s.setting(award: "CSTD_NGANH", kind: .individual, requirement: 0, to: 99) }
    }

    @Test func theFileReaderRefusesWhatItCannotJudge() {
        func read(_ conditions: String, award: String = "CSTD_NGANH") throws -> AwardRuleSet {
            let text = """
                {"period": "P", "version": 1, "from_year": 2017, "to_year": 2023,
                 "documents": {"ND": {"vi": "Nghị định", "en": "Decree", "confirmed": true}},
                 "awards": [{"award": "\(award)", "kind": "individual", "conditions": [\(conditions)],
                             "source": {"document": "ND", "article": "Điều 1"}, "confirmed": true}]}
                """
            return try AwardRulesFile.read(Data(text.utf8), file: "p.json")
        }
        #expect(throws: Never.self) { try read(#"{"type": "consecutive", "record": "CSTD_CS", "years": 3}"#) }
        #expect(throws: AwardRulesFile.Problem.self) { try read(#"{"type": "consecutive", "record": "LDTT", "years": 3}"#) }
        #expect(throws: AwardRulesFile.Problem.self) { try read(#"{"type": "consecutive", "record": "CSTD_CS", "years": 0}"#) }
        #expect(throws: AwardRulesFile.Problem.self) { try read(#"{"type": "sometimes"}"#) }
        #expect(throws: AwardRulesFile.Problem.self) { try read(#"{"type": "count", "record": ["SANG_KIEN"], "at_least": 1, "within_years": 1, "source": {"document": "TT", "article": "Điều 2"}}"#) }
        #expect(throws: AwardRulesFile.Problem.self) { try read("", award: "HCLD_4") }
        let hcld = try? read(#"{"type": "since", "record": "HCLD", "class": 3, "years": 5, "each_year": "HTXSNV"}"#, award: "HCLD_2")
        #expect(hcld?.rules.first?.record == RecordKind(.HCLD, awardClass: 2))
    }
}

/// The sector-wide "closest to each award" list (issue 17): who meets an award is counted, the rest ranked nearest
/// first.
@Suite struct ClosestToAwardTests {
    @Test func theNearestComeFirstAndThoseWhoMeetItAreCounted() throws {
        let set = set([rule("CSTD_CS", [.count([RecordKind(.CSTD_CS)], atLeast: 1, withinYears: 1)]), threeCS])
        func person(_ id: String, _ years: [Int]) -> CandidateHistory {
            let c = Candidate(id: id, kind: .individual, name: "Người \(id)", unitCode: "VKSTC.V16")
            return CandidateHistory(candidate: c, achievements: years.map { Achievement(candidateId: id, year: $0, type: .CSTD_CS) })
        }
        let people = [person("A", [2017, 2018, 2019]), person("B", [2019]), person("C", [2018, 2019]), person("D", [])]
        let engine = AwardPathEngine(ruleSet: set)
        let paths = people.map { ($0.candidate, engine.path(for: $0, year: 2019)) }
        let rows = ClosestToAward.rank(paths, in: set, perAward: 2)
        #expect(rows.map(\.award) == set.rules.map(\.award))
        let nganh = try #require(rows.first { $0.award == "CSTD_NGANH" })
        #expect(nganh.met == 1)
        // C lacks one year, B two: C first; D, with none, is left out at two per award.
        #expect(nganh.closest.map(\.candidate.id) == ["C", "B"])
        #expect(nganh.closest[0].step.distance < nganh.closest[1].step.distance)
    }
}
