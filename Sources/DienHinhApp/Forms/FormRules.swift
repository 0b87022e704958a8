import DienHinhCore
import Foundation
import TerminalKit

/// The forms' fields, and the rules of INTERFACES.md checked field by field as the clerk leaves each one.
///
/// The store checks the same rules again on save (one transaction); these give the message at once.
public enum FormRules {
    public static let candidateFields = ["id", "kind", "name", "unit_code", "position", "is_leader", "complies_with_policy",
                                         "internally_united", "orgs_clean_strong"]
    public static let achievementFields = ["year", "type", "class", "proposed_award", "decision_no", "decision_date", "issuer", "note"]

    /// A new candidate of a unit; the suggested id follows the unit's existing ids (`CN-H429-0013`).
    public static func newCandidate(unit: SectorUnit, existingIds: [String]) -> FormState {
        var f = FormState(target: .newCandidate(unit: unit.code), candidateKind: .individual, subject: unit.name,
                          fields: candidateForm(editing: false))
        f.set("unit_code", unit.code)
        f.set("complies_with_policy", "true")
        f.set("id", suggestId(kind: .individual, unitCode: unit.code, existing: existingIds))
        return f
    }

    public static func editCandidate(_ c: Candidate) -> FormState {
        var f = FormState(target: .editCandidate(id: c.id), candidateKind: c.kind, subject: c.name, fields: candidateForm(editing: true))
        f.set("id", c.id)
        f.set("kind", c.kind.rawValue)
        f.set("name", c.name)
        f.set("unit_code", c.unitCode)
        f.set("position", c.position ?? "")
        f.set("is_leader", String(c.isLeader))
        f.set("complies_with_policy", String(c.compliesWithPolicy))
        f.set("internally_united", String(c.internallyUnited))
        f.set("orgs_clean_strong", String(c.orgsCleanStrong))
        f.focus = 1
        return f
    }

    public static func newAchievement(candidate: Candidate, year: Int) -> FormState {
        var f = FormState(target: .newAchievement(candidateId: candidate.id), candidateKind: candidate.kind, subject: candidate.name,
                          fields: achievementForm())
        f.set("year", String(year))
        return f
    }

    public static func editAchievement(_ a: Achievement, candidate: Candidate) -> FormState {
        var f = FormState(target: .editAchievement(rowId: a.id ?? -1, candidateId: a.candidateId), candidateKind: candidate.kind,
                          subject: candidate.name, fields: achievementForm())
        f.set("year", String(a.year))
        f.set("type", a.type.rawValue)
        f.set("class", a.awardClass.map(String.init) ?? "")
        f.set("proposed_award", a.proposedAward?.rawValue ?? "")
        f.set("decision_no", a.decisionNo ?? "")
        f.set("decision_date", a.decisionDate.map(FieldParsing.displayDate) ?? "")
        f.set("issuer", a.issuer ?? "")
        f.set("note", a.note ?? "")
        return f
    }

    static func candidateForm(editing: Bool) -> [FormField] {
        [FormField("id", editing ? .readonly : .text, required: true),
         FormField("kind", .choice(CandidateKind.allCases.map(\.rawValue)), value: CandidateKind.individual.rawValue, required: true),
         FormField("name", required: true),
         FormField("unit_code", .pick, required: true),
         FormField("position"),
         FormField("is_leader", .toggle),
         FormField("complies_with_policy", .toggle),
         FormField("internally_united", .toggle),
         FormField("orgs_clean_strong", .toggle)]
    }

    static func achievementForm() -> [FormField] {
        [FormField("year", required: true),
         FormField("type", .pick, required: true),
         FormField("class"),
         FormField("proposed_award", .pick),
         FormField("decision_no"),
         FormField("decision_date"),
         FormField("issuer"),
         FormField("note")]
    }

