import DienHinhCore
import DienHinhResources
import Foundation

/// How a refusal is worded: a key of the strings table and its arguments, for the command line and the screens
/// alike. Arguments are ids, numbers and user text only, never a Swift case name. A count that needs a plural
/// names the plural key (`KEY.one` / `KEY.other`) and passes the count first.
public struct VotingMessage: Equatable, Sendable {
    public var key: String
    public var args: [String]
    /// The count that picks `KEY.one` or `KEY.other`, when the noun follows a number (then `{0}` is the count).
    public var pluralCount: Int?
    /// A message worded inside this one, appended as its last argument (why the parameters are invalid).
    public var inner: [VotingMessage] = []
    /// The inner messages are one list (every reason a round cannot open), one argument joined by "; ".
    public var innerAsList = false
    /// Positions in `args` that hold an award code, named from the strings table when worded.
    public var awardArgs: [Int] = []

    public init(key: String, args: [String], pluralCount: Int? = nil, inner: [VotingMessage] = [], innerAsList: Bool = false) {
        self.key = key
        self.args = args
        self.pluralCount = pluralCount
        self.inner = inner
        self.innerAsList = innerAsList
    }

    public func text(_ s: Strings) -> String {
        var named = args
        for i in awardArgs where named.indices.contains(i) { named[i] = s("award.\(named[i])") }
        let all = named + (innerAsList ? [inner.map { $0.text(s) }.joined(separator: "; ")] : inner.map { $0.text(s) })
        if let n = pluralCount {
            let one = key + ".one"
            return s.format(n == 1 && s.has(one) ? one : key + ".other", all)
        }
        return s.format(key, all)
    }
}

extension ParameterProblem {
    public var message: VotingMessage { VotingMessage(key: wording.key, args: wording.args) }
}

extension CastingChoiceError {
    public var message: VotingMessage {
        switch self {
        case .noTie: return VotingMessage(key: "casting.problem.no_tie", args: [])
        case .alreadyResolved: return VotingMessage(key: "casting.problem.resolved", args: [])
        case let .wrongCount(expected, got):
            return VotingMessage(key: "casting.problem.count", args: [String(expected), String(got)], pluralCount: expected)
        case .notTied(let id): return VotingMessage(key: "casting.problem.not_tied", args: [id])
        case .duplicate(let id): return VotingMessage(key: "casting.problem.duplicate", args: [id])
        }
    }
}

extension ConsultationBlock {
    /// The award is named from the strings table when worded (`awardArgs`).
    public var message: VotingMessage {
        var m: VotingMessage
        switch self {
        case let .notPosted(c, a): m = VotingMessage(key: "consultation.block.not_posted", args: [c, a.rawValue]); m.awardArgs = [1]
        case let .stillPosted(c, a, end):
            m = VotingMessage(key: "consultation.block.still_posted", args: [c, a.rawValue, FieldParsing.displayDate(end)]); m.awardArgs = [1]
        case let .objectionsOpen(c, a, n):
            m = VotingMessage(key: "consultation.block.objections", args: [String(n), c, a.rawValue], pluralCount: n); m.awardArgs = [2]
        }
        return m
    }
}

