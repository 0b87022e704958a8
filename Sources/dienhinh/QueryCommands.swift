import ArgumentParser
import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation
import TerminalKit

extension Level: ExpressibleByArgument {}
extension CandidateKind: ExpressibleByArgument {}

extension AppDatabase {
    /// The candidate a command names, or exit 66 saying there is none (a sick file is said as such).
    @discardableResult
    func namedCandidate(_ id: String, _ s: Strings) throws -> Candidate {
        guard let c = try reporting(s, { try candidate(id) }) else { throw refusal(Failure.missing, s("candidate.unknown", id)) }
        return c
    }
}

/// Left-aligned columns measured in terminal cells, so Vietnamese and CJK names line up.
func table(_ rows: [[String]]) -> String {
    guard let width = rows.map(\.count).max() else { return "" }
    var widths = Array(repeating: 0, count: width)
    let safe = rows.map { $0.map(TextSafety.inert) }
    for r in safe { for (i, c) in r.enumerated() { widths[i] = max(widths[i], displayWidth(of: c)) } }
    return safe.map { r in
        r.enumerated().map { i, c in i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - displayWidth(of: c)) }
            .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }.joined(separator: "\n")
}

struct Units: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "units", abstract: abstractText("help.units.abstract"))

    @OptionGroup var global: GlobalOptions
    @Option(help: helpText("help.common.level")) var level: Level?
    @Option(help: helpText("help.units.year")) var year: Int?
    @Flag(help: helpText("help.units.retired")) var retired = false
    @Flag(help: helpText("help.common.json")) var json = false

    struct UnitJSON: Encodable {
        var code: String, name: String, short_name: String, level: String
        var parent_code: String?, region_code: String?, current: Bool, merged_into: String?
        var valid_from: String?, valid_to: String?, successors: [String], formed_from: [String], demo: Bool

        // The life span's ends are always there, null when open, so a reader need not guess what a missing key means.
        enum CodingKeys: String, CodingKey {
            case code, name, short_name, level, parent_code, region_code, current, merged_into, valid_from, valid_to, successors,
                 formed_from, demo
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code); try c.encode(name, forKey: .name); try c.encode(short_name, forKey: .short_name)
            try c.encode(level, forKey: .level); try c.encodeIfPresent(parent_code, forKey: .parent_code)
            try c.encodeIfPresent(region_code, forKey: .region_code); try c.encode(current, forKey: .current)
            try c.encodeIfPresent(merged_into, forKey: .merged_into); try c.encode(valid_from, forKey: .valid_from)
            try c.encode(valid_to, forKey: .valid_to); try c.encode(successors, forKey: .successors)
            try c.encode(formed_from, forKey: .formed_from); try c.encode(demo, forKey: .demo)
        }
    }

    /// What a unit was formed from: the units it succeeds; a provincial procuracy that went through 1/7/2025
    /// unmerged was formed from itself (as `provinces_2025.csv` lists it), so every one of the 34 names its origin.
    static func formedFrom(_ u: SectorUnit) -> [String] {
        if u.succeeds.isEmpty, u.level == .provincial, u.inForce(on: SectorCalendar.lastFourLevelDay),
           u.inForce(on: SectorCalendar.firstThreeLevelDay) { return [u.code] }
        return u.succeeds
    }

    func run() throws {
        try global.run { db, s in
            let y = year ?? AppDatabase.currentYear
            let (units, structure) = (try db.units(level: level, year: y, includeRetired: retired), try db.structure())
            try Console.answer(json: json) {
                let day = SectorCalendar.day(of: y)
                return units.map {
                    UnitJSON(code: $0.code, name: $0.name, short_name: $0.shortName, level: $0.level.rawValue, parent_code: $0.parentCode,
                             // A High procuracy's region only while it exists.
                             region_code: $0.regionCode.flatMap { structure.byCode[$0]?.inForce(on: day) == true ? $0 : nil },
                             current: $0.inForce(on: day), merged_into: $0.mergedInto,
                             valid_from: $0.validFrom, valid_to: $0.validTo, successors: structure.successors[$0.code] ?? [],
                             formed_from: Self.formedFrom($0), demo: $0.isDemo)
                }
            } text: {
                Console.out(table(units.map { [$0.code, $0.name, s("level.\($0.level.rawValue)")] }))
                Console.out(s("units.count", units.count))
            }
        }
    }
}

