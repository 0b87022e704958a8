import Foundation

/// A candidate together with its achievement records: what the engine reads.
public struct CandidateHistory: Equatable, Sendable {
    public var candidate: Candidate
    public var achievements: [Achievement]

    public init(candidate: Candidate, achievements: [Achievement] = []) {
        self.candidate = candidate
        self.achievements = achievements
    }
}

/// What clauses that look beyond one candidate need to know:
/// the disciplinary records of individuals by unit (1.2b.1) and the collectives (1.2a.leader).
///
/// Built once, then shared by every verdict of a run; lookups are dictionary hits.
public struct EligibilityContext: Sendable {
    /// unit code -> year -> KY_LUAT records of individuals of that unit.
    private var disciplineIndex: [String: [Int: [Achievement]]]
    private var collectivesById: [String: CandidateHistory]
    /// unit code -> collective ids of that unit, ascending.
    private var collectiveIdsByUnit: [String: [String]]

    /// The low-level form a database fills from two queries.
    /// - Parameters:
    ///   - disciplineByUnit: KY_LUAT records of individuals, keyed by the individual's unit code.
    ///     Records of any other type are ignored. Each record's `candidateId` names the individual.
    ///   - collectives: the collective candidates with their histories; individuals are ignored.
    public init(disciplineByUnit: [String: [Achievement]], collectives: [CandidateHistory]) {
        var index: [String: [Int: [Achievement]]] = [:]
        for (unit, records) in disciplineByUnit {
            var byYear: [Int: [Achievement]] = [:]
            for record in records where record.type == .KY_LUAT {
                byYear[record.year, default: []].append(record)
            }
            if byYear.isEmpty { continue }
            for (year, list) in byYear {
                // Stable and independent of the order a query returned them in.
                byYear[year] = list.enumerated()
                    .sorted { ($0.element.candidateId, $0.offset) < ($1.element.candidateId, $1.offset) }
                    .map(\.element)
            }
            index[unit] = byYear
        }
        var byId: [String: CandidateHistory] = [:]
        var idsByUnit: [String: [String]] = [:]
        for history in collectives where history.candidate.kind == .collective {
            let id = history.candidate.id
            if byId[id] == nil { idsByUnit[history.candidate.unitCode, default: []].append(id) }
            byId[id] = history
        }
        for unit in idsByUnit.keys { idsByUnit[unit]?.sort() }
        self.disciplineIndex = index
        self.collectivesById = byId
        self.collectiveIdsByUnit = idsByUnit
    }

    /// Builds the context from every history at hand (individuals and collectives alike).
    public init(histories: [CandidateHistory]) {
        var discipline: [String: [Achievement]] = [:]
        var collectives: [CandidateHistory] = []
        for history in histories {
            switch history.candidate.kind {
            case .individual:
                for record in history.achievements where record.type == .KY_LUAT {
                    var owned = record
                    owned.candidateId = history.candidate.id
                    discipline[history.candidate.unitCode, default: []].append(owned)
                }
            case .collective:
                collectives.append(history)
            }
        }
        self.init(disciplineByUnit: discipline, collectives: collectives)
    }

    /// No other candidates known: no discipline in any unit, no collectives.
    public static let empty = EligibilityContext(disciplineByUnit: [:], collectives: [])

    /// KY_LUAT records of individuals of `unitCode` dated exactly `year`.
    public func discipline(unitCode: String, year: Int) -> [Achievement] {
        disciplineIndex[unitCode]?[year] ?? []
    }

    public func collective(id: String) -> CandidateHistory? { collectivesById[id] }

    /// The collectives of a unit, ordered by id.
    public func collectives(unitCode: String) -> [CandidateHistory] {
        (collectiveIdsByUnit[unitCode] ?? []).compactMap { collectivesById[$0] }
    }

    /// The collective a leader answers for: `collectiveId` when set and known,
    /// else the first (by id) collective with the leader's unit code.
    public func leaderCollective(for candidate: Candidate) -> CandidateHistory? {
        if let id = candidate.collectiveId, let found = collectivesById[id] { return found }
        guard let first = collectiveIdsByUnit[candidate.unitCode]?.first else { return nil }
        return collectivesById[first]
    }
}

/// Plan item 1.2 as code: one explained verdict per candidate and review year.
public struct EligibilityEngine: Sendable {
    public var parameters: EligibilityParameters

