import Foundation

/// What a requirement lacks, in numbers the text layer words ("3 năm liên tục: có 2019, 2020; cần 2021").
public enum Shortfall: Hashable, Sendable {
    /// A run of `years` ending in the review year: the years of the current run and the years it still needs.
    case run(RecordKind, years: Int, has: [Int], needs: [Int])
    /// At least `atLeast` in the last `withinYears` years; `has` found.
    case count([RecordKind], atLeast: Int, withinYears: Int, has: Int)
    /// The prior award is not held.
    case noPrior(RecordKind)
    /// Held `prior` in `priorYear`; of the `years` years after it, `has` hold `eachYear` in a row and `needs` remain.
    /// `brokenIn` is the first year after the prior that lacks it, when that year is already past.
    case afterPrior(RecordKind, priorYear: Int, eachYear: RecordKind, years: Int, has: [Int], needs: [Int], brokenIn: Int?)
    /// Disciplinary records in the window.
    case discipline(years: [Int], withinYears: Int)
    /// None of the alternatives is met; each says why.
    case noneOf
}

/// One requirement judged for one candidate and year.
public struct RequirementOutcome: Hashable, Sendable {
    public var requirement: AwardRequirement
    /// Nil for what the unit attests: the records cannot say.
    public var met: Bool?
    public var evidence: [Achievement]
    public var shortfall: Shortfall?
    /// The alternatives of an `anyOf`, each judged.
    public var alternatives: [RequirementOutcome]
}

/// One award of the period for one candidate and review year: met or not, why, and how soon.
public struct AwardStep: Hashable, Sendable {
    public var rule: AwardRule
    public var year: Int
    /// Every requirement the records can show is met (what the unit attests is listed apart).
    public var met: Bool
    public var outcomes: [RequirementOutcome]
    /// The first year from the review year on that the award is reached if the current runs continue; nil when a
    /// run cannot bring it (an initiative, a prior award, a broken run after it).
    public var earliestYear: Int?
    /// The latest year up to the review year the candidate already holds this award, if any.
    public var heldIn: Int?

    /// The records the met requirements rest on, each once, in year order.
    public var evidence: [Achievement] {
        var seen = Set<Achievement>()
        var list: [Achievement] = []
        func add(_ o: RequirementOutcome) {
            for r in o.evidence where seen.insert(r).inserted { list.append(r) }
            for a in o.alternatives where a.met == true { add(a) }
        }
        outcomes.forEach(add)
        return list.sorted { ($0.year, $0.type.catalogIndex) < ($1.year, $1.type.catalogIndex) }
    }

    /// Whether any requirement could be judged from the records; when none could, the path cannot say "met".
    public var judgedFromRecords: Bool { outcomes.contains { $0.met != nil } }

    /// Requirements the unit must attest before the proposal goes up.
    public var toAttest: [AwardRequirement] { outcomes.filter { $0.met == nil }.map(\.requirement) }

    /// Unmet requirements.
    public var missing: [RequirementOutcome] { outcomes.filter { $0.met == false } }

    /// How far it is: requirements not yet met, then years to wait. Orders the "closest to each award" list.
    public var distance: Int {
        guard !met else { return 0 }
        return missing.count * 100 + (earliestYear.map { $0 - year } ?? 99)
    }
}

/// The award path: each award of the review year's rule set judged against a candidate's records.
public struct AwardPathEngine: Sendable {
    public var ruleSet: AwardRuleSet
    /// How many years ahead the earliest year is looked for.
    public static let horizon = 15

    public init(ruleSet: AwardRuleSet) { self.ruleSet = ruleSet }

    public func path(for history: CandidateHistory, year: Int) -> [AwardStep] {
        path(for: history, year: year, rules: Rules(ruleSet))
    }

    /// The rule set's rules by kind, each with the record it is: worked out once for a batch, not per candidate
    /// (filtering the rules and parsing each award's code showed in everyone's paths).
    struct Rules {
        var individual: [(AwardRule, RecordKind?)]
        var collective: [(AwardRule, RecordKind?)]

