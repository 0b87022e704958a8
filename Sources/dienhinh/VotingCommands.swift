import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// Nominations (clause 1.4) and council voting (VOTING.md). Exit codes: 65 bad ballot or input,
// 66 unknown id, 69 refused by a rule. Every refusal leaves the database unchanged.

extension ThresholdBase: ExpressibleByArgument {}

/// Like `reporting`, but words voting refusals in the user's language with their own exit codes.
func votingReporting<T>(_ s: Strings, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as VotingError {
        Console.error(votingMessage(e, s))
        throw ExitCode(e.exitCode)
    } catch let e as ExitCode {
        throw e
    } catch {
        throw Failure.from(error, strings: s)
    }
}

func votingMessage(_ e: VotingError, _ s: Strings) -> String {
    switch e {
    case .unknownCandidate(let id): return s("candidate.unknown", id)
    case .unknownMember(let id): return s("council.unknown_member", id)
    case .unknownSession(let id): return s("session.unknown", id)
    case .unknownRound(let id): return s("round.unknown", id)
    case .invalidBallot(let p):
        switch p {
        case let .tooManyMarks(n, m): return s("vote.too_many_marks", n, m)
        case .unknownCandidate(let id): return s("vote.unknown_candidate", id)
        case .duplicateMark(let id): return s("vote.duplicate_mark", id)
        case .other(let t): return s("vote.invalid", t)
        }
    case .pinTooShort(let m): return s("council.pin_too_short", m)
    case .invalidParameters(let p): return s("round.bad_parameters", "\(p)")
    case .emptyName: return s("council.empty_name")
    case .nomination(let r):
        switch r {
        case let .quotaFull(kind, limit, holders):
            return s("nominate.quota_full", s("kind.\(kind.rawValue)").lowercased(), limit,
                     holders.map { "\($0.name) (\($0.candidateId))" }.joined(separator: ", "))
        case .alreadyNominated(let id): return s("nominate.already", id)
        case .notEligible(let id): return s("nominate.not_eligible", id)
        }
    case .wrongPIN: return s("vote.wrong_pin")
    case let .quorumNotMet(present, required, members): return s("round.quorum_not_met", present, members, required)
    case .noVotingMembers: return s("round.no_members")
    case .emptyShortlist(let y): return s("round.empty_shortlist", y)
    case .roundAlreadyOpen(let id): return s("round.already_open", id)
    case let .roundNotOpen(id, status): return s("round.not_open", id, s("round.status.\(status.rawValue)"))
    case .roundNotClosed(let id): return s("round.not_closed", id)
    case let .alreadyVoted(m, r): return s("vote.already_voted", m, r)
    case let .notElector(m, r): return s("vote.not_elector", m, r)
    case let .notPresent(m, sess): return s("vote.not_present", m, sess)
    case let .presentMemberWritten(m, sess): return s("vote.present_written", m, sess)
    case .notSecretary(let id): return s("vote.not_secretary", id)
    case .notChair(let id): return s("round.not_chair", id)
    case .castingChoice(let c): return s("round.casting_invalid", "\(c)")
    case let .writtenBallotEntered(m, r): return s("session.written_entered", m, r)
    case .noRunoffNeeded(let r): return s("round.no_runoff", r)
    case let .runoffExists(p, r): return s("round.runoff_exists", p, r)
    case let .yearMismatch(r, sess): return s("round.year_mismatch", r, sess)
    case .inconsistent(let t): return s("audit.inconsistent", t)
    }
}

/// The PIN from standard input: the first line, without its line ending. Never echoed or logged.
func readPIN(_ s: Strings) throws -> String {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    let text = String(decoding: data, as: UTF8.self)
    let line = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).first.map(String.init) ?? ""
    let pin = line.hasSuffix("\r") ? String(line.dropLast()) : line
    guard !pin.isEmpty else {
        Console.error(s("council.pin_missing"))
        throw ExitCode(Failure.badInput)
    }
    return pin
}

func requirePinStdin(_ flag: Bool, _ s: Strings) throws {
    if !flag {
        Console.error(s("council.pin_stdin_required"))
        throw ExitCode(ExitCode.validationFailure.rawValue)
    }
}

