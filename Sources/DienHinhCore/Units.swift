import Foundation

/// The tiers of the procuracy; codes are the interchange contract (DOMAIN.md). Which of them exist depends on
/// the date: four until 2025-06-30, three (supreme, provincial, regional) from 2025-07-01 (NQ 84/2025/UBTVQH15).
public enum Level: String, CaseIterable, Codable, Sendable, Comparable {
    case supreme, high, provincial, district, regional

    /// Display order from the top of the sector down.
    public var rank: Int {
        switch self {
        case .supreme: 0
        case .high: 1
        case .provincial: 2
        case .district: 3
        case .regional: 4
        }
    }

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }

    /// The level a unit code belongs to, read from its prefix.
    public init?(unitCode: String) {
        if unitCode == "VKSTC" || unitCode.hasPrefix("VKSTC.") {
            self = .supreme
        } else if unitCode.hasPrefix("VKSCC.") {
            self = .high
        } else if unitCode.hasPrefix("VKST.") {
            self = .provincial
        } else if unitCode.hasPrefix("VKSH.") {
            self = .district
        } else if unitCode.hasPrefix("VKSKV.") {
            self = .regional
        } else {
            return nil
        }
    }
}

/// The dates on which the sector's structure changed, and the structure a review year is read in.
public enum SectorCalendar {
    /// The last day of the four-level structure: the High and district procuracies ceased, and 52 provincial
    /// procuracies were merged into 23 (NQ 84/2025/UBTVQH15 of 27/6/2025, in force 1/7/2025).
    public static let lastFourLevelDay = "2025-06-30"
    public static let firstThreeLevelDay = "2025-07-01"

    /// A review year is read in the structure in force on its last day: the units that close the emulation year
    /// are the ones its results are reported under (2025 is a three-level year).
    public static func day(of year: Int) -> String { "\(year)-12-31" }

    /// The levels in force on a day, top down.
    public static func levels(on day: String) -> [Level] {
        day <= lastFourLevelDay ? [.supreme, .high, .provincial, .district] : [.supreme, .provincial, .regional]
    }

    public static func levels(year: Int) -> [Level] { levels(on: day(of: year)) }
}

/// A procuracy: the SPP or one of its affiliated units, a High procuracy, a provincial or a district one.
public struct SectorUnit: Equatable, Hashable, Sendable, Codable, Identifiable {
    public var id: String { code }
    public var code: String
    public var name: String
    public var shortName: String
    public var level: Level
    /// The unit it belongs to: an affiliated unit's SPP, a district's province.
    public var parentCode: String?
    /// For a provincial unit: the High procuracy whose region covers it.
    public var regionCode: String?
    /// `false` for a unit merged away or renamed before 2020; kept so older records resolve.
    public var isCurrent: Bool
    /// The unit whose records continue this one's after a merger.
    public var mergedInto: String?
    /// First and last day in force (ISO); nil: since before 2017 / still in force.
    public var validFrom: String?
    public var validTo: String?
    /// The units whose work this one took over (a merged province's predecessors, a regional procuracy's districts).
    public var succeeds: [String]
    /// Generated for the demo database, not an official unit.
    public var isDemo: Bool

    public init(code: String, name: String, shortName: String, level: Level, parentCode: String? = nil,
                regionCode: String? = nil, isCurrent: Bool = true, mergedInto: String? = nil,
                validFrom: String? = nil, validTo: String? = nil, succeeds: [String] = [], isDemo: Bool = false) {
        self.validFrom = validFrom
        self.validTo = validTo
        self.succeeds = succeeds
        self.isDemo = isDemo
        self.code = code
        self.name = name
        self.shortName = shortName
        self.level = level
        self.parentCode = parentCode
        self.regionCode = regionCode
        self.isCurrent = isCurrent
        self.mergedInto = mergedInto
    }
}

extension SectorUnit {
    /// In force on an ISO day.
    public func inForce(on day: String) -> Bool {
        (validFrom ?? "") <= day && (validTo.map { day <= $0 } ?? true)
    }

    public func inForce(year: Int) -> Bool { inForce(on: SectorCalendar.day(of: year)) }

    /// Overlapping life spans (both ends inclusive).
    public func overlaps(from: String?, to: String?) -> Bool {
        (validFrom ?? "") <= (to ?? "9999-12-31") && (from ?? "") <= (validTo ?? "9999-12-31")
    }
}

/// The sector's units through time: which are in force on a day, and where a unit's people are listed on a day
/// when the unit itself has ceased (its successor, followed through every later reorganisation).
public struct SectorStructure: Sendable {
    public let units: [SectorUnit]
    public let byCode: [String: SectorUnit]
    /// Who took a unit's work over: the inverse of `succeeds`, plus a merged-away district's `mergedInto`.
    public let successors: [String: [String]]

    public init(_ units: [SectorUnit]) {
        self.units = units
        byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var next: [String: [String]] = [:]
        for u in units {
            for p in u.succeeds { next[p, default: []].append(u.code) }
        }
        for u in units { if let m = u.mergedInto, next[u.code] == nil { next[u.code] = [m] } }
        successors = next.mapValues { Array(Set($0)).sorted() }
    }

    /// The units a unit's work went to, read the other way: the units it was formed from.
    public func formedFrom(_ code: String) -> [String] { byCode[code]?.succeeds ?? [] }

    public func units(on day: String, level: Level? = nil) -> [SectorUnit] {
        units.filter { (level == nil || $0.level == level) && $0.inForce(on: day) }
    }

    /// Where a unit's candidates are listed on a day. A unit in force (or not yet formed) is itself; a ceased unit
    /// is the successor in force then, followed through successors of successors; with none, the unit itself,
    /// `ceased`, so its people stay in view until the secretariat moves them.
    public func placement(of code: String, on day: String) -> (code: String, ceased: Bool) {
        guard let unit = byCode[code], let end = unit.validTo, end < day else { return (code, false) }
        var seen: Set<String> = [code]
        var frontier = successors[code] ?? []
        while !frontier.isEmpty {
            if let live = frontier.first(where: { byCode[$0]?.inForce(on: day) == true }) { return (live, false) }
            var nextFrontier: [String] = []
            for c in frontier where seen.insert(c).inserted {
                nextFrontier += successors[c] ?? []
            }
            frontier = nextFrontier
        }
        return (code, true)
    }
}

/// Per level: how many units and candidates (the browse screen's first list).
public struct LevelCount: Equatable, Sendable {
    public var level: Level
    public var units: Int
    public var candidates: Int
    public init(level: Level, units: Int, candidates: Int) {
        self.level = level
        self.units = units
        self.candidates = candidates
    }
}
