@testable import DienHinhCore
@testable import DienHinhDemo

/// Synthetic units shaped like the real sector, so the Core tests need no resource files.
enum DemoTestUnits {
    /// A handful of units with real codes: the SPP and V16, one High procuracy, Nghệ An with Nghi Lộc and
    /// another district, Hoà Bình with Thành phố Hòa Bình, and a merged (non-current) district.
    static let handful: [SectorUnit] = [
        SectorUnit(code: "VKSTC", name: "VKSND tối cao", shortName: "VKSND tối cao", level: .supreme),
        SectorUnit(code: "VKSTC.V16", name: "Vụ Thi đua – Khen thưởng", shortName: "Vụ 16", level: .supreme,
             parentCode: "VKSTC"),
        SectorUnit(code: "VKSCC.HN", name: "VKSND cấp cao tại Hà Nội", shortName: "VKSND cấp cao tại Hà Nội", level: .high),
        SectorUnit(code: "VKST.40", name: "VKSND tỉnh Nghệ An", shortName: "Nghệ An", level: .provincial,
             regionCode: "VKSCC.HN"),
        SectorUnit(code: "VKSH.429", name: "VKSND huyện Nghi Lộc", shortName: "Nghi Lộc", level: .district,
             parentCode: "VKST.40"),
        SectorUnit(code: "VKSH.412", name: "VKSND thành phố Vinh", shortName: "Vinh", level: .district,
             parentCode: "VKST.40"),
        SectorUnit(code: "VKST.17", name: "VKSND tỉnh Hoà Bình", shortName: "Hoà Bình", level: .provincial,
             regionCode: "VKSCC.HN"),
        SectorUnit(code: "VKSH.148", name: "VKSND thành phố Hòa Bình", shortName: "Hòa Bình", level: .district,
             parentCode: "VKST.17"),
        SectorUnit(code: "VKSH.153", name: "VKSND huyện Kỳ Sơn", shortName: "Kỳ Sơn", level: .district,
             parentCode: "VKST.17", isCurrent: false, mergedInto: "VKSH.148"),
    ]

    /// About 800 current units in the real shape: 26 supreme, 3 High, 63 provincial, 707 district,
    /// plus a few merged districts. VKST.40/VKSH.429 and VKST.17/VKSH.148 carry their real names.
    static let sectorShape: [SectorUnit] = {
        var units: [SectorUnit] = [SectorUnit(code: "VKSTC", name: "VKSND tối cao", shortName: "VKSND tối cao", level: .supreme)]
        let affiliated = ["VP", "C1", "V1", "V2", "V3", "V4", "V5", "V7", "V8", "V9", "V10", "V11", "V12", "V13",
                          "V14", "V15", "V16", "T1", "C2", "C3", "VKH", "BVPL", "TCKS", "DHKS", "TDT"]
        for (i, abbr) in affiliated.enumerated() {
            let name = abbr.hasPrefix("V") && abbr != "VP" && abbr != "VKH" ? "Vụ \(i)" :
                abbr == "BVPL" ? "Báo Bảo vệ pháp luật" : abbr == "DHKS" ? "Trường Đại học Kiểm sát Hà Nội" :
                "Cục \(i)"
            units.append(SectorUnit(code: "VKSTC." + abbr, name: name, shortName: name, level: .supreme, parentCode: "VKSTC"))
        }
        let highs = [("HN", "Hà Nội"), ("DN", "Đà Nẵng"), ("HCM", "TP Hồ Chí Minh")]
        for (code, place) in highs {
            units.append(SectorUnit(code: "VKSCC." + code, name: "VKSND cấp cao tại " + place, shortName: place, level: .high))
        }
        var provinceCodes: [String] = []
        for p in 1...63 {
            let code = "VKST." + (p < 10 ? "0" : "") + String(p)
            provinceCodes.append(code)
            let name = p == 40 ? "VKSND tỉnh Nghệ An" : p == 17 ? "VKSND tỉnh Hoà Bình" : "VKSND tỉnh Số \(p)"
            let region = p <= 40 ? "VKSCC.HN" : p <= 50 ? "VKSCC.DN" : "VKSCC.HCM"
            units.append(SectorUnit(code: code, name: name, shortName: name, level: .provincial, regionCode: region))
        }
        for d in 1...707 {
            let code = "VKSH." + DemoGenerator.pad(d, 3)
            let parent = d == 429 ? "VKST.40" : d == 148 ? "VKST.17" : provinceCodes[(d - 1) * 63 / 707]
            let name = d == 429 ? "VKSND huyện Nghi Lộc" : d == 148 ? "VKSND thành phố Hòa Bình" : "VKSND huyện Số \(d)"
            units.append(SectorUnit(code: code, name: name, shortName: name, level: .district, parentCode: parent))
        }
        for d in 900..<910 {
            units.append(SectorUnit(code: "VKSH.\(d)", name: "VKSND huyện Cũ \(d)", shortName: "Cũ", level: .district,
                              parentCode: "VKST.01", isCurrent: false, mergedInto: "VKSH.001"))
        }
        return units
    }()
}