        init(_ set: AwardRuleSet) {
            individual = set.rules(for: .individual).map { ($0, $0.record) }
            collective = set.rules(for: .collective).map { ($0, $0.record) }
        }
    }

    func path(for history: CandidateHistory, year: Int, rules: Rules) -> [AwardStep] {
        let list = history.candidate.kind == .individual ? rules.individual : rules.collective
        if list.isEmpty { return [] }
        let holdings = Holdings(history.achievements, upTo: year)
        return list.map { step($0.0, holdings, year: year, record: $0.1) }
    }

    /// Paths in input order, split across the cores for the whole sector like the verdicts.
    public func paths(for histories: [CandidateHistory], year: Int) -> [[AwardStep]] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let rules = Rules(ruleSet)
        guard histories.count >= 4_000 && cores > 1 else { return histories.map { path(for: $0, year: year, rules: rules) } }
        // Several slices per core, as the verdicts do: a worker that starts late still takes its share.
        let slices = min(cores, 8) * 8
        let size = (histories.count + slices - 1) / slices
        var parts = Array(repeating: [[AwardStep]](), count: slices)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: slices) { w in
                let range = min(histories.count, w * size)..<min(histories.count, (w + 1) * size)
                out[w] = histories[range].map { path(for: $0, year: year, rules: rules) }
            }
        }
        return parts.flatMap { $0 }
    }

    func step(_ rule: AwardRule, _ holdings: Holdings, year: Int) -> AwardStep {
        step(rule, holdings, year: year, record: rule.record)
    }

    func step(_ rule: AwardRule, _ holdings: Holdings, year: Int, record: RecordKind?) -> AwardStep {
        let outcomes = rule.requirements.map { judge($0, holdings, year: year) }
        let met = outcomes.allSatisfy { $0.met != false }
        var earliest: Int? = met ? year : nil
        if !met && outcomes.allSatisfy({ $0.met != false || Self.runCanBring($0) }) {
            // Only a run the candidate is in (held in the review year or the year before) is assumed to go on.
            let kinds = Self.runKinds(rule.requirements).filter { k in
                let ys = holdings.years(of: k)
                return ys.contains(year) || ys.contains(year - 1)
            }
            // Judging a year looks at no later year, so one projection to the horizon serves every year up to it.
            let projected = holdings.projecting(kinds, from: year, through: year + Self.horizon)
            for ahead in 0...Self.horizon {
                let future = year + ahead
                if rule.requirements.allSatisfy({ meets($0, projected, year: future) != false }) {
                    earliest = future
                    break
                }
            }
        }
        let held = record.flatMap { holdings.latestYear(of: $0, upTo: year) }
        return AwardStep(rule: rule, year: year, met: met, outcomes: outcomes, earliestYear: earliest, heldIn: held)
    }

    /// Only runs are projected: an initiative or a prior award is not assumed to come.
    private static func runCanBring(_ o: RequirementOutcome) -> Bool {
        switch o.shortfall {
        case .run, .discipline: true
        case .afterPrior(_, _, _, _, _, _, let broken): broken == nil
        case .noneOf: o.alternatives.contains { $0.met != false || runCanBring($0) }
        case .count, .noPrior, nil: false
        }
    }

    private static func runKinds(_ requirements: [AwardRequirement]) -> [RecordKind] {
        var kinds: [RecordKind] = []
        for r in requirements {
            switch r.condition {
            case .consecutive(let k, _): kinds.append(k)
            case .since(_, _, let each): kinds.append(each)
            case .anyOf(let inner): kinds += runKinds(inner)
            case .count, .noDiscipline, .attested: break
            }
        }
        return kinds
    }

    /// `judge(r, h, year: year).met` without the evidence and shortfalls: the earliest-year search asks it up to
    /// sixteen times per award and keeps only the answer.
    func meets(_ r: AwardRequirement, _ h: Holdings, year: Int) -> Bool? {
        switch r.condition {
        case .consecutive(let kind, let n):
            guard n > 0 else { return h.holds(kind, in: year) }
            for y in stride(from: year, to: year - n, by: -1) where !h.holds(kind, in: y) { return false }
            return true
        case .count(let kinds, let m, let w):
            return h.records(of: kinds, from: year - w + 1, through: year).count >= m
        case .since(let prior, let n, let each):
            let eachYears = h.years(of: each)
            for p in h.years(of: prior) where p <= year && p + n <= year && (p + 1...p + n).allSatisfy(eachYears.contains) { return true }
            return false
        case .anyOf(let inner):
            var unknown = false
            for i in inner {
                switch meets(i, h, year: year) {
                case true?: return true
                case nil: unknown = true
                case false?: break
                }
            }
            return unknown ? nil : false
        case .noDiscipline(let w):
            return h.records(of: [RecordKind(.KY_LUAT)], from: year - w + 1, through: year).isEmpty
        case .attested:
            return nil
        }
    }

    func judge(_ r: AwardRequirement, _ h: Holdings, year: Int) -> RequirementOutcome {
        func outcome(_ met: Bool?, _ evidence: [Achievement] = [], _ shortfall: Shortfall? = nil,
                     _ alternatives: [RequirementOutcome] = []) -> RequirementOutcome {
            RequirementOutcome(requirement: r, met: met, evidence: met == true ? evidence : [], shortfall: met == false ? shortfall : nil,
                               alternatives: alternatives)
        }
        switch r.condition {
        case .consecutive(let kind, let n):
            let years = h.years(of: kind)
            let end = years.contains(year) ? year : year - 1
            var start = end
            while years.contains(start) { start -= 1 }
            let has = Array(stride(from: start + 1, through: end, by: 1))
            if end == year && has.count >= n {
                return outcome(true, (year - n + 1...year).compactMap { h.first(of: kind, in: $0) })
            }
            let needs = Array(stride(from: end + 1, through: end + max(0, n - has.count), by: 1))
            return outcome(false, [], .run(kind, years: n, has: has, needs: needs))
        case .count(let kinds, let m, let w):
            let found = h.records(of: kinds, from: year - w + 1, through: year)
            return outcome(found.count >= m, found, .count(kinds, atLeast: m, withinYears: w, has: found.count))
        case .since(let prior, let n, let each):
            let priors = h.years(of: prior).filter { $0 <= year }.sorted(by: >)
            guard let latest = priors.first else { return outcome(false, [], .noPrior(prior)) }
            let eachYears = h.years(of: each)
            for p in priors where p + n <= year && (p + 1...p + n).allSatisfy(eachYears.contains) {
                return outcome(true, [h.first(of: prior, in: p)].compactMap { $0 } + (p + 1...p + n).compactMap { h.first(of: each, in: $0) })
            }
            var run: [Int] = []
            var y = latest + 1
            while y <= year && eachYears.contains(y) { run.append(y); y += 1 }
            let broken = y < year ? y : nil
            let needs = run.count >= n ? [] : Array(stride(from: latest + 1 + run.count, through: latest + n, by: 1))
            return outcome(false, [], .afterPrior(prior, priorYear: latest, eachYear: each, years: n, has: run, needs: needs, brokenIn: broken))
        case .anyOf(let inner):
            let judged = inner.map { judge($0, h, year: year) }
            if let hit = judged.first(where: { $0.met == true }) { return outcome(true, hit.evidence, nil, judged) }
            if judged.contains(where: { $0.met == nil }) { return outcome(nil, [], nil, judged) }
            return outcome(false, [], .noneOf, judged)
        case .noDiscipline(let w):
            let found = h.records(of: [RecordKind(.KY_LUAT)], from: year - w + 1, through: year)
            return outcome(found.isEmpty, [], .discipline(years: found.map(\.year), withinYears: w))
        case .attested:
            return outcome(nil)
        }
    }
}

