import DienHinhCore
import Foundation

/// Answers of the voting effects.
public enum VotingMsg: Equatable, Sendable {
    case sessionsLoaded([SessionRow])
    case consoleLoaded(ConsoleData)
    case roundLoaded(RoundSummary)
    case ballotCast(round: String, member: String, receipt: String)
    case refused(VotingFailure)
    case roundOpened(String)
    case roundClosed(ResultData)
    case resultLoaded(ResultData)
    /// The year's nominations, in ballot order, for the parameters form's preview of the shortlist.
    case shortlistLoaded(year: Int, [VoteCandidate])
    /// A counted round's minutes, as `round minutes` prints them.
    case minutesLoaded(round: String, text: String)
    /// The chair's casting choice was recorded: the result as it now stands.
    case tieResolved(ResultData)
}

/// Voting work for the runtime. `cast` carries the PIN only on its way to the store; it is redacted
/// whenever the effect is printed.
public indirect enum VotingEffect: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    case loadSessions
    case loadConsole(session: String)
    case loadRound(String)
    /// `declared`: the candidates the member declares a conflict on with this ballot.
    case cast(round: String, member: String, pin: String, approvals: [String], declared: [String] = [])
    /// An absent member's written ballot, signed with the secretary's PIN.
    /// `code` is the absent member's one-time written-ballot code from their PIN slip.
    case castWritten(round: String, member: String, secretary: String, pin: String, code: String, approvals: [String], declared: [String] = [])
    /// The chair's acts, signed with the chair's PIN. Closing from the console is always confirmed first
    /// (members present who have not voted are named in the question), so it closes with `force`.
    case openRound(session: String, chair: String, pin: String, parameters: RoundParameters = .selection, conflicts: ConflictRule = .flag)
    /// The year's nominations as a round opened now would list them.
    case loadShortlist(year: Int)
    /// The count minutes of a closed round, in the interface's language.
    case loadMinutes(round: String, english: Bool)
    case closeRound(String, chair: String, pin: String)
    case openRunoff(session: String, previous: String, chair: String, pin: String)
    case loadResult(String)
    /// The chair's casting choice for a tie across the last seat, signed with the chair's PIN.
    case resolveTie(round: String, chair: String, pin: String, chosen: [String])
    /// Runs the effect only when the database changed since the last poll (another terminal voted).
    case ifChanged(VotingEffect)

    public var description: String {
        switch self {
        case .loadSessions: return "loadSessions"
        case .loadConsole(let s): return "loadConsole(\(s))"
        case .loadRound(let r): return "loadRound(\(r))"
        case let .cast(r, m, _, a, d): return "cast(\(r), \(m), pin: <redacted>, \(a.count) approvals, declared: \(d))"
        case let .castWritten(r, m, sec, _, _, a, d):
            return "castWritten(\(r), \(m), by: \(sec), pin: <redacted>, code: <redacted>, \(a.count) approvals, declared: \(d))"
        case let .openRound(s, c, _, p, k):
            return "openRound(\(s), by: \(c), pin: <redacted>, \(p.minSeats)–\(p.maxSeats), \(p.threshold) of \(p.base.rawValue), \(k.rawValue))"
        case .loadShortlist(let y): return "loadShortlist(\(y))"
        case let .loadMinutes(r, en): return "loadMinutes(\(r), english: \(en))"
        case let .closeRound(r, c, _): return "closeRound(\(r), by: \(c), pin: <redacted>)"
        case let .openRunoff(s, p, c, _): return "openRunoff(\(s), \(p), by: \(c), pin: <redacted>)"
        case .loadResult(let r): return "loadResult(\(r))"
        case let .resolveTie(r, c, _, chosen): return "resolveTie(\(r), \(c), pin: <redacted>, \(chosen))"
        case .ifChanged(let e): return "ifChanged(\(e))"
        }
    }

    public var debugDescription: String { description }
}
