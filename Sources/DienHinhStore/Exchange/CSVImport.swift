import DienHinhCore
import DienHinhResources
import Foundation
import GRDB

/// What an import did or would do.
public struct ImportReport: Equatable, Sendable {
    public var file: String
    public var candidates: Int
    public var achievements: Int
    public var dryRun: Bool
}

/// A refused import: every problem found, nothing written.
public struct ImportFailure: Error, Sendable {
    public var errors: [InputError]
}

/// The column contract of INTERFACES.md.
public enum CSVColumns {
    public static let candidates = ["id", "kind", "name", "unit_code", "position", "is_leader", "complies_with_policy",
                                    "internally_united", "orgs_clean_strong", "collective_id"]
    public static let candidatesRequired = ["id", "kind", "name", "unit_code", "complies_with_policy"]
    public static let achievements = ["candidate_id", "year", "type", "class", "proposed_award", "decision_no",
                                      "decision_date", "issuer", "note"]
    public static let achievementsRequired = ["candidate_id", "year", "type"]
}

/// Reads a CSV into named fields, checking the header first.
struct Table {
    let file: String
    let header: [String]
    let rows: [CSVRow]
    var errors: [InputError]
    let strings: Strings

    init(data: Data, file: String, columns: [String], required: [String], strings: Strings) {
        let parsed = CSVReader.read(data, file: file)
        self.file = file
        self.header = parsed.header
        self.rows = parsed.rows
        self.errors = parsed.errors
        self.strings = strings
        for (i, name) in header.enumerated() where !columns.contains(name) {
            errors.append(InputError(file: file, position: SourcePosition(line: 1, column: i + 1),
                                     message: strings("import.unknown_column", name, columns.joined(separator: ", "))))
        }
        for name in required where !header.contains(name) && !parsed.header.isEmpty {
            errors.append(InputError(file: file, position: SourcePosition(line: 1, column: header.count + 1),
                                     message: strings("import.missing_column", name)))
        }
    }

