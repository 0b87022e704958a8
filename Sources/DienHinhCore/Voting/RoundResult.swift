import Foundation

/// A round's life. Raw values are the JSON contract's `status`.
public enum RoundStatus: String, CaseIterable, Codable, Sendable {
    case open, closed, certified
}

/// The ballot counts of the minutes and of `round result --json`'s `ballots` object.
public struct BallotCounts: Hashable, Sendable, Codable {
    /// One per voting member, present or absent (absent members get written ballots).
    public var issued: Int
    /// Returned: valid + invalid, written ones included.
    public var cast: Int
    /// Absent members' written ballots among `cast`.
    public var written: Int
    public var valid: Int
    public var invalid: Int

    public init(issued: Int, cast: Int, written: Int, valid: Int, invalid: Int) {
        self.issued = issued
        self.cast = cast
        self.written = written
        self.valid = valid
        self.invalid = invalid
    }
}

/// One candidate's line in a result.
public struct CandidateResult: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var kind: CandidateKind
    public var unitCode: String
    public var approvals: Int
    /// The percentage of the base in tenths, rounded half up (714 = 71.4%). Display only: outcomes
    /// are decided on exact approvals against `RoundResult.requiredApprovals`.
    @OneDecimalPercent public var percentTenths: Int
    /// 1 + the number of candidates with more approvals (equal approvals share a rank).
    public var rank: Int
    public var reachedThreshold: Bool
    public var outcome: Outcome

    public init(id: String, name: String, kind: CandidateKind, unitCode: String, approvals: Int, percentTenths: Int,
                rank: Int, reachedThreshold: Bool, outcome: Outcome) {
        self.id = id
        self.name = name
        self.kind = kind
        self.unitCode = unitCode
        self.approvals = approvals
        self.percentTenths = percentTenths
        self.rank = rank
        self.reachedThreshold = reachedThreshold
        self.outcome = outcome
    }

    /// 71.4 for 15 of 21: one decimal, for display and JSON.
    public var percent: Double { Double(percentTenths) / 10 }

    /// "71.4": the percentage as text, exact to one decimal.
    public var percentText: String { "\(percentTenths / 10).\(percentTenths % 10)" }

    private enum CodingKeys: String, CodingKey {
        case id, name, kind, unitCode = "unit_code", approvals, percentTenths = "percent", rank
        case reachedThreshold = "reached_threshold", outcome
    }
}

/// Tenths of a percent kept exact, written in JSON as the percentage with one decimal (714 as 71.4).
@propertyWrapper
public struct OneDecimalPercent: Hashable, Sendable, Codable {
    public var wrappedValue: Int

    public init(wrappedValue: Int) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        wrappedValue = Int((try decoder.singleValueContainer().decode(Double.self) * 10).rounded())
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Double(wrappedValue) / 10)
    }
}

/// A tie resolved by the chair's casting vote, recorded as such in the result and the minutes.
public struct CastingChoice: Hashable, Sendable, Codable {
    /// The tied candidates, in ballot order.
    public var tied: [String]
    public var seats: Int
    /// The chair's picks, in the order given.
    public var chosen: [String]
    /// The council member id of the chair who made the choice.
    public var chair: String

    public init(tied: [String], seats: Int, chosen: [String], chair: String) {
        self.tied = tied
        self.seats = seats
        self.chosen = chosen
        self.chair = chair
    }
}

/// Why a casting choice is refused.
public enum CastingChoiceError: Error, Equatable, Hashable, Sendable {
    case noTie
    case alreadyResolved
    case wrongCount(expected: Int, got: Int)
    case notTied(String)
    case duplicate(String)
}

/// What the result asks for next.
public enum NextStep: Hashable, Sendable {
    /// Nothing: the seats are settled (or nobody is left to vote on).
    case done
    /// A tie straddles the last seat: a run-off among exactly these candidates for `seats` seats
    /// (or the chair's casting choice).
    case runoffForTie(candidateIds: [String], seats: Int)
    /// Fewer than the minimum elected: the chair may open a further round among the candidates not
    /// yet elected, to fill at least `minSeats` and at most `maxSeats` more seats.
    case furtherRound(candidateIds: [String], minSeats: Int, maxSeats: Int)
}

