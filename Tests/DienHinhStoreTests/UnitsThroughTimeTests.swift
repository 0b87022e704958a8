import DienHinhCore
@testable import DienHinhStore
import Foundation
import Testing

/// Units with a life span: the structure of 2017–2020 and the one in force from 1/7/2025 (docs/UNITS.md).
@Suite struct UnitsThroughTimeTests {
    @Test func provincesBeforeAndAfterTheMerger() throws {
        let db = try makeDatabase()
        try expectUnitsOf2020(db)
        let now = try db.units(level: .provincial, year: 2026)
        #expect(now.count == 34)
        #expect(try db.units(level: .high, year: 2026).isEmpty)
        #expect(try db.units(level: .district, year: 2026).isEmpty)
        // The names of provinces_2025.csv, each with what it was formed from; a merged one under a new code.
        let rows = ReferenceData.rows("provinces_2025.csv")
        #expect(Set(now.map(\.name)) == Set(rows.map { ReferenceData.procuracyName($0["name"]!) }))
        let tuyenQuang = try #require(now.first { $0.name == "VKSND tỉnh Tuyên Quang" })
        #expect(tuyenQuang.code == "VKST.2025.08" && tuyenQuang.validFrom == "2025-07-01")
        #expect(Set(tuyenQuang.succeeds) == ["VKST.08", "VKST.02"])
        // A code never changes meaning: VKST.08 is the old Tuyên Quang, ceased.
        #expect(try db.unit("VKST.08")?.validTo == "2025-06-30")
        // The 11 that did not merge keep unit and code; Huế's old name is still found.
        #expect(now.filter { $0.succeeds.isEmpty }.count == 11)
        #expect(try db.unit("VKST.46")?.validTo == nil)
        let hue = try db.searchIndex().search("thua thien hue", limit: 5)
        #expect(hue.units.contains { $0.code == "VKST.46" })
        #expect(SectorCalendar.levels(year: 2020) == [.supreme, .high, .provincial, .district])
        #expect(SectorCalendar.levels(year: 2026) == [.supreme, .provincial, .regional])
    }

    static let regional = """
        code,name,level,parent_code,valid_from,valid_to,succeeds
        VKSKV.40.01,VKSND khu vực 1 – Nghệ An,regional,VKST.40,2025-07-01,,VKSH.412 VKSH.429
        VKSKV.08.01,VKSND khu vực 1 – Tuyên Quang,regional,VKST.2025.08,2025-07-01,,VKSH.024 VKSH.026
        """

    @Test func importedRegionalListIsExactlyTheRegionalLevel() throws {
        let db = try makeDatabase()
        #expect(try db.units(level: .regional, year: 2026).isEmpty)
        #expect(try db.importUnits(Data(Self.regional.utf8), file: "r.csv", dryRun: true, strings: en) == 2)
        #expect(try db.units(level: .regional, year: 2026).isEmpty)
        #expect(try db.importUnits(Data(Self.regional.utf8), file: "r.csv", dryRun: false, strings: en) == 2)
        #expect(try db.units(level: .regional, year: 2026).map(\.code) == ["VKSKV.40.01", "VKSKV.08.01"])
        #expect(try db.units(level: .regional, year: 2020).isEmpty)
        // The same list again changes nothing.
        #expect(try db.importUnits(Data(Self.regional.utf8), file: "r.csv", dryRun: false, strings: en) == 0)
    }

