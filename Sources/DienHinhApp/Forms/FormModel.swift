import DienHinhCore
import Foundation
import TerminalKit

/// A problem with one field, shown next to it: the record rules' `FieldProblem` (the same as an import gives
/// for the same value), or a warning (a likely duplicate) that does not stop saving.
public struct FormProblem: Equatable, Sendable {
    public var problem: FieldProblem
    public var warning: Bool
    public var field: String { problem.field }
    public var key: String { problem.key }

    public init(_ problem: FieldProblem, warning: Bool = false) {
        self.problem = problem
        self.warning = warning
    }

    /// `args` are the message's arguments after the field's name.
    public init(field: String, key: String, args: [String] = [], warning: Bool = false) {
        self.init(FieldProblem(field: field, key: key, args: args), warning: warning)
    }
}

/// How a field is edited: typed text, a yes/no toggle (Space), a choice cycled with Space or ←→,
/// a pick list searched by typing, or shown only.
public enum FieldInput: Equatable, Sendable {
    case text, toggle, choice([String]), pick, readonly
}

/// One row of a form: the column it fills and its editor.
public struct FormField: Equatable, Sendable {
    public var name: String
    public var input: FieldInput
    public var text: TextField
    public var on: Bool
    public var required: Bool

    public init(_ name: String, _ input: FieldInput = .text, value: String = "", on: Bool = false, required: Bool = false) {
        self.name = name
        self.input = input
        self.text = TextField(value: value)
        self.on = on
        self.required = required
    }

    /// The value as the rules and the draft see it: trimmed text, or `true`/`false`.
    public var value: String {
        input == .toggle ? (on ? "true" : "false") : text.value.trimmingCharacters(in: .whitespaces)
    }

    mutating func set(_ v: String) {
        if input == .toggle { on = FieldParsing.bool(v) ?? false } else { text = TextField(value: v) }
    }
}

/// What a form adds or changes; also names its draft (kind, key).
public enum FormTarget: Equatable, Sendable, Codable {
    case newCandidate(unit: String)
    case editCandidate(id: String)
    case newAchievement(candidateId: String)
    case editAchievement(rowId: Int64, candidateId: String)

    public var isCandidate: Bool {
        switch self {
        case .newCandidate, .editCandidate: true
        default: false
        }
    }

    /// `candidate` or `achievement`.
    public var draftKind: String { isCandidate ? "candidate" : "achievement" }

    /// The target's id, or `new:<unit>` / `new:<candidate>` for a record not yet stored.
    public var draftKey: String {
        switch self {
        case .newCandidate(let unit): "new:\(unit)"
        case .editCandidate(let id): id
        case .newAchievement(let cid): "new:\(cid)"
        case .editAchievement(let rowId, _): String(rowId)
        }
    }
}

/// An open pick list: the field it fills, what is typed to filter, the options.
public struct PickState: Equatable, Sendable {
    public var field: String
    public var query = TextField()
    public var options: [PickOption]
    public var selected = 0

    public init(field: String, options: [PickOption], query: String = "") {
        self.field = field
        self.options = options
        self.query = TextField(value: query)
    }

    /// Options whose label or code holds every typed word, ignoring case and diacritics.
    public var visible: [PickOption] {
        let words = TextFolding.fold(query.value).split(separator: " ")
        guard !words.isEmpty else { return options }
        return options.filter { o in
            let hay = TextFolding.fold(o.label + " " + o.code)
            return words.allSatisfy { hay.contains($0) }
        }
    }
}

/// One choice of a pick list.
public struct PickOption: Equatable, Sendable {
    public var code: String
    public var label: String
}

/// An entry form for a candidate or an achievement record.
public struct FormState: Equatable, Sendable {
    public var target: FormTarget
    /// For a record form: the candidate's kind (award types are filtered by it).
    public var candidateKind: CandidateKind
    /// Who the form is about, for the title.
    public var subject: String
    public var fields: [FormField]
    public var focus = 0
    public var problems: [String: FormProblem] = [:]
    public var pick: PickState?
    /// Every unit, for the unit pick list and the unknown-unit check (loaded when the form opens).
    public var units: [SectorUnit] = []
    /// Records like this one already stored (same candidate, type, year, decision number).
    public var duplicates = 0
    /// Saving with a flagged duplicate needs a second Ctrl-S.
    public var duplicateAcknowledged = false
    /// Something was typed since the form opened (or since the draft it came from).
    public var dirty = false
    public var confirmCancel = false
    /// The years a record may carry (1945 to this year), fixed when the form opens so tests can pin it.
    public var years = FieldParsing.validYears()

