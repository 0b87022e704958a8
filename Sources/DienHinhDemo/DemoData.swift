import DienHinhCore
/// How much demo data to make.
public enum DemoScale: String, CaseIterable, Sendable {
    /// A few hundred candidates: the SPP and three affiliated units, the High procuracy at Hà Nội, and
    /// the provinces Nghệ An (VKST.40), Hoà Bình (VKST.17) and Thừa Thiên Huế (VKST.46) with all their
    /// districts (among them VKSH.429 Huyện Nghi Lộc and VKSH.148 Thành phố Hòa Bình).
    case small
    /// Every current unit: about 18,000 candidates and 200,000 records on the real 800-unit shape.
    case sector
    /// Every current unit, about ten times the staff: about 180,000 candidates and 2,000,000 records.
    case stress
}

/// A generated data set with the archetype behind every candidate (for tests and demos).
public struct DemoDataSet: Sendable {
    public var candidates: [Candidate]
    public var achievements: [Achievement]
    /// Parallel to `candidates`: what each history is built to show for review year 2020.
    public var archetypes: [DemoArchetype]

    /// The archetype of one candidate (linear search; build a dictionary for bulk use).
    public func archetype(of candidateId: String) -> DemoArchetype? {
        candidates.firstIndex { $0.id == candidateId }.map { archetypes[$0] }
    }

    /// Candidate id → archetype.
    public var archetypeIndex: [String: DemoArchetype] {
        var index = [String: DemoArchetype](minimumCapacity: candidates.count)
        for (c, a) in zip(candidates, archetypes) { index[c.id] = a }
        return index
    }
}

/// A deterministic generator of plausible candidates and achievement histories (2010–2020).
///
/// Pure: no I/O, no clock, no system randomness. The same units, scale and seed give identical
/// arrays on every run and platform (SplitMix64 seeded from the seed and a FNV-1a hash of each
/// unit code; nothing iterates a `Dictionary` or `Set`).
///
/// ## Candidate ids
/// `unitKey` shortens the unit code: `VKSTC` → `TC`, `VKSTC.V16` → `TC.V16`, `VKSCC.HN` → `CC.HN`,
/// `VKST.40` → `40`, `VKSH.429` → `H429` (any other code is used as it is).
/// - Collectives: `TT-<unitKey>-<nn>`; `nn` = `00` is the whole unit (named exactly `unit.name`),
///   `01`, `02` … its parts ("Phòng 1 – VKSND tỉnh Nghệ An").
/// - Individuals: `CN-<unitKey>-<nnnn>`, numbered from `0001` within the unit (leaders first:
///   the unit's head and deputies, then each part's head and deputies, then staff).
///
/// Leaders of the whole unit have `collectiveId == nil` (clause 1.2a.leader then uses the unit's
/// collective, `TT-<unitKey>-00`); heads and deputies of a part point at that part's collective.
public struct DemoData {
    /// The plan's review of 2017–2020 is the reference year the archetypes are built for.
    public static let referenceYear = 2020
    public static let firstYear = 2010

    public static func generate(units: [SectorUnit], scale: DemoScale, seed: UInt64 = 2017)
        -> (candidates: [Candidate], achievements: [Achievement])
    {
        let set = generateTagged(units: units, scale: scale, seed: seed)
        return (set.candidates, set.achievements)
    }

    /// `generate`, plus the archetype of every candidate.
    public static func generateTagged(units: [SectorUnit], scale: DemoScale, seed: UInt64 = 2017) -> DemoDataSet {
        let chosen = selectUnits(units, scale: scale)
        var generator = DemoGenerator(seed: seed, scale: scale, allUnits: units, chosen: chosen)
        generator.run(chosen)
        return DemoDataSet(candidates: generator.candidates, achievements: generator.achievements,
                           archetypes: generator.tags)
    }

    /// The current units a scale generates candidates for, in generation order (level, then code).
    public static func selectUnits(_ units: [SectorUnit], scale: DemoScale) -> [SectorUnit] {
        let current = units.filter(\.isCurrent).sorted {
            $0.level.rank != $1.level.rank ? $0.level.rank < $1.level.rank : $0.code < $1.code
        }
        guard scale == .small else { return current }
        let supreme: Set<String> = ["VKSTC", "VKSTC.V16", "VKSTC.V7", "VKSTC.VP"]
        let high: Set<String> = ["VKSCC.HN"]
        let provinces: Set<String> = ["VKST.40", "VKST.17", "VKST.46"]
        let picked = current.filter {
            supreme.contains($0.code) || high.contains($0.code) || provinces.contains($0.code)
                || ($0.level == .district && isChild($0, of: provinces))
        }
        if picked.count >= 8 { return picked }
        if current.count <= 60 { return current }
        // Unfamiliar unit codes: two supreme units, one High procuracy, three provinces and their districts.
        let firstProvinces = Set(current.filter { $0.level == .provincial }.prefix(3).map(\.code))
        let firstSupreme = Set(current.filter { $0.level == .supreme }.prefix(2).map(\.code))
        let firstHigh = Set(current.filter { $0.level == .high }.prefix(1).map(\.code))
        return current.filter {
            firstSupreme.contains($0.code) || firstHigh.contains($0.code) || firstProvinces.contains($0.code)
                || ($0.level == .district && isChild($0, of: firstProvinces))
        }
    }

    /// The short form of a unit code used inside candidate ids.
    public static func unitKey(_ code: String) -> String {
        if code == "VKSTC" { return "TC" }
        if code.hasPrefix("VKSTC.") { return "TC." + code.dropFirst(6) }
        if code.hasPrefix("VKSCC.") { return "CC." + code.dropFirst(6) }
        if code.hasPrefix("VKST.") { return String(code.dropFirst(5)) }
        if code.hasPrefix("VKSH.") { return "H" + code.dropFirst(5) }
        return code
    }

