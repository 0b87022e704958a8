import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// The council area's first screen: the meetings, newest first.
public struct CouncilHomeState: Equatable, Sendable {
    public var sessions: [SessionRow] = []
    public var selected = 0
    public var loaded = false
    /// Opening or closing a session: the chair's PIN being typed.
    public var ask: SessionAsk?
    /// The council's members, for who signs (the chair).
    public var members: [CouncilMember] = []
}

/// A question the chair answers before the console writes anything.
public enum ConsoleConfirm: Equatable, Sendable {
    case openRound
    case closeRound(String)
}

/// The chair's console for one session (projected in the room).
public struct ConsoleState: Equatable, Sendable {
    public var sessionId: String
    public var data: ConsoleData?
    public var confirm: ConsoleConfirm?
    /// The chair's PIN, asked once the question is answered yes; emptied the moment it is submitted.
    public var pin: TextField?
    public var scroll = 0
    /// Started with `tui --console`: Esc does not leave it.
    public var standalone = false
    /// The next round's parameters and conflict rule (`P` sets them; the selection's and `flag` by default).
    public var parameters = RoundParameters.selection
    public var conflicts = ConflictRule.flag
    /// The parameters form, while open.
    public var form: RoundForm?
    public init(sessionId: String, standalone: Bool = false) {
        self.sessionId = sessionId
        self.standalone = standalone
    }
}

/// Choosing who votes next at a terminal: the electors, or a typed member id.
public struct MemberPickState: Equatable, Sendable {
    public var roundId: String
    public var round: RoundSummary?
    public var field = TextField()
    public var selected = 0
    /// A voting terminal (`tui --kiosk`): after each ballot everything is cleared and this screen returns.
    public var kiosk: Bool
    /// The secretary entering absent members' written ballots (from the console, `w`).
    public var written = false
    public init(roundId: String, kiosk: Bool, written: Bool = false) {
        self.roundId = roundId
        self.kiosk = kiosk
        self.written = written
    }
}

/// Where a member is in casting their ballot.
public enum BallotPhase: Equatable, Sendable {
    case marking
    /// The marks listed once more before the PIN.
    case review
    /// A written ballot: the absent member's one-time code from their PIN slip, before the secretary's PIN.
    case code(TextField)
    /// The PIN being typed; the field is emptied the moment it is submitted.
    case pin(TextField)
    /// Sent to the store; waiting for the receipt or the refusal.
    case submitting
    case receipt(String)
}

/// One member's ballot over a round's shortlist.
public struct BallotState: Equatable, Sendable {
    public var round: RoundSummary
    public var member: VoteElector
    /// Approved candidate ids (at most the round's maximum seats).
    public var marks: Set<String> = []
    public var selected = 0
    public var phase: BallotPhase = .marking
    /// The last refusal from the store, shown in the review until the next attempt.
    public var failure: VotingFailure?
    public var kiosk: Bool
    /// For an absent member's written ballot: the secretary who enters it and signs with their own PIN.
    public var secretary: VoteElector?
    /// The absent member's written-ballot code, once typed (sent with the secretary's PIN).
    public var writtenCode: String?
    /// Candidates the member declares a conflict on (`d`), recorded with the ballot.
    public var declared: Set<String> = []

    public var maxMarks: Int { round.parameters.maxSeats }
    /// The marks in shortlist order.
    public var markedCandidates: [VoteCandidate] { round.candidates.filter { marks.contains($0.id) } }

    /// Why the member is in conflict with a candidate: recorded in the round, or declared on this ballot.
    public func conflict(_ candidate: String) -> ConflictSource? {
        round.conflicts(of: member.id)[candidate] ?? (declared.contains(candidate) ? .declared : nil)
    }

    /// The candidate cannot be marked: the round's rule is `recuse` and the member is in conflict with them.
    public func barred(_ candidate: String) -> Bool { round.conflictRule == .recuse && conflict(candidate) != nil }
}

/// A counted round: bars, outcomes, the next step and the fingerprints.
public struct ResultState: Equatable, Sendable {
    public var data: ResultData
    public var fingerprintScroll = 0
    public var confirmRunoff = false
    /// The chair's PIN for opening the run-off, once confirmed.
    public var runoffPin: TextField?
    /// The chair settling a tie across the last seat (VOTING.md: "or the chair's casting choice").
    public var casting: CastingState?
    /// The count minutes open on screen (`m`), line by line, and how far they are scrolled.
    public var minutes: [String]?
    public var minutesScroll = 0
}

/// The chair's casting choice: exactly as many of the tied candidates as there are seats left, then the chair's PIN.
public struct CastingState: Equatable, Sendable {
    /// Picked candidate ids, in the order picked (the result records them so).
    public var chosen: [String] = []
    /// The cursor among the tied candidates.
    public var selected = 0
    /// The chair's PIN being typed, once the picks are complete; emptied the moment it is submitted.
    public var pin: TextField?
    public var submitting = false
    /// The last refusal from the store (a wrong PIN, a run-off opened meanwhile).
    public var failure: VotingFailure?
}

extension AppState {
    /// A voting terminal for one round (`dienhinh tui --kiosk ROUND`): only the member pick, ballot and receipt.
    public static func kiosk(round: String, language: Language = .vi, year: Int, size: Size) -> AppState {
        var s = AppState(language: language, year: year, size: size)
        s.stack = [.memberPick(MemberPickState(roundId: round, kiosk: true))]
        return s
    }

    /// The chair's console for a session (`dienhinh tui --console SESSION`).
    public static func console(session: String, language: Language = .vi, year: Int, size: Size) -> AppState {
        var s = AppState(language: language, year: year, size: size)
        s.stack = [.console(ConsoleState(sessionId: session, standalone: true))]
        return s
    }

    /// True on a voting terminal: browsing, searching and quitting with q are off.
    public var isKiosk: Bool {
        if case .memberPick(let p) = stack[0] { return p.kiosk }
        return false
    }
}
