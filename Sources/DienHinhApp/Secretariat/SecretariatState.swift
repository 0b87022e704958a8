import DienHinhCore
import Foundation
import TerminalKit

/// A PIN asked for one act (the chair's to open or close a session or reset a PIN, the secretary's to record the
/// roll). Only dots are drawn; the field is emptied the moment it is submitted and the PIN leaves the state.
public struct PinAsk: Equatable, Sendable {
    /// Whose PIN: the chair or the secretary.
    public var role: CouncilRole
    /// The members in that role (usually one); Tab moves to the next.
    public var signers: [CouncilMember]
    public var index = 0
    public var field = TextField(focused: true)

    /// Nil when nobody holds the role.
    public init?(role: CouncilRole, among members: [CouncilMember]) {
        self.role = role
        self.signers = members.filter { $0.role == role }
        if signers.isEmpty { return nil }
    }

    public var signer: CouncilMember { signers[index % signers.count] }
}

/// Adding a member: the name, then the role; the PIN is drawn by the application and goes on the slip only.
public struct AddMemberForm: Equatable, Sendable {
    public var name = TextField(focused: true)
    public var role: CouncilRole = .member
    /// True when ←/→ change the role (Tab moves between the two).
    public var onRole = false
}

/// What is done to the selected member: a new PIN, a new role (picked with ← → before the PIN), or leaving.
public struct MemberAct: Equatable, Sendable {
    /// `unit`: the member's unit (its code; empty takes it away), typed before the PIN.
    public enum Kind: Equatable, Sendable { case resetPIN, role(CouncilRole), leave, unit(TextField) }
    public var kind: Kind
    /// Nil while the new role is being picked.
    public var pin: PinAsk?
}

/// The council's members: add with a drawn PIN (the slip is written as a file), a new PIN for one who lost theirs.
public struct MembersState: Equatable, Sendable {
    public var members: [CouncilMember] = []
    public var selected = 0
    public var loaded = false
    public var add: AddMemberForm?
    /// An act on the selected member, signed by the chair (the secretary for the chair).
    public var act: MemberAct?
    public var submitting = false
    /// The slip last written: where it is, said on the screen until the next act (the PIN is only in the file).
    public var slipPath: String?
    /// Each member's unit code, and the units' names (for conflicts of interest).
    public var units: [String: String] = [:]
    public var unitNames: [String: String] = [:]
}

/// The roll of one session: Space marks members present as they arrive, the quorum counts live, Enter records the
/// marks with the secretary's PIN.
public struct RollState: Equatable, Sendable {
    public var sessionId: String
    public var members: [VoteElector] = []
    /// Marked on screen, not yet recorded.
    public var marked: Set<String> = []
    public var selected = 0
    public var loaded = false
    public var pin: PinAsk?
    public var submitting = false

    public var councilMembers: [CouncilMember] { members.map { CouncilMember(id: $0.id, name: $0.name, role: $0.role) } }

    public var voting: [VoteElector] { members.filter(\.role.isVoting) }
    /// Present once the marks are recorded.
    public var presentCount: Int { voting.filter { $0.present || marked.contains($0.id) }.count }
    public var required: Int { Quorum.standard.requiredCount(members: voting.count) }
    public var quorumMet: Bool { Quorum.standard.isMet(present: presentCount, members: voting.count) }
}

/// The council home's questions before a session is opened or closed.
public enum SessionAsk: Equatable, Sendable {
    case open(PinAsk)
    case close(session: String, PinAsk)

    public var pin: PinAsk {
        get { switch self { case .open(let p), .close(_, let p): p } }
        set {
            switch self {
            case .open: self = .open(newValue)
            case .close(let s, _): self = .close(session: s, newValue)
            }
        }
    }
}

/// Answers of the secretariat's effects.
public enum SecretariatMsg: Equatable, Sendable {
    case membersLoaded([CouncilMember])
    /// Each member's unit code, and those units' names.
    case memberUnitsLoaded([String: String], names: [String: String])
    /// A slip was written (a new member, or a new PIN): whose, and the file.
    case slipWritten(name: String, path: String, added: Bool)
    /// A role changed or a member left: the words to say, then the list again.
    /// `unit`: the member's new unit code (empty: none), when that was the change.
    case memberChanged(name: String, role: CouncilRole?, unit: String? = nil)
    case sessionOpened(String)
    case sessionClosed(String)
    case rollLoaded(session: String, [VoteElector])
    case attended(session: String, count: Int)
    case refused(VotingFailure)
}

/// The secretariat's work for the runtime: the store calls of `council add-member --issue-pin --slip`,
/// `council reset-pin`, `session open`, `session attend` and `session close`. A PIN rides only in the effect
/// and is redacted whenever the effect is printed.
public enum SecretariatEffect: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    case loadMembers
    case loadMemberUnits
    case setUnit(member: String, unit: String?, signer: String, pin: String)
    case addMember(name: String, role: CouncilRole, folder: String?, english: Bool)
    case resetPIN(member: String, signer: String, pin: String, folder: String?, english: Bool)
    case setRole(member: String, role: CouncilRole, signer: String, pin: String)
    case deactivate(member: String, signer: String, pin: String)
    case openSession(year: Int, chair: String, pin: String, english: Bool)
    case closeSession(String, chair: String, pin: String)
    case loadRoll(session: String)
    case attend(session: String, members: [String], secretary: String, pin: String)

    public var description: String {
        switch self {
        case .loadMembers: return "loadMembers"
        case .loadMemberUnits: return "loadMemberUnits"
        case let .setUnit(m, u, by, _): return "setUnit(\(m), \(u ?? "-"), by: \(by), pin: <redacted>)"
        case let .addMember(n, r, f, _): return "addMember(\(n), \(r.rawValue), \(f ?? "-"))"
        case let .resetPIN(m, by, _, f, _): return "resetPIN(\(m), by: \(by), pin: <redacted>, \(f ?? "-"))"
        case let .setRole(m, r, by, _): return "setRole(\(m), \(r.rawValue), by: \(by), pin: <redacted>)"
        case let .deactivate(m, by, _): return "deactivate(\(m), by: \(by), pin: <redacted>)"
        case let .openSession(y, c, _, _): return "openSession(\(y), by: \(c), pin: <redacted>)"
        case let .closeSession(s, c, _): return "closeSession(\(s), by: \(c), pin: <redacted>)"
        case .loadRoll(let s): return "loadRoll(\(s))"
        case let .attend(s, m, by, _): return "attend(\(s), \(m), by: \(by), pin: <redacted>)"
        }
    }

    public var debugDescription: String { description }
}