    static func isChild(_ unit: SectorUnit, of provinces: Set<String>) -> Bool {
        guard let parent = unit.parentCode else { return false }
        return provinces.contains(parent) || provinces.contains("VKST." + parent)
    }
}

// MARK: - The generator

/// A decision as printed on a record: number, ISO date, issuing authority.
struct DemoDecision {
    let number: String
    let date: String
    let issuer: String
}

extension AwardCode {
    /// Position in the catalog.
    var demoIndex: Int { catalogIndex }
}

/// Everything about one unit the records need, computed once per unit.
struct DemoUnitContext {
    let unit: SectorUnit
    let key: String
    let south: Bool
    /// Head of this procuracy ("Viện trưởng VKSND tỉnh Nghệ An").
    let headIssuer: String
    /// Who rates the staff (HTXSNV, CSTD_CS, initiatives): the head; the SPP's head for supreme units.
    let ratingIssuer: String
    let ratingSuffix: String
    /// Who rates the unit as a collective (VUOT_CHI_TIEU, TTLDXS): the province's head for a district.
    let superiorIssuer: String
    let superiorSuffix: String
    /// "Chủ tịch UBND tỉnh Nghệ An"; nil for supreme and High units.
    let peoplesCommittee: String?
    let union: String
    var local: [DemoDecision?] = Array(repeating: nil, count: 11 * 21)
}

struct DemoGenerator {
    static let years = DemoData.firstYear...DemoData.referenceYear
    static let spp = "Viện trưởng VKSND tối cao"

    let seed: UInt64
    let scale: DemoScale
    let unitsByCode: [String: SectorUnit]
    var candidates: [Candidate] = []
    var achievements: [Achievement] = []
    var tags: [DemoArchetype] = []
    /// Archetypes still to place once each, so that even the small scale shows every one.
    var pendingIndividual: [DemoArchetype]
    var pendingCollective: [DemoArchetype]
    var needDuc = true
    var needLeaderFail = true
    let forcedDisciplinedUnit: String?
    var national: [DemoDecision?] = Array(repeating: nil, count: 11 * 21 * 4)
    var buffer: [Achievement] = []

    init(seed: UInt64, scale: DemoScale, allUnits: [SectorUnit], chosen: [SectorUnit]) {
        self.seed = seed
        self.scale = scale
        var byCode = [String: SectorUnit](minimumCapacity: allUnits.count)
        for u in allUnits { byCode[u.code] = u }
        unitsByCode = byCode
        pendingIndividual = [.labourOrder, .primeMinisterCertificate, .certificate, .nationalFighter, .sectorFighter,
                             .sustained, .oneOff, .runOneYearShort, .runGapYear, .runEndedYearBefore,
                             .oneInitiativeShort, .noMassOrgOrPrize, .notAttested, .nothingYet]
        pendingCollective = [.collectiveYear, .collectiveHero, .collectiveOrder, .collectiveFlags, .flagsStraddleWindow,
                             .flagsNotConsecutive, .yearWithoutInitiative, .collectiveNotAttested, .collectiveNothingYet]
        forcedDisciplinedUnit = (chosen.first { $0.level == .district } ?? chosen.last)?.code
        let perUnit: Int
        switch scale {
        case .small: perUnit = 12
        case .sector: perUnit = 23
        case .stress: perUnit = 230
        }
        candidates.reserveCapacity(chosen.count * perUnit)
        tags.reserveCapacity(chosen.count * perUnit)
        achievements.reserveCapacity(chosen.count * perUnit * 12)
        buffer.reserveCapacity(64)
    }

    mutating func run(_ units: [SectorUnit]) {
        for unit in units { generateUnit(unit) }
    }

    // MARK: Units