    @Test func badUnitsFileIsRefusedWholeWithPositions() throws {
        let db = try makeDatabase()
        let before = try db.units(includeRetired: true)
        let bad = """
            code,name,level,parent_code,valid_from,valid_to,succeeds
            VKSKV.40.01,Tốt,regional,VKST.40,2025-07-01,,VKSH.412
            VKSKV.99.01,Không có tỉnh,regional,VKST.99,2025-07-01,,
            VKST.01,Trùng thời gian,provincial,,2025-07-01,,
            VKSH.153,Mã dùng lại,district,VKST.17,2026-01-01,,
            VKSKV.1,A,regional,VKST.40,,,VKSKV.2
            VKSKV.2,B,regional,VKST.40,,,VKSKV.1
            """
        do {
            _ = try db.importUnits(Data(bad.utf8), file: "bad.csv", dryRun: false, strings: en)
            Issue.record("accepted a bad file")
        } catch let f as ImportFailure {
            let text = f.errors.map(\.description)
            #expect(text.contains { $0.hasPrefix("bad.csv:3:4:") && $0.contains("VKST.99") })
            #expect(text.contains { $0.hasPrefix("bad.csv:4:5:") && $0.contains("overlaps") })
            #expect(text.contains { $0.hasPrefix("bad.csv:5:1:") && $0.contains("another meaning") })
            #expect(text.contains { $0.hasPrefix("bad.csv:6:7:") && $0.contains("cycle") })
            #expect(text.contains { $0.hasPrefix("bad.csv:7:7:") && $0.contains("cycle") })
            #expect(!text.contains { $0.hasPrefix("bad.csv:2:") })
        }
        #expect(try db.units(includeRetired: true) == before)
    }

    @Test func candidatesFollowTheirUnitThroughTheReorganisation() throws {
        let db = try makeDatabase()
        _ = try db.importUnits(Data(Self.regional.utf8), file: "r.csv", dryRun: false, strings: en)
        let people = """
            id,kind,name,unit_code,complies_with_policy
            CN-429,individual,Nguyễn Văn Lộc,VKSH.429,true
            CN-02,individual,Trần Thị Giang,VKST.02,true
            CN-HN,individual,Lê Văn Cao,VKSCC.HN,true
            """
        _ = try db.importCandidates(Data(people.utf8), file: "c.csv", dryRun: false, strings: en)
        func placed(_ id: String, _ year: Int) throws -> CandidateSummary? {
            try db.candidates(CandidateFilter(year: year)).first { $0.candidate.id == id }
        }
        #expect(try placed("CN-429", 2019)?.candidate.unitCode == "VKSH.429")
        #expect(try placed("CN-429", 2026)?.candidate.unitCode == "VKSKV.40.01")
        #expect(try placed("CN-429", 2026)?.level == .regional)
        #expect(try placed("CN-02", 2019)?.candidate.unitCode == "VKST.02")
        #expect(try placed("CN-02", 2026)?.candidate.unitCode == "VKST.2025.08")
        // Ceased with no successor named: kept, marked, under its own unit.
        let high = try #require(try placed("CN-HN", 2026))
        #expect(high.ceased && high.candidate.unitCode == "VKSCC.HN")
        #expect(try placed("CN-HN", 2020)?.ceased == false)
        // By unit and level in 2026: the regional procuracy and its province list the district's person.
        #expect(try db.candidates(CandidateFilter(unitCode: "VKSKV.40.01", year: 2026)).map(\.candidate.id) == ["CN-429"])
        #expect(try db.candidates(CandidateFilter(unitCode: "VKST.40", includeSubunits: true, year: 2026)).map(\.candidate.id) == ["CN-429"])
        #expect(try db.candidates(CandidateFilter(level: .district, year: 2026)).isEmpty)
        // The record keeps the unit it was earned in: the candidate row is untouched.
        #expect(try db.candidate("CN-429")?.unitCode == "VKSH.429")
        // The profile's unit is the one the lists place it under, year by year.
        #expect(try db.unit(ofCandidate: "CN-429", year: 2019)?.code == "VKSH.429")
        #expect(try db.unit(ofCandidate: "CN-429", year: 2026)?.code == "VKSKV.40.01")
        #expect(try db.unit(ofCandidate: "CN-02", year: 2026)?.code == "VKST.2025.08")
        #expect(try db.ceasedCandidateCount(year: 2026) == 1 && db.ceasedCandidateCount(year: 2020) == 0)
        #expect(try db.ceasedUnits(year: 2026).map { [$0.unit.code: $0.candidates] } == [["VKSCC.HN": 1]])
        let counts = try db.levelCounts(year: 2026)
        #expect(counts.map(\.level) == [.supreme, .provincial, .regional])
        #expect(counts.first { $0.level == .regional }?.candidates == 1)
    }

