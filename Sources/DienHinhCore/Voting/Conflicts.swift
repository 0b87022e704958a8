import Foundation

/// What a conflict of interest does in a round (issue 19). Raw values are the CLI contract (`round open --conflicts`).
public enum ConflictRule: String, CaseIterable, Codable, Sendable {
    /// Shown on the ballot and the console and written in the minutes; the member may still mark the candidate.
    case flag
    /// The member's ballot cannot mark the candidate. The base stays all members, as the law counts it.
    case recuse
}

/// Why a member is in conflict with a candidate.
public enum ConflictSource: String, CaseIterable, Codable, Sendable {
    /// The candidate belongs to the member's own unit or to a unit under it (found when the round opens).
    case unit
    /// The member declared it.
    case declared
}

/// One member's conflict with one candidate of a round. Public: it is in the minutes. It says nothing of a ballot.
public struct RoundConflict: Equatable, Hashable, Sendable, Codable {
    public var memberId: String
    public var candidateId: String
    public var source: ConflictSource
    public init(memberId: String, candidateId: String, source: ConflictSource) {
        self.memberId = memberId; self.candidateId = candidateId; self.source = source
    }
}

public enum ConflictOfInterest {
    /// Whether a candidate of `candidateUnit` is of the member's own unit or of a unit under it, following the units'
    /// parents (`parents[code]` is the unit above `code`).
    public static func flagged(memberUnit: String, candidateUnit: String, parents: [String: String]) -> Bool {
        var code: String? = candidateUnit
        var seen = Set<String>()
        while let c = code, seen.insert(c).inserted {
            if c == memberUnit { return true }
            code = parents[c]
        }
        return false
    }

    /// The candidates a member cannot mark under `rule`: none when conflicts are only flagged.
    public static func barred(_ rule: ConflictRule, member: String, conflicts: [RoundConflict]) -> Set<String> {
        guard rule == .recuse else { return [] }
        return Set(conflicts.filter { $0.memberId == member }.map(\.candidateId))
    }
}
