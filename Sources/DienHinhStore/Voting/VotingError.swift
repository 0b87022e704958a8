import DienHinhCore
import Foundation

/// Why a nomination or voting action was not done. Nothing of the act was written when one of these is thrown
/// (a wrong PIN is still counted against the member, and the try audited: issue 18).
/// Structured, so the command line and the terminal interface word it in the user's language.
public enum VotingError: Error, Equatable, Sendable {
    // An id that names nothing (exit 65, bad input: INTERFACES.md keeps 66 for a missing file or database).
    case unknownCandidate(String)
    case unknownMember(String)
    case unknownSession(String)
    case unknownRound(String)
    case unknownUnit(String)
    /// A conflict declared on a candidate who is not on the round's ballot.
    case notOnShortlist(candidate: String, round: String)
    /// Under the round's `recuse` rule, a ballot that marks a candidate its member is in conflict with.
    case recused(member: String, candidate: String, round: String)
    // Bad input (exit 65).
    case invalidBallot(BallotProblem)
    case pinTooShort(minimum: Int)
    case invalidParameters(ParameterProblem)
    case emptyName
    /// Withdrawing a nomination needs a written reason.
    case emptyReason
    /// Withdrawing a candidate who is not nominated for that year.
    case notNominated(candidate: String, year: Int)
    // Refused by a rule (exit 69).
    case nomination(NominationRefusal)
    case wrongPIN
    /// Too many wrong PINs in a row: refused, whatever the PIN, until the chair unlocks the member.
    case pinLocked(String)
    /// `council unlock` on a member who is not locked.
    case notLocked(String)
    /// `council kdf` with a cost not above the one in force.
    case pinCostNotRaised(current: Int)
    case quorumNotMet(present: Int, required: Int, members: Int)
    case noVotingMembers
    case emptyShortlist(year: Int)
    case roundAlreadyOpen(String)
    case roundNotOpen(round: String, status: RoundStatus)
    case roundNotClosed(String)
    case alreadyVoted(member: String, round: String)
    case notElector(member: String, round: String)
    case notPresent(member: String, session: String)
    case presentMemberWritten(member: String, session: String)
    case notSecretary(String)
    case notChair(String)
    case castingChoice(CastingChoiceError)
    case writtenBallotEntered(member: String, round: String)
    case noRunoffNeeded(String)
    case runoffExists(previous: String, runoff: String)
    case yearMismatch(round: String, session: String)
    /// The session is closed: nothing more is recorded in it.
    case sessionClosed(String)
    /// Another session of the same year is still open.
    case sessionAlreadyOpen(year: Int, session: String)
    /// A round is still open in the session being closed.
    case roundStillOpen(session: String, round: String)
    /// A round counted against the members present at its opening: a member who arrived later has no ballot in it.
    case arrivedAfterOpening(member: String, round: String)
    /// A round counted against the members present at its opening takes no written ballots.
    case writtenInPresentRound(String)
    /// Members present have not voted; the chair must confirm (`--force`) to close anyway.
    case unvotedPresent(round: String, count: Int)
    /// A written ballot needs the absent member's one-time code from their PIN slip.
    case writtenCodeRequired(member: String)
    case wrongWrittenCode(member: String)
    // The stored data contradicts itself (exit 1).
    case inconsistent(String)
    /// Proposals on the shortlist still wait for their public posting to end or its objections to be settled.
    case consultationPending([ConsultationBlock])
    /// A round for an award whose rule set names no vote.
    case noVoteRule(award: String, year: Int)
    // Emulation blocs (issue 17).
    case badBlocCode(String)
    case blocTooSmall(String)
    case leadNotMember(unit: String, bloc: String)
    case unknownBloc(String, year: Int)
    case unitNotInBloc(unit: String, bloc: String)
    case leadIsChair(unit: String, bloc: String)
    /// The bloc has met that year: its roll is fixed.
    case blocHasMet(bloc: String, year: Int)
    case unitInOtherBloc(unit: String, bloc: String)
    case delegateOfDroppedUnit(unit: String, bloc: String)
    case blocLeadFixed(bloc: String, lead: String)
    case delegateExists(unit: String, bloc: String, member: String)
    case blocHasSecretary(bloc: String)
    /// A council member acting in a bloc's session or a delegate in the council's (`body` empty: the council).
    case otherBody(member: String, body: String)
    case blocRollIncomplete(bloc: String, units: [String])
    /// The award is voted by a bloc's members, not by the council (and the reverse).
    case blocVoteOnly(award: String)
    case councilVoteOnly(award: String)

    /// Wrong PINs in a row that lock a member.
    public static var pinTriesBeforeLock: Int { PINHash.maxWrongTries }

    /// The sysexits code of INTERFACES.md.
    public var exitCode: Int32 {
        switch self {
        case .unknownCandidate, .unknownMember, .unknownSession, .unknownRound, .unknownUnit, .notOnShortlist, .recused,
             .invalidBallot, .pinTooShort, .invalidParameters, .emptyName, .emptyReason, .notNominated,
             .badBlocCode, .blocTooSmall, .leadNotMember, .unknownBloc, .unitNotInBloc, .leadIsChair: return 65
        case .inconsistent: return 1
        default: return 69
        }
    }
}
