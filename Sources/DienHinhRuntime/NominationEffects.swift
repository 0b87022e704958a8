import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

/// Nominating and withdrawing from the terminal: the store calls of `dienhinh nominate` and `dienhinh withdraw`;
/// the roll-up is every unit in force in the year with what it nominated (as the nominations report counts them).
extension EffectRunner {
    func runNominations(_ effect: NominationEffect) throws -> Msg {
        do {
            switch effect {
            case let .nominate(id, year, reason):
                let n = try db.nominate(candidateId: id, year: year, overrideReason: reason)
                return .nominations(.nominated(id: id, name: try db.candidate(id)?.name ?? id, override: n.overrideReason))
            case .loadRollup(let year):
                return .nominations(.rollupLoaded(year: year, try rollup(year: year)))
            case let .withdraw(id, name, year, reason):
                try db.withdrawNomination(candidateId: id, year: year, reason: reason)
                return .nominations(.withdrawn(id: id, name: name))
            }
        } catch let e as VotingError {
            let notEligible = if case .nomination(.notEligible) = e { true } else { false }
            return .nominations(.refused(try Self.nominationFailure(e, db: db), notEligible: notEligible))
        }
    }

    func rollup(year: Int) throws -> [RollupUnit] {
        let byUnit = Dictionary(grouping: try db.nominations(year: year), by: \.nomination.unitCode)
        return try db.units(level: nil, year: year).map { u in
            RollupUnit(unit: u, nominees: (byUnit[u.code] ?? []).map {
                RollupNominee(id: $0.nomination.candidateId, name: $0.name, kind: $0.nomination.kind, eligible: $0.eligible,
                              overrideReason: $0.nomination.overrideReason)
            })
        }
    }

    /// A refusal in both languages, naming people rather than ids: the quota names who fills it.
    static func nominationFailure(_ e: VotingError, db: AppDatabase) throws -> VotingFailure {
        func both(_ f: (Strings) -> String) -> VotingFailure { VotingFailure(vi: f(.vi), en: f(.en)) }
        switch e {
        case let .nomination(.quotaFull(kind, limit, holders)):
            return both { s in
                s("nominate.quota_full", s("kind.\(kind.rawValue)").lowercased(), limit, holders.map(\.name).joined(separator: ", "))
            }
        case let .nomination(.alreadyNominated(id)):
            let name = try db.candidate(id)?.name ?? id
            return both { $0("nominate.tui.already", name) }
        case let .nomination(.notEligible(id)):
            let name = try db.candidate(id)?.name ?? id
            return both { $0("nominate.tui.reason_required", name) }
        case let .notNominated(id, year):
            let name = try db.candidate(id)?.name ?? id
            return both { $0("nominate.tui.not_nominated", name, year) }
        default:
            return both { e.message.text($0) }
        }
    }
}
