import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// Nominations (clause 1.4) and council voting (VOTING.md). Exit codes: 65 bad ballot or input, an unknown id
// included; 69 refused by a rule. Every refusal leaves the database unchanged.

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
    // A full quota names its holders with the kind in the user's words; everything else is worded by the store.
    if case let .nomination(.quotaFull(kind, limit, holders)) = e {
        return s("nominate.quota_full", s("kind.\(kind.rawValue)").lowercased(), limit,
                 holders.map { "\($0.name) (\($0.candidateId))" }.joined(separator: ", "))
    }
    return e.message.text(s)
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

/// `--by MEMBER_ID --pin-stdin`: the chair or the secretary signing an act with their own PIN.
struct SignOptions: ParsableArguments {
    @Option(help: "The member signing this act (the chair; for attendance and written-ballot codes, the secretary).") var by: String?
    @Flag(help: "Read the signing member's PIN from standard input.") var pinStdin = false

    func signer(_ s: Strings) throws -> Signer {
        guard let by else {
            Console.error(s("sign.by_required"))
            throw ExitCode(ExitCode.validationFailure.rawValue)
        }
        try requirePinStdin(pinStdin, s)
        return Signer(member: by, pin: try readPIN(s))
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
        var nominated_by: String?, nominated_unit: String?, nominated_at: String?
    }

    /// "nhập bởi Nguyễn Thị Hạnh (VKSH.429)", or nothing for a nomination made before it was recorded.
    static func nominatedBy(_ n: NominationListing, _ s: Strings) -> String {
        n.nominatedBy.user.map { s("nominate.by", $0, n.nominatedBy.unitCode ?? "?") } ?? ""
    }

    func run() throws {
        let s = global.strings
        let db = try global.open()
        let list = try votingReporting(s) { try db.nominations(year: year) }
        if json {
            Console.json(try JSONText.encode(list.map {
                Item(id: $0.nomination.candidateId, name: $0.name, kind: $0.nomination.kind.rawValue, unit_code: $0.nomination.unitCode,
                     unit_name: $0.unitName, year: year, eligible: $0.eligible, override_reason: $0.nomination.overrideReason,
                     nominated_by: $0.nominatedBy.user, nominated_unit: $0.nominatedBy.unitCode, nominated_at: $0.nominatedBy.at)
            }))
        } else {
            Console.out(table(list.map {
                [$0.nomination.candidateId, s("kind.\($0.nomination.kind.rawValue)"), $0.name, $0.unitName,
                 $0.eligible ? s("nominate.eligible") : s("nominate.not_eligible_short"), $0.nomination.overrideReason ?? "",
                 Self.nominatedBy($0, s)]
            }))
            Console.out(s("nominate.count", list.count, year))
        }
    }
}

// MARK: - Council

