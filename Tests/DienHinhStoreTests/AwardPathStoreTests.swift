import DienHinhCore
@testable import DienHinhStore
import Foundation
import Testing

/// The shipped rule sets (Resources/data/award_rules/) and the path through the store.
@Suite struct AwardPathStoreTests {
    static func person(_ db: AppDatabase, _ id: String, csCS years: [Int]) throws {
        try db.saveCandidate(Candidate(id: id, kind: .individual, name: "Nguyễn Văn Đức", unitCode: "VKSTC.VP"))
        for y in years {
            _ = try db.saveAchievement(Achievement(candidateId: id, year: y, type: .CSTD_CS, decisionNo: "\(y)/QĐ-VKSTC"))
        }
    }

    @Test func theShippedRuleSetsCoverEveryYearFrom2017AndCiteKnownDocuments() throws {
        let book = AwardRuleBook.shipped
        #expect(book.sets.map(\.period) == ["2017-2023", "2024"])
        for year in 2017...2035 { #expect(book.ruleSet(forYear: year) != nil, "\(year)") }
        #expect(book.ruleSet(forYear: 2016) == nil)
        #expect(book.ruleSet(forYear: 2023)?.period == "2017-2023")
        #expect(book.ruleSet(forYear: 2024)?.period == "2024")
        for set in book.sets {
            for rule in set.rules {
                #expect(set.documents[rule.source.document] != nil, "\(set.period) \(rule.award)")
                #expect(!rule.requirements.isEmpty, "\(set.period) \(rule.award)")
                // Every award the issue names, for its kind, in each period.
                #expect(AwardRule.record(forAward: rule.award) != nil)
            }
            let awards = Set(set.rules.map(\.award))
            for code in ["CSTD_CS", "CSTD_NGANH", "CSTD_TQ", "BK_VKSTC", "BK_TTG", "HCLD_3", "HCLD_2", "HCLD_1", "HCDL", "AHLD",
                         "TTLDXS", "CO_NGANH", "CO_CP"] {
                #expect(awards.contains(code), "\(set.period) lacks \(code)")
            }
        }
    }

    /// The issue's own case: CSTĐ cơ sở 2017, 2018, 2019 → CSTĐ ngành met for 2019 under 2017–2023, with its article.
    @Test func threeGrassrootsTitlesInARowMeetTheSectorTitleIn2019() throws {
        let db = try makeDatabase()
        try Self.person(db, "CN-A", csCS: [2017, 2018, 2019])
        let found = try #require(try db.awardPath(id: "CN-A", year: 2019))
        #expect(found.set?.period == "2017-2023")
        let step = try #require(found.steps.first { $0.rule.award == "CSTD_NGANH" })
        #expect(step.met)
        #expect(step.evidence.map(\.year) == [2017, 2018, 2019])
        #expect(step.rule.source.article.hasPrefix("Điều"))
        let json = AwardStepJSON(step, set: found.set!)
        #expect(json.source?.article.hasPrefix("Điều") == true)
        #expect(json.source?.document.isEmpty == false)
    }

    @Test func aGapIn2017LeavesItUnmetAndSaysWhatIsMissing() throws {
        let db = try makeDatabase()
        try Self.person(db, "CN-B", csCS: [2016, 2018, 2019])
        let found = try #require(try db.awardPath(id: "CN-B", year: 2019))
        let step = try #require(found.steps.first { $0.rule.award == "CSTD_NGANH" })
        #expect(!step.met)
        #expect(step.missing.first?.shortfall == .run(RecordKind(.CSTD_CS), years: 3, has: [2018, 2019], needs: [2020]))
        #expect(step.earliestYear == 2020)
    }

    @Test func aRunAcrossTheChangeOfLawIsJudgedByTheRulesOfTheReviewYear() throws {
        let db = try makeDatabase()
        try Self.person(db, "CN-C", csCS: [2022, 2023, 2024])
        let y2023 = try #require(try db.awardPath(id: "CN-C", year: 2023))
        let y2024 = try #require(try db.awardPath(id: "CN-C", year: 2024))
        #expect(y2023.set?.period == "2017-2023")
        #expect(y2024.set?.period == "2024")
        #expect(y2023.steps.first { $0.rule.award == "CSTD_NGANH" }?.met == false)
        let step = try #require(y2024.steps.first { $0.rule.award == "CSTD_NGANH" })
        #expect(step.met)
        #expect(step.rule.source.document == "LUAT_TDKT_2022")
        // And the 2023 path does not move now that 2024 is on file.
        #expect(try db.awardPath(id: "CN-C", year: 2023)?.steps == y2023.steps)
    }

    @Test func anUnconfirmedNumberIsSetAndAuditedAConfirmedOneRefused() throws {
        let db = try makeDatabase()
        let set = try #require(AwardRuleBook.shipped.ruleSet(period: "2017-2023"))
        // The first number the research could not confirm, and the first it could.
        let open = try #require(set.rules.lazy.flatMap { r in r.requirements.enumerated().map { (r, $0.offset, $0.element) } }
            .first { !$0.2.confirmed && $0.2.parameter != nil })
        let fixed = try #require(set.rules.lazy.flatMap { r in r.requirements.enumerated().map { (r, $0.offset, $0.element) } }
            .first { $0.2.confirmed && $0.2.parameter != nil })
        let value = open.2.parameter! + 1
        try db.setAwardRuleParameter(period: "2017-2023", award: open.0.award, kind: open.0.kind, requirement: open.1 + 1, value: value)
        let changed = try #require(try db.awardRules().ruleSet(period: "2017-2023")?.rule(award: open.0.award, kind: open.0.kind))
        #expect(changed.requirements[open.1].parameter == value)
        let audit = try db.read { try String.fetchAll($0, sql: "SELECT action FROM audit_log") }
        #expect(audit.contains("rules.set_parameter"))
        #expect(throws: AwardRuleEditError.confirmed(fixed.0.award, fixed.1 + 1)) {
            try db.setAwardRuleParameter(period: "2017-2023", award: fixed.0.award, kind: fixed.0.kind, requirement: fixed.1 + 1, value: 9)
        }
        #expect(throws: AwardRuleEditError.unknownPeriod("1999")) {
            try db.setAwardRuleParameter(period: "1999", award: "CSTD_CS", kind: .individual, requirement: 1, value: 1)
        }
    }

    @Test func everyonesPathsMatchOneByOne() throws {
        let db = try makeDatabase(demo: .small)
        let year = try db.defaultReviewYear()
        let all = try #require(try db.awardPaths(year: year))
        #expect(!all.paths.isEmpty)
        for (c, steps) in all.paths.prefix(40) {
            #expect(try db.awardPath(id: c.id, year: year)?.steps == steps)
        }
    }

    /// Worked out in batches as the records stream in (issue 23): the same paths, in id order, as from every history
    /// held at once, batch boundaries anywhere.
    @Test(arguments: [1, 50, 8_192]) func streamedPathsMatchEveryHistoryHeld(batch: Int) throws {
        let db = try makeDatabase(demo: .small)
        let year = try db.defaultReviewYear()
        let engine = AwardPathEngine(ruleSet: try #require(try db.awardRules().ruleSet(forYear: year)))
        let (held, streamed) = try db.read { d in
            let all = try db.allHistories(d)
            return (zip(all.map(\.candidate), engine.paths(for: all, year: year)).map { ($0, $1) },
                    try db.pathsOfEveryone(d, engine: engine, year: year, batch: batch))
        }
        #expect(held.count > 100)
        #expect(streamed.map(\.0) == held.map(\.0))
        #expect(streamed.map(\.1) == held.map(\.1))
    }
}