    public init(target: FormTarget, candidateKind: CandidateKind, subject: String, fields: [FormField]) {
        self.target = target
        self.candidateKind = candidateKind
        self.subject = subject
        self.fields = fields
    }

    public func field(_ name: String) -> FormField? { fields.first { $0.name == name } }
    public func value(_ name: String) -> String { field(name)?.value ?? "" }
    public func index(_ name: String) -> Int? { fields.firstIndex { $0.name == name } }

    public mutating func set(_ name: String, _ value: String) {
        if let i = index(name) { fields[i].set(value) }
    }

    /// The kind that applies now: a candidate form's own kind field, a record form's candidate.
    public var kind: CandidateKind {
        if target.isCandidate { return CandidateKind(rawValue: value("kind")) ?? .individual }
        return candidateKind
    }
}

/// A form as kept in the `draft` table: enough to reopen it exactly as it was.
public struct FormDraft: Codable, Equatable, Sendable {
    public var target: FormTarget
    public var candidateKind: String
    public var subject: String
    public var values: [String: String]
    public var focus: Int
}

/// A draft offered back at start.
public struct DraftOffer: Equatable, Sendable {
    public var draft: FormDraft
    public var updatedAt: String
}

/// An action waiting for the user's yes.
public enum PendingConfirm: Equatable, Sendable {
    case deleteCandidate(id: String, name: String, records: Int)
    case deleteAchievement(rowId: Int64, label: String)
}

/// The forms' overlays that sit above any screen.
public struct FormsOverlay: Equatable, Sendable {
    public var offers: [DraftOffer] = []
    public var confirm: PendingConfirm?
}

/// An unresolved bundle conflict as the secretariat's screen lists it.
public struct ConflictRow: Equatable, Sendable {
    public var id: Int64
    /// `candidate` or `achievement`.
    public var kind: String
    public var recordKey: String
    public var candidateId: String
    public var candidateName: String?
    public var sourceUnit: String
    public var bundleFile: String
    public var fields: [ConflictField]
    public init(id: Int64, kind: String, recordKey: String, candidateId: String, candidateName: String?, sourceUnit: String,
                bundleFile: String, fields: [ConflictField]) {
        self.id = id
        self.kind = kind
        self.recordKey = recordKey
        self.candidateId = candidateId
        self.candidateName = candidateName
        self.sourceUnit = sourceUnit
        self.bundleFile = bundleFile
        self.fields = fields
    }
}

/// The conflicts screen: the list, and one conflict side by side.
public struct ConflictsState: Equatable, Sendable {
    public var rows: [ConflictRow] = []
    public var selected = 0
    public var detail = false
    public var loaded = false
}

/// Work the forms ask of the store.
public enum FormEffect: Equatable, Sendable {
    case loadDrafts
    case saveDraft(kind: String, key: String, json: String)
    case discardDraft(kind: String, key: String)
    case loadUnits
    /// `force` saves even when likely duplicates exist (the user saw the warning).
    case saveAchievement(Achievement, draftKind: String, draftKey: String, force: Bool)
    case saveCandidate(Candidate, isNew: Bool, draftKind: String, draftKey: String)
    case checkDuplicates(Achievement)
    case deleteCandidate(String)
    /// The row to delete, and how the record is told when it is gone.
    case deleteAchievement(Int64, label: String)
    case undo
    case redo
    case loadConflicts
    case resolveConflict(Int64, keepTheirs: Bool)
}

/// The store's answers to the forms' effects.
public enum FormMsg: Equatable, Sendable {
    case draftsLoaded([Draft])
    case unitsLoaded([SectorUnit])
    case saved(label: String)
    case rejected([FormProblem])
    case duplicates(Int, blockedSave: Bool)
    case deleted(label: String)
    case undone(label: String?)
    case redone(label: String?)
    case conflictsLoaded([ConflictRow])
    case conflictResolved(Int64, keptTheirs: Bool)
}