/// `ID,ID,...` into ids; an empty text is a blank ballot.
/// Ids given as "A,B" or by repeating the option: every one is kept (ArgumentParser keeps only the last value of a
/// single-value option, which silently dropped approvals from `vote --approve A --approve B`).
func idList(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

func percentText(_ c: CandidateResult, _ s: Strings) -> String {
    let t = c.percentText + "%"
    return s.language == .vi ? t.replacingOccurrences(of: ".", with: ",") : t
}

// MARK: - Nominations

struct Nominate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nominate", abstract: "Nominate a candidate for a year: 1 collective and 2 individuals per unit and year.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Candidate id.") var id: String
    @Option(help: "Review year.") var year: Int
    @Option(help: "Written reason to nominate a candidate who is not eligible.") var overrideReason: String?

    func run() throws {
        let s = global.strings
        let db = try global.open()
        let n = try votingReporting(s) { try db.nominate(candidateId: id, year: year, overrideReason: overrideReason) }
        let name = (try? db.candidate(id))??.name ?? id
        Console.out(s("nominate.done", name, id, n.unitCode, year))
        if let r = n.overrideReason { Console.out(s("nominate.override", r)) }
    }
}

struct Nominations: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "nominations", abstract: "The year's nominations with unit, kind, eligibility and override reason.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Review year.") var year: Int
    @Flag(help: "JSON output.") var json = false

    struct Item: Encodable {
        var id: String, name: String, kind: String, unit_code: String, unit_name: String, year: Int
        var eligible: Bool, override_reason: String?
    }

    func run() throws {
        let s = global.strings
        let db = try global.open()
        let list = try votingReporting(s) { try db.nominations(year: year) }
        if json {
            Console.json(try JSONText.encode(list.map {
                Item(id: $0.nomination.candidateId, name: $0.name, kind: $0.nomination.kind.rawValue, unit_code: $0.nomination.unitCode,
                     unit_name: $0.unitName, year: year, eligible: $0.eligible, override_reason: $0.nomination.overrideReason)
            }))
        } else {
            Console.out(table(list.map {
                [$0.nomination.candidateId, s("kind.\($0.nomination.kind.rawValue)"), $0.name, $0.unitName,
                 $0.eligible ? s("nominate.eligible") : s("nominate.not_eligible_short"), $0.nomination.overrideReason ?? ""]
            }))
            Console.out(s("nominate.count", list.count, year))
        }
    }
}

// MARK: - Council

struct Council: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "council", abstract: "Council members.", subcommands: [AddMember.self, Members.self])

    struct AddMember: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Register a member; prints the new id last.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Full name.") var name: String
        @Option(help: "chair, vice-chair, member or secretary") var role: String
        @Flag(help: "Read the member's PIN from standard input.") var pinStdin = false

        func run() throws {
            let s = global.strings
            guard let r = CouncilRole(text: role) else {
                Console.error(s("council.bad_role", role))
                throw ExitCode(ExitCode.validationFailure.rawValue)
            }
            try requirePinStdin(pinStdin, s)
            let pin = try readPIN(s)
            let db = try global.open()
            let m = try votingReporting(s) { try db.addMember(name: name, role: r, pin: pin) }
            Console.out(s("council.added", m.name, m.id, s("role.\(m.role.rawValue)")))
            Console.out(m.id)
        }
    }

    struct Members: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "members", abstract: "List the council's members.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON output.") var json = false

        struct Item: Encodable { var id: String, name: String, role: String }

        func run() throws {
            let s = global.strings
            let db = try global.open()
            let list = try votingReporting(s) { try db.members() }
            if json {
                Console.json(try JSONText.encode(list.map { Item(id: $0.id, name: $0.name, role: $0.role.rawValue) }))
            } else {
                Console.out(table(list.map { [$0.id, $0.name, s("role.\($0.role.rawValue)")] }))
                Console.out(s("council.count", list.count))
            }
        }
    }
}

// MARK: - Sessions

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "session", abstract: "Council meetings and attendance.",
                                                    subcommands: [Open.self, Attend.self, Status.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a meeting for a review year; prints its id last.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Review year.") var year: Int
        @Option(help: "Title of the meeting.") var title: String?

        func run() throws {
            let s = global.strings
            let db = try global.open()
            let t = title ?? s("session.default_title", year)
            let id = try votingReporting(s) { try db.openSession(year: year, title: t) }
            Console.out(s("session.opened", id, t))
            Console.out(id)
        }
    }

    struct Attend: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "attend", abstract: "Record members present at a meeting.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: String
        @Argument(help: "Member ids.") var members: [String]

        func run() throws {
            let s = global.strings
            let db = try global.open()
            let q = try votingReporting(s) { () -> QuorumStatus in
                try db.attend(session: session, members: members)
                return try db.quorumStatus(session: session)
            }
            Console.out(s("session.quorum", q.present, q.members, q.required, s(q.met ? "session.quorum_met" : "session.quorum_not_met")))
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Attendance against the quorum.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: String

        func run() throws {
            let s = global.strings
            let db = try global.open()
            let q = try votingReporting(s) { try db.quorumStatus(session: session) }
            Console.out(s("session.quorum", q.present, q.members, q.required, s(q.met ? "session.quorum_met" : "session.quorum_not_met")))
        }
    }
}

