import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// The plan's life cycle: registrations (III.1), the activity checklist (clause 2), state-level proposals
// and the AHLD target (I.1), promotion (III.2–3). Exit codes: 65 bad date or value, 66 unknown id.

extension ProposalOutcome: ExpressibleByArgument {}

/// A date as typed (`YYYY-MM-DD` or `DD/MM/YYYY`) to ISO, or a one-line error and exit 65.
func parseDate(_ text: String, _ s: Strings) throws -> String {
    guard let d = FieldParsing.date(text) else { throw refusal(Failure.badInput, s("plan.bad_date", text)) }
    return d
}

extension PlanRegistry {
    /// The plan a command names, or exit 66 with the plans there are.
    func named(_ id: String, _ s: Strings) throws -> PlanDefinition {
        guard let p = plan(id: id) else { throw refusal(Failure.missing, s("plan.unknown", id, listing)) }
        return p
    }
}

struct Register: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: abstractText("help.register.abstract"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.common.id")) var id: String
    @Option(help: helpText("help.register.date")) var date: String
    @Option(help: helpText("help.register.plan")) var plan: String?
    @Option(parsing: .upToNextOption, help: helpText("help.register.milestone")) var milestone: [String] = []

    func run() throws {
        let s = global.strings
        let d = try parseDate(date, s)
        var steps: [Milestone] = []
        for m in milestone {
            guard let step = Milestone(argument: m) else { throw refusal(Failure.badInput, s("plan.bad_milestone", m)) }
            steps.append(step)
        }
        try global.run { db in
            let r = try db.register(candidateId: id, date: d, planText: plan, milestones: steps)
            Console.out(s("register.done", r.registration.name, id, r.unitName, FieldParsing.displayDate(d)))
            if r.timing == .late {
                Console.out(s("register.late", FieldParsing.displayDate(PlanDefinition.standard.registrationDeadline)))
            }
        }
    }
}

