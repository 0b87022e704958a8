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

    /// The operator at the keyboard (`dienhinh operator set`) and now: what a clerk's own entries carry. Without
    /// an operator set, the system account's name, so no write is anonymous.
    public static func local(unitCode: String? = nil, date: Date = Date()) -> Provenance {
        let env = ProcessInfo.processInfo.environment
        let op = Operator.current(environment: env)
        let user = op?.name ?? env["USER"] ?? env["LOGNAME"] ?? "?"
        return Provenance(unitCode: unitCode ?? op?.unit, user: user, at: ISO8601DateFormatter().string(from: date))
    }
}
