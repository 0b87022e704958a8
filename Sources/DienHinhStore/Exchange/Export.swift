import DienHinhCore
import Foundation
import GRDB

/// Output formats of `dienhinh export`.
public enum ExportFormat: String, CaseIterable, Sendable {
    case csv, json
}

extension AppDatabase {
    /// Candidates of a unit (with its subunits) or of the whole sector, ordered by id so exports diff cleanly.
    func exportedCandidates(_ db: Database, unit: String?) throws -> [Candidate] {
        var sql = "SELECT \(Candidate.columns.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")) FROM candidate c JOIN unit u ON u.code = c.unit_code"
        var args: [DatabaseValueConvertible] = []
        if let unit {
            sql += " WHERE c.unit_code = ? OR u.parent_code = ? OR u.region_code = ?"
            args = [unit, unit, unit]
        }
        sql += " ORDER BY c.id"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Candidate.init(row:))
    }

    func exportedAchievements(_ db: Database, unit: String?) throws -> [Achievement] {
        var sql = "SELECT a.id, a.candidate_id, a.year, a.type, a.class, a.proposed_award, a.decision_no, a.decision_date, a.issuer, a.note FROM achievement a"
        var args: [DatabaseValueConvertible] = []
        if let unit {
            sql += " JOIN candidate c ON c.id = a.candidate_id JOIN unit u ON u.code = c.unit_code WHERE c.unit_code = ? OR u.parent_code = ? OR u.region_code = ?"
            args = [unit, unit, unit]
        }
        // Row ids differ between databases; order by content so a round trip gives the same file.
        sql += " ORDER BY a.candidate_id, a.year, a.type, a.class, a.proposed_award, a.decision_no, a.decision_date, a.issuer, a.note"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Achievement.init(row:))
    }

    /// The candidates as a file. Unless `raw` (for programs), no CSV cell starts a formula and no control
    /// character or bidi override is written raw (`SpreadsheetGuard`, `TextSafety`); our import reads either back.
    public func exportCandidates(format: ExportFormat, unit: String? = nil, raw: Bool = false) throws -> String {
        let cs = try read { db in try exportedCandidates(db, unit: unit) }
        return try Self.file(cs, format: format, raw: raw, columns: CSVColumns.candidates, fields: Self.csvFields, json: CandidateJSON.init)
    }

    public func exportAchievements(format: ExportFormat, unit: String? = nil, raw: Bool = false) throws -> String {
        let records = try read { db in try exportedAchievements(db, unit: unit) }
        return try Self.file(records, format: format, raw: raw, columns: CSVColumns.achievements,
                             fields: { a in CSVColumns.achievements.map(a.column) }, json: AchievementJSON.init)
    }

    /// Records as a CSV file (a BOM, the contract's header, a guarded line each) or as a JSON array.
    static func file<Record, JSON: Encodable>(_ records: [Record], format: ExportFormat, raw: Bool, columns: [String],
                                              fields: ([Record].Element) -> [String], json: (Record) -> JSON) throws -> String {
        switch format {
        case .csv:
            var out = CSVWriter.bom + CSVWriter.line(columns)
            for r in records { out += csvLine(fields(r), raw: raw) }
            return out
        case .json:
            return Self.json(try JSONText.encode(records.map(json)), raw: raw)
        }
    }

    static func csvLine(_ fields: [String], raw: Bool) -> String {
        CSVWriter.line(raw ? fields : fields.map { SpreadsheetGuard.protect(TextSafety.inert($0)) })
    }

    static func json(_ text: String, raw: Bool) -> String { raw ? text : TextSafety.jsonInert(text) }

    static func csvFields(_ c: Candidate) -> [String] {
        [c.id, c.kind.rawValue, c.name, c.unitCode, c.position ?? "", c.kind == .individual ? String(c.isLeader) : "",
         String(c.compliesWithPolicy), c.kind == .collective ? String(c.internallyUnited) : "",
         c.kind == .collective ? String(c.orgsCleanStrong) : "", c.collectiveId ?? ""]
    }
}

/// Stable, human-readable JSON: sorted keys, no escaped slashes, UTF-8 as is.
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    /// Records one to a line, a comma after each but the last: a JSON array's body that stays readable and diffable.
    public static func lines<T: Encodable>(_ records: [T]) throws -> String {
        try records.map { try encode($0) }.joined(separator: ",\n")
    }
}

/// Who entered a record, as the JSON and bundle contracts carry it: three flat fields beside the record's own.
public protocol EnteredFields {
    var entered_unit: String? { get set }
    var entered_by: String? { get set }
    var entered_at: String? { get set }
}

extension EnteredFields {
    public var provenance: Provenance {
        get { Provenance(unitCode: entered_unit, user: entered_by, at: entered_at) }
        set { (entered_unit, entered_by, entered_at) = (newValue.unitCode, newValue.user, newValue.at) }
    }

    /// The three fields by their contract names, for the checks that name the field they refuse.
    var enteredFields: KeyValuePairs<String, String?> {
        ["entered_unit": entered_unit, "entered_by": entered_by, "entered_at": entered_at]
    }
}

/// A candidate in the JSON contract's field names.
public struct CandidateJSON: Codable, Equatable, Sendable, EnteredFields {
    public var id: String
    public var kind: String
    public var name: String
    public var unit_code: String
    public var level: String?
    public var unit_name: String?
    public var position: String?
    public var is_leader: Bool
    public var complies_with_policy: Bool
    public var internally_united: Bool?
    public var orgs_clean_strong: Bool?
    public var collective_id: String?
    /// Provenance, filled where a profile shows it (`show --json`); absent in exports.
    public var entered_unit: String?
    public var entered_by: String?
    public var entered_at: String?

    public init(_ c: Candidate) {
        id = c.id
        kind = c.kind.rawValue
        name = c.name
        unit_code = c.unitCode
        level = Level(unitCode: c.unitCode)?.rawValue
        position = c.position
        is_leader = c.isLeader
        complies_with_policy = c.compliesWithPolicy
        internally_united = c.kind == .collective ? c.internallyUnited : nil
        orgs_clean_strong = c.kind == .collective ? c.orgsCleanStrong : nil
        collective_id = c.collectiveId
    }
}

/// An achievement record in the JSON contract's field names.
public struct AchievementJSON: Codable, Equatable, Sendable, EnteredFields {
    public var candidate_id: String
    public var year: Int
    public var type: String
    public var `class`: Int?
    public var proposed_award: String?
    public var decision_no: String?
    public var decision_date: String?
    public var issuer: String?
    public var note: String?
    /// The record's identity across databases and its provenance, filled by `show --json`; absent in exports.
    public var uid: String?
    /// The unit key that signed the bundle the record arrived in, filled by `show --json` (issue 18).
    public var signed_key: String?
    public var entered_unit: String?
    public var entered_by: String?
    public var entered_at: String?

    public init(_ a: Achievement) {
        candidate_id = a.candidateId
        year = a.year
        type = a.type.rawValue
        self.class = a.awardClass
        proposed_award = a.proposedAward?.rawValue
        decision_no = a.decisionNo
        decision_date = a.decisionDate
        issuer = a.issuer
        note = a.note
    }

    /// A stored record with its uid and who entered it.
    public init(_ s: StoredAchievement) {
        self.init(s.achievement)
        uid = s.uid
        signed_key = s.signedKey
        provenance = s.provenance
    }
}