    mutating func generateUnit(_ unit: SectorUnit) {
        var rng = DemoRandom(seed: seed, salt: unit.code)
        var ctx = makeContext(unit)
        let disciplined = unit.code == forcedDisciplinedUnit || rng.chance(60)

        // Collectives: the whole unit, then its parts.
        let parts = partNames(unit, &rng)
        var collectiveIds: [String] = []
        var collectiveEligible: [Bool] = []
        for index in 0...parts.count {
            let id = "TT-" + ctx.key + "-" + DemoGenerator.pad(index, 2)
            let name = index == 0 ? unit.name : parts[index - 1] + " – " + unit.name
            var arch: DemoArchetype
            if disciplined && index == 0 {
                arch = .disciplinedStaff
            } else if !disciplined, !pendingCollective.isEmpty {
                arch = pendingCollective.removeFirst()
            } else {
                arch = DemoGenerator.collectiveTable.pick(&rng)
            }
            if disciplined && arch == .collectiveYear { arch = .disciplinedStaff }
            var complies = true, united = true, clean = true
            if arch == .collectiveNotAttested {
                switch rng.int(3) {
                case 0: complies = false
                case 1: united = false
                default: clean = false
                }
            } else if !arch.eligibleIn2020 {
                complies = !rng.chance(15)
                united = !rng.chance(15)
                clean = !rng.chance(15)
            }
            candidates.append(Candidate(id: id, kind: .collective, name: name, unitCode: unit.code, isLeader: false,
                                        compliesWithPolicy: complies, internallyUnited: united,
                                        orgsCleanStrong: clean))
            tags.append(arch)
            collectiveIds.append(id)
            collectiveEligible.append(arch.eligibleIn2020)
            collectiveHistory(id, arch, whole: index == 0, &ctx, &rng)
        }

        // Leaders: the head and deputies of the unit, then of each part that has titled leaders.
        var leaders: [(position: String, part: Int)] = []
        let (head, deputy) = headTitles(unit)
        leaders.append((head, 0))
        let deputies: Int
        switch unit.level {
        case .supreme: deputies = unit.code == "VKSTC" ? 4 : 1 + rng.int(2)
        case .high, .provincial: deputies = 2 + rng.int(2)
        case .district, .regional: deputies = 1 + rng.int(2)
        }
        for _ in 0..<deputies { leaders.append((deputy, 0)) }
        for (i, part) in parts.enumerated() {
            guard let titles = DemoGenerator.partTitles(part) else { continue }
            leaders.append((titles.head, i + 1))
            let n = scale == .small ? 1 : 1 + rng.int(2)
            for _ in 0..<n { leaders.append((titles.deputy, i + 1)) }
        }

        let total = max(individualCount(unit, &rng), leaders.count + 3)
        let staff = total - leaders.count
        var disciplinedStaff: [Int] = []
        if disciplined {
            disciplinedStaff.append(rng.int(staff))
            if rng.chance(200) && staff > 1 { disciplinedStaff.append((disciplinedStaff[0] + 1) % staff) }
        }
        let positions = staffPositions(unit)

        for n in 0..<total {
            let id = "CN-" + ctx.key + "-" + DemoGenerator.pad(n + 1, 4)
            let isLeader = n < leaders.count
            let female = rng.chance(isLeader ? 250 : 520)
            var name = DemoNames.full(female: female, south: ctx.south, &rng)
            var position: String
            var collectiveId: String? = nil
            var personal: DemoArchetype
            var tag: DemoArchetype
            if isLeader {
                let leader = leaders[n]
                position = leader.position
                if leader.part > 0 { collectiveId = collectiveIds[leader.part] }
                let collectiveOK = collectiveEligible[leader.part]
                if needLeaderFail && !collectiveOK {
                    personal = .certificate
                    needLeaderFail = false
                } else {
                    personal = DemoGenerator.leaderTable.pick(&rng)
                }
                tag = personal.eligibleIn2020 && !collectiveOK ? .leaderCollectiveFails : personal
            } else {
                position = positions.pick(&rng)
                if disciplinedStaff.contains(n - leaders.count) {
                    personal = .disciplined
                } else if !pendingIndividual.isEmpty {
                    personal = pendingIndividual.removeFirst()
                } else {
                    personal = DemoGenerator.individualTable.pick(&rng)
                }
                tag = personal
                if needDuc && !female {
                    name = "Nguyễn Văn Đức"
                    needDuc = false
                }
            }
            if position.isEmpty { position = "Chuyên viên" }
            let complies: Bool
            switch personal {
            case .notAttested, .disciplined: complies = false
            default: complies = personal.eligibleIn2020 || !rng.chance(20)
            }
            candidates.append(Candidate(id: id, kind: .individual, name: name, unitCode: unit.code,
                                        position: position, isLeader: isLeader, compliesWithPolicy: complies,
                                        collectiveId: collectiveId))
            tags.append(tag)
            individualHistory(id, personal, &ctx, &rng)
        }
    }

    func individualCount(_ unit: SectorUnit, _ rng: inout DemoRandom) -> Int {
        let base: Int
        let small = scale == .small
        switch unit.level {
        case .supreme: base = unit.code == "VKSTC" ? (small ? 14 : 30) : (small ? 8 : 22)
        case .high: base = small ? 20 : 60
        case .provincial: base = small ? 24 : 64
        case .district, .regional: base = small ? 6 : 18
        }
        var n = base * (75 + rng.int(51)) / 100
        if scale == .stress { n = n * 106 / 10 }
        return n
    }

    func partNames(_ unit: SectorUnit, _ rng: inout DemoRandom) -> [String] {
        let small = scale == .small
        switch unit.level {
        case .provincial:
            let optional = ["Phòng 2", "Phòng 3", "Phòng 8", "Phòng 9", "Phòng 10", "Phòng 11", "Phòng 12",
                            "Phòng 15", "Thanh tra"]
            let extra = small ? rng.int(2) : rng.int(4)
            var chosen = Set<String>()
            while chosen.count < extra { chosen.insert(optional[rng.int(optional.count)]) }
            let order = ["Phòng 1", "Phòng 2", "Phòng 3", "Phòng 7", "Phòng 8", "Phòng 9", "Phòng 10", "Phòng 11",
                         "Phòng 12", "Phòng 15", "Văn phòng", "Thanh tra"]
            return order.filter { ["Phòng 1", "Phòng 7", "Văn phòng"].contains($0) || chosen.contains($0) }
        case .high:
            let extra = small ? 0 : rng.int(3)
            let institutes = ["Viện 1", "Viện 2", "Viện 3", "Viện 4", "Viện 5"].prefix(2 + extra)
            return Array(institutes) + ["Văn phòng"]
        case .supreme:
            if unit.code == "VKSTC" { return [] }
            let n = small ? rng.int(2) : rng.int(3)
            return Array(["Phòng 1", "Phòng 2"].prefix(n))
        case .district, .regional:
            guard rng.chance(50) else { return [] }
            return [rng.pick(["Bộ phận Văn phòng", "Bộ phận Thực hành quyền công tố và kiểm sát điều tra",
                              "Bộ phận Kiểm sát thi hành án dân sự"])]
        }
    }