    func index(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The trimmed value of a column in a row ("" when absent), and where it is.
    func value(_ row: CSVRow, _ name: String) -> (String, SourcePosition) {
        guard let i = index(name) else { return ("", SourcePosition(line: row.line, column: header.count + 1)) }
        let v = i < row.fields.count ? row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return (TextFolding.nfc(v), SourcePosition(line: row.line, column: i + 1))
    }

    mutating func fail(_ at: SourcePosition, _ key: String, _ args: CustomStringConvertible...) {
        errors.append(InputError(file: file, position: at, message: strings.format(key, args.map(\.description))))
    }

    mutating func checkWidth(_ row: CSVRow) {
        if row.fields.count != header.count {
            fail(SourcePosition(line: row.line, column: min(row.fields.count, header.count) + 1), "import.field_count",
                 row.fields.count, header.count)
        }
    }
}

/// Validation of candidate rows against the database: the whole file or nothing.
public enum CandidateImport {
    public static func validate(_ data: Data, file: String, db: Database, strings: Strings) throws -> ([Candidate], [InputError]) {
        var t = Table(data: data, file: file, columns: CSVColumns.candidates, required: CSVColumns.candidatesRequired, strings: strings)
        var out: [Candidate] = []
        var seen: [String: Int] = [:]
        let knownUnits = Set(try String.fetchAll(db, sql: "SELECT code FROM unit"))
        let existing = Set(try String.fetchAll(db, sql: "SELECT id FROM candidate"))
        for row in t.rows {
            t.checkWidth(row)
            let (id, idAt) = t.value(row, "id")
            let (kindText, kindAt) = t.value(row, "kind")
            let (name, nameAt) = t.value(row, "name")
            let (unit, unitAt) = t.value(row, "unit_code")
            var ok = true
            if id.isEmpty { t.fail(idAt, "import.required", "id"); ok = false }
            else if let first = seen[id] { t.fail(idAt, "import.duplicate_id", id, first); ok = false }
            else if existing.contains(id) {
                t.fail(idAt, "import.id_exists", id); ok = false
            }
            if !id.isEmpty && seen[id] == nil { seen[id] = row.line }
            let kind = CandidateKind(text: kindText)
            if kind == nil { t.fail(kindAt, "import.bad_kind", kindText); ok = false }
            if name.isEmpty { t.fail(nameAt, "import.required", "name"); ok = false }
            if unit.isEmpty { t.fail(unitAt, "import.required", "unit_code"); ok = false }
            else if !knownUnits.contains(unit) { t.fail(unitAt, "import.unknown_unit", unit); ok = false }
            func flag(_ column: String, required: Bool) -> Bool? {
                let (v, at) = t.value(row, column)
                if v.isEmpty && required { t.fail(at, "import.required", column); return nil }
                guard let b = FieldParsing.bool(v) else { t.fail(at, "import.bad_bool", column, v); return nil }
                return b
            }
            let complies = flag("complies_with_policy", required: true)
            let isCollective = kind == .collective
            let united = flag("internally_united", required: isCollective)
            let clean = flag("orgs_clean_strong", required: isCollective)
            let leader = flag("is_leader", required: false)
            if isCollective, leader == true {
                t.fail(t.value(row, "is_leader").1, "import.leader_collective")
                ok = false
            }
            let (position, _) = t.value(row, "position")
            let (collectiveId, _) = t.value(row, "collective_id")
            guard ok, let kind, let complies, let united, let clean, let leader else { continue }
            out.append(Candidate(id: id, kind: kind, name: name, unitCode: unit, position: position.isEmpty ? nil : position,
                                 isLeader: leader, compliesWithPolicy: complies, internallyUnited: united,
                                 orgsCleanStrong: clean, collectiveId: collectiveId.isEmpty ? nil : collectiveId))
        }
        return (out, t.errors.sorted { ($0.position ?? .init(line: 0, column: 0)) < ($1.position ?? .init(line: 0, column: 0)) })
    }
}

/// Validation of achievement rows: catalog, kinds, classes, dates, once-a-year ratings.
public enum AchievementImport {
    public static func validate(_ data: Data, file: String, db: Database, strings: Strings,
                                extraCandidates: [Candidate] = [], now: Date = Date()) throws -> ([Achievement], [InputError]) {
        var t = Table(data: data, file: file, columns: CSVColumns.achievements, required: CSVColumns.achievementsRequired, strings: strings)
        var out: [Achievement] = []
        // Loaded once: a 200,000-row file must not cost a query per row.
        var kinds: [String: CandidateKind] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT id, kind FROM candidate") {
            kinds[r[0]] = CandidateKind(rawValue: r[1])
        }
        for c in extraCandidates { kinds[c.id] = c.kind }
        var yearly: Set<String> = []
        for r in try Row.fetchAll(db, sql: "SELECT candidate_id, type, year FROM achievement WHERE type IN ('HTXSNV','VUOT_CHI_TIEU')") {
            yearly.insert("\(r[0] as String)|\(r[1] as String)|\(r[2] as Int)")
        }
        let years = FieldParsing.validYears(now: now)
        for row in t.rows {
            t.checkWidth(row)
            let (cid, cidAt) = t.value(row, "candidate_id")
            let (yearText, yearAt) = t.value(row, "year")
            let (typeText, typeAt) = t.value(row, "type")
            let (classText, classAt) = t.value(row, "class")
            let (proposedText, proposedAt) = t.value(row, "proposed_award")
            let (dateText, dateAt) = t.value(row, "decision_date")
            var ok = true
            let kind: CandidateKind? = kinds[cid]
            if cid.isEmpty { t.fail(cidAt, "import.required", "candidate_id"); ok = false }
            else if kind == nil { t.fail(cidAt, "import.unknown_candidate", cid); ok = false }
            let year = Int(yearText)
            if year == nil || !years.contains(year!) { t.fail(yearAt, "import.bad_year", yearText, years.lowerBound, years.upperBound); ok = false }
            let type = AwardCode(rawValue: typeText.uppercased())
            if type == nil { t.fail(typeAt, "import.unknown_type", typeText); ok = false }
            if let type, let kind, !type.applies(to: kind) {
                t.fail(typeAt, kind == .individual ? "import.type_not_individual" : "import.type_not_collective", type.rawValue); ok = false
            }
            var awardClass: Int? = nil
            if let type {
                if type.hasClasses {
                    if classText.isEmpty { t.fail(classAt, "import.class_required", type.rawValue); ok = false }
                    else if let c = Int(classText), (1...3).contains(c) { awardClass = c }
                    else { t.fail(classAt, "import.bad_class", classText); ok = false }
                } else if !classText.isEmpty {
                    t.fail(classAt, "import.class_not_allowed", type.rawValue); ok = false
                }
            }
            var proposed: AwardCode? = nil
            if let type {
                if type.carriesProposedAward {
                    if proposedText.isEmpty { t.fail(proposedAt, "import.proposed_required"); ok = false }
                    else if let p = AwardCode(rawValue: proposedText.uppercased()), AwardCode.proposableAwards.contains(p) { proposed = p }
                    else { t.fail(proposedAt, "import.bad_proposed", proposedText); ok = false }
                } else if !proposedText.isEmpty {
                    t.fail(proposedAt, "import.proposed_not_allowed", type.rawValue); ok = false
                }
            }
            var date: String? = nil
            if !dateText.isEmpty {
                if let d = FieldParsing.date(dateText) { date = d } else { t.fail(dateAt, "import.bad_date", dateText); ok = false }
            }
            if ok, let type, let year, type.isOncePerYear {
                let key = "\(cid)|\(type.rawValue)|\(year)"
                if yearly.contains(key) { t.fail(typeAt, "import.once_per_year", type.rawValue, year, cid); ok = false }
                yearly.insert(key)
            }
            guard ok, let type, let year else { continue }
            func opt(_ c: String) -> String? { let v = t.value(row, c).0; return v.isEmpty ? nil : v }
            out.append(Achievement(candidateId: cid, year: year, type: type, awardClass: awardClass, proposedAward: proposed,
                                   decisionNo: opt("decision_no"), decisionDate: date, issuer: opt("issuer"), note: opt("note")))
        }
        return (out, t.errors.sorted { ($0.position ?? .init(line: 0, column: 0)) < ($1.position ?? .init(line: 0, column: 0)) })
    }
}

