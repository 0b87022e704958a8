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
        return Provenance(unitCode: unitCode ?? op?.unit, user: user, at: CivilTime.timestamp(date))
    }
}

/// One change to a candidate's row or one of its records, as its history shows it (issue 14): what was done,
/// by whom and when, and each shown field that changed, before and after.
public struct RecordChange: Equatable, Sendable {
    public struct Field: Equatable, Sendable {
        public var name: String
        public var before: String?
        public var after: String?
        public init(name: String, before: String?, after: String?) {
            self.name = name
            self.before = before
            self.after = after
        }
    }

    /// `candidate` or `achievement`.
    public var table: String
    /// The candidate id or the record's row id.
    public var key: String
    /// `update`, `delete`, `undo` or `redo`.
    public var change: String
    public var label: String
    public var fields: [Field]
    /// Who made the change, from which unit, when.
    public var by: Provenance

    public init(table: String, key: String, change: String, label: String, fields: [Field], by: Provenance) {
        self.table = table
        self.key = key
        self.change = change
        self.label = label
        self.fields = fields
        self.by = by
    }

    /// The columns a change is shown by (provenance and search keys change with every edit and say nothing).
    public static let flags: Set<String> = ["is_leader", "complies_with_policy", "internally_united", "orgs_clean_strong"]

    public static let shown: [String: [String]] = [
        "candidate": ["name", "kind", "unit_code", "position", "is_leader", "complies_with_policy", "internally_united",
                      "orgs_clean_strong"],
        "achievement": ["year", "type", "class", "proposed_award", "decision_no", "decision_date", "issuer", "note"],
    ]
}
