import Foundation
import Testing
@testable import DienHinhCore
@testable import DienHinhDemo

@Suite struct DemoDataTests {
    static let small = DemoData.generateTagged(units: DemoTestUnits.handful, scale: .small)

    // MARK: Determinism

    @Test func sameSeedGivesIdenticalData() {
        let a = DemoData.generate(units: DemoTestUnits.handful, scale: .small)
        let b = DemoData.generate(units: DemoTestUnits.handful.reversed(), scale: .small)
        #expect(a.candidates == b.candidates)
        #expect(a.achievements == b.achievements)
        #expect(a.candidates == Self.small.candidates)
    }

    @Test func differentSeedGivesDifferentData() {
        let a = DemoData.generate(units: DemoTestUnits.handful, scale: .small, seed: 2017)
        let b = DemoData.generate(units: DemoTestUnits.handful, scale: .small, seed: 2018)
        #expect(a.candidates != b.candidates)
        #expect(a.achievements != b.achievements)
    }

    /// Pins a few values so a change of generator (or a platform difference) is noticed.
    @Test func knownPrngValues() {
        var rng = DemoRandom(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(DemoRandom.fnv1a("VKST.40") == DemoRandom.fnv1a("VKST.40"))
        #expect(DemoRandom.fnv1a("") == 0xCBF2_9CE4_8422_2325)
    }

    // MARK: Shape

    @Test func idsFollowTheSchemeAndAreUnique() {
        let ids = Self.small.candidates.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains("TT-40-00"))
        #expect(ids.contains("TT-H429-00"))
        #expect(ids.contains("TT-TC-00"))
        #expect(ids.contains("TT-TC.V16-00"))
        #expect(ids.contains("TT-CC.HN-00"))
        #expect(ids.contains("CN-H429-0001"))
        #expect(ids.contains("CN-40-0001"))
        for c in Self.small.candidates {
            let prefix = c.kind == .individual ? "CN-" : "TT-"
            #expect(c.id.hasPrefix(prefix + DemoData.unitKey(c.unitCode) + "-"))
        }
        #expect(DemoData.unitKey("VKSTC") == "TC")
        #expect(DemoData.unitKey("VKSTC.V16") == "TC.V16")
        #expect(DemoData.unitKey("VKSCC.HCM") == "CC.HCM")
        #expect(DemoData.unitKey("VKST.01") == "01")
        #expect(DemoData.unitKey("VKSH.429") == "H429")
    }