extension AppDatabase {
    /// Imports a candidates CSV: every error reported, nothing written unless the whole file is good.
    public func importCandidates(_ data: Data, file: String, dryRun: Bool, strings: Strings,
                                 provenance: Provenance = .local()) throws -> ImportReport {
        let candidates: [Candidate] = try write { db in
            let (cs, errors) = try CandidateImport.validate(data, file: file, db: db, strings: strings)
            if !errors.isEmpty { throw ImportFailure(errors: errors) }
            if !dryRun {
                let ins = try Inserter(db)
                for c in cs { try ins.insert(c, provenance) }
            }
            return cs
        }
        return ImportReport(file: file, candidates: candidates.count, achievements: 0, dryRun: dryRun)
    }

    /// Imports an achievements CSV, all or nothing.
    public func importAchievements(_ data: Data, file: String, dryRun: Bool, strings: Strings,
                                   provenance: Provenance = .local()) throws -> ImportReport {
        let n: Int = try write { db in
            let (records, errors) = try AchievementImport.validate(data, file: file, db: db, strings: strings)
            if !errors.isEmpty { throw ImportFailure(errors: errors) }
            if !dryRun {
                let ins = try Inserter(db)
                for a in records { try ins.insert(a, provenance, db: db) }
            }
            return records.count
        }
        return ImportReport(file: file, candidates: 0, achievements: n, dryRun: dryRun)
    }
}
