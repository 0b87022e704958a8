import Foundation

/// The four tiers of the procuracy; codes are the interchange contract (DOMAIN.md).
public enum Level: String, CaseIterable, Codable, Sendable, Comparable {
    case supreme, high, provincial, district

    /// Display order from the top of the sector down.
    public var rank: Int {
        switch self {
        case .supreme: 0
        case .high: 1
        case .provincial: 2
        case .district: 3
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
        } else {
            return nil
        }
    }
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

    public init(code: String, name: String, shortName: String, level: Level, parentCode: String? = nil,
                regionCode: String? = nil, isCurrent: Bool = true, mergedInto: String? = nil) {
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