    static func partTitles(_ part: String) -> (head: String, deputy: String)? {
        if part.hasPrefix("Phòng") { return ("Trưởng phòng", "Phó Trưởng phòng") }
        if part == "Văn phòng" { return ("Chánh Văn phòng", "Phó Chánh Văn phòng") }
        if part == "Thanh tra" { return ("Chánh Thanh tra", "Phó Chánh Thanh tra") }
        if part.hasPrefix("Viện") { return ("Viện trưởng " + part, "Phó Viện trưởng " + part) }
        return nil
    }

    func headTitles(_ unit: SectorUnit) -> (String, String) {
        guard unit.level == .supreme, unit.code != "VKSTC" else { return ("Viện trưởng", "Phó Viện trưởng") }
        let name = unit.name
        if name.hasPrefix("Vụ") { return ("Vụ trưởng", "Phó Vụ trưởng") }
        if name.hasPrefix("Cục") { return ("Cục trưởng", "Phó Cục trưởng") }
        if name.hasPrefix("Văn phòng") { return ("Chánh Văn phòng", "Phó Chánh Văn phòng") }
        if name.hasPrefix("Thanh tra") { return ("Chánh Thanh tra", "Phó Chánh Thanh tra") }
        if name.hasPrefix("Cơ quan điều tra") { return ("Thủ trưởng Cơ quan điều tra", "Phó Thủ trưởng Cơ quan điều tra") }
        if name.hasPrefix("Báo") || name.hasPrefix("Tạp chí") { return ("Tổng Biên tập", "Phó Tổng Biên tập") }
        if name.hasPrefix("Trường") { return ("Hiệu trưởng", "Phó Hiệu trưởng") }
        return ("Viện trưởng", "Phó Viện trưởng")
    }

    func staffPositions(_ unit: SectorUnit) -> WeightedTable<String> {
        switch unit.level {
        case .district, .regional: return DemoGenerator.districtStaff
        case .provincial: return DemoGenerator.provincialStaff
        case .high: return DemoGenerator.highStaff
        case .supreme:
            if unit.code == "VKSTC" { return DemoGenerator.sppStaff }
            if unit.name.hasPrefix("Báo") || unit.name.hasPrefix("Tạp chí") { return DemoGenerator.pressStaff }
            if unit.name.hasPrefix("Trường") || unit.name.hasPrefix("Viện") { return DemoGenerator.schoolStaff }
            return DemoGenerator.departmentStaff
        }
    }

    // MARK: SectorUnit context and decisions

    func makeContext(_ unit: SectorUnit) -> DemoUnitContext {
        let parent = unit.parentCode.flatMap { unitsByCode[$0] ?? unitsByCode["VKST." + $0] }
        let region = (unit.level == .high ? unit.code : nil) ?? unit.regionCode ?? parent?.regionCode ?? ""
        let south = region.contains("HCM") || region.contains("DN") || region.contains("Hồ Chí Minh")
            || region.contains("Đà Nẵng")
        let own = DemoGenerator.procuracyName(unit)
        let supreme = unit.level == .supreme
        let head = supreme ? DemoGenerator.spp : "Viện trưởng " + own
        let superior: String
        let superiorSuffix: String
        if unit.level == .district {
            superior = parent.map { "Viện trưởng " + DemoGenerator.procuracyName($0) } ?? "Viện trưởng VKSND cấp tỉnh"
            superiorSuffix = "/QĐ-VKS"
        } else {
            superior = DemoGenerator.spp
            superiorSuffix = "/QĐ-VKSTC"
        }
        var committee: String? = nil
        if unit.level == .provincial {
            committee = "Chủ tịch UBND " + DemoGenerator.place(unit)
        } else if unit.level == .district {
            committee = "Chủ tịch UBND " + (parent.map(DemoGenerator.place) ?? "tỉnh")
        }
        return DemoUnitContext(unit: unit, key: DemoData.unitKey(unit.code), south: south, headIssuer: head,
                               ratingIssuer: head, ratingSuffix: supreme ? "/QĐ-VKSTC" : "/QĐ-VKS",
                               superiorIssuer: superior, superiorSuffix: superiorSuffix,
                               peoplesCommittee: committee,
                               union: "Công đoàn " + (supreme ? "VKSND tối cao" : own))
    }

    /// "VKSND tỉnh Nghệ An" whether the unit's name is spelled short, long or bare.
    static func procuracyName(_ unit: SectorUnit) -> String {
        let name = unit.name
        if name.hasPrefix("VKSND") || name.hasPrefix("Viện kiểm sát") { return name }
        return "VKSND " + lowerFirstWord(name)
    }

    /// "tỉnh Nghệ An", "thành phố Hà Nội": the place a procuracy serves.
    static func place(_ unit: SectorUnit) -> String {
        var name = Substring(unit.name)
        for prefix in ["Viện kiểm sát nhân dân ", "VKSND "] where name.hasPrefix(prefix) {
            name = name.dropFirst(prefix.count)
        }
        return lowerFirstWord(String(name))
    }

    static func lowerFirstWord(_ text: String) -> String {
        for word in ["Tỉnh ", "Thành phố ", "Huyện ", "Quận ", "Thị xã "] where text.hasPrefix(word) {
            return word.lowercased() + text.dropFirst(word.count)
        }
        return text
    }