    @Test func peopleMovedOneByOneOrAWholeUnitAtOnce() throws {
        let db = try makeDatabase()
        let people = """
            id,kind,name,unit_code,complies_with_policy
            CN-HN1,individual,Lê Văn Một,VKSCC.HN,true
            CN-HN2,individual,Lê Văn Hai,VKSCC.HN,true
            CN-HN3,individual,Lê Văn Ba,VKSCC.HN,true
            """
        _ = try db.importCandidates(Data(people.utf8), file: "c.csv", dryRun: false, strings: en)
        #expect(try db.move(ids: ["CN-HN1"], fromUnit: nil, to: "VKST.01", on: "2025-07-01") == 1)
        #expect(try db.move(ids: nil, fromUnit: "VKSCC.HN", to: "VKSTC.V16", on: "2025-08-01") == 2)
        func unit(_ id: String, _ year: Int) throws -> String? {
            try db.candidates(CandidateFilter(year: year)).first { $0.candidate.id == id }?.candidate.unitCode
        }
        #expect(try unit("CN-HN1", 2026) == "VKST.01")
        #expect(try unit("CN-HN2", 2026) == "VKSTC.V16")
        // Before the move they are where they were.
        #expect(try unit("CN-HN1", 2020) == "VKSCC.HN" && unit("CN-HN3", 2024) == "VKSCC.HN")
        #expect(try db.candidates(CandidateFilter(year: 2026)).allSatisfy { !$0.ceased })
        // Not into a unit that has ceased, and never backwards in time.
        #expect(throws: StoreError.self) { try db.move(ids: ["CN-HN1"], fromUnit: nil, to: "VKSCC.HN", on: "2026-01-01") }
        #expect(throws: StoreError.self) { try db.move(ids: ["CN-HN2"], fromUnit: nil, to: "VKST.01", on: "2025-07-15") }
        #expect(try unit("CN-HN2", 2026) == "VKSTC.V16")
    }

    /// New Tuyên Quang's collective carries the histories of the two it was formed from; whether they count is
    /// the plan's parameter, by default yes.
    @Test func mergedCollectiveShowsAndCountsItsPredecessors() throws {
        let db = try makeDatabase()
        let people = """
            id,kind,name,unit_code,complies_with_policy,internally_united,orgs_clean_strong
            TT-08,collective,VKSND tỉnh Tuyên Quang,VKST.08,true,true,true
            TT-02,collective,VKSND tỉnh Hà Giang,VKST.02,true,true,true
            TT-2025-08,collective,VKSND tỉnh Tuyên Quang,VKST.2025.08,true,true,true
            """
        _ = try db.importCandidates(Data(people.utf8), file: "c.csv", dryRun: false, strings: en)
        let records = """
            candidate_id,year,type,class
            TT-02,2019,AHLD,
            TT-08,2018,HCLD,2
            """
        _ = try db.importAchievements(Data(records.utf8), file: "a.csv", dryRun: false, strings: en)
        #expect(Set(try db.predecessorRecords(of: "TT-2025-08").map(\.candidateId)) == ["TT-02", "TT-08"])
        #expect(try db.achievements(of: "TT-2025-08").isEmpty)
        let counted = try #require(try db.verdict(id: "TT-2025-08", year: 2026))
        #expect(counted.eligible)
        #expect(counted.clauses.first { $0.clause == .collectiveHero }?.met == true)
        var apart = EligibilityParameters.plan
        apart.countPredecessors = false
        let alone = try #require(try db.verdict(id: "TT-2025-08", year: 2026, parameters: apart))
        #expect(!alone.eligible)
        // The whole sector at once judges alike.
        #expect(try db.verdicts(ids: nil, year: 2026).first { $0.candidateId == "TT-2025-08" } == counted)
        #expect(try db.verdicts(ids: nil, year: 2026, parameters: apart).first { $0.candidateId == "TT-2025-08" } == alone)
        // The predecessors themselves are judged on their own records.
        #expect(try db.verdict(id: "TT-08", year: 2019)?.clauses.first { $0.clause == .collectiveHero }?.met == false)
    }

