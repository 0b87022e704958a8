import DienHinhCore
import Foundation
import TerminalKit

/// `N` on a candidate: the question before the store is asked, then the written reason an ineligible candidate needs.
public struct NominatePrompt: Equatable, Sendable {
    public var candidateId: String
    public var name: String
    public var kind: CandidateKind
    /// As the screen judged it; the store judges again.
    public var eligible: Bool
    /// The override's written reason, asked when the candidate is not eligible for the year.
    public var reason: TextField?
    /// Sent to the store; waiting for its answer.
    public var submitting = false
    /// The store's refusal (quota full, already nominated), shown in the box until Enter or Esc.
    public var refusal: VotingFailure?
}

/// One nominee on the roll-up.
public struct RollupNominee: Equatable, Sendable {
    public var id: String
    public var name: String
    public var kind: CandidateKind
    public var eligible: Bool
    public var overrideReason: String?
    public init(id: String, name: String, kind: CandidateKind, eligible: Bool, overrideReason: String?) {
        self.id = id; self.name = name; self.kind = kind; self.eligible = eligible; self.overrideReason = overrideReason
    }
}

/// One unit on the roll-up with what it nominated (nothing for a unit that has not nominated).
public struct RollupUnit: Equatable, Sendable {
    public var unit: SectorUnit
    public var nominees: [RollupNominee]
    public init(unit: SectorUnit, nominees: [RollupNominee]) { self.unit = unit; self.nominees = nominees }
}

/// The nomination roll-up of the review year, one level at a time.
public struct RollupState: Equatable, Sendable {
    public var year: Int
    public var units: [RollupUnit] = []
    public var quota = NominationQuota.plan
    /// The level shown; nil before loading.
    public var level: Level?
    public var selected = 0
    public var loaded = false
    /// Withdrawing the selected nomination: its written reason.
    public var withdraw: TextField?

    /// The levels that have units this year, top down.
    public var levels: [Level] { Level.allCases.filter { l in units.contains { $0.unit.level == l } } }

    /// The rows of the level in view: each unit, then its nominees.
    public var rows: [RollupRow] {
        guard let level else { return [] }
        var out: [RollupRow] = []
        for u in units where u.unit.level == level {
            out.append(.unit(u))
            out += u.nominees.map { .nominee($0, unit: u.unit) }
        }
        return out
    }

    /// The nominee under the cursor, if the cursor is on one.
    public var selectedNominee: RollupNominee? {
        let r = rows
        guard r.indices.contains(selected), case .nominee(let n, _) = r[selected] else { return nil }
        return n
    }
}

public enum RollupRow: Equatable, Sendable {
    case unit(RollupUnit)
    case nominee(RollupNominee, unit: SectorUnit)
}

/// Answers of the nomination effects.
public enum NominationMsg: Equatable, Sendable {
    case nominated(id: String, name: String, override: String?)
    /// The store refused: its words in both languages (quota full, already nominated, not eligible …).
    case refused(VotingFailure, notEligible: Bool)
    case rollupLoaded(year: Int, [RollupUnit])
    case withdrawn(id: String, name: String)
}

/// Nomination work for the runtime: the same store calls as `dienhinh nominate` and `dienhinh withdraw`.
public enum NominationEffect: Equatable, Sendable {
    case nominate(id: String, year: Int, overrideReason: String?)
    case loadRollup(year: Int)
    case withdraw(id: String, name: String, year: Int, reason: String)
}