/// A counted round: everything `round result --json` and the count minutes need.
public struct RoundResult: Hashable, Sendable {
    public var roundId: String
    public var status: RoundStatus
    public var parameters: RoundParameters
    /// Voting members of the council.
    public var members: Int
    public var present: Int
    public var ballots: BallotCounts
    /// One entry per invalid ballot.
    public var invalidReasons: [BallotProblem]
    /// In ballot (shortlist) order.
    public var candidates: [CandidateResult]
    /// Elected ids by rank (ballot order among equals).
    public var elected: [String]
    /// Seats short of `minSeats` (0 when a tie is pending: the tie's seats will be filled).
    public var unfilled: Int
    /// Seats the tied group competes for; 0 when no tie straddles the last seat.
    public var tieForSeats: Int
    /// Published ballot fingerprints (receipt codes), sorted.
    public var fingerprints: [String]
    public var castingChoice: CastingChoice?

    public init(roundId: String, status: RoundStatus, parameters: RoundParameters, members: Int, present: Int,
                ballots: BallotCounts, invalidReasons: [BallotProblem], candidates: [CandidateResult],
                elected: [String], unfilled: Int, tieForSeats: Int, fingerprints: [String],
                castingChoice: CastingChoice?) {
        self.roundId = roundId
        self.status = status
        self.parameters = parameters
        self.members = members
        self.present = present
        self.ballots = ballots
        self.invalidReasons = invalidReasons
        self.candidates = candidates
        self.elected = elected
        self.unfilled = unfilled
        self.tieForSeats = tieForSeats
        self.fingerprints = fingerprints
        self.castingChoice = castingChoice
    }

    public var base: ThresholdBase { parameters.base }
    public var baseCount: Int { parameters.baseCount(members: members, present: present) }
    public var requiredApprovals: Int { parameters.requiredApprovals(members: members, present: present) }
    public var absent: Int { members - present }
    public var quorumMet: Bool { parameters.quorumRule.isMet(present: present, members: members) }

    /// Candidates by rank, ballot order among equals.
    public var ranked: [CandidateResult] {
        candidates.enumerated().sorted { a, b in
            a.element.approvals != b.element.approvals ? a.element.approvals > b.element.approvals : a.offset < b.offset
        }.map(\.element)
    }

    public var tiedIds: [String] { candidates.filter { $0.outcome == .tie }.map(\.id) }

    public func candidate(_ id: String) -> CandidateResult? { candidates.first { $0.id == id } }

    public var next: NextStep {
        if tieForSeats > 0 { return .runoffForTie(candidateIds: tiedIds, seats: tieForSeats) }
        if unfilled > 0 {
            let rest = candidates.filter { $0.outcome != .elected }.map(\.id)
            if rest.isEmpty { return .done }
            return .furtherRound(candidateIds: rest, minSeats: unfilled,
                                 maxSeats: max(unfilled, parameters.maxSeats - elected.count))
        }
        return .done
    }

    /// The chair's casting choice: picks exactly `tieForSeats` of the tied candidates. The picks are
    /// elected, the other tied candidates are not, and the result records the choice as such.
    public func resolvingTie(chosen: [String], chair: String) throws(CastingChoiceError) -> RoundResult {
        if castingChoice != nil { throw .alreadyResolved }
        guard tieForSeats > 0 else { throw .noTie }
        let tied = tiedIds
        var seen = Set<String>()
        for id in chosen {
            if !seen.insert(id).inserted { throw .duplicate(id) }
            if !tied.contains(id) { throw .notTied(id) }
        }
        guard chosen.count == tieForSeats else { throw .wrongCount(expected: tieForSeats, got: chosen.count) }

        var out = self
        for i in out.candidates.indices where out.candidates[i].outcome == .tie {
            out.candidates[i].outcome = seen.contains(out.candidates[i].id) ? .elected : .notElected
        }
        // Tied candidates share a rank, so the chosen ones follow the others in ballot order.
        out.elected = out.ranked.filter { $0.outcome == .elected }.map(\.id)
        out.castingChoice = CastingChoice(tied: tied, seats: tieForSeats, chosen: chosen, chair: chair)
        out.tieForSeats = 0
        out.unfilled = Tally.unfilledSeats(min: parameters.minSeats, elected: out.elected.count, tie: 0)
        return out
    }
}

