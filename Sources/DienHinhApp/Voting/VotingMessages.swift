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
    /// The chair's casting choice was recorded: the result as it now stands.
    case tieResolved(ResultData)
}

/// Voting work for the runtime. `cast` carries the PIN only on its way to the store; it is redacted
/// whenever the effect is printed.
public indirect enum VotingEffect: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    case loadSessions
    case loadConsole(session: String)
    case loadRound(String)
    case cast(round: String, member: String, pin: String, approvals: [String])
    /// An absent member's written ballot, signed with the secretary's PIN.
    case castWritten(round: String, member: String, secretary: String, pin: String, approvals: [String])
    case openRound(session: String)
    case closeRound(String)
    case openRunoff(session: String, previous: String)
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
        case let .cast(r, m, _, a): return "cast(\(r), \(m), pin: <redacted>, \(a.count) approvals)"
        case let .castWritten(r, m, sec, _, a): return "castWritten(\(r), \(m), by: \(sec), pin: <redacted>, \(a.count) approvals)"
        case .openRound(let s): return "openRound(\(s))"
        case .closeRound(let r): return "closeRound(\(r))"
        case let .openRunoff(s, p): return "openRunoff(\(s), \(p))"
        case .loadResult(let r): return "loadResult(\(r))"
        case let .resolveTie(r, c, _, chosen): return "resolveTie(\(r), \(c), pin: <redacted>, \(chosen))"
        case .ifChanged(let e): return "ifChanged(\(e))"
        }
    }

    public var debugDescription: String { description }
}