struct Registrations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registrations", abstract: abstractText("help.registrations.abstract"))

    @OptionGroup var global: GlobalOptions
    @Option(help: helpText("help.registrations.unit")) var unit: String?
    @Option(help: helpText("help.registrations.level")) var level: Level?
    @Flag(help: helpText("help.registrations.missing")) var missing = false
    @Flag(help: helpText("help.common.json")) var json = false

    struct RegJSON: Encodable {
        var id: String, name: String, kind: String, unit_code: String, date: String, timing: String
        var plan: String?
        var milestones: [Milestone]
    }

    struct UnitJSON: Encodable {
        var code: String, name: String, level: String, collectives: Int, individuals: Int, late: Int, first_date: String?
    }

    func run() throws {
        try global.run { db, s in
            if missing {
                var rows = try db.registrationRollup(level: level).filter(\.missing)
                if let unit { rows = rows.filter { $0.unit.code == unit || $0.unit.parentCode == unit } }
                try Console.answer(json: json) {
                    rows.map {
                        UnitJSON(code: $0.unit.code, name: $0.unit.name, level: $0.unit.level.rawValue, collectives: 0, individuals: 0,
                                 late: 0, first_date: nil)
                    }
                } text: {
                    Console.out(table(rows.map { [$0.unit.code, $0.unit.name, s("level.\($0.unit.level.rawValue)")] }))
                    Console.out(s("registrations.missing_count", rows.count))
                }
                return
            }
            let list = try db.registrations(unit: unit)
            try Console.answer(json: json) {
                list.map {
                    RegJSON(id: $0.registration.candidateId, name: $0.registration.name, kind: $0.registration.kind.rawValue,
                            unit_code: $0.registration.unitCode, date: $0.registration.date, timing: $0.timing.rawValue,
                            plan: $0.registration.planText, milestones: $0.registration.milestones)
                }
            } text: {
                Console.out(table([[s("report.col.id"), s("report.col.name"), s("report.col.kind"), s("report.col.unit"), s("report.col.date"), ""]]
                    + list.map { r in
                        [r.registration.candidateId, r.registration.name, s("kind.\(r.registration.kind.rawValue)"), r.unitName,
                         FieldParsing.displayDate(r.registration.date), r.timing == .late ? s("registrations.late_flag") : ""]
                    }))
                for r in list where r.registration.planText != nil || !r.registration.milestones.isEmpty {
                    Console.out("")
                    Console.out("\(r.registration.candidateId) — \(r.registration.name)")
                    if let p = r.registration.planText { Console.out("  " + s("registrations.plan", p)) }
                    for m in r.registration.milestones { Console.out("  • \(FieldParsing.displayDate(m.date)): \(m.text)") }
                }
                let late = list.filter { $0.timing == .late }.count
                Console.out(s("registrations.count", list.count, late, FieldParsing.displayDate(PlanDefinition.standard.registrationDeadline)))
            }
        }
    }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: abstractText("help.plan.abstract"),
        subcommands: [Show.self, Done.self, List.self, Import.self, New.self], defaultSubcommand: Show.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: abstractText("help.plan.list.abstract"))
        @OptionGroup var global: GlobalOptions
        @Flag(help: helpText("help.common.json")) var json = false

        struct Item: Encodable { var id: String, from_year: Int?, to_year: Int?, title: String, shipped: Bool }

        func run() throws {
            try global.run { db, s in
                let plans = try db.plans()
                let shipped = Set(PlanRegistry.shipped.plans.compactMap(\.id))
                let items = plans.plans.map {
                    Item(id: $0.planId, from_year: $0.fromYear, to_year: $0.toYear, title: $0.title.text(english: s.language == .en),
                         shipped: shipped.contains($0.planId))
                }
                try Console.answer(json: json) { items } text: {
                    Console.out(table(items.map { [$0.id, "\($0.from_year.map(String.init) ?? "?")–\($0.to_year.map(String.init) ?? "?")", $0.title] }))
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: abstractText("help.plan.import.abstract"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: helpText("help.plan.import.file")) var file: String
        @Flag(help: helpText("help.common.dry-run")) var dryRun = false

        func run() throws {
            let s = global.strings
            let data = try InputFile.read(file, limit: InputLimits.fileBytes, strings: s)
            try global.run { db in
                let name = (file as NSString).lastPathComponent
                do {
                    let p = try db.importPlan(data, file: name, dryRun: dryRun, strings: s)
                    Console.out(s(dryRun ? "plan.import.dry_run" : "plan.import.done", p.planId, p.fromYear ?? 0, p.toYear ?? 0))
                } catch let f as ImportFailure {
                    throw Failure.from(f, strings: s)
                } catch {
                    throw Failure.from(error, strings: s)
                }
            }
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new", abstract: abstractText("help.plan.new.abstract"))
        @OptionGroup var global: GlobalOptions
        @Option(help: helpText("help.plan.new.from")) var from: String
        @Option(help: helpText("help.plan.new.years")) var years: String
        @Option(help: helpText("help.plan.new.id")) var id: String?
        @Option(help: helpText("help.plan.new.out")) var out: String?

        func run() throws {
            let s = global.strings
            let parts = years.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, parts[0] <= parts[1] else {
                throw ValidationError(commandLineStrings("cli.years_invalid"))
            }
            try global.run { db in
                let base = try db.plans().named(from, s)
                let newId = id ?? "plan-\(parts[0])-\(parts[1])"
                let draft = PlanImport.draft(from: base, id: newId, years: parts[0]...parts[1])
                let path = out ?? newId + ".json"
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                try Data(try enc.encode(draft)).write(to: URL(fileURLWithPath: path), options: .atomic)
                Console.out(s("plan.new.written", newId, parts[0], parts[1], path))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: abstractText("help.plan.show.abstract"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: helpText("help.plan.show.id")) var id: String?
        @Option(help: helpText("help.plan.show.unit")) var unit: String?
        @Option(help: helpText("help.plan.show.today")) var today: String?
        @Flag(help: helpText("help.common.json")) var json = false

        struct ActivityJSON: Encodable {
            var id: String, phase: Int, scope: String, clause: String, title: String, due: String?
            var done: String?, units_done: Int, units_total: Int
        }

        struct PlanJSON: Encodable {
            var unit: String?, as_of: String, current_phase: Int?, next_deadline: String?
            var phases: [PlanPhase], key_dates: [KeyDate], activities: [ActivityJSON]
        }

        func run() throws {
            let s = global.strings
            let en = s.language == .en
            if let id { return try describe(id) }
            let plan = PlanDefinition.standard
            let asOf = try today.map { try parseDate($0, s) } ?? ISODate.today()
            try global.run { db in
                if let unit, try reporting(s, { try db.unit(unit) }) == nil { throw refusal(Failure.missing, s("plan.unknown_unit", unit)) }
                let items = try db.checklist(unit: unit)
                let shown = unit == nil ? items : items.filter { $0.activity.scope == .unit || (unit ?? "").hasPrefix("VKSTC") }
                let phase = plan.phase(on: asOf)
                let next = plan.keyDates.filter { $0.date >= asOf }.sorted { $0.date < $1.date }.first
                try Console.answer(json: json) {
                    PlanJSON(
                        unit: unit, as_of: asOf, current_phase: phase?.number, next_deadline: next?.date, phases: plan.phases,
                        key_dates: plan.keyDates,
                        activities: shown.map {
                            ActivityJSON(id: $0.activity.id, phase: $0.activity.phase, scope: $0.activity.scope.rawValue,
                                         clause: $0.activity.clause, title: $0.activity.title.text(english: en), due: $0.activity.due,
                                         done: $0.doneDate, units_done: $0.unitsDone, units_total: $0.unitsTotal)
                        })
                } text: {
                    Console.out(plan.title.text(english: en))
                    Console.out(s("plan.as_of", FieldParsing.displayDate(asOf), phase?.title.text(english: en) ?? s("plan.no_phase")))
                    Console.out("")
                    Console.out(s("plan.key_dates"))
                    for k in plan.keyDates {
                        let when = k.approximate ? String(k.date.prefix(4)) : FieldParsing.displayDate(k.date)
                        Console.out("  \(when)  \(k.title.text(english: en))\(k.id == next?.id ? "  ← " + s("plan.next") : "")")
                    }
                    for p in plan.phases {
                        Console.out("")
                        Console.out(p.title.text(english: en) + (p == phase ? "  ← " + s("plan.current") : ""))
                        for c in shown where c.activity.phase == p.number {
                            let mark = (unit == nil && c.unitsTotal > 1) ? (c.unitsDone == c.unitsTotal ? "[x]" : "[ ]") : (c.doneDate == nil ? "[ ]" : "[x]")
                            let scope = c.activity.scope == .sector ? " (" + s("plan.scope.sector") + ")" : ""
                            Console.out("  \(mark) \(c.activity.id)\(scope): \(c.activity.title.text(english: en))")
                            Console.out("      \(PlanText.doneText(c, s))" + (c.activity.due.map { " · " + s("plan.due", FieldParsing.displayDate($0)) } ?? ""))
                        }
                    }
                }
            }
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "done", abstract: abstractText("help.plan.done.abstract"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: helpText("help.plan.done.activity")) var activity: String
        @Option(help: helpText("help.plan.done.unit")) var unit: String
        @Option(help: helpText("help.plan.done.date")) var date: String
        @Option(help: helpText("help.plan.done.note")) var note: String?

        func run() throws {
            let s = global.strings
            let d = try parseDate(date, s)
            try global.run { db in
                try db.markActivityDone(activity, unit: unit, date: d, note: note)
                Console.out(s("plan.marked", activity, unit, FieldParsing.displayDate(d)))
            }
        }
    }
}

/// A candidate, the award proposed for them and its year, as `propose` and `consult post` take them.
struct AwardProposal: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.common.id")) var id: String
    @Option(help: helpText("help.propose.award")) var award: String
    @Option(help: helpText("help.propose.year")) var year: Int

    /// The award as a code, checked before the database is opened: `propose` refuses the negative code
    /// (`KY_LUAT`), `consult post` takes any.
    func code(_ s: Strings, negativeAllowed: Bool) throws -> AwardCode {
        guard let code = AwardCode(rawValue: award.uppercased()), negativeAllowed || !code.isNegative else {
            throw refusal(Failure.badInput, s("propose.bad_award", award))
        }
        return code
    }
}

struct Propose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose", abstract: abstractText("help.propose.abstract"))

    @OptionGroup var proposal: AwardProposal
    @Option(help: helpText("help.propose.outcome")) var outcome: ProposalOutcome?
    @Option(help: helpText("help.propose.decision")) var decision: String?

    func run() throws {
        let s = proposal.global.strings
        let (id, code, year) = (proposal.id, try proposal.code(s, negativeAllowed: false), proposal.year)
        try proposal.global.run { db in
            let p = try db.propose(candidateId: id, award: code, year: year, outcome: outcome, decision: decision)
            Console.out(s("propose.done", p.name, id, s("award.\(code.rawValue)"), year, s("proposal.outcome.\(p.outcome.rawValue)")))
        }
    }
}

struct Proposals: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposals", abstract: abstractText("help.proposals.abstract"))

    @OptionGroup var global: GlobalOptions
    @Option(help: helpText("help.proposals.year")) var year: Int?
    @Option(help: helpText("help.proposals.closest")) var closest = 5
    @Flag(help: helpText("help.common.json")) var json = false

    struct ProposalJSON: Encodable {
        var id: String, name: String, kind: String, unit_code: String, award: String, year: Int, outcome: String, decision: String?
        /// The certified round of the emulation bloc that put it forward (the sector flag), if any.
        var round: String?
    }

    struct CloseJSON: Encodable { var id: String, name: String, score: Int, why: String, proposal: String? }

    struct OutJSON: Encodable {
        var proposals: [ProposalJSON]
        var ahld_target: Target
        struct Target: Encodable { var proposed: Int, target: Int, by_year: Int, approved: Int, closest: [CloseJSON] }
    }

    func run() throws {
        try global.run { db, s in
            let list = try db.proposals(year: year)
            let rankYear = year ?? PlanDefinition.standard.ahldTargetYear
            let progress = try db.ahldProgress(year: rankYear, limit: closest)
            try Console.answer(json: json) {
                OutJSON(
                    proposals: try list.map {
                        ProposalJSON(id: $0.candidateId, name: $0.name, kind: $0.kind.rawValue, unit_code: $0.unitCode, award: $0.award.rawValue,
                                     year: $0.year, outcome: $0.outcome.rawValue, decision: $0.decision,
                                     round: try db.proposingRound(candidate: $0.candidateId, award: $0.award, year: $0.year))
                    },
                    ahld_target: .init(proposed: progress.count, target: progress.target, by_year: progress.byYear, approved: progress.approved,
                                       closest: progress.closest.map {
                                           CloseJSON(id: $0.candidate.id, name: $0.candidate.name, score: $0.score, why: PlanText.why($0, s),
                                                     proposal: $0.proposal?.rawValue)
                                       }))
            } text: {
                if list.isEmpty {
                    Console.out(s("proposals.none"))
                } else {
                    Console.out(table([[s("report.col.year"), s("report.col.id"), s("report.col.name"), s("report.col.award"), s("report.col.outcome")]]
                        + list.map { [String($0.year), $0.candidateId, $0.name, s("award.\($0.award.rawValue)"), s("proposal.outcome.\($0.outcome.rawValue)")] }))
                }
                Console.out("")
                Console.out(s("ahld.progress", progress.count, progress.target, progress.byYear, progress.approved))
                Console.out(s("ahld.closest", rankYear))
                for (i, r) in progress.closest.enumerated() {
                    Console.out("  \(i + 1). \(r.candidate.name) (\(r.candidate.id)) — \(s("ahld.score", r.score))")
                    Console.out("     \(PlanText.why(r, s))")
                }
            }
        }
    }
}

extension PromotionChannel: ExpressibleByArgument {
    public init?(argument: String) {
        guard let c = PromotionChannel(text: argument) else { return nil }
        self = c
    }
}

struct Promote: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote", abstract: abstractText("help.promote.abstract"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.common.id")) var id: String
    @Option(help: helpText("help.promote.channel")) var channel: PromotionChannel
    @Option(help: helpText("help.promote.date")) var date: String
    @Option(help: helpText("help.promote.title")) var title: String
    @Option(help: helpText("help.promote.ref")) var ref: String?

    func run() throws {
        let s = global.strings
        let d = try parseDate(date, s)
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw refusal(Failure.badInput, s("promote.empty_title")) }
        try global.run { db in
            let n = try db.promote(PromotionEntry(candidateId: id, channel: channel, date: d, title: title, reference: ref))
            Console.out(s("promote.done", id, s("channel.\(channel.rawValue)"), FieldParsing.displayDate(d)))
            Console.out(String(n))
        }
    }
}