    /// A decision shared sector- or nation-wide: one of four per type and year.
    mutating func nationalDecision(_ type: AwardCode, _ year: Int, _ rng: inout DemoRandom) -> DemoDecision {
        let variant = rng.int(4)
        let slot = ((year - DemoData.firstYear) * 21 + type.demoIndex) * 4 + variant
        if let d = national[slot] { return d }
        let h = DemoRandom.mix(seed, UInt64(year), UInt64(type.demoIndex), UInt64(variant), 0xA7)
        let issuer: String
        let suffix: String
        let range: Int
        switch type {
        case .AHLD, .HCDL, .HCLD:
            (issuer, suffix, range) = ("Chủ tịch nước", "/QĐ-CTN", 2400)
        case .BK_TTG, .CSTD_TQ, .CO_CP:
            (issuer, suffix, range) = ("Thủ tướng Chính phủ", "/QĐ-TTg", 2200)
        case .BK_DOANTHE:
            switch variant {
            case 0: (issuer, suffix, range) = ("Tổng Liên đoàn Lao động Việt Nam", "/QĐ-TLĐ", 1800)
            case 1: (issuer, suffix, range) = ("Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh", "/QĐ-TWĐTN", 900)
            case 2: (issuer, suffix, range) = ("Đoàn Chủ tịch Trung ương Hội Liên hiệp Phụ nữ Việt Nam", "/QĐ-ĐCT", 600)
            default: (issuer, suffix, range) = ("Công đoàn Viên chức Việt Nam", "/QĐ-CĐVC", 700)
            }
        default:
            (issuer, suffix, range) = (DemoGenerator.spp, "/QĐ-VKSTC", 900)
        }
        let number = 12 + Int(h % UInt64(range))
        let month = 1 + Int((h >> 20) % 12)
        let day = 1 + Int((h >> 28) % 28)
        let d = DemoDecision(number: String(number) + suffix, date: DemoGenerator.iso(year, month, day), issuer: issuer)
        national[slot] = d
        return d
    }

    /// A decision of the unit itself or the body just above it, shared by everyone it names that year.
    func localDecision(_ type: AwardCode, _ year: Int, _ ctx: inout DemoUnitContext) -> DemoDecision {
        let slot = (year - DemoData.firstYear) * 21 + type.demoIndex
        if let d = ctx.local[slot] { return d }
        let h = DemoRandom.mix(seed, DemoRandom.fnv1a(ctx.unit.code), UInt64(year), UInt64(type.demoIndex))
        var month = 1 + Int((h >> 20) % 12)
        var day = 1 + Int((h >> 28) % 28)
        let issuer: String
        let suffix: String
        switch type {
        case .HTXSNV, .CSTD_CS:
            (issuer, suffix) = (ctx.ratingIssuer, ctx.ratingSuffix)
            month = 12
            day = 10 + Int((h >> 28) % 19)
        case .SANG_KIEN, .KY_LUAT:
            (issuer, suffix) = (ctx.ratingIssuer, ctx.ratingSuffix)
        case .DOT_XUAT:
            (issuer, suffix) = (ctx.headIssuer, "/TTr-VKS")
        case .DOAN_THE:
            (issuer, suffix) = (ctx.union, "/QĐ-CĐ")
        case .GIAI_THUONG:
            (issuer, suffix) = ("Ban Tổ chức Hội thi, Hội thao", "/QĐ-BTC")
        case .BK_UBND:
            (issuer, suffix) = (ctx.peoplesCommittee ?? "Chủ tịch UBND tỉnh", "/QĐ-UBND")
        case .VUOT_CHI_TIEU, .TTLDXS:
            (issuer, suffix) = (ctx.superiorIssuer, ctx.superiorSuffix)
            if type == .VUOT_CHI_TIEU {
                month = 12
                day = 15 + Int((h >> 28) % 14)
            }
        default:
            (issuer, suffix) = (ctx.headIssuer, "/QĐ-VKS")
        }
        let number = 1 + Int(h % 640)
        let d = DemoDecision(number: String(number) + suffix, date: DemoGenerator.iso(year, month, day), issuer: issuer)
        ctx.local[slot] = d
        return d
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
        String(y) + (m < 10 ? "-0" : "-") + String(m) + (d < 10 ? "-0" : "-") + String(d)
    }

    // MARK: Records

    mutating func add(_ cid: String, _ year: Int, _ type: AwardCode, _ d: DemoDecision?, awardClass: Int? = nil,
                      proposed: AwardCode? = nil, note: String? = nil)
    {
        var record = Achievement(candidateId: cid, year: year, type: type, awardClass: awardClass,
                                 proposedAward: proposed, decisionNo: d?.number, decisionDate: d?.date,
                                 issuer: d?.issuer, note: note)
        // A second achievement of one kind in one year is a second decision: two records under one decision
        // would be one achievement counted once (issue 14), not the two the generator meant.
        var k = 0
        while record.identity != nil, buffer.contains(where: { $0.identity == record.identity }) {
            k += 1
            record.decisionNo = d.map { Self.laterDecision($0.number, k) }
        }
        buffer.append(record)
    }

    /// "562/QĐ-VKS" -> "1202/QĐ-VKS" (k = 1): a later number of the same issuer, past the range shared ones use.
    static func laterDecision(_ number: String, _ k: Int) -> String {
        let digits = number.prefix { $0.isNumber }
        return String((Int(digits) ?? 0) + 640 * k) + number.dropFirst(digits.count)
    }

