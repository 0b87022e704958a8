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

    static func load() -> ReferenceData {
        var units: [SectorUnit] = []
        var aliases: [UnitAlias] = []
        for r in rows("supreme_units.csv") {
            let code = r["code"]!
            units.append(SectorUnit(code: code, name: r["name"]!, shortName: r["short_name"]!, level: .supreme,
                              parentCode: code == "VKSTC" ? nil : "VKSTC"))
        }
        var regionByName: [String: String] = [:]
        for r in rows("high_units.csv") {
            units.append(SectorUnit(code: r["code"]!, name: r["name"]!, shortName: r["short_name"]!, level: .high))
            regionByName[r["region"]!] = r["code"]!
        }
        for r in rows("provinces.csv") {
            let code = "VKST." + r["code"]!
            units.append(SectorUnit(code: code, name: procuracyName(r["name"]!), shortName: r["short_name"]!,
                              level: .provincial, regionCode: regionByName[r["high_court_region"]!]))
        }
        var current = Set<String>()
        for r in rows("districts.csv") {
            let code = "VKSH." + r["code"]!
            current.insert(code)
            units.append(SectorUnit(code: code, name: procuracyName(r["name"]!), shortName: r["short_name"]!,
                              level: .district, parentCode: "VKST." + r["province_code"]!))
        }
        // Units merged away before 2020 stay, marked not current, pointing at their successor.
        var retired: [String: SectorUnit] = [:]
        for r in rows("districts_history_2017_2020.csv") {
            let code = "VKSH." + r["code"]!
            let name = procuracyName(r["name"]!)
            aliases.append(UnitAlias(code: code, name: name, validFrom: r["valid_from"].flatMap { $0.isEmpty ? nil : $0 },
                                     validTo: r["valid_to"].flatMap { $0.isEmpty ? nil : $0 }))
            if !current.contains(code) {
                let successor = r["merged_into"].flatMap { $0.split(separator: " ").first.map { "VKSH." + $0 } }
                let short = String(r["name"]!.split(separator: " ").dropFirst().joined(separator: " "))
                retired[code] = SectorUnit(code: code, name: name, shortName: short, level: .district,
                                     parentCode: "VKST." + r["province_code"]!, isCurrent: false, mergedInto: successor)
            }
        }
        units += retired.values.sorted { $0.code < $1.code }
        let awards = (try? JSONDecoder().decode([AwardTypeInfo].self, from: DienHinhResources.data("awards.json"))) ?? []
        precondition(awards.count == AwardCode.allCases.count, "awards.json must list every catalog code")
        return ReferenceData(units: units, aliases: aliases, awards: awards)
    }

    public func award(_ code: AwardCode) -> AwardTypeInfo {
        awards.first { $0.code == code }!
    }
}
