import Foundation

/// Who entered a record, from which unit, and when (provenance shown on the profile).
public struct Provenance: Equatable, Sendable, Codable {
    public var unitCode: String?
    public var user: String?
    /// ISO 8601, UTC.
    public var at: String?

    public init(unitCode: String? = nil, user: String? = nil, at: String? = nil) {
        self.unitCode = unitCode
        self.user = user
        self.at = at
    }

    /// The local user and now: what a clerk's own entries carry.
    public static func local(unitCode: String? = nil, date: Date = Date()) -> Provenance {
        let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "?"
        return Provenance(unitCode: unitCode, user: user, at: ISO8601DateFormatter().string(from: date))
    }
}
