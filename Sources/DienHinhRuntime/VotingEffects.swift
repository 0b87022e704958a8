import DienHinhApp
import DienHinhCore
import DienHinhStore
import Foundation

/// Runs the council screens' effects against the store; refusals come back as `VotingFailure`s.
final class VotingEffects {
    let db: AppDatabase
    private var monitor: ChangeMonitor?
    private var lastToken: Int64?

    init(db: AppDatabase) { self.db = db }

    func run(_ effect: VotingEffect) -> Msg? {
        do {
            return try perform(effect)
        } catch let e as VotingError {
            return .voting(.refused(Self.failure(e)))
        } catch {
            return .failed("\(error)")
        }
    }

    private func perform(_ effect: VotingEffect) throws -> Msg? {
        switch effect {
        case .loadSessions:
            return .voting(.sessionsLoaded(try db.sessions().map {
                SessionRow(id: $0.session.id, year: $0.session.year, title: $0.session.title, open: $0.session.status == "open", rounds: $0.rounds)
            }))
        case .loadConsole(let session):
            return .voting(.consoleLoaded(try console(session)))
        case .loadRound(let id):
            return .voting(.roundLoaded(try summary(db.roundInfo(round: id))))
        case let .cast(round, member, pin, approvals, declared):
            let receipt = try db.castBallot(round: round, member: member, pin: pin, approvals: approvals, declaring: declared)
            return .voting(.ballotCast(round: round, member: member, receipt: receipt))
        case let .castWritten(round, member, secretary, pin, code, approvals, declared):
            let receipt = try db.castWrittenBallot(round: round, member: member, by: secretary, pin: pin, code: code, approvals: approvals,
                                                   declaring: declared)
            return .voting(.ballotCast(round: round, member: member, receipt: receipt))
        case let .openRound(session, chair, pin, parameters, conflicts):
            return .voting(.roundOpened(try db.openRound(session: session, parameters: parameters, conflicts: conflicts,
                                                         by: Signer(member: chair, pin: pin))))
        case let .loadMinutes(round, english):
            // The same text as `round minutes ROUND`: the count minutes with the seal and the log's head.
            var m = try ReportBuilder(db: db, strings: english ? .en : .vi, today: ISODate.today()).minutes(round: round)
            m.seal = try db.roundSeal(round: round)
            m.head = try db.auditHead()
            return .voting(.minutesLoaded(round: round, text: m.markdown()))
        case .loadShortlist(let year):
            return .voting(.shortlistLoaded(year: year, try db.nominations(year: year).map {
                VoteCandidate(id: $0.nomination.candidateId, name: $0.name, kind: $0.nomination.kind, unitName: $0.unitName,
                              eligible: $0.eligible, overrideReason: $0.nomination.overrideReason)
            }))
        case let .closeRound(id, chair, pin):
            _ = try db.closeRound(round: id, by: Signer(member: chair, pin: pin), force: true)
            return .voting(.roundClosed(try resultData(id)))
        case let .openRunoff(session, previous, chair, pin):
            return .voting(.roundOpened(try db.openRunoff(session: session, previousRound: previous, by: Signer(member: chair, pin: pin))))
        case .loadResult(let id):
            return .voting(.resultLoaded(try resultData(id)))
        case let .resolveTie(round, chair, pin, chosen):
            try db.resolveTie(round: round, chair: chair, pin: pin, chosen: chosen)
            return .voting(.tieResolved(try resultData(round)))
        case .ifChanged(let inner):
            if monitor == nil { monitor = try db.changeMonitor() }
            let token = try monitor!.changeToken()
            guard token != lastToken else { return nil }
            lastToken = token
            return try perform(inner)
        }
    }

    private func unitName(_ code: String) throws -> String { try db.unit(code)?.name ?? code }

    func summary(_ info: RoundInfo) throws -> RoundSummary {
        let nominations = Dictionary(try db.nominations(year: info.session.year).map { ($0.nomination.candidateId, $0) },
                                     uniquingKeysWith: { a, _ in a })
        let candidates = try info.shortlist.map { e -> VoteCandidate in
            let n = nominations[e.id]
            return VoteCandidate(id: e.id, name: e.name, kind: e.kind, unitName: try n?.unitName ?? unitName(e.unitCode),
                                 eligible: n?.eligible ?? false, overrideReason: n?.nomination.overrideReason)
        }
        let roll = Dictionary(try db.voters(round: info.id).map { ($0.memberId, $0) }, uniquingKeysWith: { a, _ in a })
        let electors = info.electors.map {
            VoteElector(id: $0.id, name: $0.name, role: $0.role, present: info.present.contains($0.id),
                        voted: roll[$0.id] != nil, written: roll[$0.id]?.written ?? false)
        }
        let conflicts = try db.conflicts(round: info.id)
        return RoundSummary(id: info.id, sessionId: info.session.id, year: info.session.year, number: info.number,
                            isRunoff: info.kind == .runoff, status: info.status, parameters: info.parameters,
                            membersAtOpen: info.membersAtOpen, presentAtOpen: info.presentAtOpen,
                            candidates: candidates, electors: electors, conflictRule: conflicts.rule, conflicts: conflicts.entries)
    }

