import ArgumentParser
import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// Secret-ballot rounds, the vote, the count and its minutes, the audit trail (VOTING.md).

// MARK: - Rounds

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round", abstract: abstractText("help.round.abstract"),
        subcommands: [Open.self, Close.self, Result.self, Minutes.self, Voters.self, Certify.self, Resolve.self, DeclareConflict.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: abstractText("help.round.open.abstract"))

        @OptionGroup var on: OnSession
        @Option(help: helpText("help.round.open.min")) var min: Int = 5
        @Option(help: helpText("help.round.open.max")) var max: Int = 10
        @Option(help: helpText("help.round.open.threshold")) var threshold: String = "0.5"
        @Option(help: helpText("help.round.open.base")) var base: ThresholdBase = .members
        @Flag(help: helpText("help.round.open.at-least"))
        var atLeast = false
        @Option(help: helpText("help.round.open.runoff")) var runoff: String?
        @Option(help: helpText("help.round.open.award")) var award: String?
        @Option(help: helpText("help.round.open.conflicts")) var conflicts: ConflictRule = .flag
        @OptionGroup var sign: SignOptions

        func run() throws {
            let s = on.global.strings
            // Read and checked by the same function as the console's parameters form, before any PIN is asked.
            let parameters: RoundParameters
            do {
                parameters = try RoundParameters.reading(minSeats: min, maxSeats: max, threshold: threshold, base: base, atLeast: atLeast)
            } catch .unreadableThreshold {
                throw refusal(Failure.usage, s("round.bad_threshold", threshold))
            } catch {
                throw Failure.from(VotingError.invalidParameters(error), strings: s)
            }
            let signer = try sign.signer(s)
            try on.global.run(secret: true) { db in
                let id = try reporting(s) { () -> String in
                    if let runoff { return try db.openRunoff(session: on.session, previousRound: runoff, by: signer) }
                    return try db.openRound(session: on.session, parameters: parameters, award: award?.uppercased(), conflicts: conflicts,
                                            by: signer)
                }
                if let a = try db.roundAward(round: id) {
                    Console.out(s("round.award_rule", AwardPathText(strings: s).awardName(a.award), a.period, a.article,
                                  AwardRuleBook.shipped.ruleSet(period: a.period).map { AwardPathText(strings: s).documentName(a.document, in: $0) } ?? a.document))
                }
                let info = try db.roundInfo(round: id)
                let p = info.parameters
                let required = info.requiredAtOpen ?? p.requiredApprovals(members: info.membersAtOpen, present: info.presentAtOpen)
                Console.out(s("round.opened", id, info.shortlist.count, p.minSeats, p.maxSeats, required))
                if let asked = info.seatsAsked, asked > p.maxSeats { Console.out(s("round.seats_capped", asked, p.maxSeats, info.shortlist.count)) }
                Console.out(s("round.electorate", s("round.base.\(p.base.rawValue)"), p.baseCount(members: info.membersAtOpen, present: info.presentAtOpen),
                              info.electors.count))
                if p.base == .present { Console.out(s("round.present_base_note")) }
                let c = try db.conflicts(round: id)
                Console.out(s("round.conflicts_opened", s("round.conflicts.\(c.rule.rawValue)"), c.entries.count))
                Console.out(id)
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: abstractText("help.round.close.abstract"))
        @OptionGroup var act: SignedRoundAct
        @Flag(help: helpText("help.round.close.force")) var force = false

        func run() throws {
            try act.run { db, round, signer, s in
                let r = try db.closeRound(round: round, by: signer, force: force)
                Console.out(s.plural("round.closed", r.ballots.cast, round, r.elected.count))
            }
        }
    }

    struct Result: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "result", abstract: abstractText("help.round.result.abstract"))
        @OptionGroup var on: OnRound
        @Flag(help: helpText("help.common.json")) var json = false

        func run() throws {
            try on.run { db, round, s in
                let r = try db.result(round: round)
                try Console.answer(json: json) { r } text: {
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
    }

    /// A member's declaration of a conflict of interest on a candidate of an open round, with their own PIN.
    struct DeclareConflict: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "declare-conflict", abstract: abstractText("help.round.declare-conflict.abstract"))

        @OptionGroup var on: OnRound
        @Option(help: helpText("help.round.declare-conflict.member")) var member: String
        @Option(help: helpText("help.round.declare-conflict.candidate")) var candidate: String
        @Flag(help: helpText("help.vote.pin-stdin")) var pinStdin = false

        func run() throws {
            let s = on.global.strings
            try requirePinStdin(pinStdin, s)
            let pin = try readPIN(s)
            try on.run { db, round, _ in
                try reporting(s) { try db.declareConflict(round: round, member: member, candidate: candidate, pin: pin) }
                let rule = try db.conflicts(round: round).rule
                Console.out(s(rule == .recuse ? "round.conflict_declared_recuse" : "round.conflict_declared", member, candidate, round))
            }
        }
    }

    struct Voters: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "voters", abstract: abstractText("help.round.voters.abstract"))
        @OptionGroup var on: OnRound

        func run() throws {
            try on.run { db, round, s in
                let (info, voters) = (try db.roundInfo(round: round), try db.voters(round: round))
                Console.out(table(voters.map { [$0.memberId, $0.name, $0.written ? s("round.written_by", $0.enteredBy ?? "") : ""] }))
                Console.out(s("round.voters", voters.count, info.electors.count))
            }
        }
    }

    struct Certify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "certify", abstract: abstractText("help.round.certify.abstract"))
        @OptionGroup var act: SignedRoundAct

        func run() throws {
            try act.run { db, round, signer, s in
                _ = try db.certify(round: round, by: signer)
                Console.out(s("round.certified", round))
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve-tie", abstract: abstractText("help.round.resolve-tie.abstract"))

        @OptionGroup var on: OnRound
        @Option(help: helpText("help.round.resolve-tie.chair")) var chair: String?
        @OptionGroup var sign: SignOptions
        @Option(help: helpText("help.round.resolve-tie.choose")) var choose: [String]

        func run() throws {
            let s = on.global.strings
            var options = sign
            if options.by == nil { options.by = chair }
            let signer = try options.signer(s)
            try on.run { db, round, _ in
                _ = try db.resolveTie(round: round, chair: signer.member, pin: signer.pin, chosen: choose.flatMap(idList))
                Console.out(s("round.resolved", round))
            }
        }
    }

    struct Minutes: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "minutes", abstract: abstractText("help.round.minutes.abstract"))

        enum Format: String, ExpressibleByArgument, CaseIterable { case md, csv }

        @OptionGroup var on: OnRound
        @Option(help: helpText("help.round.minutes.format")) var format: Format = .md
        @Option(help: helpText("help.round.minutes.out")) var out: String?
        @Option(help: helpText("help.round.minutes.place")) var place: String?
        @Option(help: helpText("help.round.minutes.committee")) var committee: [String] = []

        func run() throws {
            try on.run { db, round, s in
                let (info, result, voters) = (try db.roundInfo(round: round), try db.result(round: round), try db.voters(round: round))
                var units: [String: String] = [:]
                for c in result.candidates where units[c.unitCode] == nil { units[c.unitCode] = (try? db.unit(c.unitCode))??.name ?? c.unitCode }
                // The counting committee by name: member ids are looked up, anything else is taken as a name.
                let roster = Dictionary(((try? db.members(session: info.session.id)) ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                let committeeNames = committee.flatMap(idList).map { roster[$0] ?? roster[$0.uppercased()] ?? $0 }
                var m = CountMinutes(info: info, result: result, voters: voters, unitNames: units, place: place,
                                     committee: committeeNames, strings: s)
                m.conflicts = try db.conflicts(round: round)
                m.basis = try ReportBuilder(db: db, strings: s, today: ISODate.today()).basis(round: round)
                m.seal = try db.roundSeal(round: round)
                m.head = try db.auditHead()
                let text = format == .md ? m.markdown() : m.csv()
                if let out {
                    let data = Data(((format == .csv ? "\u{FEFF}" : "") + text).utf8)
                    try OutputFile.write(data, to: out, atomically: false, strings: s)
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
        commandName: "vote", abstract: abstractText("help.vote.abstract"))

    @OptionGroup var on: OnRound
    @Option(help: helpText("help.vote.member")) var member: String
    @Flag(help: helpText("help.vote.written")) var written = false
    @Option(help: helpText("help.vote.by")) var by: String?
    @Flag(help: helpText("help.vote.pin-stdin")) var pinStdin = false
    @Option(help: helpText("help.vote.code")) var code: String?
    @Option(help: helpText("help.vote.approve")) var approve: [String]

    func run() throws {
        let s = on.global.strings
        if written, by == nil { throw refusal(Failure.usage, s("vote.written_needs_by")) }
        try requirePinStdin(pinStdin, s)
        let pin = try readPIN(s)
        try on.run { db, round, _ in
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
    static let configuration = CommandConfiguration(commandName: "audit", abstract: abstractText("help.audit.abstract"), subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: abstractText("help.audit.verify.abstract"))

        @OptionGroup var global: GlobalOptions
        @Option(help: helpText("help.audit.verify.head"))
        var head: String?

        func run() throws {
            try global.run(secret: true) { db, s in
                let report = try db.auditVerify(head: head)
                guard let p = report.problem else {
                    Console.out(s("audit.ok", report.entries))
                    return
                }
                let what = s("audit.kind.\(p.kind.rawValue)", p.subject)
                throw refusal(1, p.seq.map { s("audit.broken", $0, what) } ?? s("audit.broken_no_seq", what))
            }
        }
    }
}