extension RoundResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case round, status, members, present, base, threshold
        case thresholdFraction = "threshold_fraction", strictlyMore = "strictly_more", required, quorum
        case min, max, ballots, invalidReasons = "invalid_reasons", candidates, elected, unfilled
        case tieForSeats = "tie_for_seats", castingChoice = "casting_choice", next, fingerprints
    }

    private enum NextKeys: String, CodingKey { case step, candidates, seats, min, max }

    /// The keys of INTERFACES.md (`round`, `status`, `members`, `present`, `base`, `threshold`, `min`,
    /// `max`, `ballots`, `candidates`, `elected`, `unfilled`, `tie_for_seats`, `fingerprints`) plus:
    /// `threshold_fraction` ("1/2", exact), `strictly_more`, `required` (approvals needed),
    /// `quorum` ("2/3"), `invalid_reasons`, per candidate `kind`, `unit_code`, `rank`,
    /// `reached_threshold`, `casting_choice` (only when a tie was resolved that way) and `next`
    /// (`{"step": "done"}`, `{"step": "runoff_tie", "candidates": [...], "seats": N}` or
    /// `{"step": "further_round", "candidates": [...], "min": N, "max": M}`).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(roundId, forKey: .round)
        try c.encode(status, forKey: .status)
        try c.encode(members, forKey: .members)
        try c.encode(present, forKey: .present)
        try c.encode(parameters.base, forKey: .base)
        try c.encode(parameters.threshold.doubleValue, forKey: .threshold)
        try c.encode(parameters.threshold, forKey: .thresholdFraction)
        try c.encode(parameters.strictlyMore, forKey: .strictlyMore)
        try c.encode(requiredApprovals, forKey: .required)
        try c.encode(parameters.quorum, forKey: .quorum)
        try c.encode(parameters.minSeats, forKey: .min)
        try c.encode(parameters.maxSeats, forKey: .max)
        try c.encode(ballots, forKey: .ballots)
        try c.encode(invalidReasons, forKey: .invalidReasons)
        try c.encode(candidates, forKey: .candidates)
        try c.encode(elected, forKey: .elected)
        try c.encode(unfilled, forKey: .unfilled)
        try c.encode(tieForSeats, forKey: .tieForSeats)
        try c.encodeIfPresent(castingChoice, forKey: .castingChoice)
        var n = c.nestedContainer(keyedBy: NextKeys.self, forKey: .next)
        switch next {
        case .done:
            try n.encode("done", forKey: .step)
        case let .runoffForTie(ids, seats):
            try n.encode("runoff_tie", forKey: .step)
            try n.encode(ids, forKey: .candidates)
            try n.encode(seats, forKey: .seats)
        case let .furtherRound(ids, minSeats, maxSeats):
            try n.encode("further_round", forKey: .step)
            try n.encode(ids, forKey: .candidates)
            try n.encode(minSeats, forKey: .min)
            try n.encode(maxSeats, forKey: .max)
        }
        try c.encode(fingerprints, forKey: .fingerprints)
    }

    /// Reads back what `encode` wrote; derived fields (`required`, `next`) are recomputed, not trusted.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let threshold: Fraction
        if let exact = try c.decodeIfPresent(Fraction.self, forKey: .thresholdFraction) {
            threshold = exact
        } else {
            let approximate = try c.decode(Double.self, forKey: .threshold)
            guard let parsed = Fraction(parsing: String(approximate)) else {
                throw DecodingError.dataCorruptedError(forKey: .threshold, in: c, debugDescription: "bad threshold")
            }
            threshold = parsed
        }
        let parameters = RoundParameters(
            minSeats: try c.decode(Int.self, forKey: .min), maxSeats: try c.decode(Int.self, forKey: .max),
            threshold: threshold, base: try c.decode(ThresholdBase.self, forKey: .base),
            strictlyMore: try c.decodeIfPresent(Bool.self, forKey: .strictlyMore) ?? true,
            quorum: try c.decodeIfPresent(Fraction.self, forKey: .quorum) ?? .twoThirds)
        self.init(roundId: try c.decode(String.self, forKey: .round),
                  status: try c.decode(RoundStatus.self, forKey: .status),
                  parameters: parameters,
                  members: try c.decode(Int.self, forKey: .members),
                  present: try c.decode(Int.self, forKey: .present),
                  ballots: try c.decode(BallotCounts.self, forKey: .ballots),
                  invalidReasons: try c.decodeIfPresent([BallotProblem].self, forKey: .invalidReasons) ?? [],
                  candidates: try c.decode([CandidateResult].self, forKey: .candidates),
                  elected: try c.decode([String].self, forKey: .elected),
                  unfilled: try c.decode(Int.self, forKey: .unfilled),
                  tieForSeats: try c.decode(Int.self, forKey: .tieForSeats),
                  fingerprints: try c.decode([String].self, forKey: .fingerprints),
                  castingChoice: try c.decodeIfPresent(CastingChoice.self, forKey: .castingChoice))
    }
}

