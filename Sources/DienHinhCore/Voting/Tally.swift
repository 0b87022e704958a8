import Foundation

/// A candidate on a round's shortlist, as the ballot and the minutes show it.
public struct ShortlistEntry: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var kind: CandidateKind
    public var unitCode: String

    public init(id: String, name: String, kind: CandidateKind, unitCode: String) {
        self.id = id
        self.name = TextFolding.nfc(name)
        self.kind = kind
        self.unitCode = unitCode
    }

    public init(_ candidate: Candidate) {
        self.init(id: candidate.id, name: candidate.name, kind: candidate.kind, unitCode: candidate.unitCode)
    }
}

/// What happened to a candidate in a round. Raw values are the JSON contract.
public enum Outcome: String, CaseIterable, Codable, Sendable {
    case elected
    /// Tied across the last seat: not elected yet; a run-off or the chair's casting choice decides.
    case tie
    case notElected = "not_elected"
}

/// Why a set of counting inputs cannot be counted: the inputs contradict each other.
public enum TallyError: Error, Equatable, Hashable, Sendable {
    case invalidParameters(ParameterProblem)
    case emptyCouncil
    case presentOutOfRange(present: Int, members: Int)
    /// More ballots than members: the roll and the box disagree.
    case moreBallotsThanMembers(cast: Int, members: Int)
    case writtenOutOfRange(written: Int, cast: Int)
    /// Written ballots come from absent members only.
    case moreWrittenThanAbsent(written: Int, absent: Int)
    /// Ballots cast in the room come from members present only.
    case moreInRoomThanPresent(inRoom: Int, present: Int)
    case duplicateShortlistId(String)
}

/// The counting rule of VOTING.md, "Counting". Pure: the same inputs always give the same result.
public enum Tally {
    /// Counts a round.
    ///
    /// - members: the voting members of the council (ballots issued = members).
    /// - present: members recorded present when the round closed.
    /// - shortlist: in ballot order; the result lists candidates in this order.
    /// - valid: the ballots accepted; any that does not fit the shortlist or the seat count is moved to
    ///   the invalid ones with its reason (so a stored box is re-checked on every count).
    /// - invalid: reasons for the ballots rejected when cast or entered.
    /// - written: how many of the cast ballots (valid or not) are absent members' written ballots.
    /// - fingerprints: the published ballot fingerprints (the store computes them); listed sorted.
    public static func count(roundId: String, status: RoundStatus = .closed, parameters: RoundParameters,
                             members: Int, present: Int, shortlist: [ShortlistEntry], valid: [Ballot],
                             invalid: [BallotProblem] = [], written: Int = 0,
                             fingerprints: [String] = []) throws(TallyError) -> RoundResult {
        do { try parameters.validate() } catch { throw .invalidParameters(error) }
        guard members > 0 else { throw .emptyCouncil }
        guard present >= 0, present <= members else { throw .presentOutOfRange(present: present, members: members) }
        var seen = Set<String>()
        for entry in shortlist where !seen.insert(entry.id).inserted { throw .duplicateShortlistId(entry.id) }

        var accepted: [Ballot] = []
        var rejected = invalid
        for ballot in valid {
            if let problem = ballot.problem(shortlist: seen, maxMarks: parameters.maxSeats) {
                rejected.append(problem)
            } else {
                accepted.append(ballot)
            }
        }
        let cast = accepted.count + rejected.count
        guard cast <= members else { throw .moreBallotsThanMembers(cast: cast, members: members) }
        guard written >= 0, written <= cast else { throw .writtenOutOfRange(written: written, cast: cast) }
        guard written <= members - present else { throw .moreWrittenThanAbsent(written: written, absent: members - present) }
        guard cast - written <= present else { throw .moreInRoomThanPresent(inRoom: cast - written, present: present) }

        var approvals: [String: Int] = [:]
        for ballot in accepted {
            for id in ballot.approvals { approvals[id, default: 0] += 1 }
        }

        let base = parameters.baseCount(members: members, present: present)
        let required = parameters.requiredApprovals(members: members, present: present)

        // Rank: approvals descending, ballot order among equals.
        let indexed = shortlist.enumerated().map { (index: $0.offset, entry: $0.element, votes: approvals[$0.element.id] ?? 0) }
        let ranked = indexed.sorted { $0.votes != $1.votes ? $0.votes > $1.votes : $0.index < $1.index }
        let passing = ranked.filter { $0.votes >= required }

        var outcomes: [String: Outcome] = [:]
        for c in ranked { outcomes[c.entry.id] = .notElected }
        var electedIds: [String] = []
        var tieForSeats = 0
        if passing.count <= parameters.maxSeats {
            // Room for everyone over the threshold, ties included.
            electedIds = passing.map(\.entry.id)
        } else {
            let cutoff = passing[parameters.maxSeats - 1].votes
            if passing[parameters.maxSeats].votes == cutoff {
                // A tie straddles the last seat: those above it are elected, the tied group waits.
                electedIds = passing.filter { $0.votes > cutoff }.map(\.entry.id)
                tieForSeats = parameters.maxSeats - electedIds.count
                for c in passing where c.votes == cutoff { outcomes[c.entry.id] = .tie }
            } else {
                electedIds = passing.prefix(parameters.maxSeats).map(\.entry.id)
            }
        }
        for id in electedIds { outcomes[id] = .elected }

        let candidates = indexed.map { c in
            CandidateResult(id: c.entry.id, name: c.entry.name, kind: c.entry.kind, unitCode: c.entry.unitCode,
                            approvals: c.votes, percentTenths: percentTenths(c.votes, of: base),
                            rank: 1 + ranked.filter { $0.votes > c.votes }.count,
                            reachedThreshold: c.votes >= required, outcome: outcomes[c.entry.id] ?? .notElected)
        }
        // Ballots issued: those entitled to vote in the round (with base `present`, the members present at its opening).
        let issued = parameters.base == .present ? present : members
        let ballots = BallotCounts(issued: issued, cast: cast, written: written, valid: accepted.count,
                                   invalid: rejected.count)
        return RoundResult(roundId: roundId, status: status, parameters: parameters, members: members, present: present,
                           ballots: ballots, invalidReasons: rejected, candidates: candidates, elected: electedIds,
                           unfilled: unfilledSeats(min: parameters.minSeats, elected: electedIds.count, tie: tieForSeats),
                           tieForSeats: tieForSeats, fingerprints: fingerprints.sorted(), castingChoice: nil)
    }

    /// `approvals / base * 100` in tenths, rounded half up, with integers only (15 of 21 -> 714).
    public static func percentTenths(_ approvals: Int, of base: Int) -> Int {
        guard base > 0 else { return 0 }
        return (approvals * 2000 + base) / (2 * base)
    }

    /// Seats short of the minimum once the tied seats are counted as filled (a tie only straddles
    /// the last of `max` seats, so a tie always means the minimum will be reached).
    static func unfilledSeats(min: Int, elected: Int, tie: Int) -> Int {
        Swift.max(0, min - elected - tie)
    }
}