    public init(parameters: EligibilityParameters = .plan) {
        self.parameters = parameters
    }

    public func verdict(for history: CandidateHistory, year: Int, context: EligibilityContext) -> Verdict {
        var cache: [String: Verdict] = [:]
        return verdict(for: history, year: year, context: context, collectiveCache: &cache)
    }

    /// Verdicts in input order. A collective's verdict is computed once per worker however many leaders
    /// answer for it. A whole sector (18,000 candidates) is split across the cores: each verdict reads
    /// only its own history and the shared, read-only context, so the result is the same.
    public func verdicts(for histories: [CandidateHistory], year: Int, context: EligibilityContext) -> [Verdict] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard histories.count >= 4_000 && cores > 1 else { return verdicts(for: histories[...], year: year, context: context) }
        // Several slices per core: a worker thread that starts late still takes its share.
        let slices = min(cores, 8) * 8
        let size = (histories.count + slices - 1) / slices
        var parts = Array(repeating: [Verdict](), count: slices)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: slices) { w in
                let range = min(histories.count, w * size)..<min(histories.count, (w + 1) * size)
                out[w] = verdicts(for: histories[range], year: year, context: context)
            }
        }
        return parts.flatMap { $0 }
    }

    private func verdicts(for histories: ArraySlice<CandidateHistory>, year: Int, context: EligibilityContext) -> [Verdict] {
        var judge = judge(year: year, context: context)
        return histories.map { judge.verdict(for: $0) }
    }

    /// Verdicts one candidate at a time, as each history is read: everyone's verdicts need not hold every record
    /// of the sector at once (2.7 million at ten times its size).
    public func judge(year: Int, context: EligibilityContext) -> Judge {
        Judge(engine: self, year: year, context: context)
    }

    /// Judges histories in turn against one context; a collective's verdict is worked out once however many of its
    /// leaders answer for it.
    public struct Judge {
        let engine: EligibilityEngine
        let year: Int
        public let context: EligibilityContext
        private var collectives: [String: Verdict] = [:]

        init(engine: EligibilityEngine, year: Int, context: EligibilityContext) {
            self.engine = engine
            self.year = year
            self.context = context
            collectives.reserveCapacity(64)
        }

        public mutating func verdict(for history: CandidateHistory) -> Verdict {
            engine.verdict(for: history, year: year, context: context, collectiveCache: &collectives)
        }
    }

    // MARK: - Evaluation

    fileprivate func verdict(for history: CandidateHistory, year: Int, context: EligibilityContext,
                             collectiveCache: inout [String: Verdict]) -> Verdict {
        let ledger = Ledger(history.achievements, upTo: year)
        let lines: [ClauseResult]
        let eligible: Bool
        switch history.candidate.kind {
        case .individual:
            lines = individualLines(history.candidate, ledger: ledger, year: year, context: context,
                                    collectiveCache: &collectiveCache)
            eligible = Self.decide(lines, base: .individualBase, required: [.individualLeader])
        case .collective:
            lines = collectiveLines(history.candidate, ledger: ledger, year: year, context: context)
            eligible = Self.decide(lines, base: .collectiveBase, required: [])
        }
        return Verdict(candidateId: history.candidate.id, kind: history.candidate.kind, year: year,
                       eligible: eligible, parameters: parameters, clauses: lines, copies: ledger.copies)
    }

    /// Base met, every required line met, and at least one of the other (option) lines met.
    private static func decide(_ lines: [ClauseResult], base: Clause, required: Set<Clause>) -> Bool {
        var baseMet = false, requiredMet = true, anyOption = false
        for line in lines {
            if line.clause == base { baseMet = line.met }
            else if required.contains(line.clause) { requiredMet = requiredMet && line.met }
            else if line.met { anyOption = true }
        }
        return baseMet && requiredMet && anyOption
    }

    private func individualLines(_ candidate: Candidate, ledger: Ledger, year: Int, context: EligibilityContext,
                                 collectiveCache: inout [String: Verdict]) -> [ClauseResult] {
        let missing = candidate.compliesWithPolicy ? [] : ["complies_with_policy"]
        return [
            ClauseResult(clause: .individualBase, met: missing.isEmpty, finding: .attested(missing: missing)),
            holds(.individualLabourOrder, Types.labourOrder, ledger),
            holds(.individualPrimeMinister, Types.primeMinister, ledger),
            holds(.individualCertificate, Types.certificate, ledger),
            holds(.individualNationalFighter, Types.nationalFighter, ledger),
            holds(.individualSectorFighter, Types.sectorFighter, ledger),
            sustained(ledger, year: year),
            oneOff(ledger),
            leader(candidate, year: year, context: context, collectiveCache: &collectiveCache),
        ]
    }

    private func collectiveLines(_ candidate: Candidate, ledger: Ledger, year: Int,
                                 context: EligibilityContext) -> [ClauseResult] {
        var missing: [String] = []
        if !candidate.compliesWithPolicy { missing.append("complies_with_policy") }
        if !candidate.internallyUnited { missing.append("internally_united") }
        if !candidate.orgsCleanStrong { missing.append("orgs_clean_strong") }
        return [
            ClauseResult(clause: .collectiveBase, met: missing.isEmpty, finding: .attested(missing: missing)),
            collectiveYear(candidate, ledger: ledger, year: year, context: context),
            holds(.collectiveHero, Types.hero, ledger),
            holds(.collectiveOrder, Types.order, ledger),
            flags(ledger, year: year),
        ]
    }

    /// "Has one of these" clauses: every such record up to the review year is evidence.
    private func holds(_ clause: Clause, _ types: [AwardCode], _ ledger: Ledger) -> ClauseResult {
        let records = ledger.records(types)
        if records.isEmpty {
            return ClauseResult(clause: clause, met: false, finding: .noneHeld(types: types))
        }
        return ClauseResult(clause: clause, met: true, evidence: records.map { Evidence($0) }, finding: .found)
    }

    /// 1.2a.6: an HTXSNV run ending in Y, M initiatives, and a mass-organisation record or prize.
    private func sustained(_ ledger: Ledger, year: Int) -> ClauseResult {
        let ratings = ledger.records(.HTXSNV)
        // Ratings are in year order: walk back from the latest while the years stay consecutive.
        var run = 0
        for rating in ratings.reversed() {
            if rating.year == year - run { run += 1 } else if rating.year < year - run + 1 { break }
        }
        let runRecords = ratings.filter { $0.year > year - run }
        let initiatives = ledger.records(.SANG_KIEN)
        let orgs = ledger.records(Types.massOrgOrPrize)
        let met = run >= parameters.consecutiveYears && initiatives.count >= parameters.minInitiatives
            && !orgs.isEmpty
        var evidence: [Evidence] = []
        evidence.reserveCapacity(runRecords.count + initiatives.count + orgs.count)
        for record in runRecords { evidence.append(Evidence(record)) }
        for record in initiatives { evidence.append(Evidence(record)) }
        for record in orgs { evidence.append(Evidence(record)) }
        return ClauseResult(
            clause: .individualSustained, met: met, evidence: evidence,
            finding: .sustained(runEndingInYear: run, needRun: parameters.consecutiveYears,
                                initiatives: initiatives.count, needInitiatives: parameters.minInitiatives,
                                massOrgOrPrize: !orgs.isEmpty))
    }

    /// 1.2a.7: a DOT_XUAT proposed for HCLD, BK_TTG or BK_VKSTC.
    /// When not met, DOT_XUAT records proposed for something else (or nothing) are still cited, so the
    /// reader sees why they do not count.
    private func oneOff(_ ledger: Ledger) -> ClauseResult {
        let all = ledger.records(.DOT_XUAT)
        let qualifying = all.filter { record in
            guard let award = record.proposedAward else { return false }
            return AwardCode.proposableAwards.contains(award)
        }
        if qualifying.isEmpty {
            return ClauseResult(clause: .individualOneOff, met: false, evidence: all.map { Evidence($0) },
                                finding: .noneHeld(types: Types.oneOff))
        }
        return ClauseResult(clause: .individualOneOff, met: true, evidence: qualifying.map { Evidence($0) },
                            finding: .found)
    }

    /// 1.2a.leader: the leader's collective must itself be eligible under 1.2b for the same year.
    private func leader(_ candidate: Candidate, year: Int, context: EligibilityContext,
                        collectiveCache: inout [String: Verdict]) -> ClauseResult {
        guard candidate.isLeader else {
            return ClauseResult(clause: .individualLeader, met: true, finding: .notApplicable)
        }
        guard let collective = context.leaderCollective(for: candidate) else {
            return ClauseResult(clause: .individualLeader, met: false,
                                finding: .noCollectiveRecord(unitCode: candidate.unitCode))
        }
        let id = collective.candidate.id
        let own: Verdict
        if let cached = collectiveCache[id] {
            own = cached
        } else {
            own = verdict(for: collective, year: year, context: context, collectiveCache: &collectiveCache)
            collectiveCache[id] = own
        }
        let failed = own.clauses.filter { !$0.met }.map(\.clause)
        // Passing: the records that carried it. Failing: what the failed clauses found, which
        // includes any disciplined colleague's KY_LUAT record.
        var evidence: [Evidence] = []
        var seen = Set<Evidence>()
        for line in own.clauses where line.met == own.eligible {
            for var item in line.evidence {
                if item.candidateId == nil { item.candidateId = id }
                if seen.insert(item).inserted { evidence.append(item) }
            }
        }
        return ClauseResult(
            clause: .individualLeader, met: own.eligible, evidence: evidence,
            finding: .leaderCollective(collectiveId: id, name: collective.candidate.name,
                                       eligible: own.eligible, failedClauses: failed))
    }

    /// 1.2b.1: in Y exactly, exceeded targets, an initiative, and no one in the unit disciplined.
    private func collectiveYear(_ candidate: Candidate, ledger: Ledger, year: Int,
                                context: EligibilityContext) -> ClauseResult {
        let exceeded = ledger.records(.VUOT_CHI_TIEU).filter { $0.year == year }
        let initiatives = ledger.records(.SANG_KIEN).filter { $0.year == year }
        let disciplined = context.discipline(unitCode: candidate.unitCode, year: year)
        let met = !exceeded.isEmpty && !initiatives.isEmpty && disciplined.isEmpty
        let evidence = (exceeded + initiatives).map { Evidence($0) } + disciplined.map { Evidence($0, foreign: true) }
        return ClauseResult(
            clause: .collectiveYear, met: met, evidence: evidence,
            finding: .yearRecord(exceededTargets: !exceeded.isEmpty, initiatives: initiatives.count,
                                 disciplined: Set(disciplined.map(\.candidateId)).count))
    }

    /// 1.2b.4: consecutive flag years inside the window (and not after Y); any of the three flags counts.
    private func flags(_ ledger: Ledger, year: Int) -> ClauseResult {
        let start = parameters.flagWindowStart
        let end = min(parameters.flagWindowEnd, year)
        let inWindow = ledger.records(Types.flags).filter { $0.year >= start && $0.year <= end }
        var longest = 0, longestEnd = 0, current = 0, previous = Int.min
        for flagYear in Set(inWindow.map(\.year)).sorted() {
            current = (flagYear == previous + 1) ? current + 1 : 1
            previous = flagYear
            if current >= longest { longest = current; longestEnd = flagYear } // latest run wins a tie
        }
        let runRecords = inWindow.filter { $0.year > longestEnd - longest && $0.year <= longestEnd }
        return ClauseResult(
            clause: .collectiveFlags, met: longest >= parameters.flagConsecutiveYears && longest > 0,
            evidence: runRecords.map { Evidence($0) },
            finding: .flagRun(longest: longest, need: parameters.flagConsecutiveYears,
                              windowStart: parameters.flagWindowStart, windowEnd: parameters.flagWindowEnd))
    }
}