// MARK: - Rounds

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round", abstract: "Voting rounds: open, close, result, minutes.",
        subcommands: [Open.self, Close.self, Result.self, Minutes.self, Voters.self, Certify.self, Resolve.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a round over the year's nominations (or a run-off); prints its id last.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: String
        @Option(help: "Fewest seats.") var min: Int = 5
        @Option(help: "Most seats (and most marks per ballot).") var max: Int = 10
        @Option(help: "Fraction of the base a candidate needs: 0.5, 2/3, 90%.") var threshold: String = "0.5"
        @Option(help: "members (all council members) or present.") var base: ThresholdBase = .members
        @Flag(help: "\"At least\" the threshold instead of \"more than\" (state-title rounds: --threshold 0.9 --at-least).")
        var atLeast = false
        @Option(help: "Run-off for the tie or unfilled seats that this closed round's result names.") var runoff: String?

        func run() throws {
            let s = global.strings
            guard let fraction = Fraction(parsing: threshold) else {
                Console.error(s("round.bad_threshold", threshold))
                throw ExitCode(ExitCode.validationFailure.rawValue)
            }
            let db = try global.open()
            let id = try votingReporting(s) { () -> String in
                if let runoff { return try db.openRunoff(session: session, previousRound: runoff) }
                return try db.openRound(session: session, parameters: RoundParameters(
                    minSeats: min, maxSeats: max, threshold: fraction, base: base, strictlyMore: !atLeast))
            }
            let info = try votingReporting(s) { try db.roundInfo(round: id) }
            let p = info.parameters
            Console.out(s("round.opened", id, info.shortlist.count, p.minSeats, p.maxSeats,
                          p.requiredApprovals(members: info.membersAtOpen, present: info.presentAtOpen)))
            Console.out(id)
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a round and count it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String

        func run() throws {
            let s = global.strings
            let db = try global.open()
            let r = try votingReporting(s) { try db.closeRound(round: round) }
            Console.out(s("round.closed", round, r.ballots.cast, r.elected.count))
        }
    }

    struct Result: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "result", abstract: "A closed round's result.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let s = global.strings
            let db = try global.open()
            let r = try votingReporting(s) { try db.result(round: round) }
            if json {
                Console.json(try JSONText.encode(r))
                return
            }
            let p = r.parameters
            Console.out(s("round.summary", r.roundId, s("round.status.\(r.status.rawValue)"), r.members, r.present, r.ballots.issued,
                          r.ballots.cast, r.ballots.written, r.ballots.valid, r.ballots.invalid))
            Console.out(s("round.threshold_line", s(p.strictlyMore ? "round.more_than" : "round.at_least"), p.threshold.description,
                          s("round.base.\(p.base.rawValue)"), r.baseCount, r.requiredApprovals, p.minSeats, p.maxSeats))
            Console.out("")
            Console.out(table(r.ranked.map {
                [String($0.rank), $0.id, $0.name, String($0.approvals), percentText($0, s), s("outcome.\($0.outcome.rawValue)")]
            }))
            Console.out("")
            Console.out(s("round.elected", r.elected.joined(separator: ", ")))
            if r.tieForSeats > 0 { Console.out(s("round.tie", r.tieForSeats, r.tiedIds.joined(separator: ", "), r.roundId)) }
            if r.unfilled > 0 { Console.out(s("round.unfilled", r.unfilled, r.roundId)) }
            Console.out(s("round.fingerprints"))
            for f in r.fingerprints { Console.out("  " + f) }
        }
    }

    struct Voters: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "voters", abstract: "Who has voted in a round (never how).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String

        func run() throws {
            let s = global.strings
            let db = try global.open()
            let (info, voters) = try votingReporting(s) { (try db.roundInfo(round: round), try db.voters(round: round)) }
            Console.out(table(voters.map { [$0.memberId, $0.name, $0.written ? s("round.written_by", $0.enteredBy ?? "") : ""] }))
            Console.out(s("round.voters", voters.count, info.electors.count))
        }
    }

    struct Certify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "certify", abstract: "Certify a closed round's result (signed minutes).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String

        func run() throws {
            let s = global.strings
            let db = try global.open()
            _ = try votingReporting(s) { try db.certify(round: round) }
            Console.out(s("round.certified", round))
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve-tie", abstract: "The chair's casting choice for a tie across the last seat.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String
        @Option(help: "The chair's member id.") var chair: String
        @Flag(help: "Read the chair's PIN from standard input.") var pinStdin = false
        @Option(help: "The chosen candidate ids, comma-separated or the option repeated.") var choose: [String]

        func run() throws {
            let s = global.strings
            try requirePinStdin(pinStdin, s)
            let pin = try readPIN(s)
            let db = try global.open()
            _ = try votingReporting(s) { try db.resolveTie(round: round, chair: chair, pin: pin, chosen: choose.flatMap(idList)) }
            Console.out(s("round.resolved", round))
        }
    }

    struct Minutes: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "minutes", abstract: "The count minutes (biên bản kiểm phiếu) of a closed round.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case md, csv }

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String
        @Option(help: "md or csv") var format: Format = .md
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Option(help: "Place of the meeting.") var place: String?
        @Option(help: "Members of the counting committee, comma-separated or the option repeated.") var committee: [String] = []

        func run() throws {
            let s = global.strings
            let db = try global.open()
            let (info, result, voters) = try votingReporting(s) {
                (try db.roundInfo(round: round), try db.result(round: round), try db.voters(round: round))
            }
            var units: [String: String] = [:]
            for c in result.candidates where units[c.unitCode] == nil { units[c.unitCode] = (try? db.unit(c.unitCode))??.name ?? c.unitCode }
            let m = CountMinutes(info: info, result: result, voters: voters, unitNames: units, place: place,
                                 committee: committee.flatMap(idList), strings: s)
            let text = format == .md ? m.markdown() : m.csv()
            if let out {
                let data = Data(((format == .csv ? "\u{FEFF}" : "") + text).utf8)
                do { try data.write(to: URL(fileURLWithPath: out)) } catch {
                    Console.error(s("file.cannot_write", out, error.localizedDescription))
                    throw ExitCode(1)
                }
                Console.out(s("minutes.written_to", out))
            } else {
                FileHandle.standardOutput.write(Data(((format == .csv ? "\u{FEFF}" : "") + text).utf8))
            }
        }
    }
}