struct Candidates: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "candidates", abstract: abstractText("help.candidates.abstract"))

    @OptionGroup var global: GlobalOptions
    @Option(help: helpText("help.common.level")) var level: Level?
    @Option(help: helpText("help.candidates.unit")) var unit: String?
    @Option(help: helpText("help.candidates.kind")) var kind: CandidateKind?
    @Option(help: helpText("help.candidates.search")) var search: String?
    @Flag(help: helpText("help.candidates.eligible")) var eligible = false
    @Option(help: helpText("help.candidates.year")) var year: Int?
    @Flag(help: helpText("help.common.json")) var json = false

    func run() throws {
        // The interface strings are read from the bundle only where text is shown: not for --json.
        try global.run { db in
            let list = try db.candidates(CandidateFilter(level: level, unitCode: unit, includeSubunits: true, kind: kind, search: search,
                                                         topAward: false, year: year ?? AppDatabase.currentYear))
            var verdicts: [String: Bool] = [:]
            if eligible || year != nil {
                let y = try year ?? db.defaultReviewYear()
                // Judged by the plan in force in the year; with none, --eligible is refused and --year lists without.
                let plans = try db.plans()
                if let plan = plans.plan(forYear: y) {
                    let ids = list.map(\.candidate.id)
                    for v in try db.verdicts(ids: ids.count > 2000 ? nil : ids, year: y, parameters: plan.parameters ?? .plan) {
                        verdicts[v.candidateId] = v.eligible
                    }
                } else if eligible {
                    throw refusal(Failure.refused, global.strings("plan.none_for_year", y, plans.listing))
                }
            }
            let shown = eligible ? list.filter { verdicts[$0.candidate.id] == true } : list
            if json {
                Console.json(Self.json(shown, verdicts: verdicts))
            } else {
                let s = global.strings
                let row = { (c: CandidateSummary) in
                    [c.candidate.id, s("kind.\(c.candidate.kind.rawValue)"), c.candidate.name, c.unitName,
                     verdicts.isEmpty ? "" : (verdicts[c.candidate.id] == true ? "✓" : "✗")]
                }
                Console.out(table(shown.filter { !$0.ceased }.map(row)))
                // People of a unit that ceased with no successor named: in view until the secretariat moves them.
                let ceased = shown.filter(\.ceased)
                if !ceased.isEmpty {
                    Console.out("\n" + s("candidates.ceased_heading", year ?? AppDatabase.currentYear))
                    Console.out(table(ceased.map(row)))
                }
                Console.out(s("candidates.count", shown.count))
            }
        }
    }

    /// The list as JSON: sorted keys, `position` left out when there is none, `eligible` only with --eligible or --year.
    /// Written by hand (the same bytes as `JSONText.encode` of the fields below): this is the search hot path.
    static func json(_ list: [CandidateSummary], verdicts: [String: Bool]) -> String {
        var w = JSONArrayWriter(capacity: list.count * 256)
        for c in list {
            w.beginObject()
            w.field("eligible", verdicts.isEmpty ? nil : verdicts[c.candidate.id])
            w.field("id", c.candidate.id)
            w.field("is_leader", c.candidate.isLeader)
            w.field("kind", c.candidate.kind.rawValue)
            w.field("level", c.level.rawValue)
            w.field("name", c.candidate.name)
            w.field("position", c.candidate.position)
            w.field("records", c.recordCount)
            w.field("unit_ceased", c.ceased ? true : nil)
            w.field("unit_code", c.candidate.unitCode)
            w.field("unit_name", c.unitName)
            w.endObject()
        }
        return w.finish()
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: abstractText("help.show.abstract"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.common.id")) var id: String
    @Option(help: helpText("help.common.year-latest")) var year: Int?
    @Flag(help: helpText("help.common.json")) var json = false

    struct Profile: Encodable {
        var candidate: CandidateJSON
        var achievements: [AchievementJSON]
        /// Null when no plan covers the year (`no_plan` then lists the plans there are).
        var verdict: VerdictJSON?
        var no_plan: String?

        enum CodingKeys: String, CodingKey { case candidate, achievements, verdict, no_plan }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(candidate, forKey: .candidate)
            try c.encode(achievements, forKey: .achievements)
            try c.encode(verdict, forKey: .verdict)
            try c.encodeIfPresent(no_plan, forKey: .no_plan)
        }
    }

    func run() throws {
        try global.run { db, s in
            let c = try db.namedCandidate(id, s)
            let y = try year ?? db.defaultReviewYear()
            // A collective formed by merger shows its predecessors' records with its own.
            let predecessors = try db.predecessorRecords(of: id)
            let records = try db.achievements(of: id) + predecessors
            // Judged by the plan in force in the year; with none, the profile is shown without a verdict.
            let plans = try db.plans()
            let plan = plans.plan(forYear: y)
            guard let verdict = try reporting(s, { try db.verdict(id: id, year: y, parameters: plan?.parameters ?? .plan) }) else { throw ExitCode(1) }
            try Console.answer(json: json) {
                var cj = CandidateJSON(c)
                cj.unit_name = try db.unit(c.unitCode)?.name
                cj.provenance = try db.provenance(ofCandidate: id) ?? Provenance()
                let stored = try db.storedAchievements(of: id)
                return Profile(candidate: cj, achievements: stored.map(AchievementJSON.init), verdict: plan == nil ? nil : VerdictJSON(verdict),
                               no_plan: plan == nil ? plans.listing : nil)
            } text: {
                let unit = try db.unit(ofCandidate: id, year: y) ?? db.unit(c.unitCode)
                let text = ProfileText(strings: s)
                Console.out(text.render(candidate: c, unit: unit, records: records, verdict: verdict,
                                        provenance: try db.provenance(ofCandidate: id),
                                        noPlan: plan == nil ? plans.listing : nil,
                                        changes: try db.recordHistory(of: id)))
                if !predecessors.isEmpty {
                    let from = Array(Set(predecessors.map(\.candidateId))).sorted().joined(separator: ", ")
                    Console.out(s((plan?.parameters ?? .plan).countPredecessors ? "verdict.predecessors_count" : "verdict.predecessors_shown", from))
                }
            }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: abstractText("help.check.abstract"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.check.ids")) var ids: [String] = []
    @Option(help: helpText("help.common.year-latest")) var year: Int?
    @Option(help: helpText("help.check.consecutive-years")) var consecutiveYears: Int?
    @Option(help: helpText("help.check.min-initiatives")) var minInitiatives: Int?
    @Option(help: helpText("help.check.plan")) var plan: String?
    @Flag(help: helpText("help.common.json")) var json = false

    func run() throws {
        try global.run { db, s in
            let y = try year ?? db.defaultReviewYear()
            // The review year picks the plan in force; a year no plan covers has no rules to apply.
            let plans = try db.plans()
            let chosen: PlanDefinition
            if let plan {
                chosen = try plans.named(plan, s)
            } else {
                guard let inForce = plans.plan(forYear: y) else {
                    throw refusal(Failure.refused, s("plan.none_for_year", y, plans.listing))
                }
                chosen = inForce
            }
            var p = chosen.parameters ?? EligibilityParameters.plan
            if let n = consecutiveYears { p.consecutiveYears = n }
            if let m = minInitiatives { p.minInitiatives = m }
            for id in ids { try db.namedCandidate(id, s) }
            let verdicts = try db.verdicts(ids: ids.isEmpty ? nil : ids, year: y, parameters: p)
            try Console.answer(json: json) { verdicts.map(VerdictJSON.init) } text: {
                Console.out(s("plan.in_force", chosen.title.text(english: s.language == .en) + " [\(chosen.planId)]"))
                // The clauses met by their place in the plan ("điểm 1.2a: câu đầu + gạch đầu dòng 6"); codes in --json.
                let wording = ClauseWording.shipped
                Console.out(table(verdicts.map { v in
                    let met = v.clauses.filter(\.met).map(\.clause)
                    return [v.candidateId, v.eligible ? s("verdict.eligible") : s("verdict.not_eligible"),
                            met.first.map { s("clause.met_list", wording.point($0), met.map { wording.part($0, s) }.joined(separator: " + ")) } ?? ""]
                }))
                let text = VerdictText(strings: s)
                for v in verdicts { for c in v.copies { Console.out("\(v.candidateId): " + text.copies(c)) } }
                Console.out(s("check.summary", verdicts.filter(\.eligible).count, verdicts.count, y))
            }
        }
    }
}

struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: abstractText("help.move.abstract"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.move.ids")) var ids: [String] = []
    @Option(help: helpText("help.move.unit")) var unit: String?
    @Option(help: helpText("help.move.to")) var to: String
    @Option(help: helpText("help.move.on")) var on: String?

    func validate() throws {
        if ids.isEmpty == (unit == nil) { throw ValidationError(commandLineStrings("cli.move_ids_or_unit")) }
    }

    func run() throws {
        let s = global.strings
        let day = try on.map { text -> String in
            guard let d = FieldParsing.date(text) else { throw ValidationError(commandLineStrings("cli.on_not_a_date", text)) }
            return d
        }
        try global.run { db in
            let n = try db.move(ids: ids.isEmpty ? nil : ids, fromUnit: unit, to: to, on: day)
            Console.out(s("move.done", n, to))
        }
    }
}