struct Promotions: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "promotions", abstract: abstractText("help.promotions.abstract"))

    @OptionGroup var global: GlobalOptions
    @Option(help: helpText("help.common.id")) var id: String?
    @Option(help: helpText("help.promotions.year")) var year: Int?
    @Flag(help: helpText("help.common.json")) var json = false

    struct EntryJSON: Encodable {
        var id: Int64?
        var candidate_id: String, name: String, channel: String, date: String, title: String
        var ref: String?
    }

    func run() throws {
        try global.run { db, s in
            let list = try db.promotions(candidateId: id, year: year)
            try Console.answer(json: json) {
                list.map {
                    EntryJSON(id: $0.entry.id, candidate_id: $0.entry.candidateId, name: $0.name, channel: $0.entry.channel.rawValue,
                              date: $0.entry.date, title: $0.entry.title, ref: $0.entry.reference)
                }
            } text: {
                Console.out(table([[s("report.col.date"), s("report.col.id"), s("report.col.name"), s("report.col.channel"), s("report.col.title"),
                                    s("report.col.ref")]]
                    + list.map { [FieldParsing.displayDate($0.entry.date), $0.entry.candidateId, $0.name, s("channel.\($0.entry.channel.rawValue)"),
                                  $0.entry.title, $0.entry.reference ?? ""] }))
                let byChannel = PromotionChannel.allCases.map { ch in (ch, list.filter { $0.entry.channel == ch }.count) }.filter { $0.1 > 0 }
                Console.out(s("promotions.count", list.count) + (byChannel.isEmpty ? "" : " — "
                    + byChannel.map { "\(s("channel.\($0.0.rawValue)")): \($0.1)" }.joined(separator: ", ")))
            }
        }
    }
}

