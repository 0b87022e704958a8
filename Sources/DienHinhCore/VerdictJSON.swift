import Foundation

/// The `check --json` object of INTERFACES.md for one verdict. Absent optionals are omitted.
public struct VerdictJSON: Codable, Equatable, Sendable {
    public struct Parameters: Codable, Equatable, Sendable {
        public var consecutiveYears: Int
        public var minInitiatives: Int
        public var flagConsecutiveYears: Int
        /// `[start, end]`.
        public var flagWindow: [Int]
        /// A merged collective's predecessors' records count (docs/UNITS.md).
        public var countPredecessors: Bool?

        enum CodingKeys: String, CodingKey {
            case countPredecessors = "count_predecessors"
            case consecutiveYears = "consecutive_years"
            case minInitiatives = "min_initiatives"
            case flagConsecutiveYears = "flag_consecutive_years"
            case flagWindow = "flag_window"
        }

        public init(_ p: EligibilityParameters) {
            consecutiveYears = p.consecutiveYears
            minInitiatives = p.minInitiatives
            flagConsecutiveYears = p.flagConsecutiveYears
            flagWindow = [p.flagWindowStart, p.flagWindowEnd]
            countPredecessors = p.countPredecessors
        }
    }

    public struct EvidenceItem: Codable, Equatable, Sendable {
        public var type: AwardCode
        public var year: Int
        public var awardClass: Int?
        public var proposedAward: AwardCode?
        public var decisionNo: String?
        public var candidateId: String?

        enum CodingKeys: String, CodingKey {
            case type, year
            case awardClass = "class"
            case proposedAward = "proposed_award"
            case decisionNo = "decision_no"
            case candidateId = "candidate_id"
        }

        public init(_ e: Evidence) {
            type = e.type
            year = e.year
            awardClass = e.awardClass
            proposedAward = e.proposedAward
            decisionNo = e.decisionNo
            candidateId = e.candidateId
        }
    }

    public struct Line: Codable, Equatable, Sendable {
        public var clause: Clause
        public var met: Bool
        public var evidence: [EvidenceItem]

        public init(_ r: ClauseResult) {
            clause = r.clause
            met = r.met
            evidence = r.evidence.map(EvidenceItem.init)
        }
    }

    public var id: String
    public var kind: CandidateKind
    public var year: Int
    public var eligible: Bool
    public var parameters: Parameters
    public var clauses: [Line]

    enum CodingKeys: String, CodingKey {
        case id, kind, year, eligible, parameters, clauses
    }

    public init(_ verdict: Verdict) {
        id = verdict.candidateId
        kind = verdict.kind
        year = verdict.year
        eligible = verdict.eligible
        parameters = Parameters(verdict.parameters)
        clauses = verdict.clauses.map(Line.init)
    }

    /// The `check --json` document: an array of verdict objects.
    public static func encode(_ verdicts: [Verdict], pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
        return try encoder.encode(verdicts.map(VerdictJSON.init))
    }
}

extension Verdict {
    /// This verdict in the `check --json` shape.
    public var json: VerdictJSON { VerdictJSON(self) }
}
