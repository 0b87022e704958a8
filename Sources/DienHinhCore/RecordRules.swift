import Foundation

/// The column contract of INTERFACES.md: the names every reader and writer of records uses for their fields.
public enum CSVColumns {
    public static let candidates = ["id", "kind", "name", "unit_code", "position", "is_leader", "complies_with_policy",
                                    "internally_united", "orgs_clean_strong", "collective_id"]
    public static let candidatesRequired = ["id", "kind", "name", "unit_code", "complies_with_policy"]
    public static let achievements = ["candidate_id", "year", "type", "class", "proposed_award", "decision_no",
                                      "decision_date", "issuer", "note"]
    public static let achievementsRequired = ["candidate_id", "year", "type"]
}

/// One problem with one field of a record, before it is placed (a CSV cell, a bundle record, a form field).
///
/// Like `InputLimits.Violation`, the first argument is the field's name: a file names it by its column, a form
/// by its label. An award type stays a code here; whoever writes the message names it (`Strings.message`).
public struct FieldProblem: Equatable, Sendable {
    /// An argument of the message: text as it is, or an award type to be named in the reader's language.
    public enum Value: Equatable, Sendable {
        case text(String)
        case award(AwardCode)

        /// As programs read it: an award type by its code.
        public var code: String {
            switch self {
            case .text(let t): t
            case .award(let a): a.rawValue
            }
        }
    }

    /// The column name of the contract (`year`, `unit_code` …), which a form maps to its field.
    public var field: String
    public var key: String
    /// The arguments after the field's name.
    public var values: [Value]

    public init(field: String, key: String, values: [Value]) {
        self.field = field
        self.key = key
        self.values = values
    }

    public init(field: String, key: String, args: [String] = []) {
        self.init(field: field, key: key, values: args.map(Value.text))
    }

    /// The arguments as programs read them: the field, then the values with award types as codes.
    public var args: [String] {
        [field] + values.map(\.code)
    }
}

/// A record refused by the rules of the import contract; forms show each problem beside its field.
public struct RecordInvalid: Error, Equatable, Sendable {
    public var problems: [FieldProblem]
    public init(problems: [FieldProblem]) { self.problems = problems }
}

/// What the record rules must ask of the data already held: the one thing the rules cannot know alone.
/// The import and the bundle merge answer from what they loaded, the forms from the units they show, the
/// store's editing from the database.
public protocol RecordContext {
    func isKnownUnit(_ code: String) -> Bool
    /// The kind of the candidate a record belongs to, nil when there is no such candidate.
    func kind(ofCandidate id: String) -> CandidateKind?
}

/// A context held in memory: the known unit codes and the candidates' kinds.
public struct KnownRecords: RecordContext {
    public var units: Set<String>
    public var kinds: [String: CandidateKind]
    public init(units: Set<String> = [], kinds: [String: CandidateKind] = [:]) {
        self.units = units
        self.kinds = kinds
    }
    public func isKnownUnit(_ code: String) -> Bool { units.contains(code) }
    public func kind(ofCandidate id: String) -> CandidateKind? { kinds[id] }
}

/// The field rules of INTERFACES.md for one record, given its values by column name.
///
/// The one implementation behind CSV import, bundle merge, the store's editing and the entry forms, so a value
/// refused in one is refused in all with the same words. Cross-record rules (repeated ids, once-a-year ratings)
/// stay with the caller, which sees the whole set.
public enum RecordRules {
    /// The shared limits (`InputLimits`) on every column of a record: lengths, controls, invisible characters,
    /// combining marks, the identifier alphabet. A record that breaks one is refused on those grounds alone.
    public static func limits(_ columns: [String], _ value: (String) -> String) -> [FieldProblem] {
        columns.compactMap { c in
            InputLimits.check(value(c), field: c).map { FieldProblem(field: c, key: $0.key, args: Array($0.args.dropFirst())) }
        }
    }

