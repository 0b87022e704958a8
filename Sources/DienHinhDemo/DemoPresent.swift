import DienHinhCore
import Foundation

/// The demo's sector as it is today: the generated people of 2017–2020 carried through the reorganisation of
/// 1/7/2025 and given records to the last full year. Kept apart from the 2017–2020 generator so the histories it
/// built (and every 2017–2020 verdict on them) stay exactly as they were.
public enum DemoPresent {
    /// The last full emulation year the demo's histories reach.
    public static let lastYear = 2025

    /// Generated regional procuracies, "(demo)" in their names and `isDemo`: the official list of 355 is imported by
    /// the secretariat, never shipped. Each province of 1/7/2025 gets one for every two of its former districts
    /// that have candidates, in code order, so every demo district's people have a unit in 2026.
    public static func regionalUnits(structure: SectorStructure, districtsWithPeople: Set<String>) -> [SectorUnit] {
        let start = SectorCalendar.firstThreeLevelDay
        let before = SectorCalendar.lastFourLevelDay
        var out: [SectorUnit] = []
        for province in structure.units(on: start, level: .provincial) {
            let from = Set(province.succeeds.isEmpty ? [province.code] : province.succeeds)
            let districts = structure.units(on: before, level: .district)
                .filter { $0.parentCode.map(from.contains) == true && districtsWithPeople.contains($0.code) }
                .map(\.code).sorted()
            guard !districts.isEmpty else { continue }
            let gso = String(province.code.split(separator: ".").last ?? "")
            for (i, start2) in stride(from: 0, to: districts.count, by: 2).enumerated() {
                let n = i + 1
                out.append(SectorUnit(code: "VKSKV.\(gso).\(n < 10 ? "0" : "")\(n)",
                                      name: "VKSND khu vực \(n) – \(province.shortName) (demo)",
                                      shortName: "Khu vực \(n) (demo)", level: .regional, parentCode: province.code,
                                      validFrom: start, succeeds: Array(districts[start2..<min(start2 + 2, districts.count)]),
                                      isDemo: true))
            }
        }
        return out
    }

    /// Records for 2021–2025 on the generated histories: an annual rating or target record in most years, now and
    /// then an initiative or a certificate of merit, each with a decision of its year. Seeded per candidate, so the
    /// same seed gives the same records whatever else the generator does.
    public static func recentRecords(candidates: [Candidate], achievements: [Achievement], unitNames: [String: String],
                                     seed: UInt64) -> [Achievement] {
        var rated = Set<String>()
        for a in achievements where a.year == DemoData.referenceYear && (a.type == .HTXSNV || a.type == .VUOT_CHI_TIEU) {
            rated.insert(a.candidateId)
        }
        var out: [Achievement] = []
        for c in candidates {
            var rng = DemoRandom(seed: DemoRandom.mix(seed, DemoRandom.fnv1a("present:" + c.id), 2021, 2025))
            let steady = rated.contains(c.id)
            let annual: AwardCode = c.kind == .individual ? .HTXSNV : .VUOT_CHI_TIEU
            for year in (DemoData.referenceYear + 1)...lastYear {
                let issuer = c.kind == .individual ? "Viện trưởng " + (unitNames[c.unitCode] ?? c.unitCode) : "Viện trưởng VKSND tối cao"
                func decision() -> (String, String) {
                    ("\(100 + rng.int(800))/QĐ-VKS", "\(year)-12-\(10 + rng.int(19))")
                }
                if rng.int(100) < (steady ? 80 : 35) {
                    let (no, date) = decision()
                    out.append(Achievement(candidateId: c.id, year: year, type: annual, decisionNo: no, decisionDate: date, issuer: issuer))
                }
                if rng.int(100) < 12 {
                    let (no, date) = decision()
                    out.append(Achievement(candidateId: c.id, year: year, type: .SANG_KIEN, decisionNo: no, decisionDate: date, issuer: issuer))
                }
                if rng.int(100) < 4 {
                    let (no, date) = decision()
                    out.append(Achievement(candidateId: c.id, year: year, type: .BK_VKSTC, decisionNo: no, decisionDate: date,
                                           issuer: "Viện trưởng VKSND tối cao"))
                }
            }
        }
        return out
    }
}