    /// A leader of a merged collective is judged with the collective's predecessors counted (or not) alike, whether
    /// the profile asks for one verdict or the whole sector is judged at once.
    @Test(arguments: [true, false]) func leaderOfAMergedCollectiveJudgedAlikeAloneAndWithEveryone(count: Bool) throws {
        let db = try makeDatabase()
        let people = """
            id,kind,name,unit_code,position,is_leader,complies_with_policy,internally_united,orgs_clean_strong,collective_id
            TT-08,collective,VKSND tỉnh Tuyên Quang,VKST.08,,false,true,true,true,
            TT-02,collective,VKSND tỉnh Hà Giang,VKST.02,,false,true,true,true,
            TT-2025-08,collective,VKSND tỉnh Tuyên Quang,VKST.2025.08,,false,true,true,true,
            TT-VT,individual,Hoàng Văn Thụ,VKST.2025.08,Viện trưởng,true,true,,,TT-2025-08
            """
        _ = try db.importCandidates(Data(people.utf8), file: "c.csv", dryRun: false, strings: en)
        let records = """
            candidate_id,year,type,class
            TT-02,2019,AHLD,
            TT-08,2018,HCLD,2
            TT-VT,2024,HCLD,3
            TT-VT,2025,HTXSNV,
            TT-VT,2026,HTXSNV,
            """
        _ = try db.importAchievements(Data(records.utf8), file: "a.csv", dryRun: false, strings: en)
        var parameters = EligibilityParameters.plan
        parameters.countPredecessors = count
        let alone = try #require(try db.verdict(id: "TT-VT", year: 2026, parameters: parameters))
        #expect(try db.verdicts(ids: nil, year: 2026, parameters: parameters).first { $0.candidateId == "TT-VT" } == alone)
        #expect(alone.clauses.first { $0.clause == .individualLeader }?.met == count)
    }

    @Test func demoHasGeneratedRegionalUnitsAndRecordsToTheLastFullYear() throws {
        let db = try makeDatabase(demo: .small)
        let regional = try db.units(level: .regional, year: 2026)
        #expect(!regional.isEmpty)
        #expect(regional.allSatisfy { $0.isDemo && $0.name.hasSuffix("(demo)") && !$0.succeeds.isEmpty })
        #expect(try db.defaultReviewYear() == 2025)
        // Every demo person of a district has a unit in 2026.
        let ceased = try db.candidates(CandidateFilter(year: 2026)).filter { $0.ceased }
        #expect(ceased.allSatisfy { $0.level == .high })
    }
}

/// Plans as data: the review year picks the plan in force (docs/PLANS.md).
@Suite struct PlanRegistryTests {
    @Test func yearsPickThePlanInForce() throws {
        let db = try makeDatabase()
        let plans = try db.plans()
        #expect(plans.plans.map(\.planId) == ["plan-2017-2020"])
        #expect(plans.plan(forYear: 2019)?.planId == "plan-2017-2020")
        #expect(plans.plan(forYear: 2026) == nil)
        let seed = try #require(plans.plan(id: "plan-2017-2020"))
        #expect(seed.parameters == EligibilityParameters.plan)
        #expect(seed.quota == PlanQuota(collectives: 1, individuals: 2) && seed.selection == PlanSelection(min: 5, max: 10))
        #expect(seed.ahldTargetCount == 2 && seed.ahldTargetYear == 2020)
    }

    @Test func aCopyForNewYearsImportsAndOverlapsAreRefused() throws {
        let db = try makeDatabase()
        let draft = PlanImport.draft(from: .standard, id: "plan-2026-2030", years: 2026...2030)
        #expect(draft.registrationDeadline == "2026-05-20" && draft.ahldTargetYear == 2030)
        let data = try JSONEncoder().encode(draft)
        _ = try db.importPlan(data, file: "p.json", dryRun: false, strings: en)
        #expect(try db.plans().plan(forYear: 2027)?.planId == "plan-2026-2030")
        var overlapping = draft
        overlapping.id = "plan-2028"
        overlapping.fromYear = 2028
        overlapping.toYear = 2028
        overlapping.phases = []
        do {
            _ = try db.importPlan(try JSONEncoder().encode(overlapping), file: "o.json", dryRun: false, strings: en)
            Issue.record("accepted an overlapping plan")
        } catch let f as ImportFailure {
            #expect(f.errors.contains { $0.description.contains("plan-2026-2030") && $0.description.hasPrefix("o.json:") })
        }
        #expect(try db.plans().plans.count == 2)
    }
}