    @Test func candidatesBelongToCurrentChosenUnits() {
        let units = Dictionary(uniqueKeysWithValues: DemoTestUnits.handful.map { ($0.code, $0) })
        for c in Self.small.candidates {
            #expect(units[c.unitCode]?.isCurrent == true, "\(c.id) in \(c.unitCode)")
        }
        let codes = Set(Self.small.candidates.map(\.unitCode))
        for code in ["VKST.40", "VKSH.429", "VKST.17", "VKSH.148"] { #expect(codes.contains(code)) }
        #expect(!codes.contains("VKSH.153"))
    }

    @Test func collectivesNameTheWholeUnitAndItsParts() {
        let byId = Dictionary(uniqueKeysWithValues: Self.small.candidates.map { ($0.id, $0) })
        #expect(byId["TT-40-00"]?.name == "VKSND tỉnh Nghệ An")
        #expect(byId["TT-H148-00"]?.name == "VKSND thành phố Hòa Bình")
        #expect(byId["TT-17-00"]?.name == "VKSND tỉnh Hoà Bình")
        let nghean = Self.small.candidates.filter { $0.unitCode == "VKST.40" && $0.kind == .collective }.map(\.name)
        #expect(nghean.contains("Phòng 1 – VKSND tỉnh Nghệ An"))
        #expect(nghean.contains("Phòng 7 – VKSND tỉnh Nghệ An"))
        #expect(nghean.contains("Văn phòng – VKSND tỉnh Nghệ An"))
        // Every unit has exactly one whole-unit collective, first among its collectives.
        for unit in DemoTestUnits.handful where unit.isCurrent {
            let collectives = Self.small.candidates.filter { $0.unitCode == unit.code && $0.kind == .collective }
            #expect(collectives.first?.name == unit.name)
            #expect(collectives.filter { $0.name == unit.name }.count == 1)
        }
    }

    @Test func namesAreNFCWithDiacritics() {
        let individuals = Self.small.candidates.filter { $0.kind == .individual }
        for c in Self.small.candidates {
            #expect(c.name == TextFolding.nfc(c.name))
            #expect(c.name.unicodeScalars.contains { $0.value > 0x7F }, "\(c.name) has no diacritics")
            #expect(c.position.map { $0 == TextFolding.nfc($0) } ?? true)
        }
        #expect(individuals.contains { $0.name == "Nguyễn Văn Đức" })
        #expect(individuals.allSatisfy { $0.name.split(separator: " ").count >= 3 && $0.position != nil })
        let nguyen = individuals.filter { $0.name.hasPrefix("Nguyễn ") }.count
        #expect(nguyen * 100 / individuals.count > 25)
        #expect(nguyen * 100 / individuals.count < 50)
    }

    @Test func ducExistsAtEveryScale() {
        for scale in DemoScale.allCases {
            let set = DemoData.generate(units: DemoTestUnits.handful, scale: scale)
            #expect(set.candidates.contains { $0.name == "Nguyễn Văn Đức" && $0.kind == .individual }, "\(scale)")
        }
    }

    @Test func leadersPointAtTheCollectiveTheyLead() {
        let byId = Dictionary(uniqueKeysWithValues: Self.small.candidates.map { ($0.id, $0) })
        let leaders = Self.small.candidates.filter(\.isLeader)
        #expect(!leaders.isEmpty)
        for l in leaders {
            #expect(l.kind == .individual)
            if let cid = l.collectiveId {
                #expect(byId[cid]?.kind == .collective)
                #expect(byId[cid]?.unitCode == l.unitCode)
                #expect(byId[cid].map { $0.name != DemoTestUnits.handful.first { u in u.code == l.unitCode }!.name } == true)
            } else {
                #expect(["Viện trưởng", "Phó Viện trưởng", "Vụ trưởng", "Phó Vụ trưởng"].contains(l.position ?? ""))
            }
        }
        #expect(leaders.contains { $0.position == "Trưởng phòng" && $0.collectiveId != nil })
        #expect(Self.small.candidates.filter { !$0.isLeader }.allSatisfy { $0.collectiveId == nil })
    }

    // MARK: Records

    @Test func recordsRespectTheCatalog() {
        let kinds = Dictionary(uniqueKeysWithValues: Self.small.candidates.map { ($0.id, $0.kind) })
        var onceKeys = Set<String>()
        for a in Self.small.achievements {
            let kind = kinds[a.candidateId]
            #expect(kind != nil)
            #expect(a.type.applies(to: kind!), "\(a.type) on \(a.candidateId)")
            #expect((a.awardClass != nil) == a.type.hasClasses)
            if let cls = a.awardClass { #expect((1...3).contains(cls)) }
            #expect((a.proposedAward != nil) == (a.type == .DOT_XUAT))
            if let p = a.proposedAward { #expect(AwardCode.proposableAwards.contains(p)) }
            #expect((2010...2020).contains(a.year))
            #expect(a.decisionDate?.hasPrefix(String(a.year) + "-") == true)
            #expect(a.decisionDate?.count == 10)
            #expect(a.decisionNo?.contains("/") == true)
            #expect(a.issuer?.isEmpty == false)
            if a.type.isOncePerYear {
                let key = "\(a.candidateId)|\(a.year)|\(a.type.rawValue)"
                #expect(!onceKeys.contains(key), "\(key) twice")
                onceKeys.insert(key)
            }
        }
        let issuers = Set(Self.small.achievements.compactMap(\.issuer))
        #expect(issuers.contains("Chủ tịch UBND tỉnh Nghệ An"))
        #expect(issuers.contains("Viện trưởng VKSND tối cao"))
        #expect(issuers.contains("Chủ tịch nước"))
        #expect(issuers.contains("Thủ tướng Chính phủ"))
    }

    @Test func everyArchetypeOccursAtSmallScale() {
        let seen = Set(Self.small.archetypes)
        for arch in DemoArchetype.allCases { #expect(seen.contains(arch), "\(arch) missing") }
        for (c, arch) in zip(Self.small.candidates, Self.small.archetypes) { #expect(c.kind == arch.kind) }
        #expect(Self.small.archetype(of: "TT-40-00") != nil)
    }

    // MARK: The archetypes against the rules of DOMAIN.md

    static func checkArchetypes(_ set: DemoDataSet, year: Int = 2020) {
        let rules = DemoReferenceRules(set)
        for (c, arch) in zip(set.candidates, set.archetypes) {
            let eligible = rules.eligible(c.id, year)
            #expect(eligible == arch.eligibleIn2020, "\(c.id) \(arch): eligible \(eligible)")
            let met = rules.qualifying(c.id, year)
            switch arch {
            case .labourOrder, .primeMinisterCertificate, .certificate, .nationalFighter, .sectorFighter, .sustained,
                 .oneOff, .collectiveYear, .collectiveHero, .collectiveOrder, .collectiveFlags:
                #expect(met == [arch.clause], "\(c.id) \(arch) meets \(met)")
            case .runOneYearShort, .runGapYear:
                #expect(met.isEmpty && rules.htxRun(c.id, year) == 1, "\(c.id) \(arch)")
            case .runEndedYearBefore:
                #expect(met.isEmpty && rules.htxRun(c.id, year) == 0 && rules.htxRun(c.id, year - 1) >= 2)
                #expect(rules.qualifying(c.id, year - 1) == [.individualSustained])
            case .oneInitiativeShort:
                #expect(met.isEmpty && rules.htxRun(c.id, year) >= 2)
                #expect(rules.held(c.id, year).filter { $0.type == .SANG_KIEN }.count == 1)
            case .noMassOrgOrPrize:
                #expect(met.isEmpty && rules.htxRun(c.id, year) >= 2)
                #expect(!rules.held(c.id, year).contains { $0.type == .DOAN_THE || $0.type == .GIAI_THUONG })
            case .notAttested, .collectiveNotAttested:
                #expect(!met.isEmpty && !rules.base(c), "\(c.id) \(arch)")
            case .disciplined:
                #expect(rules.held(c.id, year).contains { $0.type == .KY_LUAT && $0.year == year })
            case .leaderCollectiveFails:
                #expect(c.isLeader && rules.base(c) && !met.isEmpty)
            case .disciplinedStaff:
                let inYear = rules.held(c.id, year).filter { $0.year == year }
                #expect(met.isEmpty && inYear.contains { $0.type == .VUOT_CHI_TIEU } && inYear.contains { $0.type == .SANG_KIEN })
                #expect(rules.disciplinedYears[c.unitCode]?.contains(year) == true)
            case .flagsStraddleWindow, .flagsNotConsecutive:
                #expect(met.isEmpty)
                #expect(rules.held(c.id, year).contains { $0.type == .CO_CP || $0.type == .CO_NGANH || $0.type == .CO_KHOI })
            case .yearWithoutInitiative:
                #expect(met.isEmpty && rules.held(c.id, year).contains { $0.type == .VUOT_CHI_TIEU && $0.year == year })
            case .nothingYet, .collectiveNothingYet:
                #expect(met.isEmpty, "\(c.id) \(arch) meets \(met)")
            }
        }
    }

    @Test func archetypesMatchTheRulesAtSmallScale() {
        Self.checkArchetypes(Self.small)
        let other = DemoData.generateTagged(units: DemoTestUnits.handful, scale: .small, seed: 99)
        Self.checkArchetypes(other)
    }

    @Test func sectorShapeCountsRatesAndTiming() {
        let units = DemoTestUnits.sectorShape
        let clock = ContinuousClock()
        var set: DemoDataSet?
        let elapsed = clock.measure { set = DemoData.generateTagged(units: units, scale: .sector) }
        let data = set!
        let individuals = data.candidates.filter { $0.kind == .individual }
        print("DemoData sector (debug build): \(data.candidates.count) candidates (\(individuals.count) individuals), "
              + "\(data.achievements.count) records over \(Set(data.candidates.map(\.unitCode)).count) units in \(elapsed)")
        #expect(abs(data.candidates.count - 18_000) <= 1_800)
        #expect(abs(data.achievements.count - 200_000) <= 20_000)
        #expect(Set(data.candidates.map(\.id)).count == data.candidates.count)
        #expect(individuals.contains { $0.name == "Nguyễn Văn Đức" })

        let eligible = data.archetypes.filter(\.eligibleIn2020).count
        let percent = eligible * 100 / data.candidates.count
        print("DemoData sector: \(percent)% eligible for 2020")
        #expect((25...40).contains(percent))

        let disciplined = Set(data.achievements.filter { $0.type == .KY_LUAT }.map(\.candidateId)).count
        let permille = disciplined * 1000 / individuals.count
        print("DemoData sector: \(disciplined) disciplined individuals (\(permille)‰)")
        #expect((8...22).contains(permille))
        #expect(data.archetypes.filter { $0 == .disciplinedStaff }.count >= 20)
        #expect(data.archetypes.filter { $0 == .collectiveHero }.count >= 1)

        var counts = [DemoArchetype: Int]()
        for a in data.archetypes { counts[a, default: 0] += 1 }
        print("DemoData sector archetypes: " + DemoArchetype.allCases.map { "\($0)=\(counts[$0] ?? 0)" }.joined(separator: " "))
        Self.checkArchetypes(data)

        // A sector-sized batch is split across the cores: same verdicts, same order as one at a time.
        var records: [String: [Achievement]] = [:]
        for a in data.achievements { records[a.candidateId, default: []].append(a) }
        let histories = data.candidates.map { CandidateHistory(candidate: $0, achievements: records[$0.id] ?? []) }
        let engine = EligibilityEngine()
        let context = EligibilityContext(histories: histories)
        let batch = engine.verdicts(for: histories, year: 2020, context: context)
        #expect(batch.map(\.candidateId) == histories.map(\.candidate.id))
        for i in stride(from: 0, to: histories.count, by: 41) {
            #expect(batch[i] == engine.verdict(for: histories[i], year: 2020, context: context))
        }
        #expect(batch.filter(\.eligible).count == eligible)
    }

    @Test func smallScaleOnTheSectorShape() {
        let data = DemoData.generateTagged(units: DemoTestUnits.sectorShape, scale: .small)
        let codes = Set(data.candidates.map(\.unitCode))
        print("DemoData small: \(data.candidates.count) candidates, \(data.achievements.count) records, \(codes.count) units")
        #expect((200...800).contains(data.candidates.count))
        for code in ["VKSTC", "VKSTC.V16", "VKSCC.HN", "VKST.40", "VKSH.429", "VKST.17", "VKSH.148", "VKST.46"] {
            #expect(codes.contains(code), "\(code) missing")
        }
        #expect(!codes.contains("VKST.01"))
        #expect(Set(data.archetypes) == Set(DemoArchetype.allCases))
        Self.checkArchetypes(data)
    }

    /// The archetypes are built for 2020; most verdicts come out the same for 2019.
    @Test func mostOutcomesHoldFor2019() {
        let data = DemoData.generateTagged(units: DemoTestUnits.sectorShape, scale: .sector, seed: 7)
        let rules = DemoReferenceRules(data)
        var same = 0
        for (c, arch) in zip(data.candidates, data.archetypes) where rules.eligible(c.id, 2019) == arch.eligibleIn2020 {
            same += 1
        }
        let percent = same * 100 / data.candidates.count
        print("DemoData: \(percent)% of 2020 outcomes also hold for 2019")
        #expect(percent >= 75)
    }

    @Test func stressScaleOnAFewUnitsIsTenfold() {
        let sector = DemoData.generate(units: DemoTestUnits.handful, scale: .sector)
        let stress = DemoData.generate(units: DemoTestUnits.handful, scale: .stress)
        let ratio = Double(stress.candidates.count) / Double(sector.candidates.count)
        #expect(ratio > 8.5 && ratio < 11.5)
        #expect(Set(stress.candidates.map(\.id)).count == stress.candidates.count)
    }

    /// Full stress timing is opt-in: `DEMO_STRESS=1 swift test --filter DemoDataTests`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DEMO_STRESS"] != nil))
    func stressScaleTiming() {
        let clock = ContinuousClock()
        var counts = (0, 0)
        let elapsed = clock.measure {
            let data = DemoData.generate(units: DemoTestUnits.sectorShape, scale: .stress)
            counts = (data.candidates.count, data.achievements.count)
        }
        print("DemoData stress: \(counts.0) candidates, \(counts.1) records in \(elapsed)")
        #expect(abs(counts.0 - 180_000) <= 18_000)
        #expect(abs(counts.1 - 2_000_000) <= 200_000)
    }
}