    /// The next free id after the unit's own (`CN-H429-0012` → `CN-H429-0013`), else one built from the unit code.
    public static func suggestId(kind: CandidateKind, unitCode: String, existing: [String]) -> String {
        let prefix = kind == .individual ? "CN-" : "TT-"
        let mine = existing.filter { $0.hasPrefix(prefix) }
        if let sample = mine.first, let dash = sample.lastIndex(of: "-") {
            let stem = String(sample[...dash])
            let numbers = mine.filter { $0.hasPrefix(stem) }.compactMap { Int($0.dropFirst(stem.count)) }
            let width = sample.count - stem.count
            let next = (numbers.max() ?? 0) + 1
            let digits = String(next)
            return stem + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let compact = unitCode.replacingOccurrences(of: "VKS", with: "").replacingOccurrences(of: ".", with: "")
        return prefix + (compact.isEmpty ? "X" : compact) + "-0001"
    }

    /// The options of a pick field: units, the award types that apply to the kind, or the proposable awards.
    public static func options(for field: String, _ form: FormState, awardName: (AwardCode) -> String) -> [PickOption] {
        switch field {
        case "unit_code":
            return form.units.map { PickOption(code: $0.code, label: $0.name) }
        case "type":
            return AwardCode.allCases.filter { $0.applies(to: form.kind) }.map { PickOption(code: $0.rawValue, label: awardName($0)) }
        case "proposed_award":
            return AwardCode.proposableAwards.map { PickOption(code: $0.rawValue, label: awardName($0)) }
        default:
            return []
        }
    }

    /// The rule of one field given the whole form, as the record rules (`RecordRules`) judge it; nil when
    /// the value is acceptable.
    public static func check(_ name: String, _ form: FormState, years: ClosedRange<Int> = FieldParsing.validYears()) -> FormProblem? {
        judged(form, years: years).first { $0.field == name }.map { FormProblem($0) }
    }

    /// Every field checked, in the form's order (as on save).
    public static func checkAll(_ form: FormState, years: ClosedRange<Int> = FieldParsing.validYears()) -> [FormProblem] {
        let problems = judged(form, years: years)
        return form.fields.compactMap { f in problems.first { $0.field == f.name }.map { FormProblem($0) } }
    }

    /// The record the form holds, when the rules accept it.
    public static func achievement(_ form: FormState, years: ClosedRange<Int> = FieldParsing.validYears()) -> Achievement? {
        guard var a = RecordRules.achievement({ column($0, form) }, FormContext(form: form), years: years).0 else { return nil }
        if case let .editAchievement(rowId, _) = form.target { a.id = rowId }
        return a
    }

    public static func candidate(_ form: FormState) -> Candidate? {
        RecordRules.candidate({ column($0, form) }, FormContext(form: form)).0
    }

    /// The form's values judged by the record rules.
    static func judged(_ form: FormState, years: ClosedRange<Int>) -> [FieldProblem] {
        let value = { (name: String) in column(name, form) }
        if form.target.isCandidate { return RecordRules.candidate(value, FormContext(form: form)).1 }
        return RecordRules.achievement(value, FormContext(form: form), years: years).1
    }

    /// A contract column's value in the form, trimmed and NFC as a file's value is read; a toggle as true/false.
    static func column(_ name: String, _ form: FormState) -> String {
        if name == "candidate_id" {
            switch form.target {
            case .newAchievement(let c), .editAchievement(_, let c): return c
            default: return ""
            }
        }
        guard let field = form.field(name) else { return "" }
        if field.input == .toggle { return String(field.on) }
        return TextFolding.nfc(field.value.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// What a form knows: the units it offers (all of them, once loaded) and its own candidate's kind.
    struct FormContext: RecordContext {
        let form: FormState
        func isKnownUnit(_ code: String) -> Bool { form.units.isEmpty || form.units.contains { $0.code == code } }
        func kind(ofCandidate id: String) -> CandidateKind? { form.kind }
    }

    // MARK: Drafts

    public static func draft(of form: FormState) -> FormDraft {
        FormDraft(target: form.target, candidateKind: form.candidateKind.rawValue, subject: form.subject,
                  values: Dictionary(uniqueKeysWithValues: form.fields.map { ($0.name, $0.value) }), focus: form.focus)
    }

    public static func json(_ d: FormDraft) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return (try? String(decoding: e.encode(d), as: UTF8.self)) ?? "{}"
    }

    public static func decode(_ json: String) -> FormDraft? {
        try? JSONDecoder().decode(FormDraft.self, from: Data(json.utf8))
    }

    /// Reopens a form from its draft, with the values as they were typed.
    public static func form(from d: FormDraft) -> FormState {
        let kind = CandidateKind(rawValue: d.candidateKind) ?? .individual
        let fields: [FormField]
        switch d.target {
        case .newCandidate: fields = candidateForm(editing: false)
        case .editCandidate: fields = candidateForm(editing: true)
        default: fields = achievementForm()
        }
        var f = FormState(target: d.target, candidateKind: kind, subject: d.subject, fields: fields)
        for (k, v) in d.values { f.set(k, v) }
        f.focus = min(max(0, d.focus), fields.count - 1)
        f.dirty = true
        return f
    }
}
