import Foundation

/// The clauses of plan item 1.2, in the order a verdict prints them.
public enum Clause: String, CaseIterable, Codable, Sendable {
    case individualBase = "1.2a.base"
    case individualLabourOrder = "1.2a.1"
    case individualPrimeMinister = "1.2a.2"
    case individualCertificate = "1.2a.3"
    case individualNationalFighter = "1.2a.4"
    case individualSectorFighter = "1.2a.5"
    case individualSustained = "1.2a.6"
    case individualOneOff = "1.2a.7"
    case individualLeader = "1.2a.leader"
    case collectiveBase = "1.2b.base"
    case collectiveYear = "1.2b.1"
    case collectiveHero = "1.2b.2"
    case collectiveOrder = "1.2b.3"
    case collectiveFlags = "1.2b.4"

    public static let individual: [Clause] = [
        .individualBase, .individualLabourOrder, .individualPrimeMinister, .individualCertificate,
        .individualNationalFighter, .individualSectorFighter, .individualSustained, .individualOneOff,
        .individualLeader,
    ]
    public static let collective: [Clause] = [
        .collectiveBase, .collectiveYear, .collectiveHero, .collectiveOrder, .collectiveFlags,
    ]
}

/// The parameters a council may change; every verdict carries the ones it was computed with.
public struct EligibilityParameters: Equatable, Hashable, Sendable, Codable {
    /// 1.2a.6: consecutive HTXSNV years ending in the review year.
    public var consecutiveYears: Int
    /// 1.2a.6: recognised initiatives (SANG_KIEN) needed.
    public var minInitiatives: Int
    /// 1.2b.4: consecutive flag years needed.
    public var flagConsecutiveYears: Int
    /// 1.2b.4: the window the flags must fall in (2011–2016 in the plan).
    public var flagWindowStart: Int
    public var flagWindowEnd: Int
    /// A collective formed by merger: whether the records of the collectives it was formed from count for its
    /// verdict (they are shown either way). The plan's parameter; by default they count.
    public var countPredecessors: Bool = true

    enum CodingKeys: String, CodingKey {
        case consecutiveYears, minInitiatives, flagConsecutiveYears, flagWindowStart, flagWindowEnd, countPredecessors
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        consecutiveYears = try c.decode(Int.self, forKey: .consecutiveYears)
        minInitiatives = try c.decode(Int.self, forKey: .minInitiatives)
        flagConsecutiveYears = try c.decode(Int.self, forKey: .flagConsecutiveYears)
        flagWindowStart = try c.decode(Int.self, forKey: .flagWindowStart)
        flagWindowEnd = try c.decode(Int.self, forKey: .flagWindowEnd)
        // A plan file written before the parameter existed: the default.
        countPredecessors = try c.decodeIfPresent(Bool.self, forKey: .countPredecessors) ?? true
    }

    public init(consecutiveYears: Int = 2, minInitiatives: Int = 2, flagConsecutiveYears: Int = 2,
                flagWindowStart: Int = 2011, flagWindowEnd: Int = 2016) {
        self.consecutiveYears = consecutiveYears
        self.minInitiatives = minInitiatives
        self.flagConsecutiveYears = flagConsecutiveYears
        self.flagWindowStart = flagWindowStart
        self.flagWindowEnd = flagWindowEnd
    }

    public static let plan = EligibilityParameters()
}

/// A record cited in a clause line: the candidate's own, or (1.2b.1) a disciplined colleague's.
public struct Evidence: Equatable, Hashable, Sendable, Codable {
    public var type: AwardCode
    public var year: Int
    public var awardClass: Int?
    public var proposedAward: AwardCode?
    public var decisionNo: String?
    /// Set when the record belongs to another candidate (a disciplined staff member, a leader's collective).
    public var candidateId: String?

    public init(type: AwardCode, year: Int, awardClass: Int? = nil, proposedAward: AwardCode? = nil,
                decisionNo: String? = nil, candidateId: String? = nil) {
        self.type = type
        self.year = year
        self.awardClass = awardClass
        self.proposedAward = proposedAward
        self.decisionNo = decisionNo
        self.candidateId = candidateId
    }

    public init(_ a: Achievement, foreign: Bool = false) {
        self.init(type: a.type, year: a.year, awardClass: a.awardClass, proposedAward: a.proposedAward,
                  decisionNo: a.decisionNo, candidateId: foreign ? a.candidateId : nil)
    }
}

/// Why a clause line came out as it did, in words a council member can check; rendered from resources.
public enum Finding: Equatable, Hashable, Sendable, Codable {
    /// Attestation present or absent (base clauses); lists the attestations missing.
    case attested(missing: [String])
    /// Found the required record(s).
    case found
    /// None of the required types held by the review year.
    case noneHeld(types: [AwardCode])
    /// 1.2a.6: longest HTXSNV run ending in the year, initiatives counted, organisation/prize held.
    case sustained(runEndingInYear: Int, needRun: Int, initiatives: Int, needInitiatives: Int, massOrgOrPrize: Bool)
    /// 1.2b.1: in the year: exceeded targets, initiatives, disciplined staff.
    case yearRecord(exceededTargets: Bool, initiatives: Int, disciplined: Int)
    /// 1.2b.4: longest consecutive flag run inside the window.
    case flagRun(longest: Int, need: Int, windowStart: Int, windowEnd: Int)
    /// 1.2a.leader: not a leader, so the clause does not apply.
    case notApplicable
    /// 1.2a.leader: the leader's collective and whether it meets 1.2b.
    case leaderCollective(collectiveId: String, name: String, eligible: Bool, failedClauses: [Clause])
    /// 1.2a.leader: no collective record for the leader's unit.
    case noCollectiveRecord(unitCode: String)
}

/// One line of a verdict: a clause, met or not, and its evidence.
public struct ClauseResult: Equatable, Hashable, Sendable, Codable {
    public var clause: Clause
    public var met: Bool
    public var evidence: [Evidence]
    public var finding: Finding

    public init(clause: Clause, met: Bool, evidence: [Evidence] = [], finding: Finding) {
        self.clause = clause
        self.met = met
        self.evidence = evidence
        self.finding = finding
    }
}

/// The explained eligibility of one candidate for one review year.
public struct Verdict: Equatable, Hashable, Sendable, Codable {
    public var candidateId: String
    public var kind: CandidateKind
    public var year: Int
    public var eligible: Bool
    public var parameters: EligibilityParameters
    public var clauses: [ClauseResult]
    /// Achievements the history holds more than once (the same decision): each was counted once.
    public var copies: [RecordCopies]

    public init(candidateId: String, kind: CandidateKind, year: Int, eligible: Bool,
                parameters: EligibilityParameters, clauses: [ClauseResult], copies: [RecordCopies] = []) {
        self.candidateId = candidateId
        self.kind = kind
        self.year = year
        self.eligible = eligible
        self.parameters = parameters
        self.clauses = clauses
        self.copies = copies
    }

    public func line(_ clause: Clause) -> ClauseResult? { clauses.first { $0.clause == clause } }
}
