import DienHinhCore
import DienHinhResources
import Foundation

/// An award type's names as the catalog resource gives them.
public struct AwardTypeInfo: Equatable, Sendable, Codable {
    public var code: AwardCode
    public var vi: String
    public var en: String
    public var individual: Bool
    public var collective: Bool
    public var classes: Bool

    public func name(english: Bool) -> String { english ? en : vi }
}

/// A former name of a unit, so records from 2017–2019 still resolve after renames and mergers.
public struct UnitAlias: Equatable, Sendable {
    public var code: String
    public var name: String
    public var validFrom: String?
    public var validTo: String?
}

/// The reference data every new database starts with: the four levels' units and the award catalog.
public struct ReferenceData: Sendable {
    public var units: [SectorUnit]
    public var aliases: [UnitAlias]
    public var awards: [AwardTypeInfo]

    /// Loaded once from the resource bundle.
    public static let shipped: ReferenceData = load()

    static func rows(_ name: String) -> [[String: String]] {
        let parsed = CSVReader.read(DienHinhResources.data(name), file: name)
        precondition(parsed.errors.isEmpty, "resource \(name) is malformed: \(parsed.errors)")
        return parsed.rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(parsed.header, row.fields + Array(repeating: "", count: max(0, parsed.header.count - row.fields.count))))
        }
    }

    /// "Tỉnh Nghệ An" -> "VKSND tỉnh Nghệ An": the procuracy takes the administrative unit's name.
    static func procuracyName(_ adminName: String) -> String {
        guard let first = adminName.first else { return adminName }
        return "VKSND " + first.lowercased() + adminName.dropFirst()
    }

    /// The code of a provincial procuracy formed by merger on 2025-07-01: `VKST.2025.<GSO code>`. A code never
    /// changes meaning, so the merged procuracy cannot take the code its seat's province had until 2025-06-30
    /// (docs/UNITS.md). The 11 that did not merge keep theirs.
    public static func mergedProvinceCode(_ gsoCode: String) -> String { "VKST.2025." + gsoCode }

    static func load() -> ReferenceData {
        var units: [SectorUnit] = []
        var aliases: [UnitAlias] = []
        let ceased = SectorCalendar.lastFourLevelDay
        for r in rows("supreme_units.csv") {
            let code = r["code"]!
            units.append(SectorUnit(code: code, name: r["name"]!, shortName: r["short_name"]!, level: .supreme,
                              parentCode: code == "VKSTC" ? nil : "VKSTC"))
        }
        var regionByName: [String: String] = [:]
        for r in rows("high_units.csv") {
            // Ceased with no successor named: their staff are reassigned person by person.
            units.append(SectorUnit(code: r["code"]!, name: r["name"]!, shortName: r["short_name"]!, level: .high, validTo: ceased))
            regionByName[r["region"]!] = r["code"]!
        }
        // From 2025-07-01 (provinces_2025.csv): a province formed from itself alone kept its procuracy and code.
        let provinces2025 = rows("provinces_2025.csv")
        var mergedInto2025: [String: String] = [:]
        var unchanged2025: [String: [String: String]] = [:]
        for r in provinces2025 {
            let from = r["formed_from"]!.split(separator: " ").map(String.init)
            if from == [r["code"]!] {
                unchanged2025[r["code"]!] = r
            } else {
                for old in from { mergedInto2025[old] = mergedProvinceCode(r["code"]!) }
            }
        }
        for r in rows("provinces.csv") {
            let code = "VKST." + r["code"]!
            var name = procuracyName(r["name"]!)
            var short = r["short_name"]!
            if let now = unchanged2025[r["code"]!], now["name"]! != r["name"]! {
                // Renamed but not merged (Thừa Thiên Huế -> Huế): the unit keeps its code; the old name stays findable.
                aliases.append(UnitAlias(code: code, name: name, validFrom: nil, validTo: ceased))
                name = procuracyName(now["name"]!)
                short = now["short_name"]!
            }
            let successor = mergedInto2025[r["code"]!]
            units.append(SectorUnit(code: code, name: name, shortName: short,
                              level: .provincial, regionCode: regionByName[r["high_court_region"]!],
                              validTo: successor == nil ? nil : ceased))
        }
        for r in provinces2025 where unchanged2025[r["code"]!] == nil {
            let from = r["formed_from"]!.split(separator: " ").map { "VKST." + $0 }
            units.append(SectorUnit(code: mergedProvinceCode(r["code"]!), name: procuracyName(r["name"]!), shortName: r["short_name"]!,
                              level: .provincial, validFrom: r["valid_from"]!, succeeds: from))
        }
        var current = Set<String>()
        for r in rows("districts.csv") {
            let code = "VKSH." + r["code"]!
            current.insert(code)
            // Ceased 2025-06-30; the regional procuracy that took a district over is imported (`succeeds`).
            units.append(SectorUnit(code: code, name: procuracyName(r["name"]!), shortName: r["short_name"]!,
                              level: .district, parentCode: "VKST." + r["province_code"]!, validTo: ceased))
        }
        // Units merged away before 2020 stay, marked not current, pointing at their successor.
        var retired: [String: SectorUnit] = [:]
        var lastDay: [String: String] = [:]
        for r in rows("districts_history_2017_2020.csv") {
            if let to = r["valid_to"], !to.isEmpty { lastDay[r["code"]!] = max(lastDay[r["code"]!] ?? "", to) }
        }
        for r in rows("districts_history_2017_2020.csv") {
            let code = "VKSH." + r["code"]!
            let name = procuracyName(r["name"]!)
            aliases.append(UnitAlias(code: code, name: name, validFrom: r["valid_from"].flatMap { $0.isEmpty ? nil : $0 },
                                     validTo: r["valid_to"].flatMap { $0.isEmpty ? nil : $0 }))
            if !current.contains(code) {
                let successor = r["merged_into"].flatMap { $0.split(separator: " ").first.map { "VKSH." + $0 } }
                let short = String(r["name"]!.split(separator: " ").dropFirst().joined(separator: " "))
                retired[code] = SectorUnit(code: code, name: name, shortName: short, level: .district,
                                     parentCode: "VKST." + r["province_code"]!, isCurrent: false, mergedInto: successor,
                                     validTo: lastDay[r["code"]!])
            }
        }
        units += retired.values.sorted { $0.code < $1.code }
        // A merged-away district's successors (where its communes went) record that they took its work over.
        var predecessors: [String: [String]] = [:]
        for r in rows("districts_history_2017_2020.csv") where !current.contains("VKSH." + r["code"]!) {
            for to in (r["merged_into"] ?? "").split(separator: " ") {
                predecessors["VKSH." + to, default: []].append("VKSH." + r["code"]!)
            }
        }
        for i in units.indices {
            if let from = predecessors[units[i].code] { units[i].succeeds = Array(Set(from)).sorted() }
        }
        let awards = (try? JSONDecoder().decode([AwardTypeInfo].self, from: DienHinhResources.data("awards.json"))) ?? []
        precondition(awards.count == AwardCode.allCases.count, "awards.json must list every catalog code")
        return ReferenceData(units: units, aliases: aliases, awards: awards)
    }

    public func award(_ code: AwardCode) -> AwardTypeInfo {
        awards.first { $0.code == code }!
    }
}
