import DienHinhApp
import DienHinhCore
import DienHinhStore
import Foundation

extension EffectRunner {
    /// Runs the forms' effects: drafts, saves (one transaction each), deletes, undo, bundle conflicts.
    func runForms(_ effect: FormEffect) throws -> Msg? {
        // Candidates added, renamed, deleted or restored: search reads them afresh.
        switch effect {
        case .saveCandidate, .deleteCandidate, .undo, .redo, .resolveConflict: index = nil
        default: break
        }
        switch effect {
        case .loadDrafts:
            return .forms(.draftsLoaded(try db.drafts()))
        case let .saveDraft(kind, key, json):
            try db.saveDraft(kind: kind, key: key, json: json)
            return nil
        case let .discardDraft(kind, key):
            try db.discardDraft(kind: kind, key: key)
            return nil
        case .loadUnits:
            return .forms(.unitsLoaded(try db.units(includeRetired: true)))
        case let .saveCandidate(c, isNew, kind, key):
            do {
                let draft = DraftKey(kind: kind, key: key)
                if isNew { try db.saveCandidate(c, discardingDraft: draft) } else { try db.updateCandidate(c, discardingDraft: draft) }
                return .forms(.saved(label: c.name))
            } catch let e as RecordInvalid {
                return .forms(.rejected(e.problems.map(Self.problem)))
            }
        case let .saveAchievement(a, kind, key, force):
            if !force {
                let dups = try db.likelyDuplicates(of: a)
                if !dups.isEmpty { return .forms(.duplicates(dups.count, blockedSave: true)) }
            }
            do {
                let draft = DraftKey(kind: kind, key: key)
                if a.id == nil { try db.saveAchievement(a, discardingDraft: draft) } else { try db.updateAchievement(a, discardingDraft: draft) }
                return .forms(.saved(label: "\(a.year) \(a.type.rawValue)"))
            } catch let e as RecordInvalid {
                return .forms(.rejected(e.problems.map(Self.problem)))
            }
        case .checkDuplicates(let a):
            return .forms(.duplicates(try db.likelyDuplicates(of: a).count, blockedSave: false))
        case .deleteCandidate(let id):
            let name = try db.candidate(id)?.name ?? id
            try db.deleteCandidate(id)
            return .forms(.deleted(label: name))
        case let .deleteAchievement(rowId, label):
            try db.deleteAchievement(rowId)
            return .forms(.deleted(label: label))
        case .undo:
            return .forms(.undone(label: try db.undoLast()?.label))
        case .redo:
            return .forms(.redone(label: try db.redoLast()?.label))
        case .loadConflicts:
            return .forms(.conflictsLoaded(try db.conflicts().map(Self.row)))
        case let .resolveConflict(id, theirs):
            try db.resolveConflict(id, keep: theirs ? .theirs : .ours)
            return .forms(.conflictResolved(id, keptTheirs: theirs))
        }
    }

    static func problem(_ p: FieldProblem) -> FormProblem { FormProblem(p) }

    static func row(_ c: BundleConflict) -> ConflictRow {
        ConflictRow(id: c.id, kind: c.kind.rawValue, recordKey: c.recordKey, candidateId: c.candidateId, candidateName: c.candidateName,
                    sourceUnit: c.sourceUnit, bundleFile: c.bundleFile, fields: c.fields)
    }
}