/// A candidate's records up to the review year, each achievement once (copies dropped as the verdict does),
/// with the years each kind is held; projection adds the years a continuing run would bring.
struct Holdings {
    /// The records by catalog slot, each slot in year order (the verdict's ledger): a kind's records are one slice.
    private var ledger: Ledger
    private var extra: [RecordKind: Set<Int>] = [:]

    init(_ achievements: [Achievement], upTo year: Int) {
        ledger = Ledger(achievements, upTo: year)
    }

    func years(of kind: RecordKind) -> Set<Int> {
        var set = extra[kind] ?? []
        for r in ledger.records(kind.type) where kind.matches(r) { set.insert(r.year) }
        return set
    }

    func holds(_ kind: RecordKind, in year: Int) -> Bool {
        extra[kind]?.contains(year) == true || ledger.records(kind.type).contains { $0.year == year && kind.matches($0) }
    }

    func first(of kind: RecordKind, in year: Int) -> Achievement? {
        if let r = ledger.records(kind.type).first(where: { $0.year == year && kind.matches($0) }) { return r }
        return extra[kind]?.contains(year) == true ? Achievement(candidateId: "", year: year, type: kind.type, awardClass: kind.awardClass) : nil
    }

    /// In the ledger's order (by catalog slot, then year), as a filter of every record would give them.
    func records(of kinds: [RecordKind], from: Int, through: Int) -> [Achievement] {
        var types = kinds.map(\.type)
        if types.count > 1 { types = Array(Set(types)).sorted { $0.slot < $1.slot } }
        var out: [Achievement] = []
        for t in types {
            for r in ledger.records(t) where r.year >= from && r.year <= through && kinds.contains(where: { $0.matches(r) }) { out.append(r) }
        }
        return out
    }