// MARK: - Vote

struct Vote: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote", abstract: "Cast a secret ballot (or enter an absent member's written ballot); prints the receipt code last.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Round id.") var round: String
    @Option(help: "The voting member's id.") var member: String
    @Flag(help: "An absent member's written ballot, entered by the secretary (--by).") var written = false
    @Option(help: "The secretary entering a written ballot; --pin-stdin then reads the secretary's PIN.") var by: String?
    @Flag(help: "Read the PIN from standard input (the member's; for --written, the secretary's).") var pinStdin = false
    @Option(help: "Approved candidate ids, comma-separated or the option repeated (every one counts); \"\" for a blank ballot.") var approve: [String]

    func run() throws {
        let s = global.strings
        if written, by == nil {
            Console.error(s("vote.written_needs_by"))
            throw ExitCode(ExitCode.validationFailure.rawValue)
        }
        try requirePinStdin(pinStdin, s)
        let pin = try readPIN(s)
        let db = try global.open()
        let marks = approve.flatMap(idList)
        let receipt = try votingReporting(s) { () -> String in
            if written, let by { return try db.castWrittenBallot(round: round, member: member, by: by, pin: pin, approvals: marks) }
            return try db.castBallot(round: round, member: member, pin: pin, approvals: marks)
        }
        Console.out(s("vote.receipt"))
        Console.out(receipt)
    }
}

// MARK: - Audit

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit log.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Recompute the hash chain and cross-check ballots; exit 0 when intact.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let s = global.strings
            let db = try global.open()
            let report = try votingReporting(s) { try db.auditVerify() }
            guard let p = report.problem else {
                Console.out(s("audit.ok", report.entries))
                return
            }
            let what = s("audit.kind.\(p.kind.rawValue)", p.subject)
            Console.error(p.seq.map { s("audit.broken", $0, what) } ?? s("audit.broken_no_seq", what))
            throw ExitCode(1)
        }
    }
}