    /// Collects the problems of one record.
    private struct Findings {
        var problems: [FieldProblem] = []
        var ok = true
        mutating func fail(_ field: String, _ key: String, award: AwardCode) {
            problems.append(FieldProblem(field: field, key: key, values: [.award(award)]))
            ok = false
        }
        mutating func fail(_ field: String, _ key: String, _ texts: CustomStringConvertible...) {
            problems.append(FieldProblem(field: field, key: key, args: texts.map(\.description)))
            ok = false
        }
    }

    /// Checks one candidate; `value` gives the trimmed NFC text of a column ("" when absent).
    public static func candidate(_ value: (String) -> String, _ context: some RecordContext) -> (Candidate?, [FieldProblem]) {
        let broken = limits(CSVColumns.candidates, value)
        if !broken.isEmpty { return (nil, broken) }
        var f = Findings()
        let id = value("id"), kindText = value("kind"), name = value("name"), unit = value("unit_code")
        if id.isEmpty { f.fail("id", "import.required") }
        let kind = CandidateKind(text: kindText)
        if kindText.isEmpty { f.fail("kind", "import.required") } else if kind == nil { f.fail("kind", "import.bad_kind", kindText) }
        if name.isEmpty { f.fail("name", "import.required") }
        if unit.isEmpty { f.fail("unit_code", "import.required") }
        else if !context.isKnownUnit(unit) { f.fail("unit_code", "import.unknown_unit", unit) }
        func flag(_ column: String, required: Bool) -> Bool? {
            let v = value(column)
            if v.isEmpty && !required { return false }
            if v.isEmpty { f.fail(column, "import.required"); return nil }
            guard let b = FieldParsing.bool(v) else { f.fail(column, "import.bad_bool", v); return nil }
            return b
        }
        let complies = flag("complies_with_policy", required: true)
        let isCollective = kind == .collective
        let united = flag("internally_united", required: isCollective)
        let clean = flag("orgs_clean_strong", required: isCollective)
        let leader = flag("is_leader", required: false)
        if isCollective, leader == true { f.fail("is_leader", "import.leader_collective") }
        let position = value("position"), collectiveId = value("collective_id")
        guard f.ok, let kind, let complies, let united, let clean, let leader else { return (nil, f.problems) }
        return (Candidate(id: id, kind: kind, name: name, unitCode: unit, position: position.isEmpty ? nil : position,
                          isLeader: leader, compliesWithPolicy: complies, internallyUnited: united,
                          orgsCleanStrong: clean, collectiveId: collectiveId.isEmpty ? nil : collectiveId), f.problems)
    }