/// The record types each clause reads, allocated once.
private enum Types {
    static let labourOrder: [AwardCode] = [.HCLD]
    static let primeMinister: [AwardCode] = [.BK_TTG]
    static let certificate: [AwardCode] = [.BK_VKSTC, .BK_UBND, .BK_DOANTHE]
    static let nationalFighter: [AwardCode] = [.CSTD_TQ]
    static let sectorFighter: [AwardCode] = [.CSTD_NGANH]
    static let massOrgOrPrize: [AwardCode] = [.DOAN_THE, .GIAI_THUONG]
    static let oneOff: [AwardCode] = [.DOT_XUAT]
    static let hero: [AwardCode] = [.AHLD]
    static let order: [AwardCode] = [.HCDL, .HCLD]
    static let flags: [AwardCode] = [.CO_CP, .CO_NGANH, .CO_KHOI]
}

/// One candidate's records up to the review year, grouped by type once, each group in year order.
///
/// One flat array ordered by catalog slot (a counting sort) and the offsets of each slot: two
/// allocations per candidate instead of one per type held, which showed when judging the sector.
struct Ledger {
    private var records: [Achievement]
    /// `records[start[slot]..<start[slot + 1]]` are the records of that slot.
    private var start: [Int]

    init(_ achievements: [Achievement], upTo year: Int) {
        var start = Array(repeating: 0, count: AwardCode.slotCount + 1)
        for record in achievements where record.year <= year { start[record.type.slot + 1] += 1 }
        for slot in 0..<AwardCode.slotCount { start[slot + 1] += start[slot] }
        var next = start
        let count = start[AwardCode.slotCount]
        // Filled in input order, so a slot keeps the order its records came in (year order when sorted).
        var records = [Achievement](unsafeUninitializedCapacity: count) { buffer, initialized in
            for record in achievements where record.year <= year {
                (buffer.baseAddress! + next[record.type.slot]).initialize(to: record)
                next[record.type.slot] += 1
            }
            initialized = count
        }
        var hasCopies = false
        for slot in 0..<AwardCode.slotCount {
            let range = start[slot]..<start[slot + 1]
            if range.count > 1 && !Self.isByYear(records[range]) {
                records.replaceSubrange(range, with: Self.byYear(records[range]))
            }
            if range.count > 1 && !hasCopies { hasCopies = Self.hasCopies(records[range]) }
        }
        self.records = records
        self.start = start
        if hasCopies { dropCopies() }
    }

