import Foundation

/// The denominator of a round's threshold. Raw values are the CLI contract (`--base`).
public enum ThresholdBase: String, CaseIterable, Codable, Sendable {
    /// All voting members of the council, present or not: the law's default (Decree 91/2017, Art. 45(8)).
    case members
    /// The members present at the meeting.
    case present
}

/// Why a set of round parameters is refused.
public enum ParameterProblem: Error, Equatable, Hashable, Sendable {
    /// `minSeats` is below 1.
    case minSeatsBelowOne(Int)
    /// `minSeats` exceeds `maxSeats`.
    case minAboveMax(min: Int, max: Int)
    /// The threshold is not in (0, 1].
    case thresholdOutOfRange(Fraction)
    /// The quorum is not in (0, 1].
    case quorumOutOfRange(Fraction)
    /// The threshold as typed is not a fraction or a decimal (`1/2`, `2/3`, `0.5`).
    case unreadableThreshold(String)
}

extension ParameterProblem {
    /// The strings table's key and arguments that word it: the store's refusal, the command line and the
    /// console's parameters form say it alike.
    public var wording: (key: String, args: [String]) {
        switch self {
        case .minSeatsBelowOne(let n): return ("round.problem.min_below_one", [String(n)])
        case let .minAboveMax(min, max): return ("round.problem.min_above_max", [String(min), String(max)])
        case .thresholdOutOfRange(let f): return ("round.problem.threshold_range", [f.description])
        case .quorumOutOfRange(let f): return ("round.problem.quorum_range", [f.description])
        case .unreadableThreshold(let t): return ("round.bad_threshold", [t])
        }
    }
}

/// Everything that decides a round's count. Recorded with every result so anyone can redo the count.
public struct RoundParameters: Hashable, Sendable, Codable {
    public var minSeats: Int
    public var maxSeats: Int
    /// The fraction of `base` a candidate needs.
    public var threshold: Fraction
    public var base: ThresholdBase
    /// `true`: "more than" the fraction (the 5–10 selection: more than 50%).
    /// `false`: "at least" the fraction (state-title rounds: at least 90%).
    public var strictlyMore: Bool
    /// Attendance needed before the round opens.
    public var quorum: Fraction

    public init(minSeats: Int = 5, maxSeats: Int = 10, threshold: Fraction = .half, base: ThresholdBase = .members,
                strictlyMore: Bool = true, quorum: Fraction = .twoThirds) {
        self.minSeats = minSeats
        self.maxSeats = maxSeats
        self.threshold = threshold
        self.base = base
        self.strictlyMore = strictlyMore
        self.quorum = quorum
    }

    /// Clause 1.4's default: 5 to 10 seats, more than 50% of all members, quorum 2/3.
    public static let selection = RoundParameters()

    /// Rounds that propose state titles (Decree 91/2017, Art. 45(8)): at least 90% of all members.
    public static func stateTitles(minSeats: Int = 1, maxSeats: Int) -> RoundParameters {
        RoundParameters(minSeats: minSeats, maxSeats: maxSeats, threshold: .ninetyPercent, base: .members,
                        strictlyMore: false)
    }

    public func validate() throws(ParameterProblem) {
        if minSeats < 1 { throw .minSeatsBelowOne(minSeats) }
        if minSeats > maxSeats { throw .minAboveMax(min: minSeats, max: maxSeats) }
        if !threshold.isProperPositive { throw .thresholdOutOfRange(threshold) }
        if !quorum.isProperPositive { throw .quorumOutOfRange(quorum) }
    }

    /// A round's parameters as the chair asks for them, typed: `round open --min --max --threshold --base --at-least`
    /// and the console's parameters form both read them here, and both are checked by `validate` (the store checks
    /// again when it opens the round). The quorum stays the law's 2/3.
    public static func reading(minSeats: Int, maxSeats: Int, threshold: String, base: ThresholdBase,
                               atLeast: Bool) throws(ParameterProblem) -> RoundParameters {
        let typed = threshold.trimmingCharacters(in: .whitespaces)
        guard let fraction = Fraction(parsing: typed) else { throw .unreadableThreshold(typed) }
        let p = RoundParameters(minSeats: minSeats, maxSeats: maxSeats, threshold: fraction, base: base, strictlyMore: !atLeast)
        try p.validate()
        return p
    }

    public var isValid: Bool {
        do { try validate(); return true } catch { return false }
    }

    public var quorumRule: Quorum { Quorum(fraction: quorum) }

    /// The head count the threshold is a fraction of.
    public func baseCount(members: Int, present: Int) -> Int {
        switch base {
        case .members: return members
        case .present: return present
        }
    }

    /// The fewest approvals that reach the threshold, computed with integers only:
    /// more than 1/2 of 21 -> 11, of 20 -> 11; at least 9/10 of 21 -> 19.
    /// Never less than 1: nobody is elected without a single approval (matters only for an empty base).
    public func requiredApprovals(members: Int, present: Int) -> Int {
        let n = baseCount(members: members, present: present)
        let k = strictlyMore ? threshold.moreThanCount(of: n) : threshold.atLeastCount(of: n)
        return max(1, k)
    }

    /// Whether `approvals` reaches the threshold; agrees with `requiredApprovals` by construction.
    public func reaches(approvals: Int, members: Int, present: Int) -> Bool {
        approvals >= requiredApprovals(members: members, present: present)
    }
}