    /// Checks one achievement record: candidate known, year in range, catalog type for the candidate's kind,
    /// class and proposed award where the type wants them, a real date.
    public static func achievement(_ value: (String) -> String, _ context: some RecordContext, years: ClosedRange<Int>,
                                   parseDate: (String) -> String? = FieldParsing.date) -> (Achievement?, [FieldProblem]) {
        let broken = limits(CSVColumns.achievements, value)
        if !broken.isEmpty { return (nil, broken) }
        var f = Findings()
        let cid = value("candidate_id"), yearText = value("year"), typeText = value("type")
        let classText = value("class"), proposedText = value("proposed_award"), dateText = value("decision_date")
        let kind: CandidateKind? = cid.isEmpty ? nil : context.kind(ofCandidate: cid)
        if cid.isEmpty { f.fail("candidate_id", "import.required") }
        else if kind == nil { f.fail("candidate_id", "import.unknown_candidate", cid) }
        let year = Int(yearText).flatMap { years.contains($0) ? $0 : nil }
        if yearText.isEmpty { f.fail("year", "import.required") }
        else if year == nil { f.fail("year", "import.bad_year", yearText, years.lowerBound, years.upperBound) }
        let type = AwardCode(rawValue: typeText.uppercased())
        if typeText.isEmpty { f.fail("type", "import.required") }
        else if type == nil { f.fail("type", "import.unknown_type", typeText) }
        if let type, let kind, !type.applies(to: kind) {
            f.fail("type", kind == .individual ? "import.type_not_individual" : "import.type_not_collective", award: type)
        }
        var awardClass: Int? = nil
        if let type {
            if type.hasClasses {
                if classText.isEmpty { f.fail("class", "import.class_required", award: type) }
                else if let c = Int(classText), (1...3).contains(c) { awardClass = c }
                else { f.fail("class", "import.bad_class", classText) }
            } else if !classText.isEmpty {
                f.fail("class", "import.class_not_allowed", award: type)
            }
        }
        var proposed: AwardCode? = nil
        if let type {
            if type.carriesProposedAward {
                if proposedText.isEmpty { f.fail("proposed_award", "import.proposed_required") }
                else if let p = AwardCode(rawValue: proposedText.uppercased()), AwardCode.proposableAwards.contains(p) { proposed = p }
                else { f.fail("proposed_award", "import.bad_proposed", proposedText) }
            } else if !proposedText.isEmpty {
                f.fail("proposed_award", "import.proposed_not_allowed", award: type)
            }
        }
        var date: String? = nil
        if !dateText.isEmpty {
            if let d = parseDate(dateText) { date = d } else { f.fail("decision_date", "import.bad_date", dateText) }
        }
        guard f.ok, let type, let year else { return (nil, f.problems) }
        func opt(_ c: String) -> String? { let v = value(c); return v.isEmpty ? nil : v }
        return (Achievement(candidateId: cid, year: year, type: type, awardClass: awardClass, proposedAward: proposed,
                            decisionNo: opt("decision_no"), decisionDate: date, issuer: opt("issuer"), note: opt("note")), f.problems)
    }

    /// What may appear once a year (`HTXSNV`, `VUOT_CHI_TIEU`): candidate, type and year.
    public struct YearlyKey: Hashable, Sendable {
        public let candidateId: String
        public let type: AwardCode
        public let year: Int
        public init(candidateId: String, type: AwardCode, year: Int) {
            self.candidateId = candidateId
            self.type = type
            self.year = year
        }
    }

    /// The once-a-year key of a record, or nil when its type may repeat within a year.
    public static func yearlyKey(_ a: Achievement) -> YearlyKey? {
        a.type.isOncePerYear ? YearlyKey(candidateId: a.candidateId, type: a.type, year: a.year) : nil
    }

    /// The problem of a second once-a-year record in one year.
    public static func oncePerYear(_ a: Achievement) -> FieldProblem {
        FieldProblem(field: "type", key: "import.once_per_year", values: [.award(a.type), .text(String(a.year)), .text(a.candidateId)])
    }
}

extension Candidate {
    /// The record's value of a contract column, as a file holds it ("" when empty).
    public func column(_ name: String) -> String {
        switch name {
        case "id": id
        case "kind": kind.rawValue
        case "name": self.name
        case "unit_code": unitCode
        case "position": position ?? ""
        case "is_leader": String(isLeader)
        case "complies_with_policy": String(compliesWithPolicy)
        case "internally_united": String(internallyUnited)
        case "orgs_clean_strong": String(orgsCleanStrong)
        case "collective_id": collectiveId ?? ""
        default: ""
        }
    }
}

extension Achievement {
    /// The record's value of a contract column, as a file holds it ("" when empty).
    public func column(_ name: String) -> String {
        switch name {
        case "candidate_id": candidateId
        case "year": String(year)
        case "type": type.rawValue
        case "class": awardClass.map(String.init) ?? ""
        case "proposed_award": proposedAward?.rawValue ?? ""
        case "decision_no": decisionNo ?? ""
        case "decision_date": decisionDate ?? ""
        case "issuer": issuer ?? ""
        case "note": note ?? ""
        default: ""
        }
    }
}