extension VotingError {
    /// Every refusal but a nomination's (whose wording needs the kind's name) as a strings-table entry.
    public var message: VotingMessage {
        func m(_ key: String, _ args: String...) -> VotingMessage { VotingMessage(key: key, args: args) }
        switch self {
        case .unknownCandidate(let id): return m("candidate.unknown", id)
        case .unknownMember(let id): return m("council.unknown_member", id)
        case .unknownSession(let id): return m("session.unknown", id)
        case .unknownRound(let id): return m("round.unknown", id)
        case .unknownUnit(let code): return m("council.unknown_unit", code)
        case let .notOnShortlist(c, r): return m("conflict.not_on_ballot", c, r)
        case let .recused(mem, c, r): return m("vote.recused", mem, c, r)
        case .invalidBallot(let p):
            switch p {
            case let .tooManyMarks(n, max): return m("vote.too_many_marks", String(n), String(max))
            case .unknownCandidate(let id): return m("vote.unknown_candidate", id)
            case .duplicateMark(let id): return m("vote.duplicate_mark", id)
            case .other(let t): return m("vote.invalid", t)
            }
        case .pinTooShort(let n): return m("council.pin_too_short", String(n))
        case .invalidParameters(let p): return VotingMessage(key: "round.bad_parameters", args: [], inner: [p.message])
        case .emptyName: return m("council.empty_name")
        case .emptyReason: return m("withdraw.empty_reason")
        case let .notNominated(id, year): return m("withdraw.not_nominated", id, String(year))
        case .nomination(let r):
            switch r {
            case .quotaFull(let kind, let limit, _): return m("nominate.quota_full_short", kind.rawValue, String(limit))
            case .alreadyNominated(let id): return m("nominate.already", id)
            case .notEligible(let id): return m("nominate.not_eligible", id)
            }
        case .wrongPIN: return m("vote.wrong_pin")
        case .pinLocked(let id): return m("council.pin_locked", id, String(PINHash.maxWrongTries))
        case .notLocked(let id): return m("council.not_locked", id)
        case .pinCostNotRaised(let current): return m("council.pin_cost_not_raised", String(current))
        case let .quorumNotMet(present, required, members): return m("round.quorum_not_met", String(present), String(members), String(required))
        case .noVotingMembers: return m("round.no_members")
        case .emptyShortlist(let y): return m("round.empty_shortlist", String(y))
        case .roundAlreadyOpen(let id): return m("round.already_open", id)
        case let .roundNotOpen(id, status): return m("round.not_open.\(status.rawValue)", id)
        case .roundNotClosed(let id): return m("round.not_closed", id)
        case let .alreadyVoted(mem, r): return m("vote.already_voted", mem, r)
        case let .notElector(mem, r): return m("vote.not_elector", mem, r)
        case let .notPresent(mem, s): return m("vote.not_present", mem, s)
        case let .presentMemberWritten(mem, s): return m("vote.present_written", mem, s)
        case .notSecretary(let id): return m("vote.not_secretary", id)
        case .notChair(let id): return m("round.not_chair", id)
        case .castingChoice(let c): return VotingMessage(key: "round.casting_invalid", args: [], inner: [c.message])
        case let .writtenBallotEntered(mem, r): return m("session.written_entered", mem, r)
        case .noRunoffNeeded(let r): return m("round.no_runoff", r)
        case let .runoffExists(p, r): return m("round.runoff_exists", p, r)
        case let .yearMismatch(r, s): return m("round.year_mismatch", r, s)
        case .sessionClosed(let id): return m("session.is_closed", id)
        case let .sessionAlreadyOpen(year, id): return m("session.already_open", String(year), id)
        case let .roundStillOpen(s, r): return m("session.round_open", s, r)
        case let .arrivedAfterOpening(mem, r): return m("vote.arrived_after_opening", mem, r)
        case .writtenInPresentRound(let r): return m("vote.written_present_base", r)
        case let .unvotedPresent(r, n): return VotingMessage(key: "round.unvoted_present", args: [String(n), r], pluralCount: n)
        case .writtenCodeRequired(let mem): return m("vote.written_code_required", mem)
        case .wrongWrittenCode(let mem): return m("vote.written_code_wrong", mem)
        case .inconsistent(let t): return m("audit.inconsistent", t)
        case .consultationPending(let blocks):
            return VotingMessage(key: "round.consultation_pending", args: [], inner: blocks.map(\.message), innerAsList: true)
        case let .noVoteRule(award, year): return m("round.no_vote_rule", award, String(year))
        case .badBlocCode(let c): return m("bloc.bad_code", c)
        case .blocTooSmall(let c): return m("bloc.too_small", c)
        case let .leadNotMember(u, b): return m("bloc.lead_not_member", u, b)
        case let .unknownBloc(b, y): return m("bloc.unknown", b, String(y))
        case let .unitNotInBloc(u, b): return m("bloc.unit_not_member", u, b)
        case let .leadIsChair(u, b): return m("bloc.lead_is_chair", u, b)
        case let .blocHasMet(b, y): return m("bloc.has_met", b, String(y))
        case let .unitInOtherBloc(u, b): return m("bloc.unit_elsewhere", u, b)
        case let .delegateOfDroppedUnit(u, b): return m("bloc.delegate_dropped", u, b)
        case let .blocLeadFixed(b, lead): return m("bloc.lead_fixed", b, lead)
        case let .delegateExists(u, b, mem): return m("bloc.delegate_exists", u, b, mem)
        case .blocHasSecretary(let b): return m("bloc.has_secretary", b)
        case let .otherBody(mem, body): return body.isEmpty ? m("bloc.not_council", mem) : m("bloc.not_delegate", mem, body)
        case let .blocRollIncomplete(b, units):
            return VotingMessage(key: "bloc.roll_incomplete", args: [String(units.count), b, units.joined(separator: ", ")], pluralCount: units.count)
        case .blocVoteOnly(let a): var v = m("bloc.vote_only", a); v.awardArgs = [0]; return v
        case .councilVoteOnly(let a):
            if a.isEmpty { return m("bloc.needs_award") }
            var v = m("bloc.council_only", a); v.awardArgs = [0]; return v
        }
    }
}