    /// Achievements held more than once, each counted once.
    private(set) var copies: [RecordCopies] = []

    /// Within a slot, in year order, copies share a year: only records of one year are compared.
    private static func sameYearRuns(_ list: ArraySlice<Achievement>, _ body: (ArraySlice<Achievement>) -> Void) {
        var i = list.startIndex
        while i < list.endIndex {
            var j = i + 1
            while j < list.endIndex && list[j].year == list[i].year { j += 1 }
            if j - i > 1 { body(list[i..<j]) }
            i = j
        }
    }

    private static func hasCopies(_ list: ArraySlice<Achievement>) -> Bool {
        var found = false
        sameYearRuns(list) { run in
            var seen = Set<AchievementIdentity>()
            for r in run { if let id = r.identity, !seen.insert(id).inserted { found = true } }
        }
        return found
    }

    /// Keeps the first record of each achievement (the order records came in) and notes the copies.
    private mutating func dropCopies() {
        var kept: [Achievement] = []
        kept.reserveCapacity(records.count)
        var newStart = [0]
        for slot in 0..<AwardCode.slotCount {
            var seen: [AchievementIdentity: Int] = [:]
            var counts: [(Achievement, Int)] = []
            for r in records[start[slot]..<start[slot + 1]] {
                guard let id = r.identity else { kept.append(r); continue }
                if let at = seen[id] { counts[at].1 += 1; continue }
                seen[id] = counts.count
                counts.append((r, 1))
                kept.append(r)
            }
            for (r, n) in counts where n > 1 {
                copies.append(RecordCopies(type: r.type, year: r.year, decisionNo: r.decisionNo, decisionDate: r.decisionDate, count: n))
            }
            newStart.append(kept.count)
        }
        records = kept
        start = newStart
    }

    func records(_ type: AwardCode) -> ArraySlice<Achievement> { records[start[type.slot]..<start[type.slot + 1]] }

    /// Every record kept, by catalog slot and within it by year.
    var all: [Achievement] { records }

    /// Records of several types merged in year order (ties keep the order the types are listed).
    func records(_ types: [AwardCode]) -> ArraySlice<Achievement> {
        if types.count == 1 { return records(types[0]) }
        var merged: [Achievement] = []
        for type in types { merged += records(type) }
        return merged.count > 1 && !Self.isByYear(merged[...]) ? Self.byYear(merged[...])[...] : merged[...]
    }

    private static func isByYear(_ list: ArraySlice<Achievement>) -> Bool {
        var previous = Int.min
        for record in list {
            if record.year < previous { return false }
            previous = record.year
        }
        return true
    }

    /// Stable sort by year.
    private static func byYear(_ list: ArraySlice<Achievement>) -> [Achievement] {
        list.enumerated().sorted { ($0.element.year, $0.offset) < ($1.element.year, $1.offset) }.map(\.element)
    }
}

extension AwardCode {
    static let slotCount = AwardCode.allCases.count

    /// A dense index for bucketing without hashing.
    var slot: Int { catalogIndex }
}