extension PlanCommand.Show {
    /// One plan as data: its years, the parameters of clause 1.2, the quota and selection of 1.4, phases and dates.
    func describe(_ id: String) throws {
        let s = global.strings
        let en = s.language == .en
        try global.run { db in
            let plan = try db.plans().named(id, s)
            try Console.answer(json: json) { plan } text: {
                Console.out("\(plan.planId)  \(plan.fromYear.map(String.init) ?? "?")–\(plan.toYear.map(String.init) ?? "?")")
                Console.out(plan.title.text(english: en))
                if let p = plan.parameters {
                    Console.out(s("plan.show.parameters", p.consecutiveYears, p.minInitiatives, p.flagConsecutiveYears, p.flagWindowStart, p.flagWindowEnd))
                }
                if let q = plan.quota { Console.out(s("plan.show.quota", q.collectives, q.individuals)) }
                if let q = plan.selection { Console.out(s("plan.show.selection", q.min, q.max)) }
                Console.out(s("plan.show.target", plan.ahldTargetCount, plan.ahldTargetYear))
                for p in plan.phases { Console.out("  \(p.firstYear)–\(p.lastYear)  \(p.title.text(english: en))") }
                for k in plan.keyDates { Console.out("  \(FieldParsing.displayDate(k.date))  \(k.title.text(english: en))") }
            }
        }
    }
}