    func latestYear(of kind: RecordKind, upTo year: Int) -> Int? {
        ledger.records(kind.type).filter { $0.year <= year && kind.matches($0) }.map(\.year).max()
    }

    /// These holdings with each kind held in every year from `from` through `through` (the run continuing).
    func projecting(_ kinds: [RecordKind], from: Int, through: Int) -> Holdings {
        var copy = self
        for k in kinds { copy.extra[k, default: []].formUnion(from...through) }
        return copy
    }
}

/// One award's row of the sector-wide "closest to each award" list: how many meet it in the review year, and the
/// candidates nearest to it who do not yet, nearest first (fewest unmet requirements, then fewest years to wait).
public struct ClosestToAward: Equatable, Sendable {
    public var award: String
    public var kind: CandidateKind
    public var met: Int
    public var closest: [(candidate: Candidate, step: AwardStep)]

    public static func == (a: Self, b: Self) -> Bool {
        a.award == b.award && a.kind == b.kind && a.met == b.met
            && a.closest.map(\.candidate) == b.closest.map(\.candidate) && a.closest.map(\.step) == b.closest.map(\.step)
    }

    /// Every award of the rule set, in its order, from everyone's paths. Only what the records judge counts: an
    /// award all of whose conditions the unit attests has no distance to rank by.
    public static func rank(_ paths: [(Candidate, [AwardStep])], in set: AwardRuleSet, perAward: Int) -> [ClosestToAward] {
        var met: [String: Int] = [:]
        var near: [String: [(Candidate, AwardStep)]] = [:]
        for (c, steps) in paths {
            for s in steps where s.judgedFromRecords {
                let key = "\(s.rule.kind.rawValue):\(s.rule.award)"
                if s.met { met[key, default: 0] += 1 } else { near[key, default: []].append((c, s)) }
            }
        }
        return set.rules.map { r in
            let key = "\(r.kind.rawValue):\(r.award)"
            let sorted = (near[key] ?? []).sorted {
                ($0.1.distance, $0.0.name, $0.0.id) < ($1.1.distance, $1.0.name, $1.0.id)
            }
            return ClosestToAward(award: r.award, kind: r.kind, met: met[key] ?? 0,
                                  closest: sorted.prefix(perAward).map { (candidate: $0.0, step: $0.1) })
        }
    }
}
