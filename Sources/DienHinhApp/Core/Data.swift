import DienHinhCore
import Foundation

/// A unit in the browse tree, with the units under it.
public struct UnitNode: Equatable, Sendable {
    public var unit: SectorUnit
    public var candidates: Int
    public var children: [UnitNode]
    public init(unit: SectorUnit, candidates: Int, children: [UnitNode] = []) {
        self.unit = unit
        self.candidates = candidates
        self.children = children
    }
}

/// A candidate as the unit's list shows it.
public struct CandidateRow: Equatable, Sendable {
    public var candidate: Candidate
    public var unitName: String
    public var eligible: Bool
    public var recordCount: Int
    public var topAward: AwardCode?
    public var topAwardYear: Int?
    /// False when no plan covers the review year: nobody is judged, the list shows no mark.
    public var judged = true
    public init(candidate: Candidate, unitName: String, eligible: Bool, recordCount: Int, topAward: AwardCode?, topAwardYear: Int?,
                judged: Bool = true) {
        self.judged = judged
        self.candidate = candidate
        self.unitName = unitName
        self.eligible = eligible
        self.recordCount = recordCount
        self.topAward = topAward
        self.topAwardYear = topAwardYear
    }
}

/// Everything the profile screen shows about one candidate for one review year.
public struct ProfileData: Equatable, Sendable {
    public var candidate: Candidate
    /// From the top of the sector down to the candidate's own unit.
    public var unitPath: [SectorUnit]
    public var records: [Achievement]
    public var verdict: Verdict
    public var provenance: Provenance?
    /// Set when no plan covers the review year: the plans there are. The verdict panel then says so instead of
    /// judging by another period's rules.
    public var noPlan: String?
    /// The history of the candidate's row and records, newest first (issue 14).
    public var changes: [RecordChange]
    /// The award path under the rules of the review year (issue 17): the set in force, nil when none covers it.
    public var awardPath: AwardPathData

    /// The records in the order the history shows them: newest year first, a year's records as loaded.
    public var shownRecords: [Achievement] {
        Set(records.map(\.year)).sorted(by: >).flatMap { y in records.filter { $0.year == y } }
    }
    public init(candidate: Candidate, unitPath: [SectorUnit], records: [Achievement], verdict: Verdict, provenance: Provenance?,
                noPlan: String? = nil, changes: [RecordChange] = [], awardPath: AwardPathData = AwardPathData()) {
        self.awardPath = awardPath
        self.noPlan = noPlan
        self.changes = changes
        self.candidate = candidate
        self.unitPath = unitPath
        self.records = records
        self.verdict = verdict
        self.provenance = provenance
    }
}

/// A candidate's award path for the profile's third pane.
public struct AwardPathData: Equatable, Sendable {
    public var set: AwardRuleSet?
    public var steps: [AwardStep]
    public init(set: AwardRuleSet? = nil, steps: [AwardStep] = []) { (self.set, self.steps) = (set, steps) }
}

/// One search result: a person or collective, or a unit.
public enum SearchHit: Equatable, Sendable {
    case candidate(id: String, kind: CandidateKind, name: String, position: String?, unitName: String)
    case unit(SectorUnit)
}
