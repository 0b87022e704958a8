import DienHinhCore
import Foundation

/// A nomination as the roll-up shows it: with the candidate's name, unit and current verdict.
public struct NominationListing: Equatable, Sendable {
    public var nomination: Nomination
    public var name: String
    public var unitName: String
    /// The eligibility verdict for the nomination's year (clause 1.2).
    public var eligible: Bool
    /// Who put it forward, from which unit, when (none recorded for nominations made before version 6).
    public var nominatedBy = Provenance()
}

/// A meeting of the council (phiên họp).
public struct CouncilSession: Equatable, Sendable {
    public var id: String
    public var year: Int
    public var title: String
    public var status: String
    public var openedAt: String
    public var closedAt: String?
}

/// Attendance against the quorum rule, as the chair's console shows it.
public struct QuorumStatus: Equatable, Sendable {
    /// Voting members of the council.
    public var members: Int
    public var present: Int
    /// The fewest present that meets the quorum.
    public var required: Int
    public var met: Bool
}

/// A member on a round's roll: who has voted, never how.
public struct VoterEntry: Equatable, Sendable {
    public var memberId: String
    public var name: String
    public var written: Bool
    /// The secretary who entered a written ballot.
    public var enteredBy: String?
}

/// Everything about a round except its ballots: for consoles and the count minutes.
public struct RoundInfo: Equatable, Sendable {
    public enum Kind: String, Sendable { case regular, runoff }

    public var id: String
    public var session: CouncilSession
    public var number: Int
    public var kind: Kind
    public var previousRoundId: String?
    /// `tie` or `unfilled` for a run-off.
    public var runoffReason: String?
    public var parameters: RoundParameters
    public var membersAtOpen: Int
    public var presentAtOpen: Int
    /// The approvals needed, as announced when the round opened (nil for rounds opened before this was recorded).
    public var requiredAtOpen: Int?
    /// The most seats the chair asked for; `parameters.maxSeats` is what was really open (at most the shortlist).
    public var seatsAsked: Int?
    /// The chair who opened and who closed the round (member ids).
    public var openedBy: String?
    public var closedBy: String?
    /// Members present who had not voted when the round was closed (the chair confirmed closing anyway).
    public var unvotedAtClose: Int?
    public var status: RoundStatus
    public var openedAt: String
    public var closedAt: String?
    public var shortlist: [ShortlistEntry]
    /// The members issued a ballot (the voting members when the round opened), by id.
    public var electors: [CouncilMember]
    /// Ids of electors recorded present in the session.
    public var present: Set<String>
    /// The round opened from this one's result, if any.
    public var followedBy: String?
}

/// What a new member receives on paper: their id and the one-time written-ballot code (never stored in clear).
public struct MemberSlip: Equatable, Sendable {
    public var member: CouncilMember
    public var writtenCode: String
    /// A PIN the application drew (`enrol(issuingPIN:)`, `resetPIN`): on the slip only, shown nowhere else, never
    /// stored in clear. Nil when the member chose their own.
    public var pin: String? = nil
}
