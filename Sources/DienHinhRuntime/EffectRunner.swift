import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

/// Carries out the app's effects against the store and answers with messages.
public final class EffectRunner {
    public let db: AppDatabase
    var index: SearchIndex?
    /// The verdicts searches have shown, for one review year (see `searchVerdicts`).
    private var searchEligible: (year: Int, verdicts: [String: Bool]) = (0, [:])
    private lazy var voting = VotingEffects(db: db)
    /// Today (ISO), read once at the edge; the dashboard measures phases and deadlines from it. Tests inject it.
    public var today: String

    public init(db: AppDatabase, today: String = ISODate.today()) {
        self.db = db
        self.today = today
    }

    /// Runs one effect; nil for effects with no answer (quit).
    public func run(_ effect: Effect) -> Msg? {
        // Any other effect may write (a record saved, a candidate moved): the search's verdicts are read again.
        if case .search = effect {} else { searchEligible.verdicts = [:] }
        do {
            switch effect {
            case .loadLevels(let year):
                let ceased = try db.ceasedUnits(year: year)
                return .levelsLoaded(try db.levelCounts(year: year),
                                     ceased: ceased.reduce(0) { $0 + $1.candidates }, ceasedUnits: ceased.count,
                                     noPlan: try db.plans().plan(forYear: year) == nil ? db.plans().listing : nil)
            case let .loadUnits(level, year):
                return .unitsLoaded(level, try unitTree(level, year: year))
            case .loadCeasedUnits(let year):
                return .ceasedUnitsLoaded(try db.ceasedUnits(year: year).map { UnitNode(unit: $0.unit, candidates: $0.candidates) })
            case let .loadCandidates(code, year):
                let list = try db.candidates(CandidateFilter(unitCode: code, year: year))
                // Judged by the plan in force; a year no plan covers has no marks (the profile says why).
                let plan = try db.plans().plan(forYear: year)
                let verdicts = plan == nil ? [] : try db.verdicts(ids: list.map(\.candidate.id), year: year,
                                                                  parameters: plan?.parameters ?? .plan)
                let eligible = Dictionary(uniqueKeysWithValues: verdicts.map { ($0.candidateId, $0.eligible) })
                return .candidatesLoaded(unitCode: code, year: year, list.map {
                    CandidateRow(candidate: $0.candidate, unitName: $0.unitName, eligible: eligible[$0.candidate.id] ?? false,
                                 recordCount: $0.recordCount, topAward: $0.topAward, topAwardYear: $0.topAwardYear,
                                 judged: plan != nil)
                })
            case let .loadProfile(id, year):
                // Judged by the plan in force in the review year, with its parameters; with none, not judged.
                let plans = try db.plans()
                let plan = plans.plan(forYear: year)
                guard let c = try db.candidate(id),
                      let verdict = try db.verdict(id: id, year: year, parameters: plan?.parameters ?? .plan) else {
                    return .failed("? \(id)")
                }
                // The unit it is listed under in the review year (a district's person under its regional procuracy).
                let unit = try db.unit(ofCandidate: id, year: year)?.code ?? c.unitCode
                let path = try db.awardPath(id: id, year: year)
                return .profileLoaded(ProfileData(candidate: c, unitPath: try unitPath(unit),
                                                  records: try db.achievements(of: id) + db.predecessorRecords(of: id),
                                                  verdict: verdict, provenance: try db.provenance(ofCandidate: id),
                                                  noPlan: plan == nil ? plans.listing : nil,
                                                  changes: try db.recordHistory(of: id),
                                                  awardPath: AwardPathData(set: path?.set, steps: path?.steps ?? [])))
            case let .search(query, year):
                if index == nil { index = try db.searchIndex() }
                let r = index!.search(query, limit: 300)
                func hit(_ p: SearchIndex.Person) -> SearchHit {
                    .candidate(id: p.id, kind: p.kind, name: p.name, position: p.position, unitName: index!.units[p.unitIndex].name)
                }
                let people = r.people.map(hit)
                // Units named by the whole query first ("nghi loc" is a unit), then people named by it
                // ("nguyen van duc"), then units and people matching word by word.
                let unitHits = r.units.map { SearchHit.unit($0) }
                var hits = Array(unitHits.prefix(r.leadingUnits))
                hits += people.prefix(r.leadingPeople)
                hits += unitHits.dropFirst(r.leadingUnits)
                hits += people.dropFirst(r.leadingPeople)
                return .searchResults(query: query, hits, total: r.total, near: r.near.map(hit),
                                      eligible: try searchVerdicts(r.people.map(\.id) + r.near.map(\.id), year: year))
            case .loadDashboard(let year):
                // The plan in force in the review year sets the phase and the next date; with none, there are none.
                let plans = try db.plans()
                let plan = plans.plan(forYear: year)
                var f = try db.reviewFigures(year: year, today: today, plan: plan ?? .standard, judge: plan != nil)
                f.plan = plan
                f.plans = plans.listing
                f.closestToAwards = try db.closestToAwards(year: year)
                if plan == nil { f.phase = nil; f.nextDeadline = nil }
                return .dashboardLoaded(f)
            case let .exportReview(year, folder, english):
                return try exportReview(year: year, folder: folder, strings: english ? .en : .vi)
            case let .writeDocument(document, folder, english):
                return writeDocument(document, folder: folder, strings: english ? .en : .vi)
            case .quit:
                return nil
            case .voting(let v):
                return voting.run(v)
            case .forms(let e):
                return try runForms(e)
            case .nominations(let e):
                return try runNominations(e)
            case .secretariat(let e):
                return try runSecretariat(e)
            case .planLog(let e):
                return try runPlanLog(e)
            }
        } catch {
            return .failed("\(error)")
        }
    }

