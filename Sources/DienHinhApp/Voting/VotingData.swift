import DienHinhCore
import Foundation
import DienHinhResources
import TerminalKit

/// A candidate on a round's shortlist, as the ballot card shows it.
public struct VoteCandidate: Equatable, Sendable {
    public var id: String
    public var name: String
    public var kind: CandidateKind
    public var unitName: String
    /// The clause 1.2 verdict for the session's year.
    public var eligible: Bool
    /// Set when the unit nominated the candidate although not eligible: the written reason.
    public var overrideReason: String?
    public init(id: String, name: String, kind: CandidateKind, unitName: String, eligible: Bool, overrideReason: String? = nil) {
        self.id = id; self.name = name; self.kind = kind; self.unitName = unitName
        self.eligible = eligible; self.overrideReason = overrideReason
    }
}

/// A council member as the kiosk and the console list them: presence and whether they voted, never how.
public struct VoteElector: Equatable, Sendable {
    public var id: String
    public var name: String
    public var role: CouncilRole
    public var present: Bool
    public var voted: Bool
    /// The vote was an absent member's written ballot, entered by the secretary.
    public var written: Bool
    public init(id: String, name: String, role: CouncilRole, present: Bool, voted: Bool = false, written: Bool = false) {
        self.id = id; self.name = name; self.role = role; self.present = present; self.voted = voted; self.written = written
    }
}

/// One round as voting screens need it: parameters, shortlist and roll (who voted, not how).
public struct RoundSummary: Equatable, Sendable {
    public var id: String
    public var sessionId: String
    public var year: Int
    public var number: Int
    public var isRunoff: Bool
    public var status: RoundStatus
    public var parameters: RoundParameters
    public var membersAtOpen: Int
    public var presentAtOpen: Int
    public var candidates: [VoteCandidate]
    /// Every member issued a ballot, by id.
    public var electors: [VoteElector]
    /// What a conflict of interest does in this round, and every conflict recorded (flagged by unit or declared).
    public var conflictRule: ConflictRule
    public var conflicts: [RoundConflict]
    public init(id: String, sessionId: String, year: Int, number: Int, isRunoff: Bool = false, status: RoundStatus,
                parameters: RoundParameters, membersAtOpen: Int, presentAtOpen: Int, candidates: [VoteCandidate], electors: [VoteElector],
                conflictRule: ConflictRule = .flag, conflicts: [RoundConflict] = []) {
        self.id = id; self.sessionId = sessionId; self.year = year; self.number = number; self.isRunoff = isRunoff
        self.status = status; self.parameters = parameters; self.membersAtOpen = membersAtOpen
        self.presentAtOpen = presentAtOpen; self.candidates = candidates; self.electors = electors
        self.conflictRule = conflictRule; self.conflicts = conflicts
    }

    /// A member's recorded conflicts, by candidate id.
    public func conflicts(of member: String) -> [String: ConflictSource] {
        Dictionary(conflicts.filter { $0.memberId == member }.map { ($0.candidateId, $0.source) }, uniquingKeysWith: { a, _ in a })
    }

    /// Approvals a candidate needs ("more than 50% of all 21" → 11).
    public var requiredApprovals: Int { parameters.requiredApprovals(members: membersAtOpen, present: presentAtOpen) }
    public var votedCount: Int { electors.filter(\.voted).count }
}

/// A meeting of the council as the sessions list shows it.
public struct SessionRow: Equatable, Sendable {
    public var id: String
    public var year: Int
    public var title: String
    public var open: Bool
    public var rounds: Int
    public init(id: String, year: Int, title: String, open: Bool, rounds: Int) {
        self.id = id; self.year = year; self.title = title; self.open = open; self.rounds = rounds
    }
}

/// Everything the chair's console shows: attendance, quorum, the current round and its roll.
public struct ConsoleData: Equatable, Sendable {
    public var session: SessionRow
    /// Voting members with presence (and, for the current round, whether they voted).
    public var members: [VoteElector]
    public var present: Int
    public var quorumRequired: Int
    public var quorumMet: Bool
    /// The open round, else the latest one.
    public var round: RoundSummary?
    public init(session: SessionRow, members: [VoteElector], present: Int, quorumRequired: Int, quorumMet: Bool, round: RoundSummary?) {
        self.session = session; self.members = members; self.present = present
        self.quorumRequired = quorumRequired; self.quorumMet = quorumMet; self.round = round
    }
}

/// A counted round with the unit names its lines show.
public struct ResultData: Equatable, Sendable {
    public var result: RoundResult
    public var sessionId: String
    public var unitNames: [String: String]
    /// The round already opened after this one (run-off or further round), if any.
    public var followedBy: String?
    /// The council's chair, who may settle a tie across the last seat with a casting choice.
    public var chair: VoteElector?
    public init(result: RoundResult, sessionId: String, unitNames: [String: String] = [:], followedBy: String? = nil,
                chair: VoteElector? = nil) {
        self.result = result; self.sessionId = sessionId; self.unitNames = unitNames; self.followedBy = followedBy
        self.chair = chair
    }

    /// Whether the chair may still make a casting choice: a tie across the last seat, not settled, and no
    /// run-off opened for it.
    public var castingChoiceOpen: Bool {
        result.tieForSeats > 0 && result.castingChoice == nil && followedBy == nil && result.status == .closed
    }
}

/// Why a voting action was refused, worded from the strings table (nothing was written).
public struct VotingFailure: Equatable, Sendable, Error {
    /// What the screens react to; everything else is only shown.
    public enum Kind: Equatable, Sendable { case wrongPIN, alreadyVoted, roundClosed, other }
    public var kind: Kind
    /// A key of the strings table and its arguments.
    public var key: String
    public var args: [String]
    /// A refusal worded by the store (plurals, nested reasons); wins over `key` when set.
    public var worded: [String: String]?
    public init(_ kind: Kind = .other, key: String, args: [String] = []) {
        self.kind = kind; self.key = key; self.args = args
    }

    /// Both languages' wording of a store refusal, so the screen can switch language after the fact.
    public init(_ kind: Kind = .other, vi: String, en: String) {
        self.kind = kind; self.key = ""; self.args = []
        self.worded = ["vi": vi, "en": en]
    }

    public func text(_ s: Strings) -> String { worded?[s.language.rawValue] ?? s.format(key, args) }
}