struct Council: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "council", abstract: "Council members.",
                                                    subcommands: [AddMember.self, Members.self, WrittenCodeCommand.self])

    struct WrittenCodeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "written-code", abstract: "Issue a member a new one-time written-ballot code (the old one stops working); prints it last.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Member id.") var member: String
        @OptionGroup var sign: SignOptions

        func run() throws {
            let s = global.strings
            let signer = try sign.signer(s)
            let db = try global.open()
            let code = try votingReporting(s) { try db.issueWrittenCode(member: member, by: signer) }
            Console.out(s("council.written_code_issued", member))
            Console.out(code)
        }
    }

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
            let slip = try votingReporting(s) { try db.enrol(name: name, role: r, pin: pin) }
            let m = slip.member
            Console.out(s("council.added", m.name, m.id, s("role.\(m.role.rawValue)")))
            Console.out(s("council.written_code", slip.writtenCode))
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
                                                    subcommands: [Open.self, Attend.self, Status.self, Close.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a meeting for a review year; prints its id last.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Review year.") var year: Int
        @Option(help: "Title of the meeting.") var title: String?
        @OptionGroup var sign: SignOptions

        func run() throws {
            let s = global.strings
            let signer = try sign.signer(s)
            let db = try global.open()
            let t = title ?? s("session.default_title", year)
            let id = try votingReporting(s) { try db.openSession(year: year, title: t, by: signer) }
            Console.out(s("session.opened", id, t))
            Console.out(id)
        }
    }

    struct Attend: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "attend", abstract: "Record members present at a meeting.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: String
        @Argument(help: "Member ids.") var members: [String]
        @OptionGroup var sign: SignOptions

        func run() throws {
            let s = global.strings
            let signer = try sign.signer(s)
            let db = try global.open()
            let q = try votingReporting(s) { () -> QuorumStatus in
                try db.attend(session: session, members: members, by: signer)
                return try db.quorumStatus(session: session)
            }
            Console.out(s("session.quorum", q.present, q.members, q.required, s(q.met ? "session.quorum_met" : "session.quorum_not_met")))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a meeting (no round of it may be open).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: String
        @OptionGroup var sign: SignOptions

        func run() throws {
            let s = global.strings
            let signer = try sign.signer(s)
            let db = try global.open()
            try votingReporting(s) { try db.closeSession(session, by: signer) }
            Console.out(s("session.closed", session))
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
        @OptionGroup var sign: SignOptions

        func run() throws {
            let s = global.strings
            guard let fraction = Fraction(parsing: threshold) else {
                Console.error(s("round.bad_threshold", threshold))
                throw ExitCode(ExitCode.validationFailure.rawValue)
            }
            let signer = try sign.signer(s)
            let db = try global.open()
            let id = try votingReporting(s) { () -> String in
                if let runoff { return try db.openRunoff(session: session, previousRound: runoff, by: signer) }
                return try db.openRound(session: session, parameters: RoundParameters(
                    minSeats: min, maxSeats: max, threshold: fraction, base: base, strictlyMore: !atLeast), by: signer)
            }
            let info = try votingReporting(s) { try db.roundInfo(round: id) }
            let p = info.parameters
            let required = info.requiredAtOpen ?? p.requiredApprovals(members: info.membersAtOpen, present: info.presentAtOpen)
            Console.out(s("round.opened", id, info.shortlist.count, p.minSeats, p.maxSeats, required))
            if let asked = info.seatsAsked, asked > p.maxSeats { Console.out(s("round.seats_capped", asked, p.maxSeats, info.shortlist.count)) }
            Console.out(s("round.electorate", s("round.base.\(p.base.rawValue)"), p.baseCount(members: info.membersAtOpen, present: info.presentAtOpen),
                          info.electors.count))
            if p.base == .present { Console.out(s("round.present_base_note")) }
            Console.out(id)
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a round and count it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String
        @OptionGroup var sign: SignOptions
        @Flag(help: "Close even though members present have not voted (the minutes record how many).") var force = false

        func run() throws {
            let s = global.strings
            let signer = try sign.signer(s)
            let db = try global.open()
            let r = try votingReporting(s) { try db.closeRound(round: round, by: signer, force: force) }
            Console.out(s.plural("round.closed", r.ballots.cast, round, r.elected.count))
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
            if r.tieForSeats > 0 { Console.out(s.plural("round.tie", r.tieForSeats, r.tiedIds.joined(separator: ", "), r.roundId)) }
            if let c = r.castingChoice { Console.out(s("round.settled_by_casting", c.chair, c.chosen.joined(separator: ", "))) }
            if r.unfilled > 0 { Console.out(s.plural("round.unfilled", r.unfilled, r.roundId)) }
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
        @OptionGroup var sign: SignOptions

        func run() throws {
            let s = global.strings
            let signer = try sign.signer(s)
            let db = try global.open()
            _ = try votingReporting(s) { try db.certify(round: round, by: signer) }
            Console.out(s("round.certified", round))
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve-tie", abstract: "The chair's casting choice for a tie across the last seat.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String
        @Option(help: "The chair's member id (same as --by).") var chair: String?
        @OptionGroup var sign: SignOptions
        @Option(help: "The chosen candidate ids, comma-separated or the option repeated.") var choose: [String]

        func run() throws {
            let s = global.strings
            var options = sign
            if options.by == nil { options.by = chair }
            let signer = try options.signer(s)
            let db = try global.open()
            _ = try votingReporting(s) {
                try db.resolveTie(round: round, chair: signer.member, pin: signer.pin, chosen: choose.flatMap(idList))
            }
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
            // The counting committee by name: member ids are looked up, anything else is taken as a name.
            let roster = Dictionary(((try? db.members()) ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let committeeNames = committee.flatMap(idList).map { roster[$0] ?? roster[$0.uppercased()] ?? $0 }
            var m = CountMinutes(info: info, result: result, voters: voters, unitNames: units, place: place,
                                 committee: committeeNames, strings: s)
            m.seal = try votingReporting(s) { try db.roundSeal(round: round) }
            m.head = try votingReporting(s) { try db.auditHead() }
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
    @Option(help: "For --written: the absent member's one-time written-ballot code from their PIN slip.") var code: String?
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
            if written, let by {
                return try db.castWrittenBallot(round: round, member: member, by: by, pin: pin, code: code ?? "", approvals: marks)
            }
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
        @Option(help: "The chain head printed on signed minutes (e.g. 412-3F9A-1C2B-77D0): the log must still contain it.")
        var head: String?

        func run() throws {
            let s = global.strings
            let db = try global.open()
            let report = try votingReporting(s) { try db.auditVerify(head: head) }
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