    /// The review year's verdict of each person a search found, as the unit's list shows it; nil when no plan covers
    /// the year. Kept between keystrokes (typing on narrows the same people), so each person is judged once.
    func searchVerdicts(_ ids: [String], year: Int) throws -> [String: Bool]? {
        guard let plan = try db.plans().plan(forYear: year) else { return nil }
        if searchEligible.year != year { searchEligible = (year, [:]) }
        let missing = ids.filter { searchEligible.verdicts[$0] == nil }
        if !missing.isEmpty {
            for v in try db.verdicts(ids: missing, year: year, parameters: plan.parameters ?? .plan) { searchEligible.verdicts[v.candidateId] = v.eligible }
        }
        return Dictionary(ids.compactMap { id in searchEligible.verdicts[id].map { (id, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Writes the review report in every format into `folder` (default: the database's folder).
    func exportReview(year: Int, folder: String?, strings: Strings) throws -> Msg {
        do {
            let doc = try ReportBuilder(db: db, strings: strings, today: today).review(year: year)
            let base = strings("docfile.review", year)
            let files = try ReportFormat.allCases.map { ("\(base).\($0.fileExtension)", try ReportRenderer.data(doc, format: $0)) }
            let target = try write(files, into: folder)
            return .reviewExported((target as NSString).appendingPathComponent(base) + ".{xlsx,csv,md,html}")
        } catch {
            return .failed(strings("dash.export_failed", Self.reason(error, strings)))
        }
    }

    /// The units of a level as the browse tree shows them.
    func unitTree(_ level: Level, year: Int) throws -> [UnitNode] {
        let counts = try db.placedCandidateCounts(year: year)
        func node(_ u: SectorUnit, _ children: [UnitNode] = []) -> UnitNode {
            UnitNode(unit: u, candidates: counts[u.code] ?? 0, children: children)
        }
        switch level {
        case .supreme:
            let all = try db.units(level: .supreme, year: year)
            guard let spp = all.first(where: { $0.code == "VKSTC" }) else { return all.map { node($0) } }
            return [node(spp, all.filter { $0.code != "VKSTC" }.map { node($0) })]
        case .high:
            return try db.units(level: .high, year: year).map { h in node(h, try db.subunits(of: h.code, year: year).map { node($0) }) }
        case .provincial, .district, .regional:
            // Districts until 2025-06-30, regional procuracies from 2025-07-01, each under its province.
            let local: Level = SectorCalendar.levels(year: year).contains(.regional) ? .regional : .district
            let districts = Dictionary(grouping: try db.units(level: local, year: year), by: { $0.parentCode ?? "" })
            return try db.units(level: .provincial, year: year).map { p in node(p, (districts[p.code] ?? []).map { node($0) }) }
        }
    }

    /// From the top of the sector down to the unit: SPP › department, region › province › district.
    func unitPath(_ code: String) throws -> [SectorUnit] {
        var path: [SectorUnit] = []
        var next: String? = code
        while let c = next, let u = try db.unit(c) {
            path.insert(u, at: 0)
            next = u.parentCode
        }
        return path
    }
}