/// The clause 1.2 rules of DOMAIN.md, restated independently for checking the demo data only.
struct DemoReferenceRules {
    let candidates: [String: Candidate]
    let records: [String: [Achievement]]
    /// unit code → years with a KY_LUAT of one of its individuals.
    let disciplinedYears: [String: Set<Int>]
    /// unit code → the unit's collective record (the first collective of the unit).
    let unitCollective: [String: String]

    init(_ set: DemoDataSet) {
        var cands = [String: Candidate]()
        var unitCollective = [String: String]()
        for c in set.candidates {
            cands[c.id] = c
            if c.kind == .collective && unitCollective[c.unitCode] == nil { unitCollective[c.unitCode] = c.id }
        }
        var recs = [String: [Achievement]]()
        var disciplined = [String: Set<Int>]()
        for a in set.achievements {
            recs[a.candidateId, default: []].append(a)
            if a.type == .KY_LUAT, let c = cands[a.candidateId] { disciplined[c.unitCode, default: []].insert(a.year) }
        }
        candidates = cands
        records = recs
        disciplinedYears = disciplined
        self.unitCollective = unitCollective
    }

    func held(_ id: String, _ year: Int) -> [Achievement] { (records[id] ?? []).filter { $0.year <= year } }

    func htxRun(_ id: String, _ year: Int) -> Int {
        let years = Set(held(id, year).filter { $0.type == .HTXSNV }.map(\.year))
        var run = 0
        while years.contains(year - run) { run += 1 }
        return run
    }

    /// The qualifying clauses (1.2a.1–7 or 1.2b.1–4) met, ignoring base and leader.
    func qualifying(_ id: String, _ year: Int) -> Set<Clause> {
        let c = candidates[id]!
        let h = held(id, year)
        let types = Set(h.map(\.type))
        var met = Set<Clause>()
        if c.kind == .individual {
            if types.contains(.HCLD) { met.insert(.individualLabourOrder) }
            if types.contains(.BK_TTG) { met.insert(.individualPrimeMinister) }
            if !types.isDisjoint(with: [.BK_VKSTC, .BK_UBND, .BK_DOANTHE]) { met.insert(.individualCertificate) }
            if types.contains(.CSTD_TQ) { met.insert(.individualNationalFighter) }
            if types.contains(.CSTD_NGANH) { met.insert(.individualSectorFighter) }
            let initiatives = h.filter { $0.type == .SANG_KIEN }.count
            if htxRun(id, year) >= 2 && initiatives >= 2 && !types.isDisjoint(with: [.DOAN_THE, .GIAI_THUONG]) {
                met.insert(.individualSustained)
            }
            if h.contains(where: { $0.type == .DOT_XUAT && AwardCode.proposableAwards.contains($0.proposedAward!) }) {
                met.insert(.individualOneOff)
            }
        } else {
            let inYear = h.filter { $0.year == year }
            let discipline = disciplinedYears[c.unitCode]?.contains(year) ?? false
            if inYear.contains(where: { $0.type == .VUOT_CHI_TIEU }) && inYear.contains(where: { $0.type == .SANG_KIEN })
                && !discipline
            {
                met.insert(.collectiveYear)
            }
            if types.contains(.AHLD) { met.insert(.collectiveHero) }
            if types.contains(.HCDL) || types.contains(.HCLD) { met.insert(.collectiveOrder) }
            let flagYears = Set(h.filter { [.CO_CP, .CO_NGANH, .CO_KHOI].contains($0.type) }.map(\.year))
            if (2011...2015).contains(where: { flagYears.contains($0) && flagYears.contains($0 + 1) }) {
                met.insert(.collectiveFlags)
            }
        }
        return met
    }

    func base(_ c: Candidate) -> Bool {
        c.kind == .individual ? c.compliesWithPolicy : c.compliesWithPolicy && c.internallyUnited && c.orgsCleanStrong
    }

    func eligible(_ id: String, _ year: Int) -> Bool {
        let c = candidates[id]!
        guard base(c), !qualifying(id, year).isEmpty else { return false }
        if c.kind == .individual && c.isLeader {
            guard let collective = c.collectiveId ?? unitCollective[c.unitCode] else { return false }
            return eligible(collective, year)
        }
        return true
    }
}
