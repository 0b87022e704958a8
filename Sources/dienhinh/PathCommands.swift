import ArgumentParser
import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// The award path under the law of each period (issue 17, docs/AWARD-RULES.md).

struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "path", abstract: abstractText("help.path.abstract"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.common.id")) var id: String
    @Option(help: helpText("help.path.year")) var year: Int?
    @Flag(help: helpText("help.common.json")) var json = false

    func run() throws {
        try global.run { db, s in
            let y = try year ?? db.defaultReviewYear()
            guard let found = try db.awardPath(id: id, year: y) else { throw refusal(Failure.missing, s("candidate.unknown", id)) }
            try Console.answer(json: json) {
                found.set.map { set in found.steps.map { AwardStepJSON($0, set: set) } } ?? []
            } text: {
                Console.out(AwardPathText(strings: s).render(found.steps, set: found.set, year: y).joined(separator: "\n"))
            }
        }
    }
}

/// The sector-wide "closest to each award" list the dashboard shows (issue 17).
struct ClosestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "closest", abstract: abstractText("help.closest.abstract"))

    @OptionGroup var global: GlobalOptions
    @Option(help: helpText("help.path.year")) var year: Int?
    @Option(help: helpText("help.closest.per-award")) var perAward = 3
    @Flag(help: helpText("help.common.json")) var json = false

    struct Item: Encodable {
        struct Near: Encodable { var id: String, name: String, unit_code: String, distance: Int, path: AwardStepJSON }
        var award: String, kind: String, met: Int, closest: [Near]
    }

    func run() throws {
        try global.run { db, s in
            let y = try year ?? db.defaultReviewYear()
            let rows = try db.closestToAwards(year: y, perAward: max(0, perAward))
            try Console.answer(json: json) {
                guard let set = try db.awardRules().ruleSet(forYear: y) else { return [Item]() }
                return rows.map { r in
                    Item(award: r.award, kind: r.kind.rawValue, met: r.met, closest: r.closest.map {
                        .init(id: $0.candidate.id, name: $0.candidate.name, unit_code: $0.candidate.unitCode, distance: $0.step.distance,
                              path: AwardStepJSON($0.step, set: set))
                    })
                }
            } text: {
                if rows.isEmpty { Console.out(s("path.no_rule_set", y)); return }
                let text = AwardPathText(strings: s)
                for r in rows {
                    Console.out(s("closest.heading", text.awardName(r.award), s("kind.\(r.kind.rawValue)").lowercased(), r.met, y))
                    for (i, c) in r.closest.enumerated() { Console.out(s("closest.line", i + 1, c.candidate.name, c.candidate.id, text.gap(c.step))) }
                }
            }
        }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: abstractText("help.rules.abstract"), subcommands: [List.self, Set.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: abstractText("help.rules.list.abstract"))
        @OptionGroup var global: GlobalOptions
        @Option(help: helpText("help.path.year")) var year: Int?
        @Flag(help: helpText("help.rules.list.markdown")) var markdown = false

        func run() throws {
            try global.run { db, s in
                let book = try db.awardRules()
                let sets = year.map { y in book.ruleSet(forYear: y).map { [$0] } ?? [] } ?? book.sets
                if sets.isEmpty { Console.out(s("path.no_rule_set", year ?? 0)) }
                let text = AwardPathText(strings: s)
                if markdown {
                    Console.out(sets.map { text.markdown($0).joined(separator: "\n") }.joined(separator: "\n\n"))
                    return
                }
                for set in sets {
                    Console.out(s("rules.heading", set.period, set.version, set.fromYear, set.toYear.map(String.init) ?? "…"))
                    for rule in set.rules {
                        Console.out("")
                        Console.out(text.awardName(rule.award) + " (" + s("rules.kind.\(rule.kind.rawValue)") + ") — "
                                    + text.source(rule.source, in: set) + (rule.confirmed ? "" : " " + s("path.unconfirmed")))
                        for (i, r) in rule.requirements.enumerated() {
                            Console.out("   \(i + 1). " + text.requirement(r) + (r.confirmed ? "" : " " + s("path.unconfirmed_editable"))
                                        + (r.source.map { " [" + text.source($0, in: set) + "]" } ?? ""))
                        }
                        if let v = rule.vote { Console.out("   " + text.vote(v)) }
                        if rule.consultation?.required == true { Console.out("   " + s("path.consultation")) }
                    }
                }
                for setting in try db.awardRuleSettings() {
                    Console.out(s("rules.setting", setting.period, text.awardName(setting.award), setting.requirement, setting.value,
                                  setting.setBy, FieldParsing.displayDate(String(setting.setAt.prefix(10)))))
                }
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: abstractText("help.rules.set.abstract"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: helpText("help.rules.set.award")) var award: String
        @Option(help: helpText("help.rules.set.period")) var period: String
        @Option(help: helpText("help.rules.set.requirement")) var requirement: Int
        @Option(help: helpText("help.rules.set.value")) var value: Int
        @Option(help: helpText("help.rules.set.kind")) var kind: String = "individual"

        func run() throws {
            let s = global.strings
            guard let k = CandidateKind(text: kind) else { throw refusal(Failure.badInput, s("rules.bad_kind", kind)) }
            try global.run { db in
                try db.setAwardRuleParameter(period: period, award: award, kind: k, requirement: requirement, value: value)
                Console.out(s("rules.set_done", AwardPathText(strings: s).awardName(award), requirement, value, period))
            }
        }
    }
}

/// Public consultation before the vote (Nghị định 91/2017 Art. 45(10); Nghị định 98/2023 Art. 46).
struct ConsultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consult", abstract: abstractText("help.consult.abstract"),
        subcommands: [Post.self, Object.self, Resolve.self, List.self], defaultSubcommand: List.self)

    struct Post: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "post", abstract: abstractText("help.consult.post.abstract"))
        @OptionGroup var proposal: AwardProposal
        @Option(help: helpText("help.consult.post.start")) var start: String
        @Option(help: helpText("help.consult.post.end")) var end: String
        @Option(help: helpText("help.consult.post.channel")) var channel: String

        func run() throws {
            let s = proposal.global.strings
            let (id, code, year) = (proposal.id, try proposal.code(s, negativeAllowed: true), proposal.year)
            try proposal.global.run { db in
                let n = try db.postConsultation(candidateId: id, award: code, year: year, start: start, end: end, channel: channel)
                Console.out(s("consult.posted", id, s("award.\(code.rawValue)"), year, FieldParsing.displayDate(FieldParsing.date(end) ?? end)))
                Console.out(String(n))
            }
        }
    }

    struct Object: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "object", abstract: abstractText("help.consult.object.abstract"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: helpText("help.consult.object.consultation")) var consultation: Int64
        @Option(help: helpText("help.consult.object.from")) var from: String
        @Option(help: helpText("help.consult.object.text")) var text: String
        @Option(help: helpText("help.consult.object.received")) var received: String

        func run() throws {
            let s = global.strings
            try global.run { db in
                let n = try db.recordObjection(consultation: consultation, from: from, text: text, received: received)
                Console.out(s("consult.objection_recorded", consultation))
                Console.out(String(n))
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resolve", abstract: abstractText("help.consult.resolve.abstract"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: helpText("help.consult.resolve.objection")) var objection: Int64
        @Option(help: helpText("help.consult.resolve.resolution")) var resolution: String

        func run() throws {
            let s = global.strings
            try global.run { db in
                try db.resolveObjection(objection, resolution: resolution)
                Console.out(s("consult.resolved", objection))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: abstractText("help.consult.list.abstract"))
        @OptionGroup var global: GlobalOptions
        @Option(help: helpText("help.propose.year")) var year: Int?
        @Flag(help: helpText("help.common.json")) var json = false

        struct ObjectionJSON: Encodable { var id: Int64, received: String, from: String, text: String, resolution: String?, resolved_at: String? }
        struct ConsultationJSON: Encodable {
            var id: Int64, candidate_id: String, award: String, year: Int, start: String, end: String, channel: String
            var objections: [ObjectionJSON]
        }

        func run() throws {
            try global.run { db, s in
                let list = try db.consultations(year: year)
                try Console.answer(json: json) {
                    list.map { c in
                        ConsultationJSON(id: c.id, candidate_id: c.candidateId, award: c.award.rawValue, year: c.year, start: c.start,
                                         end: c.end, channel: c.channel, objections: c.objections.map {
                                             ObjectionJSON(id: $0.id, received: $0.received, from: $0.from, text: $0.text,
                                                           resolution: $0.resolution, resolved_at: $0.resolvedAt)
                                         })
                    }
                } text: {
                    if list.isEmpty { Console.out(s("consult.none")) }
                    for c in list {
                        Console.out(s("consult.line", c.id, c.candidateId, s("award.\(c.award.rawValue)"), c.year,
                                      FieldParsing.displayDate(c.start), FieldParsing.displayDate(c.end), c.channel))
                        for o in c.objections {
                            Console.out("   " + (o.resolution.map { s("consult.objection_done", o.id, o.from, o.text, $0) }
                                                 ?? s("consult.objection_open", o.id, o.from, o.text)))
                        }
                    }
                }
            }
        }
    }
}
