import Foundation

/// A candidate put forward by its unit to the sector council for a year (clause 1.4).
public struct Nomination: Equatable, Hashable, Sendable, Codable {
    public var candidateId: String
    public var year: Int
    public var unitCode: String
    public var kind: CandidateKind
    /// Set when the candidate is not eligible for the year and is nominated anyway: the written reason.
    public var overrideReason: String?

    public init(candidateId: String, year: Int, unitCode: String, kind: CandidateKind, overrideReason: String? = nil) {
        self.candidateId = candidateId
        self.year = year
        self.unitCode = unitCode
        self.kind = kind
        self.overrideReason = overrideReason
    }
}

/// What the quota check needs to know about a nominee: enough to name who fills a quota.
public struct Nominee: Equatable, Hashable, Sendable, Codable {
    public var candidateId: String
    public var kind: CandidateKind
    public var name: String

    public init(candidateId: String, kind: CandidateKind, name: String) {
        self.candidateId = candidateId
        self.kind = kind
        self.name = name
    }

    public init(_ candidate: Candidate) {
        self.init(candidateId: candidate.id, kind: candidate.kind, name: candidate.name)
    }
}

/// Why a nomination is refused. Structured, so the interface can word it in either language.
public enum NominationRefusal: Error, Equatable, Hashable, Sendable {
    /// The unit's quota for this kind and year is full; `holders` are the nominees filling it.
    case quotaFull(kind: CandidateKind, limit: Int, holders: [Nominee])
    /// The candidate is already nominated for this year.
    case alreadyNominated(candidateId: String)
    /// Not eligible for the year and no written reason given for an override.
    case notEligible(candidateId: String)
}

extension NominationRefusal: CustomStringConvertible {
    /// English, for logs and tests; the interface renders its own wording from the cases.
    public var description: String {
        switch self {
        case let .quotaFull(kind, limit, holders):
            let names = holders.map { "\($0.name) (\($0.candidateId))" }.joined(separator: ", ")
            return "quota full: at most \(limit) \(kind.rawValue) per unit and year, already nominated: \(names)"
        case let .alreadyNominated(id):
            return "\(id) is already nominated for this year"
        case let .notEligible(id):
            return "\(id) is not eligible for this year: an override needs a written reason"
        }
    }
}

/// Clause 1.4: each unit introduces at most 01 collective and 02 individuals a year.
public struct NominationQuota: Hashable, Sendable, Codable {
    public var collectives: Int
    public var individuals: Int

    public init(collectives: Int = 1, individuals: Int = 2) {
        self.collectives = collectives
        self.individuals = individuals
    }

    /// The plan's quota: 1 collective, 2 individuals.
    public static let plan = NominationQuota()

    public func limit(for kind: CandidateKind) -> Int {
        switch kind {
        case .collective: return collectives
        case .individual: return individuals
        }
    }

    /// `existing`: the unit's nominations for the year, in the order they were made.
    /// Refuses a candidate already on the list, or one whose kind's quota is full
    /// (the refusal names the nominees filling it).
    public func check(existing: [Nominee], new nominee: Nominee) throws(NominationRefusal) {
        if existing.contains(where: { $0.candidateId == nominee.candidateId }) {
            throw .alreadyNominated(candidateId: nominee.candidateId)
        }
        let sameKind = existing.filter { $0.kind == nominee.kind }
        let limit = limit(for: nominee.kind)
        if sameKind.count >= limit {
            throw .quotaFull(kind: nominee.kind, limit: limit, holders: sameKind)
        }
    }

    /// The non-throwing form: nil when allowed, else the refusal.
    public func refusal(existing: [Nominee], new nominee: Nominee) -> NominationRefusal? {
        do { try check(existing: existing, new: nominee); return nil } catch { return error }
    }
}

/// Eligibility gate: a nominee must be eligible for the year, or be nominated with an explicit
/// override and a non-empty written reason.
public enum NominationCheck {
    /// Returns the reason to record (trimmed, NFC; nil when eligible and none was given).
    /// Throws `.notEligible` when not eligible and the reason is missing or blank.
    public static func check(candidateId: String, eligible: Bool, overrideReason: String?) throws(NominationRefusal) -> String? {
        let reason = overrideReason.map { TextFolding.nfc($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let written = (reason?.isEmpty == false) ? reason : nil
        if !eligible && written == nil { throw .notEligible(candidateId: candidateId) }
        return written
    }

    /// The whole rule for one new nomination: not already nominated, quota not full, eligible or overridden.
    /// `existing` must be the nominations of `unitCode` for `year`.
    public static func nominate(_ nominee: Nominee, year: Int, unitCode: String, existing: [Nominee],
                                eligible: Bool, overrideReason: String?,
                                quota: NominationQuota = .plan) throws(NominationRefusal) -> Nomination {
        try quota.check(existing: existing, new: nominee)
        let reason = try check(candidateId: nominee.candidateId, eligible: eligible, overrideReason: overrideReason)
        return Nomination(candidateId: nominee.candidateId, year: year, unitCode: unitCode, kind: nominee.kind,
                          overrideReason: reason)
    }
}