/// The round that follows a result which left a tie or unfilled seats.
///
/// - Tie: the shortlist is exactly the tied candidates; at most `tieForSeats` seats. The minimum is
///   the seats still needed to reach the previous round's minimum, but at least 1 and at most
///   `tieForSeats` (the tied candidates already passed the threshold once; if the council's minimum
///   is already met, filling fewer than all tied seats is not "unfilled").
/// - Unfilled: the shortlist is every candidate not yet elected (ballot order); at least `unfilled`
///   and at most `maxSeats - elected` seats, so the two rounds together stay within the original range.
///
/// Threshold, base, "more than"/"at least" and quorum are carried over unchanged: a run-off does not
/// lower the bar. A run-off's result is planned from in the same way, so chains of rounds work.
public struct RunoffPlan: Hashable, Sendable {
    public enum Kind: String, Sendable, Codable {
        case tie
        case unfilled
    }

    public var kind: Kind
    public var previousRoundId: String
    public var shortlist: [ShortlistEntry]
    public var parameters: RoundParameters

    public init(kind: Kind, previousRoundId: String, shortlist: [ShortlistEntry], parameters: RoundParameters) {
        self.kind = kind
        self.previousRoundId = previousRoundId
        self.shortlist = shortlist
        self.parameters = parameters
    }

    /// Nil when the result needs no further round.
    public init?(after result: RoundResult) {
        var parameters = result.parameters
        let ids: [String]
        switch result.next {
        case .done:
            return nil
        case let .runoffForTie(tied, seats):
            kind = .tie
            ids = tied
            parameters.maxSeats = seats
            parameters.minSeats = min(seats, max(1, result.parameters.minSeats - result.elected.count))
        case let .furtherRound(rest, minSeats, maxSeats):
            kind = .unfilled
            ids = rest
            parameters.minSeats = minSeats
            parameters.maxSeats = maxSeats
        }
        previousRoundId = result.roundId
        let wanted = Set(ids)
        shortlist = result.candidates.filter { wanted.contains($0.id) }.map {
            ShortlistEntry(id: $0.id, name: $0.name, kind: $0.kind, unitCode: $0.unitCode)
        }
        self.parameters = parameters
    }
}