    func console(_ id: String) throws -> ConsoleData {
        guard let s = try db.session(id) else { throw VotingError.unknownSession(id) }
        let quorum = try db.quorumStatus(session: id)
        let present = try db.attendance(session: id)
        let members = try db.members(session: id).filter(\.isVoting).map {
            VoteElector(id: $0.id, name: $0.name, role: $0.role, present: present.contains($0.id))
        }
        var round: RoundSummary?
        let infos = try db.rounds(session: id).map { try db.roundInfo(round: $0) }
        if let current = infos.first(where: { $0.status == .open }) ?? infos.last { round = try summary(current) }
        let rounds = infos.count
        return ConsoleData(session: SessionRow(id: s.id, year: s.year, title: s.title, open: s.status == "open", rounds: rounds),
                           members: members, present: quorum.present, quorumRequired: quorum.required, quorumMet: quorum.met, round: round)
    }

    func resultData(_ id: String) throws -> ResultData {
        let result = try db.result(round: id)
        let info = try db.roundInfo(round: id)
        var units: [String: String] = [:]
        for c in result.candidates where units[c.unitCode] == nil { units[c.unitCode] = try unitName(c.unitCode) }
        let chair = try db.members(session: info.session.id).first { $0.role == .chair }.map { VoteElector(id: $0.id, name: $0.name, role: $0.role, present: true) }
        return ResultData(result: result, sessionId: info.session.id, unitNames: units, followedBy: info.followedBy, chair: chair)
    }

    /// The refusal in the strings table's words (the same keys as the command line's messages).
    static func failure(_ e: VotingError) -> VotingFailure {
        switch e {
        case .wrongPIN: return VotingFailure(.wrongPIN, key: "vote.wrong_pin")
        case .pinLocked: return VotingFailure(key: "vote.pin_locked", args: [String(VotingError.pinTriesBeforeLock)])
        case let .alreadyVoted(m, r): return VotingFailure(.alreadyVoted, key: "vote.already_voted", args: [m, r])
        case let .roundNotOpen(r, _): return VotingFailure(.roundClosed, key: "vote.round_closed", args: [r])
        case let .notElector(m, r): return VotingFailure(key: "vote.not_elector", args: [m, r])
        case let .notPresent(m, s): return VotingFailure(key: "vote.not_present", args: [m, s])
        case let .presentMemberWritten(m, s): return VotingFailure(key: "vote.present_written", args: [m, s])
        case .notSecretary(let m): return VotingFailure(key: "vote.not_secretary", args: [m])
        case let .quorumNotMet(present, required, members):
            return VotingFailure(key: "round.quorum_not_met", args: [String(present), String(members), String(required)])
        case .roundAlreadyOpen(let r): return VotingFailure(key: "round.already_open", args: [r])
        case .emptyShortlist(let y): return VotingFailure(key: "round.empty_shortlist", args: [String(y)])
        case .noVotingMembers: return VotingFailure(key: "round.no_members")
        case .noRunoffNeeded(let r): return VotingFailure(key: "round.no_runoff", args: [r])
        case let .runoffExists(p, r): return VotingFailure(key: "round.runoff_exists", args: [p, r])
        case .roundNotClosed(let r): return VotingFailure(key: "round.not_closed", args: [r])
        case .unknownRound(let r): return VotingFailure(key: "round.unknown", args: [r])
        case .unknownSession(let s): return VotingFailure(key: "session.unknown", args: [s])
        case .unknownMember(let m): return VotingFailure(key: "council.unknown_member", args: [m])
        case .invalidBallot(.tooManyMarks(let n, let m)): return VotingFailure(key: "vote.too_many_marks", args: [String(n), String(m)])
        case .inconsistent(let t): return VotingFailure(key: "audit.inconsistent", args: [t])
        case .notChair(let m): return VotingFailure(key: "round.not_chair", args: [m])
        case let .recused(m, c, r): return VotingFailure(key: "vote.recused", args: [m, c, r])
        default:
            // Worded by the store in both languages: never a Swift case name on screen.
            return VotingFailure(vi: e.message.text(.vi), en: e.message.text(.en))
        }
    }
}
