import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// Secret-ballot rounds, the vote, the count and its minutes, the audit trail (VOTING.md).

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
            try global.run(secret: true) { db in
                let id = try reporting(s) { () -> String in
                    if let runoff { return try db.openRunoff(session: session, previousRound: runoff, by: signer) }
                    return try db.openRound(session: session, parameters: RoundParameters(
                        minSeats: min, maxSeats: max, threshold: fraction, base: base, strictlyMore: !atLeast), by: signer)
                }
                let info = try db.roundInfo(round: id)
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
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a round and count it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String
        @OptionGroup var sign: SignOptions
        @Flag(help: "Close even though members present have not voted (the minutes record how many).") var force = false

        func run() throws {
            try sign.act(global) { db, signer, s in
                let r = try db.closeRound(round: round, by: signer, force: force)
                Console.out(s.plural("round.closed", r.ballots.cast, round, r.elected.count))
            }
        }
    }

    struct Result: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "result", abstract: "A closed round's result.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            try global.run(secret: true) { db, s in
                let r = try db.result(round: round)
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
    }

    struct Voters: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "voters", abstract: "Who has voted in a round (never how).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String

        func run() throws {
            try global.run(secret: true) { db, s in
                let (info, voters) = (try db.roundInfo(round: round), try db.voters(round: round))
                Console.out(table(voters.map { [$0.memberId, $0.name, $0.written ? s("round.written_by", $0.enteredBy ?? "") : ""] }))
                Console.out(s("round.voters", voters.count, info.electors.count))
            }
        }
    }

    struct Certify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "certify", abstract: "Certify a closed round's result (signed minutes).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Round id.") var round: String
        @OptionGroup var sign: SignOptions

        func run() throws {
            try sign.act(global) { db, signer, s in
                _ = try db.certify(round: round, by: signer)
                Console.out(s("round.certified", round))
            }
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
            try global.run(secret: true) { db in
                _ = try db.resolveTie(round: round, chair: signer.member, pin: signer.pin, chosen: choose.flatMap(idList))
                Console.out(s("round.resolved", round))
            }
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
            try global.run(secret: true) { db, s in
                let (info, result, voters) = (try db.roundInfo(round: round), try db.result(round: round), try db.voters(round: round))
                var units: [String: String] = [:]
                for c in result.candidates where units[c.unitCode] == nil { units[c.unitCode] = (try? db.unit(c.unitCode))??.name ?? c.unitCode }
                // The counting committee by name: member ids are looked up, anything else is taken as a name.
                let roster = Dictionary(((try? db.members()) ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                let committeeNames = committee.flatMap(idList).map { roster[$0] ?? roster[$0.uppercased()] ?? $0 }
                var m = CountMinutes(info: info, result: result, voters: voters, unitNames: units, place: place,
                                     committee: committeeNames, strings: s)
                m.seal = try db.roundSeal(round: round)
                m.head = try db.auditHead()
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
        try global.run(secret: true) { db in
            let marks = approve.flatMap(idList)
            let receipt = try reporting(s) { () -> String in
                if written, let by {
                    return try db.castWrittenBallot(round: round, member: member, by: by, pin: pin, code: code ?? "", approvals: marks)
                }
                return try db.castBallot(round: round, member: member, pin: pin, approvals: marks)
            }
            Console.out(s("vote.receipt"))
            Console.out(receipt)
        }
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
            try global.run(secret: true) { db, s in
                let report = try db.auditVerify(head: head)
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
}