    /// Moves the candidate's records, in year order, to the output.
    mutating func flush() {
        buffer.sort { $0.year != $1.year ? $0.year < $1.year : $0.type.demoIndex < $1.type.demoIndex }
        achievements.append(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    static func bit(_ year: Int) -> UInt16 { 1 << UInt16(year - DemoData.firstYear) }

    /// HTXSNV-like ratings in most years of `from...to`.
    static func rich(_ from: Int, _ to: Int, _ rng: inout DemoRandom, perMille: Int = 820) -> UInt16 {
        guard from <= to else { return 0 }
        var mask: UInt16 = 0
        for y in from...to where rng.chance(perMille) { mask |= bit(y) }
        return mask
    }

    mutating func individualHistory(_ cid: String, _ arch: DemoArchetype, _ ctx: inout DemoUnitContext,
                                    _ rng: inout DemoRandom)
    {
        var start = rng.chance(550) ? 2010 : rng.int(in: 2011...2017)
        var htx: UInt16 = 0
        var initiatives = 0
        var massOrgAllowed = true
        var massOrgMin = 0

        switch arch {
        case .sustained, .oneInitiativeShort, .noMassOrgOrPrize:
            // A run of exactly L years ending in 2020: the year before it is left out.
            let length = 2 + rng.int(4)
            let runStart = 2021 - length
            start = min(start, runStart)
            htx = DemoGenerator.rich(start, runStart - 2, &rng)
            for y in runStart...2020 { htx |= DemoGenerator.bit(y) }
            initiatives = arch == .oneInitiativeShort ? 1 : 2 + rng.int(2)
            massOrgAllowed = arch != .noMassOrgOrPrize
            massOrgMin = massOrgAllowed ? 1 : 0
        case .runOneYearShort:
            // Joined in 2019; first excellent rating in 2020.
            start = 2019
            htx = DemoGenerator.bit(2020)
            initiatives = 2
            massOrgMin = 1
        case .runGapYear:
            start = min(start, 2015)
            htx = DemoGenerator.rich(start, 2016, &rng) | DemoGenerator.bit(2017) | DemoGenerator.bit(2018)
                | DemoGenerator.bit(2020)
            initiatives = 2 + rng.int(2)
            massOrgMin = 1
        case .runEndedYearBefore:
            let length = 2 + rng.int(3)
            let runStart = 2020 - length
            start = min(start, runStart)
            htx = DemoGenerator.rich(start, runStart - 2, &rng)
            for y in runStart...2019 { htx |= DemoGenerator.bit(y) }
            initiatives = 2 + rng.int(2)
            massOrgMin = 1
        default:
            // Background: 1.2a.6 is kept out of reach by breaking one of its three legs.
            let mode = rng.int(100)
            if mode < 50 {
                htx = DemoGenerator.rich(start, 2020, &rng)
            } else if mode < 70 {
                htx = DemoGenerator.rich(start, 2020, &rng)
                initiatives = 1
            } else if mode < 85 {
                htx = DemoGenerator.rich(start, 2020, &rng)
                initiatives = rng.int(4)
                massOrgAllowed = false
            } else {
                htx = DemoGenerator.rich(start, 2019, &rng)
                initiatives = rng.int(3)
            }
        }

        for y in start...2020 where htx & DemoGenerator.bit(y) != 0 {
            add(cid, y, .HTXSNV, localDecision(.HTXSNV, y, &ctx))
            if rng.chance(180) { add(cid, y, .CSTD_CS, localDecision(.CSTD_CS, y, &ctx)) }
        }
        // The run that ended in 2019 is complete in 2019: its initiatives and mass-org records too.
        let lastYear = arch == .runEndedYearBefore ? 2019 : 2020
        for _ in 0..<initiatives {
            let y = rng.int(in: start...lastYear)
            add(cid, y, .SANG_KIEN, localDecision(.SANG_KIEN, y, &ctx), note: rng.pick(DemoGenerator.initiativeNotes))
        }
        if massOrgAllowed {
            let r = rng.int(100)
            let count = max(massOrgMin, r < 30 ? 0 : r < 70 ? 1 : r < 92 ? 2 : 3)
            for _ in 0..<count {
                let y = rng.int(in: start...lastYear)
                if rng.chance(600) {
                    add(cid, y, .DOAN_THE, localDecision(.DOAN_THE, y, &ctx))
                } else {
                    add(cid, y, .GIAI_THUONG, localDecision(.GIAI_THUONG, y, &ctx), note: rng.pick(DemoGenerator.prizeNotes))
                }
            }
        }

        let awardFrom = max(start, 2011)
        switch arch {
        case .labourOrder:
            let y = rng.int(in: max(start, 2012)...2020)
            let r = rng.int(100)
            add(cid, y, .HCLD, nationalDecision(.HCLD, y, &rng), awardClass: r < 70 ? 3 : r < 95 ? 2 : 1)
        case .primeMinisterCertificate:
            let y = rng.int(in: awardFrom...2020)
            add(cid, y, .BK_TTG, nationalDecision(.BK_TTG, y, &rng))
        case .certificate:
            addCertificates(cid, from: awardFrom, count: 1 + rng.int(2), &ctx, &rng)
        case .notAttested:
            if rng.chance(600) {
                addCertificates(cid, from: awardFrom, count: 1, &ctx, &rng)
            } else {
                let y = rng.int(in: awardFrom...2020)
                add(cid, y, .CSTD_NGANH, nationalDecision(.CSTD_NGANH, y, &rng))
            }
        case .nationalFighter:
            let y = rng.int(in: max(start, 2012)...2020)
            add(cid, y, .CSTD_TQ, nationalDecision(.CSTD_TQ, y, &rng))
        case .sectorFighter:
            let first = rng.int(in: awardFrom...2020)
            add(cid, first, .CSTD_NGANH, nationalDecision(.CSTD_NGANH, first, &rng))
            if first <= 2017 && rng.chance(300) {
                let second = first + 3
                add(cid, second, .CSTD_NGANH, nationalDecision(.CSTD_NGANH, second, &rng))
            }
        case .oneOff:
            let y = rng.int(in: max(start, 2017)...2020)
            let r = rng.int(100)
            let proposed: AwardCode = r < 60 ? .BK_VKSTC : r < 90 ? .BK_TTG : .HCLD
            add(cid, y, .DOT_XUAT, localDecision(.DOT_XUAT, y, &ctx), proposed: proposed,
                note: rng.pick(DemoGenerator.oneOffNotes))
        case .disciplined:
            add(cid, 2020, .KY_LUAT, localDecision(.KY_LUAT, 2020, &ctx), note: rng.pick(DemoGenerator.disciplineNotes))
        default:
            break
        }
        // Old disciplinary records (2011–2018) touch no clause of the 2020 review.
        if arch != .disciplined && start <= 2018 && rng.chance(12) {
            let y = rng.int(in: awardFrom...2018)
            add(cid, y, .KY_LUAT, localDecision(.KY_LUAT, y, &ctx), note: rng.pick(DemoGenerator.disciplineNotes))
        }
        flush()
    }

    mutating func addCertificates(_ cid: String, from: Int, count: Int, _ ctx: inout DemoUnitContext,
                                  _ rng: inout DemoRandom)
    {
        for _ in 0..<count {
            let y = rng.int(in: from...2020)
            let r = rng.int(100)
            if r < 30 && ctx.peoplesCommittee != nil {
                add(cid, y, .BK_UBND, localDecision(.BK_UBND, y, &ctx))
            } else if r < 45 {
                add(cid, y, .BK_DOANTHE, nationalDecision(.BK_DOANTHE, y, &rng))
            } else {
                add(cid, y, .BK_VKSTC, nationalDecision(.BK_VKSTC, y, &rng))
            }
        }
    }

    mutating func collectiveHistory(_ cid: String, _ arch: DemoArchetype, whole: Bool, _ ctx: inout DemoUnitContext,
                                    _ rng: inout DemoRandom)
    {
        let attestationVariantYear = rng.chance(500)
        let yearRecord = arch == .collectiveYear || arch == .disciplinedStaff
            || (arch == .collectiveNotAttested && attestationVariantYear)

        // Exceeded targets: most years; in 2020 only where the archetype says, or without a 2020 initiative.
        for y in 2010...2019 where rng.chance(600) {
            add(cid, y, .VUOT_CHI_TIEU, localDecision(.VUOT_CHI_TIEU, y, &ctx))
        }
        if yearRecord || arch == .yearWithoutInitiative || rng.chance(450) {
            add(cid, 2020, .VUOT_CHI_TIEU, localDecision(.VUOT_CHI_TIEU, 2020, &ctx))
        }
        // Initiatives before 2020 are background; a 2020 initiative only for the 1.2b.1 archetypes.
        for _ in 0..<rng.int(4) {
            let y = rng.int(in: 2010...2019)
            add(cid, y, .SANG_KIEN, localDecision(.SANG_KIEN, y, &ctx), note: rng.pick(DemoGenerator.initiativeNotes))
        }
        if yearRecord {
            for _ in 0..<(1 + rng.int(2)) {
                add(cid, 2020, .SANG_KIEN, localDecision(.SANG_KIEN, 2020, &ctx),
                    note: rng.pick(DemoGenerator.initiativeNotes))
            }
        }
        for y in 2010...2020 where rng.chance(380) {
            add(cid, y, .TTLDXS, localDecision(.TTLDXS, y, &ctx))
        }
        for _ in 0..<rng.int(3) {
            let y = rng.int(in: 2010...2020)
            if rng.chance(400) && ctx.peoplesCommittee != nil {
                add(cid, y, .BK_UBND, localDecision(.BK_UBND, y, &ctx))
            } else {
                add(cid, y, .BK_VKSTC, nationalDecision(.BK_VKSTC, y, &rng))
            }
        }

        // Flags.
        var flagYears: [Int] = []
        let flagRun = arch == .collectiveFlags || (arch == .collectiveNotAttested && !attestationVariantYear)
        switch arch {
        case _ where flagRun:
            let s = rng.int(in: 2011...2015)
            let length = s <= 2014 && rng.chance(300) ? 3 : 2
            flagYears = Array(s..<(s + length))
            if rng.chance(300) { flagYears.append(rng.int(in: 2018...2020)) }
        case .flagsStraddleWindow:
            flagYears = [2016, 2017]
            if rng.chance(400) { flagYears.append(2018) }
        case .flagsNotConsecutive:
            flagYears = rng.pick([[2011, 2013], [2012, 2014], [2013, 2015], [2012, 2014, 2016], [2011, 2013, 2015],
                                  [2014, 2016], [2011, 2014, 2016]])
        default:
            // At most one year inside the window, so no run can form.
            if rng.chance(300) { flagYears.append(rng.int(in: 2011...2016)) }
            if rng.chance(250) { flagYears.append(rng.int(in: 2018...2020)) }
        }
        for y in flagYears {
            let r = rng.int(100)
            let type: AwardCode = r < 12 ? .CO_CP : r < 60 ? .CO_NGANH : .CO_KHOI
            add(cid, y, type, nationalDecision(type, y, &rng))
        }

        switch arch {
        case .collectiveHero:
            let y = rng.int(in: 2012...2020)
            add(cid, y, .AHLD, nationalDecision(.AHLD, y, &rng), note: "Anh hùng Lao động thời kỳ đổi mới")
        case .collectiveOrder:
            let y = rng.int(in: 2011...2020)
            if whole && ctx.unit.level != .district && rng.chance(250) {
                add(cid, y, .HCDL, nationalDecision(.HCDL, y, &rng), awardClass: 2 + rng.int(2))
            } else {
                let r = rng.int(100)
                add(cid, y, .HCLD, nationalDecision(.HCLD, y, &rng), awardClass: r < 60 ? 3 : r < 90 ? 2 : 1)
            }
        default:
            break
        }
        flush()
    }

    // MARK: Tables

    static let individualTable = WeightedTable<DemoArchetype>([
        (.labourOrder, 20), (.primeMinisterCertificate, 30), (.certificate, 80), (.nationalFighter, 8),
        (.sectorFighter, 40), (.sustained, 90), (.oneOff, 22),
        (.runOneYearShort, 40), (.runGapYear, 40), (.runEndedYearBefore, 40), (.oneInitiativeShort, 40),
        (.noMassOrgOrPrize, 40), (.notAttested, 30), (.nothingYet, 480),
    ])
    /// Leaders hold more distinctions than staff; none of them joined last year.
    static let leaderTable = WeightedTable<DemoArchetype>([
        (.labourOrder, 60), (.primeMinisterCertificate, 80), (.certificate, 200), (.nationalFighter, 20),
        (.sectorFighter, 100), (.sustained, 80), (.oneOff, 20),
        (.runGapYear, 40), (.runEndedYearBefore, 40), (.oneInitiativeShort, 40), (.noMassOrgOrPrize, 40),
        (.notAttested, 20), (.nothingYet, 260),
    ])
    static let collectiveTable = WeightedTable<DemoArchetype>([
        (.collectiveYear, 300), (.collectiveHero, 5), (.collectiveOrder, 70), (.collectiveFlags, 140),
        (.flagsStraddleWindow, 70), (.flagsNotConsecutive, 70), (.yearWithoutInitiative, 70),
        (.collectiveNotAttested, 40), (.collectiveNothingYet, 235),
    ])

    static let districtStaff = WeightedTable<String>([
        ("Kiểm sát viên sơ cấp", 340), ("Kiểm sát viên trung cấp", 200), ("Kiểm tra viên", 160),
        ("Chuyên viên", 100), ("Văn thư", 70), ("Kế toán", 70), ("Lái xe", 30), ("Kiểm tra viên chính", 30),
    ])
    static let provincialStaff = WeightedTable<String>([
        ("Kiểm sát viên cao cấp", 40), ("Kiểm sát viên trung cấp", 300), ("Kiểm sát viên sơ cấp", 200),
        ("Kiểm tra viên", 180), ("Kiểm tra viên chính", 60), ("Chuyên viên", 120), ("Chuyên viên chính", 30),
        ("Văn thư", 30), ("Kế toán", 30), ("Lái xe", 10),
    ])
    static let highStaff = WeightedTable<String>([
        ("Kiểm sát viên cao cấp", 300), ("Kiểm sát viên trung cấp", 250), ("Kiểm tra viên chính", 120),
        ("Kiểm tra viên", 150), ("Chuyên viên", 120), ("Chuyên viên chính", 30), ("Văn thư", 30),
    ])
    static let sppStaff = WeightedTable<String>([
        ("Kiểm sát viên VKSND tối cao", 250), ("Kiểm sát viên cao cấp", 300), ("Kiểm tra viên cao cấp", 150),
        ("Chuyên viên cao cấp", 100), ("Chuyên viên chính", 200),
    ])
    static let departmentStaff = WeightedTable<String>([
        ("Kiểm sát viên cao cấp", 150), ("Kiểm sát viên trung cấp", 150), ("Kiểm tra viên chính", 150),
        ("Kiểm tra viên", 150), ("Chuyên viên chính", 150), ("Chuyên viên", 200), ("Văn thư", 30), ("Kế toán", 30),
    ])
    static let pressStaff = WeightedTable<String>([
        ("Phóng viên", 350), ("Biên tập viên", 300), ("Biên tập viên chính", 100), ("Chuyên viên", 150),
        ("Kỹ thuật viên", 60), ("Kế toán", 40),
    ])
    static let schoolStaff = WeightedTable<String>([
        ("Giảng viên", 350), ("Giảng viên chính", 200), ("Nghiên cứu viên", 150), ("Chuyên viên", 200),
        ("Kế toán", 50), ("Văn thư", 50),
    ])

    static let initiativeNotes = [
        "Nâng cao chất lượng tranh tụng tại phiên tòa hình sự",
        "Kiểm sát việc tiếp nhận, giải quyết tin báo, tố giác tội phạm",
        "Ứng dụng công nghệ thông tin trong thống kê tội phạm",
        "Nâng cao chất lượng kháng nghị phúc thẩm",
        "Kiểm sát việc tạm giữ, tạm giam tại nhà tạm giữ",
        "Kỹ năng xây dựng báo cáo án và đề cương xét hỏi",
        "Kiểm sát thi hành án dân sự có điều kiện thi hành",
        "Số hóa hồ sơ kiểm sát và tra cứu điện tử",
        "Phối hợp liên ngành trong giải quyết án tồn đọng",
    ]
    static let prizeNotes = [
        "Giải Nhất Hội thi Kiểm sát viên giỏi",
        "Giải Nhì Hội thi Kiểm sát viên giỏi",
        "Giải Ba Hội thi Kiểm tra viên giỏi",
        "Giải Nhì Hội thao ngành Kiểm sát nhân dân",
        "Giải Nhất Hội diễn văn nghệ quần chúng",
        "Giải Khuyến khích Cuộc thi tìm hiểu pháp luật",
        "Giải Ba Giải bóng đá ngành Kiểm sát nhân dân",
    ]
    static let oneOffNotes = [
        "Phát hiện vi phạm, kháng nghị đúng trong vụ án tham nhũng lớn",
        "Tham gia phá chuyên án ma túy xuyên quốc gia",
        "Dũng cảm cứu người trong lũ lụt",
        "Kiểm sát chặt chẽ vụ án đặc biệt nghiêm trọng, dư luận quan tâm",
        "Phát hiện, kiến nghị khắc phục vi phạm trong tạm giữ, tạm giam",
    ]
    static let disciplineNotes = ["Khiển trách", "Cảnh cáo"]
}
